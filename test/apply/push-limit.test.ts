// A push over the server's body limit: the server closes mid-upload, which a
// client used to see as EPIPE, retry four times and print `write EPIPE`. The
// client now reads the limit from /v1/status first and says what is wrong.
import { afterEach, describe, expect, it } from 'vitest';
import { QUICKSTART, run } from './cli-helpers.js';
// @ts-expect-error: a plain .mjs bench helper without types
import { writeCatalog } from '../../bench/lib/catalog-generator.mjs';
import { tempDir, testServer, TOKEN, type TestServer } from '../server/helpers.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a push over the server body limit', () => {
  it('is refused before sending, with both sizes and the flag that raises the limit; nothing changes', async () => {
    // A catalog whose snapshot is over 1 MiB (large pushes ask the limit first), against a 1 MiB limit.
    server = await testServer({ maxBodyBytes: 1024 * 1024 });
    const tmp = await tempDir();
    try {
      await writeCatalog(tmp.dir + '/big', 1500);
      const r = await run(['apply', 'big', '--target', server.url], { cwd: tmp.dir, env: { MODELCTL_ADMIN_TOKEN: TOKEN } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the snapshot is \d+ bytes; .* accepts at most 1048576 \(start it with a larger modelctl serve --max-body-bytes\)/);
      expect(r.stderr).not.toMatch(/EPIPE|ECONNRESET/);
      expect(r.stderr).not.toContain(TOKEN);
      // Nothing was pushed: no snapshot is live.
      const status = (await (await fetch(`${server.url}/v1/status`)).json()) as { version: string | null; maxBodyBytes: number };
      expect(status).toMatchObject({ version: null, maxBodyBytes: 1024 * 1024 });
    } finally {
      await tmp.remove();
    }
  });

  it('near miss: under the limit the same apply goes through', async () => {
    server = await testServer({ maxBodyBytes: 1024 * 1024 });
    const tmp = await tempDir();
    try {
      const r = await run(['apply', QUICKSTART, '--target', server.url], { cwd: tmp.dir, env: { MODELCTL_ADMIN_TOKEN: TOKEN } });
      expect(r.code, r.stderr).toBe(0);
    } finally {
      await tmp.remove();
    }
  });
});
