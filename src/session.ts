/**
 * `webjwt/session`: access and refresh tokens with rotation, reuse detection and revocation, their
 * state behind a small store interface. An optional entry point: importing `webjwt` alone never loads it.
 */
export {
  createSessions,
  type Sessions,
  type SessionOptions,
  type SessionKeyPair,
  type SessionUser,
  type TokenPair,
  type AccessTokenClaims,
  type VerifyAccessOptions,
  type RevokeOptions,
} from './session/sessions.js';
export { createSessionCookies, type SessionCookies, type SessionCookieOptions } from './session/cookies.js';
export { memoryStore, type SessionStore, type MemoryStoreOptions } from './session/store.js';
export { redisStore, type RedisClientLike, type RedisPipelineLike, type RedisSetOptions, type RedisStoreOptions } from './session/redis.js';
