// The gate in front of every authenticated route: a peer over its failure
// budget gets 429 (Retry-After) before its token is looked at; otherwise the
// role's token check runs, and a failure is counted for the peer. Nothing
// here echoes a header back or logs one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { peerKey } from './auth-limit.js';
import type { Role } from './auth.js';
import type { ServerContext } from './context.js';
import { RequestTarget, sendError } from './http.js';

/** admin: snapshot writes, history, rollback. gateway: reports (and reads, when required). reader: gateway or admin. */
const WHO: Record<Role, string> = { admin: 'an admin token', gateway: 'a gateway token', reader: 'a gateway or admin token' };
const DISABLED: Record<Role, string> = {
  admin: 'the admin API is disabled: the server has no MODELCTL_ADMIN_TOKEN',
  gateway: 'this route needs a gateway token, and the server has none: set MODELCTL_GATEWAY_TOKEN',
  reader: 'this route needs a gateway or admin token, and the server has neither',
};

export function authorized(req: IncomingMessage, res: ServerResponse, ctx: ServerContext, role: Role): boolean {
  const peer = peerKey(req.socket.remoteAddress);
  const route = new RequestTarget(req.url ?? '/').pathname;
  const gate = ctx.limiter.gate(peer, route);
  if (!gate.open) {
    ctx.metrics.auth(role, 'rate-limited');
    sendError(res, 429, { code: 'rate-limited', message: `too many failed authentications from this address; retry in ${gate.retryAfterSeconds} s` }, {}, { 'retry-after': String(gate.retryAfterSeconds) });
    return false;
  }
  const result = ctx.auth[role](req);
  if (result === 'ok') return true;
  ctx.limiter.fail(peer, route, result);
  ctx.metrics.auth(role, result);
  if (role === 'admin') ctx.metrics.push('unauthorized');
  const message = result === 'disabled' ? DISABLED[role] : result === 'missing' ? `${WHO[role]} is required (Authorization: Bearer <token>)` : `the ${role === 'reader' ? 'gateway or admin' : role} token is not valid`;
  sendError(res, 401, { code: 'unauthorized', message }, {}, { 'www-authenticate': `Bearer realm="modelctl-${role === 'admin' ? 'admin' : 'gateway'}"` });
  return false;
}
