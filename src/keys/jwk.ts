/**
 * JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037 §2): shape checks before WebCrypto sees them, so a
 * bad JWK fails with a message that says which member is wrong.
 */
import { CURVES, isAlgorithm, isCurve, type Curve, type JwsAlgorithm, type KeyFamily } from '../jwa/algorithms.js';
import { decodeBase64url } from '../lib/base64url.js';
import { KeyError } from '../lib/errors.js';

/** A JSON Web Key as webjwt accepts and exports it. */
export interface Jwk {
  kty: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  kid?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  n?: string;
  e?: string;
  p?: string;
  q?: string;
  dp?: string;
  dq?: string;
  qi?: string;
  k?: string;
  [member: string]: unknown;
}

export interface JwkInfo {
  readonly family: KeyFamily;
  readonly type: 'secret' | 'public' | 'private';
  readonly alg: JwsAlgorithm | undefined;
  readonly kid: string | undefined;
  readonly crv: Curve | undefined;
  /** RSA modulus size, or HMAC secret size in bits. */
  readonly bits: number;
  /** From key_ops, when present (RFC 7517 §4.3). */
  readonly usages: readonly ('sign' | 'verify')[] | undefined;
  /** Just the key members, for WebCrypto (alg/use/key_ops are enforced by webjwt itself). */
  readonly keyMembers: JsonWebKey;
  /** For `oct` keys: the secret. */
  readonly secret: Uint8Array | undefined;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

export function member(jwk: Record<string, unknown>, name: string, bytes?: number): Uint8Array {
  const value = Object.hasOwn(jwk, name) ? jwk[name] : undefined;
  const decoded = typeof value === 'string' ? decodeBase64url(value) : undefined;
  if (decoded === undefined || decoded.length === 0) {
    throw new KeyError(`JWK member "${name}" must be a non-empty base64url string`);
  }
  if (bytes !== undefined && decoded.length !== bytes) {
    throw new KeyError(`JWK member "${name}" must be ${bytes} bytes for this curve, not ${decoded.length}`);
  }
  return decoded;
}

/** Size in bits of a big-endian unsigned integer. */
export function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}

export function optionalString(jwk: Record<string, unknown>, name: string): string | undefined {
  if (!Object.hasOwn(jwk, name)) return undefined;
  const value = jwk[name];
  if (typeof value !== 'string') throw new KeyError(`JWK member "${name}" must be a string`);
  return value;
}

/** Checks a JWK's shape and reports what kind of key it is. */
export function inspectJwk(value: object): JwkInfo {
  const jwk = value as Record<string, unknown>;
  const kty = optionalString(jwk, 'kty');
  const use = optionalString(jwk, 'use');
  // RFC 7517 §4.2: "enc" keys are for encryption, never for signatures.
  if (use !== undefined && use !== 'sig') throw new KeyError(`JWK "use" is "${use}"; only "sig" keys can sign or verify`);
  const algName = optionalString(jwk, 'alg');
  if (algName !== undefined && !isAlgorithm(algName)) throw new KeyError('JWK "alg" is not a supported JWS algorithm');
  const kid = optionalString(jwk, 'kid');
  let usages: ('sign' | 'verify')[] | undefined;
  if (Object.hasOwn(jwk, 'key_ops')) {
    const ops = jwk.key_ops;
    if (!Array.isArray(ops) || !ops.every((op) => typeof op === 'string')) {
      throw new KeyError('JWK "key_ops" must be an array of strings');
    }
    usages = (['sign', 'verify'] as const).filter((op) => ops.includes(op));
  }
  const base = { alg: algName, kid, usages };

  switch (kty) {
    case 'oct': {
      const secret = member(jwk, 'k');
      return {
        ...base,
        family: 'oct',
        type: 'secret',
        crv: undefined,
        bits: secret.length * 8,
        keyMembers: { kty, k: jwk.k as string },
        secret,
      };
    }
    case 'RSA': {
      if (Object.hasOwn(jwk, 'oth')) throw new KeyError('multi-prime RSA keys ("oth") are not supported');
      const n = member(jwk, 'n');
      member(jwk, 'e');
      const isPrivate = Object.hasOwn(jwk, 'd');
      const keyMembers: JsonWebKey = { kty, n: jwk.n as string, e: jwk.e as string };
      if (isPrivate) {
        // WebCrypto needs the CRT parameters (RFC 7518 §6.3.2).
        for (const name of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
          member(jwk, name);
          keyMembers[name] = jwk[name] as string;
        }
      }
      return {
        ...base,
        family: 'RSA',
        type: isPrivate ? 'private' : 'public',
        crv: undefined,
        bits: bitLength(n),
        keyMembers,
        secret: undefined,
      };
    }
    case 'EC':
    case 'OKP': {
      const crv = optionalString(jwk, 'crv') ?? '';
      if (!isCurve(crv) || CURVES[crv].family !== kty) {
        const named = /^[\w-]{1,16}$/.test(crv) ? ` "${crv}"` : '';
        throw new KeyError(`JWK ${kty} curve${named} cannot verify JWS signatures; use P-256, P-384, P-521 (EC) or Ed25519 (OKP)`);
      }
      const size = CURVES[crv].coordinateBytes;
      const isPrivate = Object.hasOwn(jwk, 'd');
      const names = [...(kty === 'EC' ? ['x', 'y'] : ['x']), ...(isPrivate ? ['d'] : [])];
      const keyMembers: JsonWebKey = { kty, crv };
      for (const name of names) {
        member(jwk, name, size);
        (keyMembers as Record<string, string>)[name] = jwk[name] as string;
      }
      return {
        ...base,
        family: kty,
        type: isPrivate ? 'private' : 'public',
        crv,
        bits: size * 8,
        keyMembers,
        secret: undefined,
      };
    }
    default:
      throw new KeyError('JWK "kty" must be "oct", "RSA", "EC" or "OKP"');
  }
}

/** True when a JWK carries private key material (RFC 7517 §9.2 forbids it in a public set). */
export function hasPrivateMembers(jwk: object): boolean {
  return PRIVATE_MEMBERS.some((name) => Object.hasOwn(jwk, name));
}
