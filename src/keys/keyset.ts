/**
 * Choosing one key from a JWK Set (RFC 7517 §5) for a token, without guessing: by `kid` first, then
 * by what fits the token's algorithm. Ambiguity is an error, never a coin toss (RFC 8725 §3.1).
 */
import { isAlgorithm } from '../algorithms.js';
import type { JwtHeader } from '../codec.js';
import { JwtError, KeyError } from '../errors.js';
import { hasPrivateMembers, type Jwk } from './jwk.js';
import { importKey, keyAllows, type JwtKey } from './key.js';

/** A JSON Web Key Set, as `/.well-known/jwks.json` serves it. */
export interface JwkSet {
  keys: readonly Jwk[];
}

/** The usable keys of a set, and the kids that more than one entry claims. */
export interface ImportedKeySet {
  readonly keys: readonly JwtKey[];
  readonly duplicateKids: ReadonlySet<unknown>;
}

export function isJwkSet(value: unknown): value is JwkSet {
  return typeof value === 'object' && value !== null && !Object.hasOwn(value, 'kty') && Object.hasOwn(value, 'keys');
}

/**
 * Imports the signature keys of a set (`allowSecrets`: whether `oct` keys may be in it; never for a
 * set fetched from a URL, where a secret would be public). Keys webjwt cannot use (encryption keys, other curves)
 * are left out, so a provider's set that also lists them still works; private members anywhere make
 * the whole set unusable, since a public set that leaks private keys is a configuration error.
 * @throws KeyError for a set that is not `{ keys: [...] }` or holds private key material.
 */
export function importKeySet(set: unknown, allowSecrets = true): ImportedKeySet {
  const keys: unknown = typeof set === 'object' && set !== null ? (set as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) throw new KeyError('a JWK Set must be an object with a "keys" array');
  const usable: JwtKey[] = [];
  const kids = new Map<unknown, number>();
  for (const jwk of keys as unknown[]) {
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new KeyError('every member of "keys" must be a JWK object');
    // Counted before import: a skipped entry still makes its kid ambiguous.
    const kid = (jwk as { kid?: unknown }).kid;
    if (kid !== undefined) kids.set(kid, (kids.get(kid) ?? 0) + 1);
    if (isSecretKey(jwk) ? !allowSecrets : hasPrivateMembers(jwk)) {
      throw new KeyError('the JWK Set holds private or secret key material; publish public keys only');
    }
    try {
      usable.push(importKey(jwk as Jwk));
    } catch (error) {
      if (!(error instanceof KeyError)) throw error;
    }
  }
  // A set holding both secrets and public keys is a leak or a mix-up; either way, never guess.
  if (usable.some((key) => key.kty === 'oct') && usable.some((key) => key.kty !== 'oct')) {
    throw new KeyError('the JWK Set mixes secret (oct) and public keys; keep them in separate sets');
  }
  const duplicateKids = new Set([...kids].filter(([, n]) => n > 1).map(([kid]) => kid));
  return { keys: usable, duplicateKids };
}

function isSecretKey(jwk: object): boolean {
  return (jwk as { kty?: unknown }).kty === 'oct';
}

/**
 * A reusable resolver for `verify()` over a fixed JWK Set: the keys are imported once.
 * @example const keys = createLocalJWKSet({ keys: [jwk1, jwk2] }); await verify(token, keys);
 */
export function createLocalJWKSet(set: JwkSet): (header: JwtHeader) => JwtKey {
  const imported = importKeySet(set);
  return (header) => selectKey(imported, header);
}

/**
 * The one key of `keys` for this header: matching `kid` when the token has one, and fitting its `alg`
 * (key type, curve, the JWK's own `alg`). An `oct` key can never match an asymmetric alg.
 * @throws JwtError ERR_JWKS_NO_KEY when no key, or more than one, fits.
 */
export function selectKey({ keys, duplicateKids }: ImportedKeySet, header: JwtHeader): JwtKey {
  const alg = header.alg;
  if (header.kid !== undefined && duplicateKids.has(header.kid)) {
    throw new JwtError('ERR_JWKS_NO_KEY', 'several keys in the set share the token\'s "kid"; refusing to guess');
  }
  const candidates = keys.filter(
    (key) => (header.kid === undefined || key.kid === header.kid) && isAlgorithm(alg) && keyAllows(key, alg),
  );
  const [only, ...others] = candidates;
  if (only === undefined) throw new JwtError('ERR_JWKS_NO_KEY', 'no key in the key set matches the token\'s "kid" and "alg"');
  if (others.length > 0) {
    throw new JwtError('ERR_JWKS_NO_KEY', 'the token has no "kid" and several keys in the set fit its "alg"; refusing to guess');
  }
  return only;
}
