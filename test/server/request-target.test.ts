import { describe, expect, it } from 'vitest';
import { RequestTarget } from '../../src/server/http.js';

// The fast path must route exactly as a WHATWG URL parse would.
describe('RequestTarget', () => {
  const cases = ['/v1/resolve', '/v1/snapshot?wait=30', '/v1/catalog?entryPoint=desktop&groups=a,b', '/v1/./resolve', '/v1/x/../resolve', '/v1/%72esolve', '/v1/resolve#frag', 'http://example.test/v1/status?x=1', '/', '//v1/resolve', '/v1\\resolve', '/v1/resolve?a=%20b&a=c', '/v1/snapshot?wait=1#x', '/v1/catalog?entryPoint=d%C3%A9sk+top'];
  for (const raw of cases) {
    it(`parses ${JSON.stringify(raw)} as new URL does`, () => {
      const fast = new RequestTarget(raw);
      const url = new URL(raw, 'http://localhost');
      expect(fast.pathname).toBe(url.pathname);
      expect([...fast.searchParams]).toEqual([...url.searchParams]);
    });
  }
});
