import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT_URL } from '../io/package-root.js';
import type { OptionSpec } from './args.js';
import type { CliIO } from './io.js';

export interface Command {
  name: string;
  /** Full --help text (usage line first). */
  usage: string;
  options: OptionSpec;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], io: CliIO): Promise<number>;
}

/** A command as the top-level help lists it; its module is imported only when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export interface ToolInfo {
  name: string;
  version: string;
  /** The package's homepage (or repository) URL when package.json gives one; SARIF's tool.driver.informationUri. */
  informationUri?: string;
}

/**
 * Who we are, from the package's package.json, so --version and SARIF's tool.driver never drift from the package.
 */
function readToolInfo(): ToolInfo {
  try {
    const pkg = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT_URL), 'utf8')) as {
      name?: string;
      version?: string;
      homepage?: string;
      repository?: string | { url?: string };
    };
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const uri = [pkg.homepage, repo?.replace(/^git\+/, '').replace(/\.git$/, '')].find((u) => typeof u === 'string' && /^https:\/\//.test(u));
    return { name: 'modelctl', version: pkg.version ?? '0.0.0', ...(uri ? { informationUri: uri } : {}) };
  } catch {
    return { name: 'modelctl', version: '0.0.0' };
  }
}

export const TOOL: ToolInfo = readToolInfo();
