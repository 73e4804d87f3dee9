// Admin authentication. The token is compared in constant time over sha256
// digests (equal length whatever the input), so neither its content nor its
// length leaks through timing. With no token configured, every admin call is
// refused: an unauthenticated write API is never the default.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type AuthCheck = (req: IncomingMessage) => 'ok' | 'missing' | 'wrong' | 'disabled';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function adminAuth(token: string | undefined): AuthCheck {
  const expected = token ? digest(token) : null;
  return (req) => {
    if (!expected) return 'disabled';
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return 'missing';
    return timingSafeEqual(digest(match[1]!), expected) ? 'ok' : 'wrong';
  };
}
