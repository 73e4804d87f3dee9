// What a mock upstream model is told to do, and what the mock records.
export type MockCapability = 'streaming' | 'tools' | 'image-input' | 'structured-output' | 'reasoning';

export interface MockBehaviour {
  /** Answer every request with this status and an error body in the provider's shape. */
  fail?: { status: number; code?: string; message?: string; /** Put the received key into the message, as some vendors do. */ echoKey?: boolean };
  /** Accept the request and never answer. */
  hang?: boolean;
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Refuse requests that use these capabilities with a 400 in the provider's shape. */
  reject?: readonly MockCapability[];
  /** Bedrock streams (ConverseStream, InvokeModelWithResponseStream) begin, then end in an exception frame of this type. */
  streamException?: { type: string; message?: string; /** Put the received key into the message. */ echoKey?: boolean };
  /** The first request for this model gets 429 with this Retry-After; later ones are served. */
  rateLimitOnce?: { retryAfterSeconds: number };
}

export type MockProtocol = 'anthropic-messages' | 'openai-chat-completions' | 'openai-responses' | 'gemini-generate-content' | 'bedrock-converse' | 'bedrock-invoke';

export interface MockRequest {
  protocol: MockProtocol;
  /** azure | openai (bearer) | … as seen from the auth scheme and path. */
  flavour: string;
  model: string;
  path: string;
  features: MockCapability[];
  status: number;
}

/** A parsed, authenticated request a protocol module answers. */
export interface MockCall {
  protocol: MockProtocol;
  flavour: string;
  model: string;
  body: Record<string, unknown>;
  stream: boolean;
  /** The key as received (for echoKey). */
  key: string;
}

export interface MockReply {
  status: number;
  headers: Record<string, string>;
  /** One string, or SSE chunks (or AWS event-stream frames) written one by one. */
  body: string | (string | Uint8Array)[];
}
