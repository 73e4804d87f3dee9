import { join } from 'node:path';
import { FileTarget, HttpTarget } from '../../src/apply/index.js';
import { tempDir, testServer, TOKEN } from '../server/helpers.js';
import { targetContract } from './target-contract.js';

targetContract('file:', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'live.json');
  return { open: () => new FileTarget(path), cleanup: tmp.remove };
});

targetContract('http', async () => {
  const tmp = await tempDir();
  const server = await testServer({ stateDir: join(tmp.dir, 'state') });
  return {
    open: () => new HttpTarget(server.url, { token: TOKEN }),
    cleanup: async () => {
      await server.close();
      await tmp.remove();
    },
  };
});
