/**
 * Choosing one key from a JWK Set (RFC 7517 §5) for a token, without guessing: by `kid` first, then
 * by what fits the token's algorithm. Ambiguity is an error, never a coin toss (RFC 8725 §3.1); keys
 * that cannot verify are left out when the set is imported, so they are never a candidate, never
 * make a kid ambiguous, and never reach the crypto backend (where they would be a server error).
 */
import { isAlgorithm, type JwsAlgorithm } from '../jwa/algorithms.js';
import { canonicalBase64url, decodeBase64url } from '../lib/base64url.js';
import type { JwtHeader } from '../types.js';
import { JwksNoKeyError, KeyError } from '../lib/errors.js';
import { hasPrivateMembers, type Jwk } from './jwk.js';
import { defaultAlgorithm, importKey, strengthProblem, strongAlgorithms, type JwtKey } from './key.js';

/** A JSON Web Key Set, as `/.well-known/jwks.json` serves it. */
export interface JwkSet {
  keys: readonly Jwk[];
}

/** A key of a set that can verify. */
interface SetKey {
  readonly key: JwtKey;
  /** The algorithms it verifies (fitting its type and pinned `alg`, strong enough for each). */
  readonly algorithms: readonly JwsAlgorithm[];
  /** Its RFC 7638 §3.2 required members: equal for the same key listed twice. */
  readonly members: string;
}

/** The keys of a set that can verify, the kids claimed by different keys, and why the others were left out. */
export interface ImportedKeySet {
  readonly keys: readonly SetKey[];
  readonly ambiguousKids: ReadonlySet<string>;
  /** The reason each skipped key (by kid) cannot verify. */
  readonly skipped: ReadonlyMap<string, string>;
}

/** The members that hold key material in a public (or oct) JWK (RFC 7518 §6). */
const KEY_MEMBERS = ['n', 'e', 'x', 'y', 'k'] as const;
const PUBLIC_TYPES = new Set<unknown>(['RSA', 'EC', 'OKP']);

/**
 * Imports the keys of a set that can verify (`allowSecrets`: whether `oct` keys may be in it; never
 * for a set fetched from a URL, where a secret would be public). Keys that cannot are skipped, so a
 * provider's set that also lists encryption keys, other curves or retired weak keys still works:
 * by `use`, `key_ops` (RFC 7517 §4.2, §4.3), an `alg` that is not a JWS algorithm, key type, curve
 * and strength (RFC 7518 §3.2, §3.3). Private members anywhere, or secrets next to public keys, make
 * the whole set unusable: a configuration error, not something to work around.
 * @throws KeyError for a set that is not `{ keys: [...] }`, holds private key material, or mixes
 *   secret and public keys.
 */
export function importKeySet(set: unknown, allowSecrets = true): ImportedKeySet {
  const entries: unknown = typeof set === 'object' && set !== null ? (set as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(entries)) throw new KeyError('a JWK Set must be an object with a "keys" array');
  const keys: SetKey[] = [];
  const kids = new Map<string, string>();
  const ambiguousKids = new Set<string>();
  const skipped = new Map<string, string>();
  let secrets = false;
  let publicKeys = false;
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new KeyError('every member of "keys" must be a JWK object');
    const kty = (entry as { kty?: unknown }).kty;
    if (kty === 'oct' ? !allowSecrets : hasPrivateMembers(entry)) {
      throw new KeyError('the JWK Set holds private or secret key material; publish public keys only');
    }
    secrets ||= kty === 'oct';
    publicKeys ||= PUBLIC_TYPES.has(kty);
    const jwk = withCanonicalMembers(entry as Record<string, unknown>);
    const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    const imported = importVerifyingKey(jwk);
    if (typeof imported === 'string') {
      if (kid !== undefined && !skipped.has(kid)) skipped.set(kid, imported);
      continue;
    }
    const members = requiredMembers(jwk);
    keys.push({ ...imported, members });
    if (kid === undefined) continue;
    // The same key listed twice under one kid is one key (RFC 7638 §3.2's members decide).
    const claimed = kids.get(kid);
    if (claimed === undefined) kids.set(kid, members);
    else if (claimed !== members) ambiguousKids.add(kid);
  }
  // A set holding both secrets and public keys is a leak or a mix-up; either way, never guess.
  if (secrets && publicKeys) throw new KeyError('the JWK Set mixes secret (oct) and public keys; keep them in separate sets');
  return { keys, ambiguousKids, skipped };
}

/**
 * The entry with its key members in canonical base64url. A leniency for trusted sets only: some
 * providers (Battle.net) publish standard padded base64. Anything that is base64 of neither
 * alphabet is left as it is, so that the import refuses it.
 */
