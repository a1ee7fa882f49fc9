/** webjwt's public API. Everything a user imports comes from here. */
export { sign, type SignOptions, type SignHeader } from './sign.js';
export { verify, type VerifyOptions, type VerifyResult, type KeyResolver, type ClaimValidator, type PayloadValidator } from './verify.js';
export { decode, type DecodeResult } from './decode.js';
export { createVerifier, createSigner, type VerifierOptions, type TokenCacheOptions } from './verifier.js';
export { importKey, JwtKey, type KeyInput, type KeyType, type ImportKeyOptions } from './keys/key.js';
export type { Jwk } from './keys/jwk.js';
export type { JwtHeader, JwtPayload } from './codec.js';
export type { ClaimOptions } from './claims.js';
export type { JwsAlgorithm, KeyFamily, Curve } from './algorithms.js';
export {
  JwtError,
  JwtMalformedError,
  JwtAlgorithmError,
  JwtSignatureError,
  JwtExpiredError,
  JwtNotBeforeError,
  JwtClaimError,
  JwtRevokedError,
  KeyError,
  SessionStoreError,
  isJwtError,
  type JwtErrorCode,
  type ClaimFailure,
} from './errors.js';
export { exportJWK, exportPEM, thumbprint, thumbprintUri } from './keys/export.js';
export { generateSecret, generateKeyPair, type GenerateKeyPairOptions } from './keys/generate.js';
export { createLocalJWKSet, type JwkSet } from './keys/keyset.js';
export { createRemoteJWKSet, type RemoteJWKSetOptions, type JwksCacheStore, type CachedJwks } from './keys/remote.js';
