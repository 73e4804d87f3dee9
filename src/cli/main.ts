// The CLI runner: picks the command, parses flags, maps every failure to an
// exit code. It returns the code; only bin/modelctl.js sets it on the process.
import { parse } from './args.js';
import { TOOL, type Command } from './command.js';
import { EXIT } from './exit-codes.js';
import { UsageError, type CliIO } from './io.js';
import { commands } from './commands/index.js';

export { v8FlagsFor } from './v8-flags.js';

const VERSION = TOOL.version;

/**
 * --color / --no-color are global: taken out of argv before the command's own
 * flags are parsed (never after `--`), last one wins, and they win over
 * FORCE_COLOR / NO_COLOR (see useColor).
 */
function colorFlags(args: readonly string[]): { rest: string[]; color?: boolean } {
  const rest: string[] = [];
  let color: boolean | undefined;
  let ended = false;
  for (const a of args) {
    if (!ended && a === '--color') color = true;
    else if (!ended && a === '--no-color') color = false;
    else {
      if (a === '--') ended = true;
      rest.push(a);
    }
  }
  return { rest, ...(color === undefined ? {} : { color }) };
}

function topUsage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `modelctl ${VERSION} — GitOps compiler for LLM model catalogs

Usage: modelctl <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'modelctl <command> --help' for a command's options.
Every command takes --color / --no-color (default: colour on a terminal;
FORCE_COLOR and NO_COLOR are honoured, the flags win).
Exit codes: 0 ok, 1 invalid or failed, 2 changes present (--detailed-exitcode), 3 refused, 64 usage.
`;
}

export async function main(argv: readonly string[], cliIO: CliIO): Promise<number> {
  const global = colorFlags(argv);
  const io: CliIO = global.color === undefined ? cliIO : { ...cliIO, color: global.color };
  const [name, ...rest] = global.rest;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topUsage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(VERSION + '\n');
    return EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`modelctl: unknown command '${name}'\n\n${topUsage()}`);
    return EXIT.usage;
  }
  const command: Command = await entry.load();
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
