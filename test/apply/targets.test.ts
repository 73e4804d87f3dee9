import { join } from 'node:path';
import { FileTarget, HttpTarget } from '../../src/apply/index.js';
import { tempDir, testServer, TOKEN } from '../server/helpers.js';
import { CONTRACT_ENV, targetContract } from './target-contract.js';

targetContract('file:', async () => {
  const tmp = await tempDir();
  const path = join(tmp.dir, 'live.json');
  // A file: target checks credentials against the applying process's env.
  return { open: () => new FileTarget(path, { env: CONTRACT_ENV }), cleanup: tmp.remove };
});

targetContract('http', async () => {
  const tmp = await tempDir();
  const server = await testServer({ stateDir: join(tmp.dir, 'state'), resolverOptions: { env: CONTRACT_ENV } });
  return {
    open: () => new HttpTarget(server.url, { token: TOKEN }),
    cleanup: async () => {
      await server.close();
      await tmp.remove();
    },
  };
});
