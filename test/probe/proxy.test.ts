// HTTP(S)_PROXY from the injected environment is honoured: probes tunnel
// through the proxy (CONNECT), and NO_PROXY exempts a host.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbes } from '../../src/probe/index.js';
import { startMockUpstream, type MockUpstream } from '../../src/probe/mock-upstream.js';
import { ENV, target } from './helpers.js';

let mock: MockUpstream;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];

beforeAll(async () => {
  mock = await startMockUpstream();
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host!, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await mock.close();
});

describe('proxy', () => {
  it('probes go through HTTP_PROXY / HTTPS_PROXY when set', async () => {
    const host = new URL(mock.url).host;
    const report = await runProbes([target(mock.url, 'openai', 'openai-chat-completions', '/v1', 'gpt')], { env: { ...ENV, HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl } });
    expect(report.summary.usable).toBe(1);
    expect(tunnels).toContain(host);
  });

  it('NO_PROXY exempts the host', async () => {
    const before = tunnels.length;
    const report = await runProbes([target(mock.url, 'openai', 'openai-chat-completions', '/v1', 'gpt')], { env: { ...ENV, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
    expect(report.summary.usable).toBe(1);
    expect(tunnels.length).toBe(before);
  });
});
