// Which API a request speaks, from its path, and whether it carries that
// API's credential in the documented place.
import type { MockProtocol } from './types.js';

export interface Route {
  protocol: MockProtocol;
  flavour: string;
  /** From the path (Gemini, Bedrock, Azure deployments); otherwise from the body. */
  model?: string;
  stream?: boolean;
}

export type Auth = { ok: true; key: string } | { ok: false; status: number; message: string };

/** AWS SigV4: `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=<64 hex>`. */
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/bedrock\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

export function routeOf(path: string, query: URLSearchParams): Route | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/.exec(path)))
    return { protocol: m[2]!.startsWith('converse') ? 'bedrock-converse' : 'bedrock-invoke', flavour: 'bedrock', model: decodeURIComponent(m[1]!), stream: m[2]!.endsWith('stream') };
  if ((m = /\/v1(?:beta)?\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path)))
    return { protocol: 'gemini-generate-content', flavour: 'google', model: decodeURIComponent(m[1]!), stream: m[2] === 'streamGenerateContent' && query.get('alt') === 'sse' };
  if ((m = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path))) return { protocol: 'openai-chat-completions', flavour: 'azure-deployment', model: decodeURIComponent(m[1]!) };
  if (/^\/openai\/(v1\/)?responses$/.test(path)) return { protocol: 'openai-responses', flavour: 'azure' };
  if (/^\/openai\/v1\/chat\/completions$/.test(path)) return { protocol: 'openai-chat-completions', flavour: 'azure' };
  if (/(^|\/)v1\/messages$/.test(path)) return { protocol: 'anthropic-messages', flavour: 'anthropic' };
  const flavour = path.startsWith('/api/v1/') ? 'openrouter' : 'openai';
  if (/\/chat\/completions$/.test(path)) return { protocol: 'openai-chat-completions', flavour };
  if (/\/responses$/.test(path)) return { protocol: 'openai-responses', flavour };
  return undefined;
}

const bearer = (h: string | undefined): string | undefined => (h && /^Bearer \S+$/.test(h) ? h.slice(7) : undefined);

export function authOf(route: Route, headers: Record<string, string | undefined>, query: URLSearchParams): Auth {
  const missing = (message: string): Auth => ({ ok: false, status: 401, message });
  switch (route.flavour) {
    case 'anthropic': {
      if (!headers['anthropic-version']) return { ok: false, status: 400, message: 'anthropic-version: header is required' };
      const key = headers['x-api-key'] ?? bearer(headers['authorization']);
      return key ? { ok: true, key } : missing('x-api-key header is required');
    }
    case 'azure':
    case 'azure-deployment': {
      if (route.flavour === 'azure-deployment' && !query.get('api-version')) return { ok: false, status: 404, message: 'Resource not found (the api-version query parameter is required)' };
      const key = headers['api-key'];
      return key ? { ok: true, key } : missing('Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.');
    }
    case 'google': {
      const key = headers['x-goog-api-key'] ?? query.get('key') ?? undefined;
      return key ? { ok: true, key } : { ok: false, status: 403, message: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.' };
    }
    case 'bedrock': {
      const auth = headers['authorization'] ?? '';
      const token = bearer(auth);
      if (token) return { ok: true, key: token };
      const sig = SIGV4.exec(auth);
      if (!sig) return { ok: false, status: 403, message: 'Missing Authentication Token' };
      if (!headers['x-amz-date'] || !/^\d{8}T\d{6}Z$/.test(headers['x-amz-date'])) return { ok: false, status: 400, message: 'Missing or malformed X-Amz-Date header' };
      if (!sig[4]!.split(';').includes('host') || !sig[4]!.split(';').includes('x-amz-date')) return { ok: false, status: 403, message: 'SignedHeaders must include host and x-amz-date' };
      return { ok: true, key: sig[1]! };
    }
    default: {
      const key = bearer(headers['authorization']);
      return key ? { ok: true, key } : missing('You didn\'t provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).');
    }
  }
}
