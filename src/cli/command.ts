import type { OptionSpec } from './args.js';
import type { CliIO } from './io.js';

export interface Command {
  name: string;
  summary: string;
  /** Full --help text (usage line first). */
  usage: string;
  options: OptionSpec;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], io: CliIO): Promise<number>;
}
