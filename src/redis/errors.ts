// Failures of the Redis store a caller words differently (kept free of
// ioredis, so they can be tested for without loading it).

/** Redis refused the credentials, or the ACL user lacks a permission: retrying cannot help. */
export class RedisAuthError extends Error {}
