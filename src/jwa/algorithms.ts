/**
 * The one table of JWS algorithms (RFC 7518 §3, RFC 8037 §3.1, RFC 9864 for the fully-specified
 * `Ed25519` name), with the facts about their hashes and curves that key import, JWK, PEM and the
 * crypto backends need. Adding an algorithm is one row here plus its vectors. `none` is not a row: it
 * can never be signed or verified.
 */

/** Key families, named by their JWK `kty` (RFC 7517 §4.1). */
export type KeyFamily = 'oct' | 'RSA' | 'EC' | 'OKP';

/**
 * Curves webjwt supports, named by their JWK `crv`: X25519 only agrees keys for JWE (RFC 8037 §3.2),
 * so no JWS row uses it and the table below leaves it out.
 */
export type Curve = SigningCurve | 'X25519';

/** The curves of JWS algorithms: those of the curve table. */
export type SigningCurve = 'P-256' | 'P-384' | 'P-521' | 'Ed25519';

export type Hash = 'SHA-256' | 'SHA-384' | 'SHA-512';

interface HashSpec {
  /** Output size in bytes; also the minimum HMAC key size (RFC 7518 §3.2) and the PSS salt (§3.5). */
  readonly bytes: number;
}

export const HASHES: Readonly<Record<Hash, HashSpec>> = /* @__PURE__ */ (() =>
  ({
    'SHA-256': { bytes: 32 },
    'SHA-384': { bytes: 48 },
    'SHA-512': { bytes: 64 },
  }) as const satisfies Record<Hash, HashSpec>)();

interface CurveSpec {
  readonly family: 'EC' | 'OKP';
  /** Size of each JWK coordinate (`x`, `y`, `d`) in bytes: RFC 7518 §6.2.1.2, RFC 8037 §2. */
  readonly coordinateBytes: number;
  /** DER object identifier: the EC namedCurve (RFC 5480 §2.1.1.1), or the OKP key algorithm (RFC 8410 §3). */
  readonly oid: string;
}

export const CURVES: Readonly<Record<SigningCurve, CurveSpec>> = /* @__PURE__ */ (() =>
  ({
    'P-256': { family: 'EC', coordinateBytes: 32, oid: '1.2.840.10045.3.1.7' },
    'P-384': { family: 'EC', coordinateBytes: 48, oid: '1.3.132.0.34' },
    'P-521': { family: 'EC', coordinateBytes: 66, oid: '1.3.132.0.35' },
    Ed25519: { family: 'OKP', coordinateBytes: 32, oid: '1.3.101.112' },
  }) as const satisfies Record<SigningCurve, CurveSpec>)();

/**
 * node:crypto's names for the hashes and curves: the digest name, the EC namedCurve of a KeyObject,
 * or the asymmetricKeyType of an OKP one. A table of its own, read only by the Node backend, so that
 * a browser bundle leaves it out.
 */
export const NODE_NAMES: Readonly<Record<Hash | SigningCurve, string>> = /* @__PURE__ */ (() =>
  ({
    'SHA-256': 'sha256',
    'SHA-384': 'sha384',
    'SHA-512': 'sha512',
    'P-256': 'prime256v1',
    'P-384': 'secp384r1',
    'P-521': 'secp521r1',
    Ed25519: 'ed25519',
  }) as const satisfies Record<Hash | SigningCurve, string>)();

/** True when `crv` is exactly the JWK name of a supported curve. */
export function isCurve(crv: unknown): crv is SigningCurve {
  return typeof crv === 'string' && Object.hasOwn(CURVES, crv);
}

/** The curve a DER object identifier names, if it names one of `family`. */
export function curveOfOid(oid: string, family: 'EC' | 'OKP'): SigningCurve | undefined {
  for (const crv of Object.keys(CURVES) as SigningCurve[]) if (CURVES[crv].oid === oid && CURVES[crv].family === family) return crv;
  return undefined;
}

/** Every JWS algorithm webjwt signs and verifies: the rows of the table below, which must list each. */
export type JwsAlgorithm =
  | 'HS256'
  | 'HS384'
  | 'HS512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
  | 'Ed25519';

