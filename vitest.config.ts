import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // CLI end-to-end tests spawn bin/modelctl.js, which runs dist/: build it first.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on a 2-core CI machine (vitest's default there is one):
    // most slow files wait on child processes, servers and disk, not on the CPU.
    maxWorkers: 2,
  },
});
