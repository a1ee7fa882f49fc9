/**
 * Choosing the JWE key of a JWK Set (RFC 7517 §5) for a token, as keyset.ts does for JWS: by `kid`
 * first, then by what fits the header's `alg`; ambiguity is an error, never a guess (RFC 8725 §3.1).
 * Only encryption keys are candidates: `"use": "enc"`, a JWE `alg`, or neither on a key of a family
 * that can encrypt. Signing keys (`"use": "sig"`, signing `key_ops`, a JWS `alg`) are skipped.
 */
import { isKeyManagement } from '../jwa/encryption.js';
import { JwksNoKeyError, KeyError } from '../lib/errors.js';
import { keyManagementOf, toEncryptionKey } from './encryption-key.js';
import { remoteSetLookup } from './remote.js';
import type { Jwk } from './jwk.js';
import { isBytes, isJwkSet, jwkSetText, type JwtKey } from './key.js';
import { own, requiredMembers } from './keyset.js';

/** The encryption keys of a set, the kids claimed by different keys, and why the others were left out. */
export interface ImportedEncryptionSet {
  readonly keys: readonly { readonly key: JwtKey; readonly members: string }[];
  readonly ambiguousKids: ReadonlySet<string>;
  /** The reason each skipped key (by kid) cannot encrypt or decrypt. */
  readonly skipped: ReadonlyMap<string, string>;
}

const SIGNING_OPS = new Set<unknown>(['sign', 'verify']);

/** Why a JWK of a set is not an encryption key, or undefined when it may be one. */
function notForEncryption(jwk: Record<string, unknown>, allowSecrets: boolean): string | undefined {
  const use = own(jwk, 'use');
  if (use !== undefined && use !== 'enc') return use === 'sig' ? 'it is a signing key ("use": "sig")' : 'its "use" is not "enc"';
  const ops = own(jwk, 'key_ops');
  if (Array.isArray(ops) && ops.some((op) => SIGNING_OPS.has(op))) return 'its "key_ops" are for signatures';
  const alg = own(jwk, 'alg');
  if (alg !== undefined && !isKeyManagement(alg)) return 'its "alg" is not a JWE key management algorithm';
  if (own(jwk, 'kty') === 'oct' && !allowSecrets) return 'a secret (oct) key in a set fetched from a URL';
  return undefined;
}

/**
 * Imports the encryption keys of a set (an object, or its JSON text or bytes). Private keys are
 * expected in a set given to decrypt; `allowSecrets` is false for a set fetched from a URL, where a
 * secret would be public (RFC 7517 §9.2): its secrets are skipped.
 * @throws KeyError for anything that is not `{ keys: [...] }` of objects.
 */
export function importEncryptionSet(set: unknown, allowSecrets = true): ImportedEncryptionSet {
  const parsed = isJwkSet(set) ? set : jwkSetText(set);
  const entries: unknown = parsed === undefined ? undefined : (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(entries)) throw new KeyError('a JWK Set must be an object with a "keys" array');
  const keys: { key: JwtKey; members: string }[] = [];
  const kids = new Map<string, string>();
  const ambiguousKids = new Set<string>();
  const skipped = new Map<string, string>();
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new KeyError('every member of "keys" must be a JWK object');
    const jwk = entry as Record<string, unknown>;
    const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    let reason = notForEncryption(jwk, allowSecrets);
    let key: JwtKey | undefined;
    if (reason === undefined) {
      try {
        key = toEncryptionKey(jwk as Jwk);
      } catch (error) {
        if (!(error instanceof KeyError)) throw error;
        reason = error.message;
      }
    }
    if (key === undefined) {
      if (kid !== undefined && !skipped.has(kid)) skipped.set(kid, reason as string);
      continue;
    }
    const members = requiredMembers(jwk);
    keys.push({ key, members });
    if (kid === undefined) continue;
    const claimed = kids.get(kid);
    if (claimed === undefined) kids.set(kid, members);
    else if (claimed !== members) ambiguousKids.add(kid);
  }
  return { keys, ambiguousKids, skipped };
}

const PLAIN = /^[\x20-\x7e]{1,64}$/;

/**
 * What chooses a key of a set: a token's `kid` and `alg` (decrypting); or, encrypting to a set, the
 * `kid` and `alg` the caller named, where an absent `alg` means each key's own default and `forEncryption`
 * prefers a key's public half.
 */
