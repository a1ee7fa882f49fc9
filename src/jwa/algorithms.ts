/**
 * The one table of JWS algorithms (RFC 7518 §3, RFC 8037 §3.1, RFC 9864 for the fully-specified
 * `Ed25519` name). Adding an algorithm is one row here plus its vectors. `none` is not a row: it can
 * never be signed or verified.
 */

/** Key families, named by their JWK `kty` (RFC 7517 §4.1). */
export type KeyFamily = 'oct' | 'RSA' | 'EC' | 'OKP';

/** Curves webjwt supports, named by their JWK `crv`. */
export type Curve = 'P-256' | 'P-384' | 'P-521' | 'Ed25519';

type Hash = 'SHA-256' | 'SHA-384' | 'SHA-512';

interface AlgorithmSpec {
  readonly family: KeyFamily;
  /** The WebCrypto algorithm name. */
  readonly name: 'HMAC' | 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA' | 'Ed25519';
  readonly hash?: Hash;
  /** For EC and OKP: the only curve the algorithm may use (RFC 7518 §3.4, RFC 8037 §3.1). */
  readonly crv?: Curve;
  /** Fixed signature length in bytes; RSA signatures are as long as the modulus instead. */
  readonly signatureBytes?: number;
}

const HS = (hash: Hash, bytes: number) => ({ family: 'oct', name: 'HMAC', hash, signatureBytes: bytes }) as const;
const RS = (hash: Hash) => ({ family: 'RSA', name: 'RSASSA-PKCS1-v1_5', hash }) as const;
const PS = (hash: Hash) => ({ family: 'RSA', name: 'RSA-PSS', hash }) as const;
const ES = (hash: Hash, crv: Curve, bytes: number) =>
  ({ family: 'EC', name: 'ECDSA', hash, crv, signatureBytes: bytes }) as const;
const ED = { family: 'OKP', name: 'Ed25519', crv: 'Ed25519', signatureBytes: 64 } as const;

const ALGORITHMS = /* @__PURE__ */ (() =>
  ({
    HS256: HS('SHA-256', 32),
    HS384: HS('SHA-384', 48),
    HS512: HS('SHA-512', 64),
    RS256: RS('SHA-256'),
    RS384: RS('SHA-384'),
    RS512: RS('SHA-512'),
    PS256: PS('SHA-256'),
    PS384: PS('SHA-384'),
    PS512: PS('SHA-512'),
    // RFC 7518 §3.4: R and S as fixed-length octet strings, each the size of the curve order.
    ES256: ES('SHA-256', 'P-256', 64),
    ES384: ES('SHA-384', 'P-384', 96),
    ES512: ES('SHA-512', 'P-521', 132),
    EdDSA: ED,
    Ed25519: ED,
  }) satisfies Record<string, AlgorithmSpec>)();

/** Every JWS algorithm webjwt signs and verifies. */
export type JwsAlgorithm = keyof typeof ALGORITHMS;

/** True when `alg` is exactly (case-sensitively, RFC 7515 §4.1.1) a supported algorithm name. */
export function isAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg);
}

export function algorithmSpec(alg: JwsAlgorithm): AlgorithmSpec {
  return ALGORITHMS[alg];
}

/** Hash output size in bytes; also the minimum HMAC key size (RFC 7518 §3.2). */
export function hashBytes(hash: Hash): number {
  return hash === 'SHA-256' ? 32 : hash === 'SHA-384' ? 48 : 64;
}

/** Parameters for `crypto.subtle.importKey` / `generateKey`. */
export function importParams(alg: JwsAlgorithm): AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams {
  const spec = ALGORITHMS[alg];
  switch (spec.name) {
    case 'HMAC':
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS':
      return { name: spec.name, hash: spec.hash };
    case 'ECDSA':
      return { name: spec.name, namedCurve: spec.crv };
    case 'Ed25519':
      return { name: spec.name };
  }
}

/** Parameters for `crypto.subtle.sign` / `verify`. */
export function signParams(alg: JwsAlgorithm): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  const spec = ALGORITHMS[alg];
  switch (spec.name) {
    // RFC 7518 §3.5: the PSS salt is as long as the hash output.
    case 'RSA-PSS':
      return { name: spec.name, saltLength: hashBytes(spec.hash) };
    case 'ECDSA':
      return { name: spec.name, hash: spec.hash };
    default:
      return { name: spec.name };
  }
}
