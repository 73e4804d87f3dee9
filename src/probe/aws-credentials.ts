// How a Bedrock source authenticates, decided from the credential value its
// reference names (pure; the value is read at the IO edge):
//   ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]  → SigV4 with that key pair
//   anything else                                     → a Bedrock API key, sent as a bearer token
// When the reference's variable or file is absent, the standard AWS variables
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) are used.
export type AwsAuth = { kind: 'sigv4'; accessKeyId: string; secretAccessKey: string; sessionToken?: string } | { kind: 'bearer'; token: string };

const KEY_PAIR = /^((?:AKIA|ASIA)[A-Z0-9]{12,}):([^:]+)(?::(.+))?$/;

export function awsAuth(value: string | undefined, env: Record<string, string | undefined>): AwsAuth | undefined {
  if (value) {
    const pair = KEY_PAIR.exec(value.trim());
    if (pair) return { kind: 'sigv4', accessKeyId: pair[1]!, secretAccessKey: pair[2]!, ...(pair[3] ? { sessionToken: pair[3] } : {}) };
    return { kind: 'bearer', token: value.trim() };
  }
  const id = env['AWS_ACCESS_KEY_ID'];
  const secret = env['AWS_SECRET_ACCESS_KEY'];
  if (!id || !secret) return undefined;
  const token = env['AWS_SESSION_TOKEN'];
  return { kind: 'sigv4', accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
}
