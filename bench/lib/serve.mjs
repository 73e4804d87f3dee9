// Starts `modelctl serve` (the built CLI) as a child process for a bench and
// resolves once it listens: its URL from the "listening" log line, and how
// to stop it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/modelctl.js', import.meta.url));

export async function spawnServe(args, env = {}) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
      const m = /"url":"(http:[^"]+)"/.exec(err);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err.slice(-400)}`)));
  });
  return { child, url, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.kill('SIGTERM'), child.once('exit', r)))) };
}