export interface RecipientHeader {
  readonly kid?: string | undefined;
  readonly alg?: string | undefined;
  readonly forEncryption?: boolean;
}

/**
 * The one encryption key of an imported set for this header: matching `kid` when the header has
 * one, and fitting its `alg`. The same key listed twice (equal RFC 7638 members) is one key, its
 * private half preferred (decrypting needs it).
 * @throws JwksNoKeyError (ERR_JWKS_NO_KEY) when no key, or more than one, fits; naming the reason
 *   when the header's kid is a key the set lists but that was skipped.
 */
export function selectFromEncryptionSet({ keys, ambiguousKids, skipped }: ImportedEncryptionSet, header: RecipientHeader): JwtKey {
  const { kid, alg } = header;
  const asked = header.forEncryption === true;
  if (kid !== undefined && ambiguousKids.has(kid)) {
    throw new JwksNoKeyError(`several keys in the set share ${asked ? 'the "kid" asked for' : 'the token\'s "kid"'}; refusing to guess`);
  }
  let chosen: { key: JwtKey; members: string } | undefined;
  let listed = false;
  for (const entry of keys) {
    if (kid !== undefined && entry.key.kid !== kid) continue;
    listed = true;
    const { algorithms, defaults } = keyManagementOf(entry.key);
    if (alg === undefined ? !asked || defaults.length === 0 : !isKeyManagement(alg) || !algorithms.includes(alg)) continue;
    // The same key listed twice: the half that can do the job (decrypting needs the private one).
    const wanted = asked ? 'public' : 'private';
    if (chosen === undefined || (chosen.members === entry.members && entry.key.type === wanted)) chosen = entry;
    else if (chosen.members !== entry.members) {
      throw new JwksNoKeyError(
        asked
          ? 'several keys in the set fit; name the recipient with options.header.kid'
          : 'the token has no "kid" and several keys in the set fit its "alg"; refusing to guess',
      );
    }
  }
  if (chosen !== undefined) return chosen.key;
  const reason = kid === undefined || listed ? undefined : skipped.get(kid);
  if (reason !== undefined && kid !== undefined) {
    const name = PLAIN.test(kid) ? JSON.stringify(kid) : 'the token names';
    throw new JwksNoKeyError(`the key set's key ${name} was skipped: ${reason}`);
  }
  throw new JwksNoKeyError(
    `no encryption key in the key set matches ${asked ? 'the "kid" and "alg" asked for' : 'the token\'s "kid" and "alg"'}`,
  );
}

/** Each fetched set's encryption keys, imported once per fetched JSON (never changed after the fetch). */
const remoteSets = new WeakMap<object, ImportedEncryptionSet>();

function remoteEncryptionSet(json: unknown): ImportedEncryptionSet {
  if (typeof json !== 'object' || json === null) throw new JwksNoKeyError('the key set holds no encryption keys');
  let set = remoteSets.get(json);
  if (set === undefined) remoteSets.set(json, (set = importEncryptionSet(json, false)));
  return set;
}

/**
 * For a `createRemoteJWKSet()` resolver: its lookup of encryption keys, from the same fetched and
 * cached set, under the same refetch, cooldown and timeout rules as verification (an unknown kid
 * refetches at most once per cooldown). Secrets are never taken from a fetched set, and the set
 * itself refuses private members (RFC 7517 §9.2), so its keys are public: what a token is encrypted
 * to. Undefined for anything that is not such a resolver.
 */
export function encryptionKeyResolver(resolver: unknown): ((header: RecipientHeader) => Promise<JwtKey>) | undefined {
  const lookup = remoteSetLookup(resolver);
  if (lookup === undefined) return undefined;
  return (header) => lookup((json) => selectFromEncryptionSet(remoteEncryptionSet(json), header));
}

/**
 * The parsed JWK Set a key argument holds, if it holds one: an object, or the text of one in a
 * string or bytes. Bytes are decoded only when they open with '{' (after white space and a UTF-8
 * BOM), so that a secret passed as bytes on every call is not decoded each time.
 */
export function jwkSetOf(material: unknown): object | undefined {
  if (isJwkSet(material)) return material;
  if (typeof material === 'string') return jwkSetText(material);
  if (!isBytes(material)) return undefined;
  const bytes =
    material instanceof ArrayBuffer ? new Uint8Array(material) : new Uint8Array(material.buffer, material.byteOffset, material.byteLength);
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i++;
  return bytes[i] === 0x7b ? jwkSetText(material) : undefined;
}
