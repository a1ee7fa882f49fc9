/** webjwt's public API. Everything a user imports comes from here. */
export { sign, type SignOptions, type SignHeader } from './jwt/sign.js';
export {
  verify,
  type VerifyOptions,
  type VerifyResult,
  type KeyResolver,
  type ClaimValidator,
  type PayloadValidator,
} from './jwt/verify.js';
export { decode, type DecodeResult, type DecodeOptions } from './jwt/decode.js';
export { encrypt, type EncryptOptions, type EncryptHeader, type EncryptKey } from './jwe/encrypt.js';
export {
  decrypt,
  decryptCompact,
  type DecryptOptions,
  type DecryptResult,
  type DecryptCompactOptions,
  type DecryptCompactResult,
  type DecryptKey,
  type NestedVerifyOptions,
} from './jwe/decrypt.js';
export { supportedEncryption, type SupportedEncryption } from './jwe/support.js';
export { createVerifier, createSigner, type VerifierOptions, type TokenCacheOptions } from './jwt/verifier.js';
export { JwtKey, supportedAlgorithms, type KeyInput, type KeyType, type ImportKeyOptions } from './keys/key.js';
export { importKey } from './keys/import.js';
export type { Jwk } from './keys/jwk.js';
export type { JwtHeader, JwtPayload, JweHeader } from './types.js';
export type { ClaimOptions } from './jwt/claims.js';
export type { JwsAlgorithm, KeyFamily, Curve } from './jwa/algorithms.js';
export type { KeyManagementAlgorithm, ContentEncryption } from './jwa/encryption.js';
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
  JwksNoKeyError,
  JwksFetchError,
  SessionStoreError,
  JweDecryptionError,
  isJwtError,
  type JwtErrorByCode,
  type JwtErrorCode,
  type ClaimFailure,
} from './lib/errors.js';
export { exportJWK, exportPEM, thumbprint, thumbprintUri } from './keys/export.js';
export { generateSecret, generateKeyPair, type GenerateKeyPairOptions } from './keys/generate.js';
export { createLocalJWKSet, type JwkSet } from './keys/keyset.js';
export { createRemoteJWKSet, type RemoteJWKSetOptions, type JwksCacheStore, type CachedJwks } from './keys/remote.js';
