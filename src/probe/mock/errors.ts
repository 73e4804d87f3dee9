// Error bodies in each provider's documented shape.
import type { MockProtocol, MockReply } from './types.js';

const ANTHROPIC_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error' };
const GOOGLE_STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };
const AWS_TYPES: Record<number, string> = { 400: 'ValidationException', 403: 'AccessDeniedException', 404: 'ResourceNotFoundException', 408: 'ModelTimeoutException', 429: 'ThrottlingException', 500: 'InternalServerException', 503: 'ServiceUnavailableException' };
const OPENAI_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'invalid_request_error', 403: 'permission_error', 404: 'invalid_request_error', 429: 'rate_limit_exceeded', 500: 'server_error', 503: 'server_error' };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): MockReply => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

export function errorReply(protocol: MockProtocol, flavour: string, status: number, message: string, code?: string): MockReply {
  switch (protocol) {
    case 'anthropic-messages':
      return json(status, { type: 'error', error: { type: code ?? ANTHROPIC_TYPES[status] ?? 'api_error', message } }, { 'request-id': 'req_mock' });
    case 'gemini-generate-content':
      return json(status, { error: { code: status, message, status: code ?? GOOGLE_STATUS[status] ?? 'UNKNOWN' } });
    case 'bedrock-converse':
    case 'bedrock-invoke': {
      const type = code ?? AWS_TYPES[status] ?? 'InternalServerException';
      return json(status, { message }, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': 'mock' });
    }
    default:
      // OpenRouter reports the HTTP status as a numeric code; OpenAI and Azure a string code.
      if (flavour === 'openrouter') return json(status, { error: { code: status, message, metadata: {} } });
      return json(status, { error: { message, type: OPENAI_TYPES[status] ?? 'server_error', param: null, code: code ?? null } });
  }
}
