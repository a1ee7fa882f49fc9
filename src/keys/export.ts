/** Keys out again: JWK (RFC 7517), PEM (RFC 7468) and JWK thumbprints (RFC 7638, RFC 9278). */
import { encodeBase64url } from '../lib/base64url.js';
import { utf8Bytes } from '../lib/text.js';
import { exportDerKey, exportJwkKey, importDerKey, importForExport, importJwkKey, sha256 } from '../crypto/webcrypto.js';
import { KeyError } from '../lib/errors.js';
import { contentEncryptionOf, isEncryptionKey } from './encryption-key.js';
import { importKey } from './import.js';
import type { Jwk } from './jwk.js';
import { defaultAlgorithm, keyMaterial, type JwtKey, type KeyInput } from './key.js';
import { encodePem } from './pem.js';

const KEY_MEMBERS = ['kty', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

async function extractable(material: ReturnType<typeof keyMaterial>, jwtKey: JwtKey): Promise<CryptoKey | undefined> {
  if (material.kind === 'crypto') {
    if (!material.key.extractable) throw new KeyError('this CryptoKey is not extractable');
    return material.key;
  }
  if (material.kind === 'secret') return undefined;
  if (isEncryptionKey(jwtKey)) {
    const { params, usages } = encryptionParams(jwtKey);
    const data = material.kind === 'der' ? material.data.der : material.jwk;
    return refusedAsKeyError(importForExport(material.kind === 'der' ? material.data.format : 'jwk', data, params, usages));
  }
  const alg = defaultAlgorithm(jwtKey);
  const usages = jwtKey.type === 'public' ? (['verify'] as const) : (['sign'] as const);
  return refusedAsKeyError(
    material.kind === 'der' ? importDerKey(material.data.format, material.data.der, alg, usages) : importJwkKey(material.jwk, alg, usages),
  );
}

/**
 * WebCrypto parameters that import a JWE key's material only to export it again: any OAEP hash
 * will do (the key is the same RSA key), and the usages its half may have.
 */
function encryptionParams(key: JwtKey): {
  params: RsaHashedImportParams | EcKeyImportParams | AlgorithmIdentifier;
  usages: readonly globalThis.KeyUsage[];
} {
  const isPublic = key.type === 'public';
  if (key.kty === 'RSA') return { params: { name: 'RSA-OAEP', hash: 'SHA-256' }, usages: isPublic ? ['encrypt'] : ['decrypt'] };
  const usages: readonly globalThis.KeyUsage[] = isPublic ? [] : ['deriveBits'];
  return { params: key.crv === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: key.crv as string }, usages };
}

/** WebCrypto's own refusal of key material (a DOMException, say) as webjwt's KeyError. */
function refusedAsKeyError<T>(pending: Promise<T>): Promise<T> {
  return pending.catch((cause: unknown) => {
    throw new KeyError('WebCrypto refused the key material', { cause });
  });
}

/**
 * The key as a JWK, with `kid` and `alg` when the key has them; an encryption (JWE) key with
 * `"use": "enc"`, so that importing it again makes an encryption key.
 * @throws KeyError when a CryptoKey is not extractable.
 */
export async function exportJWK(key: KeyInput): Promise<Jwk> {
  const jwtKey = importKey(key);
  const material = keyMaterial(jwtKey);
  let members: Record<string, unknown>;
  if (material.kind === 'secret') members = { kty: 'oct', k: encodeBase64url(material.bytes) };
  else if (material.kind === 'jwk' && isEncryptionKey(jwtKey)) members = { ...material.jwk };
  else {
    const cryptoKey = await extractable(material, jwtKey);
    members = (await exportJwkKey(cryptoKey as CryptoKey)) as Record<string, unknown>;
  }
  const jwk: Jwk = { kty: members.kty as string };
  for (const name of KEY_MEMBERS) if (typeof members[name] === 'string') jwk[name] = members[name];
  if (jwtKey.kid !== undefined) jwk.kid = jwtKey.kid;
  const alg = contentEncryptionOf(jwtKey) ?? jwtKey.alg;
  if (alg !== undefined) jwk.alg = alg;
  if (isEncryptionKey(jwtKey)) jwk.use = 'enc';
  return jwk;
}

/**
 * The key as PEM: SPKI `PUBLIC KEY` for public keys, PKCS#8 `PRIVATE KEY` for private keys.
 * @throws KeyError for HMAC secrets (they have no PEM form) and non-extractable CryptoKeys.
 */
export async function exportPEM(key: KeyInput): Promise<string> {
  const jwtKey = importKey(key);
  const material = keyMaterial(jwtKey);
  if (material.kind === 'secret' || (material.kind === 'crypto' && jwtKey.type === 'secret')) {
    throw new KeyError(`${isEncryptionKey(jwtKey) ? 'a secret' : 'an HMAC secret'} has no PEM form; use exportJWK`);
  }
  if (material.kind === 'der') return encodePem(material.data.format === 'spki' ? 'PUBLIC KEY' : 'PRIVATE KEY', material.data.der);
  const cryptoKey = (await extractable(material, jwtKey)) as CryptoKey;
  const format = jwtKey.type === 'public' ? 'spki' : 'pkcs8';
  return encodePem(format === 'spki' ? 'PUBLIC KEY' : 'PRIVATE KEY', await exportDerKey(cryptoKey, format));
}

/** RFC 7638 §3.2 (and RFC 8037 §2 for OKP): the required members, in lexicographic order. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
  oct: ['k', 'kty'],
};

/**
 * The RFC 7638 SHA-256 thumbprint of a JWK: of its required members only (RFC 7638 §3.2), so any
 * valid JWK has one, whatever its `use`, `key_ops`, `alg` or curve (an encryption key, X25519,
 * secp256k1), public or private.
 * @throws KeyError (ERR_KEY) for a `kty` other than RSA, EC, OKP or oct, or a required member that
 *   is not a non-empty string.
 * @example await thumbprint(jwk) // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
 */
export async function thumbprint(jwk: Jwk): Promise<string> {
  if (typeof jwk !== 'object' || (jwk as unknown) === null || Array.isArray(jwk)) throw new TypeError('thumbprint() needs a JWK object');
  const kty = Object.hasOwn(jwk, 'kty') ? jwk.kty : undefined;
  const required = typeof kty === 'string' && Object.hasOwn(REQUIRED, kty) ? REQUIRED[kty] : undefined;
  if (required === undefined) throw new KeyError('JWK "kty" must be "RSA", "EC", "OKP" or "oct" for a thumbprint');
  const canonical: Record<string, string> = {};
  for (const name of required) {
    const value = Object.hasOwn(jwk, name) ? jwk[name] : undefined;
    if (typeof value !== 'string' || value === '') throw new KeyError(`JWK member "${name}" must be a non-empty string (RFC 7638 §3.2)`);
    canonical[name] = value;
  }
  // RFC 7638 §3.3: no whitespace, members in that order; JSON.stringify writes exactly that.
  return encodeBase64url(await sha256(utf8Bytes(JSON.stringify(canonical))));
}

/** The RFC 9278 URI form of the thumbprint. */
export async function thumbprintUri(jwk: Jwk): Promise<string> {
  return `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${await thumbprint(jwk)}`;
}