function withCanonicalMembers(entry: Record<string, unknown>): Jwk {
  let jwk = entry;
  for (const name of KEY_MEMBERS) {
    const value = Object.hasOwn(entry, name) ? entry[name] : undefined;
    if (typeof value !== 'string' || decodeBase64url(value) !== undefined) continue;
    const canonical = canonicalBase64url(value);
    if (canonical !== undefined) jwk = { ...jwk, [name]: canonical };
  }
  return jwk as Jwk;
}

/** The key and what it verifies, or why it cannot verify. */
function importVerifyingKey(jwk: Jwk): Omit<SetKey, 'members'> | string {
  const use = own(jwk, 'use');
  if (use !== undefined && use !== 'sig')
    return use === 'enc' ? 'it is an encryption key ("use": "enc")' : `its "use" is ${shown(use)}, not "sig"`;
  const ops = own(jwk, 'key_ops');
  if (Array.isArray(ops) && !ops.includes('verify')) return 'its "key_ops" do not include "verify"';
  const alg = own(jwk, 'alg');
  if (alg !== undefined && !isAlgorithm(alg)) return `its "alg" ${shown(alg)} is not a JWS signature algorithm`;
  let key: JwtKey;
  try {
    key = importKey(jwk);
  } catch (error) {
    if (error instanceof KeyError) return error.message;
    throw error;
  }
  const algorithms = strongAlgorithms(key);
  if (algorithms.length === 0) return strengthProblem(key, defaultAlgorithm(key)) ?? 'it is too weak for every algorithm';
  return { key, algorithms };
}

/** A JWK member, if the JWK holds it itself (never one inherited from a prototype). */
export function own(jwk: object, name: string): unknown {
  return Object.hasOwn(jwk, name) ? (jwk as Record<string, unknown>)[name] : undefined;
}

/** RFC 7638 §3.2: the required members, in order; undefined ones drop out of the JSON. */
export function requiredMembers(jwk: Record<string, unknown>): string {
  return JSON.stringify([jwk.kty, jwk.crv, jwk.e, jwk.k, jwk.n, jwk.x, jwk.y]);
}

/** A value from the set, quoted for a message when it is short and plain. */
function shown(value: unknown): string {
  return typeof value === 'string' && PLAIN.test(value) ? JSON.stringify(value) : 'an unexpected value';
}

const PLAIN = /^[\x20-\x7e]{1,64}$/;

/**
 * A reusable resolver for `verify()` over a fixed JWK Set: the keys are imported once.
 * @example const keys = createLocalJWKSet({ keys: [jwk1, jwk2] }); await verify(token, keys);
 */
export function createLocalJWKSet(set: JwkSet): (header: JwtHeader) => JwtKey {
  const imported = importKeySet(set);
  return (header) => selectKey(imported, header);
}

/**
 * The one key of the set for this header: matching `kid` when the token has one, and verifying its
 * `alg` (key type, curve, the JWK's own `alg`, strength). An `oct` key never fits an asymmetric alg.
 * @throws JwtError ERR_JWKS_NO_KEY when no key, or more than one, fits; naming the key when the
 *   token's kid is a key the set lists but that was skipped.
 */
export function selectKey({ keys, ambiguousKids, skipped }: ImportedKeySet, header: JwtHeader): JwtKey {
  const { alg, kid } = header;
  if (kid !== undefined && ambiguousKids.has(kid)) {
    throw new JwksNoKeyError('several keys in the set share the token\'s "kid"; refusing to guess');
  }
  let chosen: SetKey | undefined;
  let listed = false;
  for (const entry of keys) {
    if (kid !== undefined && entry.key.kid !== kid) continue;
    listed = true;
    if (!isAlgorithm(alg) || !entry.algorithms.includes(alg)) continue;
    if (chosen === undefined) chosen = entry;
    else if (chosen.members !== entry.members) {
      throw new JwksNoKeyError('the token has no "kid" and several keys in the set fit its "alg"; refusing to guess');
    }
  }
  if (chosen !== undefined) return chosen.key;
  const reason = kid === undefined || listed ? undefined : skipped.get(kid);
  // The kid is the set's own (the token's matched it), so the message carries nothing from the token.
  if (reason !== undefined && kid !== undefined) {
    const name = PLAIN.test(kid) ? JSON.stringify(kid) : 'the token names';
    throw new JwksNoKeyError(`the key set's key ${name} was skipped: ${reason}`);
  }
  throw new JwksNoKeyError('no key in the key set matches the token\'s "kid" and "alg"');
}
