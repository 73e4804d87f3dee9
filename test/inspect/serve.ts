// A real `modelctl serve` (the CLI command, in-process) on 127.0.0.1 port 0,
// fed a catalog with `modelctl apply` and breaker outcomes through
// authenticated POST /v1/report — the way gateways open breakers.
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { run } from '../cli/capture.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CATALOG = 'test/inspect/fixtures/catalog';
export const ADMIN = 'inspect-admin-token-5be3f10a7c29d4';
export const GATEWAY = 'inspect-gateway-token-81d0c6e2fa47b9';
/** Credential values present in the server's environment; INSPECT_ANTHROPIC_KEY is deliberately absent. */
export const OPENAI_VALUE = 'sk-proj-plantedInspectOpenai000000000042';
export const OPENROUTER_VALUE = 'sk-or-v1-plantedInspectOpenrouter0000077';

export interface Served {
  url: string;
  stderr: () => string;
  stop: () => Promise<void>;
}

export async function serve(): Promise<Served> {
  const stop = new AbortController();
  let stderr = '';
  let found: (url: string) => void;
  const listening = new Promise<string>((resolve) => (found = resolve));
  const env = { MODELCTL_ADMIN_TOKEN: ADMIN, MODELCTL_GATEWAY_TOKEN: GATEWAY, INSPECT_OPENAI_KEY: OPENAI_VALUE, INSPECT_OPENROUTER_KEY: OPENROUTER_VALUE };
  const done = main(['serve', '--host', '127.0.0.1', '--port', '0'], {
    stdout: { write: () => true },
    stderr: {
      write: (chunk: string) => {
        stderr += chunk;
        for (const line of chunk.split('\n')) if (line.includes('"listening"')) found((JSON.parse(line) as { url: string }).url);
        return true;
      },
    },
    env,
    cwd: ROOT,
    signal: stop.signal,
  });
  const url = await Promise.race([listening, done.then((code) => Promise.reject(new Error(`serve exited ${code}: ${stderr}`)))]);
  return {
    url,
    stderr: () => stderr,
    stop: async () => {
      stop.abort();
      await done;
    },
  };
}

export async function report(url: string, sourceId: string, token: string | null): Promise<number> {
  const res = await fetch(`${url}/v1/report`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ sourceId, ok: false }),
  });
  await res.text();
  return res.status;
}

/** Push the fixture catalog with the admin token, as an operator would. */
export async function push(url: string): Promise<void> {
  const out = await run(['apply', CATALOG, '--target', url], ROOT, { MODELCTL_ADMIN_TOKEN: ADMIN });
  if (out.code !== 0) throw new Error(`apply failed (${out.code}): ${out.stderr}`);
}