/**
 * One row: the key family, the WebCrypto algorithm name, the hash, the only curve an EC or OKP
 * algorithm may use (RFC 7518 §3.4, RFC 8037 §3.1), and the fixed signature length in bytes (RSA
 * signatures are as long as the modulus instead).
 */
type AlgorithmSpec =
  | { readonly family: 'oct'; readonly name: 'HMAC'; readonly hash: Hash; readonly crv?: undefined; readonly signatureBytes: number }
  | {
      readonly family: 'RSA';
      readonly name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS';
      readonly hash: Hash;
      readonly crv?: undefined;
      readonly signatureBytes?: undefined;
    }
  | { readonly family: 'EC'; readonly name: 'ECDSA'; readonly hash: Hash; readonly crv: SigningCurve; readonly signatureBytes: number }
  | {
      readonly family: 'OKP';
      readonly name: 'Ed25519';
      readonly hash?: undefined;
      readonly crv: SigningCurve;
      readonly signatureBytes: number;
    };

const HS = (hash: Hash) => ({ family: 'oct', name: 'HMAC', hash, signatureBytes: HASHES[hash].bytes }) as const;
const RS = (hash: Hash) => ({ family: 'RSA', name: 'RSASSA-PKCS1-v1_5', hash }) as const;
const PS = (hash: Hash) => ({ family: 'RSA', name: 'RSA-PSS', hash }) as const;
// RFC 7518 §3.4: R and S as fixed-length octet strings, each the size of the curve order.
const ES = (hash: Hash, crv: SigningCurve) =>
  ({ family: 'EC', name: 'ECDSA', hash, crv, signatureBytes: 2 * CURVES[crv].coordinateBytes }) as const;
const ED = { family: 'OKP', name: 'Ed25519', crv: 'Ed25519', signatureBytes: 64 } as const;

const ALGORITHMS: Readonly<Record<JwsAlgorithm, AlgorithmSpec>> = /* @__PURE__ */ (() =>
  ({
    HS256: HS('SHA-256'),
    HS384: HS('SHA-384'),
    HS512: HS('SHA-512'),
    RS256: RS('SHA-256'),
    RS384: RS('SHA-384'),
    RS512: RS('SHA-512'),
    PS256: PS('SHA-256'),
    PS384: PS('SHA-384'),
    PS512: PS('SHA-512'),
    ES256: ES('SHA-256', 'P-256'),
    ES384: ES('SHA-384', 'P-384'),
    ES512: ES('SHA-512', 'P-521'),
    EdDSA: ED,
    Ed25519: ED,
  }) satisfies Record<string, AlgorithmSpec>)();

/** Every algorithm of the table, in its order. */
export const ALGORITHM_NAMES: readonly JwsAlgorithm[] = /* @__PURE__ */ Object.keys(ALGORITHMS) as JwsAlgorithm[];

/** True when `alg` is exactly (case-sensitively, RFC 7515 §4.1.1) a supported algorithm name. */
export function isAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg);
}

export function algorithmSpec(alg: JwsAlgorithm): AlgorithmSpec {
  return ALGORITHMS[alg];
}

/** Hash output size in bytes; also the minimum HMAC key size (RFC 7518 §3.2). */
export function hashBytes(hash: Hash): number {
  return HASHES[hash].bytes;
}

/** The algorithms of the table for which `test` holds, in table order. */
export function algorithmsWhere(test: (spec: AlgorithmSpec) => boolean): readonly JwsAlgorithm[] {
  return ALGORITHM_NAMES.filter((alg) => test(ALGORITHMS[alg]));
}

/**
 * The algorithm a WebCrypto key algorithm stands for: its name, with its hash (HMAC, RSA) or its
 * curve (ECDSA) the key is bound to; for an Ed25519 key the first row, `EdDSA`.
 */
export function algorithmOfKey(name: string, hash: string | undefined, crv: string | undefined): JwsAlgorithm | undefined {
  return ALGORITHM_NAMES.find((alg) => {
    const spec = ALGORITHMS[alg];
    if (spec.name !== name) return false;
    return spec.family === 'EC' ? spec.crv === crv : spec.family === 'OKP' || spec.hash === hash;
  });
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
