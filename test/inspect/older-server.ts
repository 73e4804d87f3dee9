// A server as it was before /v1/status reported credentials: a pass-through
// proxy to a real one that drops `credentials` from the status body.
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function olderServer(upstream: string): Promise<{ url: string; close: () => Promise<void> }> {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const out = request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers }, (answer: IncomingMessage) => {
      let body = '';
      answer.setEncoding('utf8');
      answer.on('data', (c: string) => (body += c));
      answer.on('end', () => {
        if (req.url === '/v1/status') {
          const { credentials: _dropped, ...rest } = JSON.parse(body) as Record<string, unknown>;
          body = JSON.stringify(rest);
        }
        const headers = { ...answer.headers };
        delete headers['content-length'];
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    req.pipe(out);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) };
}
