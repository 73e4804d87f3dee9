// Bearer tokens, in two roles that never stand in for each other: the admin
// token (snapshot writes, history, rollback) and gateway tokens (breaker
// reports, and with requireGatewayToken the read API). Several gateway tokens
// may be live at once, so one can be rotated without a flag day. Tokens are
// compared in constant time over sha256 digests (equal length whatever the
// input), every configured token each time, so neither content, length nor
// which token matched leaks through timing. A role with no token configured
// refuses every call: an unauthenticated API is never the default.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type AuthResult = 'ok' | 'missing' | 'wrong' | 'disabled';
/** Who a route admits: the admin token, a gateway token, or either (reads that plan and apply make too). */
export type Role = 'admin' | 'gateway' | 'reader';

export type AuthCheck = (req: IncomingMessage) => AuthResult;

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The token of an `Authorization: Bearer <token>` header, or null. */
function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

export function tokenAuth(tokens: readonly string[]): AuthCheck {
  const expected = tokens.map(digest);
  return (req) => {
    if (expected.length === 0) return 'disabled';
    const presented = bearer(req);
    if (presented === null) return 'missing';
    const d = digest(presented);
    let ok = false;
    for (const e of expected) ok = timingSafeEqual(d, e) || ok;
    return ok ? 'ok' : 'wrong';
  };
}

export const adminAuth = (token: string | undefined): AuthCheck => tokenAuth(token ? [token] : []);

/** Either check passes (GET /v1/snapshot under requireGatewayToken: gateways and plan/apply both read it). */
export function eitherAuth(a: AuthCheck, b: AuthCheck): AuthCheck {
  return (req) => {
    const first = a(req);
    const second = b(req);
    if (first === 'ok' || second === 'ok') return 'ok';
    if (first === 'disabled' && second === 'disabled') return 'disabled';
    return first === 'missing' || second === 'missing' ? 'missing' : 'wrong';
  };
}

/** MODELCTL_GATEWAY_TOKEN=new,old → ['new', 'old']; blanks dropped. */
export function parseTokenList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
