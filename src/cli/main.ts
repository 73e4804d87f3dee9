// The CLI runner: picks the command, parses flags, maps every failure to an
// exit code. It returns the code; only bin/modelctl.js sets it on the process.
import { parse } from './args.js';
import type { Command } from './command.js';
import { EXIT } from './exit-codes.js';
import { UsageError, type CliIO } from './io.js';
import { commands } from './commands/index.js';

const VERSION = '0.1.0';

function topUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `modelctl ${VERSION} — GitOps compiler for LLM model catalogs

Usage: modelctl <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'modelctl <command> --help' for a command's options.
Exit codes: 0 ok, 1 invalid or failed, 2 changes present (--detailed-exitcode), 3 refused, 64 usage.
`;
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topUsage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(VERSION + '\n');
    return EXIT.ok;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`modelctl: unknown command '${name}'\n\n${topUsage()}`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parse(rest, command.options);
    if (values.help) {
      io.stdout.write(command.usage + '\n');
      return EXIT.ok;
    }
    return await command.run(values, positionals, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`modelctl ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    // A failed operation: one line, no stack trace (set MODELCTL_DEBUG=1 for it).
    io.stderr.write(`modelctl ${command.name}: ${(err as Error).message}\n`);
    if (io.env.MODELCTL_DEBUG) io.stderr.write(`${(err as Error).stack}\n`);
    return EXIT.failed;
  }
}
