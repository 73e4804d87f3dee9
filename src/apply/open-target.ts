// `--target` as the user writes it: `file:PATH` or an http(s) URL.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileTarget } from './file-target.js';
import { HttpTarget, proxyFromEnv } from './http-target.js';
import { redactUrl } from './redact-url.js';
import type { Target } from './types.js';

export class TargetSpecError extends Error {}

export interface OpenTargetOptions {
  cwd: string;
  env: Record<string, string | undefined>;
}

export function openTarget(spec: string, opts: OpenTargetOptions): Target {
  if (/^https?:\/\//i.test(spec)) {
    if (!URL.canParse(spec)) throw new TargetSpecError(`--target is not a valid URL: '${redactUrl(spec)}'`);
    const token = opts.env['MODELCTL_ADMIN_TOKEN'];
    // HTTP(S)_PROXY / NO_PROXY from the command's environment.
    return new HttpTarget(spec, { ...(token ? { token } : {}), proxy: proxyFromEnv(opts.env) });
  }
  // Warnings (models hidden for missing credentials) are computed against this command's env.
  if (spec.startsWith('file://')) return new FileTarget(fileURLToPath(spec), { env: opts.env });
  if (spec.startsWith('file:')) {
    const path = spec.slice('file:'.length);
    if (!path) throw new TargetSpecError('--target file: needs a path, e.g. file:live.json');
    return new FileTarget(resolve(opts.cwd, path), { env: opts.env });
  }
  throw new TargetSpecError(`--target must be an http(s) URL or file:PATH, not '${redactUrl(spec)}'`);
}
