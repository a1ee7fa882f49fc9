/**
 * Turns whatever a user holds into a `JwtKey`: one key, one family, and the algorithms it may be used
 * with (RFC 8725 §3.1). Strings are classified before anything else so that a public key in any
 * spelling can never become an HMAC secret (the HS/RS confusion, RFC 8725 §2.1).
 */
import { algorithmSpec, hashBytes, isAlgorithm, type Curve, type JwsAlgorithm, type KeyFamily } from '../jwa/algorithms.js';
import { decodeBase64 } from '../lib/base64url.js';
import { utf8Bytes } from '../lib/text.js';
import * as backend from '../crypto/backend.js';
import type { KeyUsage } from '../crypto/webcrypto.js';
import { KeyError } from '../lib/errors.js';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import { inspectJwk, type Jwk } from './jwk.js';
import { looksLikeKeyStructure, parsePem, type KeyData } from './pem.js';

/** What a key is: an HMAC secret, or one half of a key pair. */
export type KeyType = 'secret' | 'public' | 'private';

type Usage = KeyUsage;

type Material =
  | { readonly kind: 'secret'; readonly bytes: Uint8Array }
  | { readonly kind: 'jwk'; readonly jwk: JsonWebKey }
  | { readonly kind: 'der'; readonly data: KeyData }
  | { readonly kind: 'crypto'; readonly key: CryptoKey };

interface KeyState {
  readonly family: KeyFamily;
  readonly type: KeyType;
  readonly alg: JwsAlgorithm | undefined;
  readonly crv: Curve | undefined;
  /** RSA modulus bits, or HMAC secret bits. */
  readonly bits: number;
  readonly pssOnly: boolean;
  readonly usages: readonly Usage[] | undefined;
  readonly material: Material;
  /** Backend keys by usage and algorithm, imported on first use. */
  readonly cache: Readonly<Record<Usage, Map<JwsAlgorithm, backend.BackendKey | Promise<backend.BackendKey>>>>;
}

const states = new WeakMap<JwtKey, KeyState>();
const CONSTRUCT = Symbol('JwtKey');

/**
 * A key bound to one algorithm family, made by `importKey()`. Reuse it: the key material is
 * imported into the crypto backend once per algorithm and cached.
 */
export class JwtKey {
  /** `secret` (HMAC), `public` or `private`. */
  readonly type: KeyType;
  /** The key family, as a JWK `kty`. */
  readonly kty: KeyFamily;
  /** The curve of an EC or OKP key, as a JWK `crv`. */
  readonly crv: Curve | undefined;
  /** The one algorithm this key is pinned to, when its source fixed one. */
  readonly alg: JwsAlgorithm | undefined;
  /** The key id from a JWK, or from `importKey`'s options. */
  readonly kid: string | undefined;

  /** @internal Use `importKey()`. */
  constructor(guard: symbol, state: unknown, kid: string | undefined) {
    if (guard !== CONSTRUCT) throw new TypeError('use importKey() to make a JwtKey');
    const s = state as KeyState;
    this.type = s.type;
    this.kty = s.family;
    this.crv = s.crv;
    this.alg = s.alg;
    this.kid = kid;
    states.set(this, s);
    Object.freeze(this);
  }
}

/** Everything `importKey` accepts. */
/**
 * Everything `importKey` accepts. Strings and bytes are read the same way: PEM or JWK text (also as
 * the bytes of a file read without an encoding) is that key; only what holds no key is a secret.
 */
export type KeyInput = string | ArrayBufferView | ArrayBuffer | CryptoKey | Jwk | JwtKey;

export interface ImportKeyOptions {
  /**
   * Accept HMAC secrets shorter than the hash output (RFC 7518 §3.2) and RSA keys under 2048 bits.
   * Only for verifying tokens from legacy systems you cannot fix.
   */
  allowWeakKeys?: boolean;
}

const IMPORT_OPTIONS = { allowWeakKeys: true } as const satisfies OptionNames<ImportKeyOptions>;

function state(key: JwtKey): KeyState {
  const s = states.get(key);
  if (s === undefined) throw new TypeError('not a JwtKey made by importKey()');
  return s;
}

function make(init: Omit<KeyState, 'cache' | 'pssOnly' | 'usages'> & Partial<KeyState>, kid?: string): JwtKey {
  const s: KeyState = { pssOnly: false, usages: undefined, ...init, cache: { sign: new Map(), verify: new Map() } };
  if (s.alg !== undefined && !familyAlgorithms(s).includes(s.alg)) {
    throw new KeyError(`the key says "alg": "${s.alg}", which does not fit its type (${s.family}${s.crv === undefined ? '' : ` ${s.crv}`})`);
  }
  return new JwtKey(CONSTRUCT, s, kid);
}

function secretKey(bytes: Uint8Array): JwtKey {
  if (bytes.length === 0) throw new KeyError('the HMAC secret is empty');
  // Key bytes in DER (SPKI, PKCS#8, PKCS#1, SEC1, X.509) are a public or private key, never a secret.
  if (looksLikeKeyStructure(bytes)) {
    throw new KeyError('these bytes are a DER-encoded key, not an HMAC secret; pass it as PEM or JWK');
  }
  return make({ family: 'oct', type: 'secret', alg: undefined, crv: undefined, bits: bytes.length * 8, material: { kind: 'secret', bytes } });
}

const SSH_KEY = /^\s*(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-|sk-(?:ssh|ecdsa)-|PuTTY-User-Key-File|-{4} BEGIN SSH2)/;

/**
 * The key a text holds, or undefined when it holds none of the key forms (then it is a secret).
 * Strings and the UTF-8 text of bytes go through this one function, so a PEM or JWK file read
 * without 'utf8' is the same key as its text (RFC 8725 §2.1).
 * @throws KeyError for key text that cannot be used (SSH, PGP, a JWK Set where one key is needed, …).
 */
function keyFromText(text: string): JwtKey | undefined {
  // Anywhere in the text, not only at the start: a prefix must not turn a PEM (or PGP block) into a secret.
  if (text.includes('-----BEGIN')) return keyFromDer(parsePem(text));
  if (SSH_KEY.test(text)) throw new KeyError('SSH keys are not supported; convert with ssh-keygen -e -m PKCS8');
  const json = jsonText(text);
  if (json !== undefined) {
    if (isJwkSet(json)) throw new KeyError('this is a JWK Set, not one key: verify() takes it as a set; importKey() and sign() need one of its keys');
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && Object.hasOwn(json, 'kty')) return keyFromJwk(json);
    throw new KeyError('this text is JSON but not a JWK; a JSON value is never an HMAC secret');
  }
  // A JWK member name anywhere means JWK text, even behind a prefix (fast-jwt CVE-2026-107724's class).
  if (/"kty"\s*:/.test(text)) throw new KeyError('this text holds a malformed JWK; it is not an HMAC secret');
  const der = decodeBase64(text.trim().replace(/\s+/g, ''));
  if (der !== undefined && looksLikeKeyStructure(der)) {
    throw new KeyError('this text is a base64 DER key, not an HMAC secret; pass it as PEM');
  }
  return undefined;
}

/** The JSON object or array a text holds (surrounding white space aside), if it holds one. */
function jsonText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** True for an object shaped like a JWK Set (RFC 7517 §5): `keys`, and no `kty` of its own. */
export function isJwkSet(value: unknown): value is { keys: unknown } {
  return typeof value === 'object' && value !== null && !Object.hasOwn(value, 'kty') && Object.hasOwn(value, 'keys');
}

const utf8 = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 text of bytes, or undefined when they are not UTF-8 (a random secret, DER). */
function textOf(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A copy of the bytes of any buffer or view (a Node Buffer's slice() is a view, not a copy). */
function copyBytes(material: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (material instanceof ArrayBuffer) return new Uint8Array(material.slice(0));
  return new Uint8Array(material.buffer, material.byteOffset, material.byteLength).slice();
}

function isBytes(material: unknown): material is ArrayBuffer | ArrayBufferView {
  return material instanceof ArrayBuffer || ArrayBuffer.isView(material);
}

/**
 * The parsed JWK Set that a string or bytes hold, if they hold one: `verify()` takes a set in any of
 * its spellings, as it takes a key.
 */
export function jwkSetText(material: unknown): object | undefined {
  const text = typeof material === 'string' ? material : isBytes(material) ? textOf(copyBytes(material)) : undefined;
  const json = text === undefined || text.includes('-----BEGIN') ? undefined : jsonText(text);
  return isJwkSet(json) ? json : undefined;
}

function keyFromDer(data: KeyData): JwtKey {
  return make({
    family: data.kty,
    type: data.format === 'spki' ? 'public' : 'private',
    alg: undefined,
    crv: data.crv,
    bits: data.modulusBits ?? 0,
    pssOnly: data.pssOnly ?? false,
    material: { kind: 'der', data },
  });
}

const CURVE_ALG: Readonly<Record<string, JwsAlgorithm>> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
const HASH_SUFFIX: Readonly<Record<string, string>> = { 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' };

function keyFromCryptoKey(key: CryptoKey): JwtKey {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm & HmacKeyAlgorithm>;
  const suffix = HASH_SUFFIX[algorithm.hash?.name ?? ''];
  const base = { type: key.type, crv: undefined, bits: 0, material: { kind: 'crypto', key } } as const;
  const usages = key.usages.filter((u): u is Usage => u === 'sign' || u === 'verify');
  switch (algorithm.name) {
    case 'HMAC':
      if (suffix !== undefined) return make({ ...base, usages, family: 'oct', alg: `HS${suffix}` as JwsAlgorithm, bits: algorithm.length ?? 0 });
      break;
    case 'RSASSA-PKCS1-v1_5':
    case 'RSA-PSS':
      if (suffix !== undefined) {
        const alg = `${algorithm.name === 'RSA-PSS' ? 'PS' : 'RS'}${suffix}` as JwsAlgorithm;
        return make({ ...base, usages, family: 'RSA', alg, bits: algorithm.modulusLength ?? 0 });
      }
      break;
    case 'ECDSA': {
      const alg = CURVE_ALG[algorithm.namedCurve ?? ''];
      if (alg !== undefined) return make({ ...base, usages, family: 'EC', alg, crv: algorithm.namedCurve as Curve });
      break;
    }
    case 'Ed25519':
      return make({ ...base, usages, family: 'OKP', alg: 'EdDSA', crv: 'Ed25519' });
  }
  throw new KeyError(`CryptoKey algorithm ${String(algorithm.name)} cannot make JWS signatures`);
}

function keyFromJwk(jwk: object): JwtKey {
  const { family, type, alg, crv, bits, usages, keyMembers, secret, kid } = inspectJwk(jwk);
  const material: Material = secret === undefined ? { kind: 'jwk', jwk: keyMembers } : { kind: 'secret', bytes: secret };
  return make({ family, type, alg, crv, bits, usages, material }, kid);
}

/** Every algorithm a key may be used with. `EdDSA` and `Ed25519` name the same scheme. */
function algorithmsFor(s: KeyState): readonly JwsAlgorithm[] {
  if (s.alg === 'EdDSA' || s.alg === 'Ed25519') return EDDSA;
  if (s.alg !== undefined) return only(s.alg);
  return familyAlgorithms(s);
}

// Constant lists: these run on every verification, and must not allocate.
const HMAC: readonly JwsAlgorithm[] = ['HS256', 'HS384', 'HS512'];
const RSA: readonly JwsAlgorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const PSS: readonly JwsAlgorithm[] = ['PS256', 'PS384', 'PS512'];
const EDDSA: readonly JwsAlgorithm[] = ['EdDSA', 'Ed25519'];
const singles = new Map<JwsAlgorithm, readonly JwsAlgorithm[]>();

/** `[alg]`, the same array every time. */
function only(alg: JwsAlgorithm): readonly JwsAlgorithm[] {
  let list = singles.get(alg);
  if (list === undefined) singles.set(alg, (list = [alg]));
  return list;
}

/** The algorithms a key's family and curve allow, whatever it is pinned to. */
function familyAlgorithms(s: KeyState): readonly JwsAlgorithm[] {
  switch (s.family) {
    case 'oct':
      return HMAC;
    case 'RSA':
      return s.pssOnly ? PSS : RSA;
    case 'EC':
      return only(CURVE_ALG[s.crv ?? ''] as JwsAlgorithm);
    case 'OKP':
      return EDDSA;
  }
}

/** The algorithms a key accepts when the caller lists none: the one it pins, or its family default. */
export function defaultAlgorithms(key: JwtKey): readonly JwsAlgorithm[] {
  const s = state(key);
  const all = algorithmsFor(s);
  return s.family === 'OKP' ? all : only(all[0] as JwsAlgorithm);
}

/** The algorithm `sign()` uses when the caller names none. */
export function defaultAlgorithm(key: JwtKey): JwsAlgorithm {
  const [first] = defaultAlgorithms(key);
  if (first === undefined) throw new KeyError(`no algorithm fits ${describe(key)}`);
  return first;
}

export function keyAllows(key: JwtKey, alg: JwsAlgorithm): boolean {
  return algorithmsFor(state(key)).includes(alg);
}

function describe(key: JwtKey): string {
  const s = state(key);
  const what = s.family === 'oct' ? 'an HMAC secret' : `${s.type === 'public' ? 'a public' : 'a private'} ${s.family}${s.crv === undefined ? '' : ` ${s.crv}`} key`;
  return s.alg === undefined ? what : `${what} pinned to ${s.alg}`;
}

/** @throws KeyError when `alg` does not fit the key. */
export function assertKeyAllows(key: JwtKey, alg: JwsAlgorithm): void {
  if (!keyAllows(key, alg)) throw new KeyError(`${alg} cannot be used with ${describe(key)}`);
}

/**
 * Makes a reusable key from a secret (string or bytes), a PEM string, a JWK object or a CryptoKey.
 * With `alg`, the key is pinned to exactly that algorithm.
 * @throws KeyError (ERR_KEY) for unusable, insecure or mismatched key material.
 */
export function importKey(material: KeyInput, alg?: JwsAlgorithm, options?: ImportKeyOptions): JwtKey {
  if (alg !== undefined && !isAlgorithm(alg)) throw new TypeError('alg must be a supported JWS algorithm name');
  const { allowWeakKeys = false } = checkOptions(options, IMPORT_OPTIONS, 'importKey()');
  assertBoolean(allowWeakKeys, 'allowWeakKeys');
  const key = toKey(material);
  if (alg === undefined) return key;
  assertKeyAllows(key, alg);
  assertStrength(key, alg, allowWeakKeys);
  const s = state(key);
  return s.alg === alg ? key : make({ ...s, alg }, key.kid);
}

/**
 * Keys remembered so that `verify(token, key)` on every request imports once: strings by value (the
 * last 64 used), CryptoKeys by identity, byte secrets and JWK objects by identity as long as they
 * still hold what they held (below).
 */
const STRING_KEYS_KEPT = 64;
const stringKeys = new Map<string, JwtKey>();
const cryptoKeys = new WeakMap<CryptoKey, JwtKey>();

function rememberString(text: string): JwtKey {
  let key = stringKeys.get(text);
  if (key !== undefined) {
    stringKeys.delete(text); // re-inserted below as the most recently used
  } else {
    key = keyFromText(text) ?? secretKey(utf8Bytes(text));
    if (stringKeys.size >= STRING_KEYS_KEPT) stringKeys.delete(stringKeys.keys().next().value as string);
  }
  stringKeys.set(text, key);
  return key;
}

function rememberCryptoKey(cryptoKey: CryptoKey): JwtKey {
  let key = cryptoKeys.get(cryptoKey);
  if (key === undefined) {
    key = keyFromCryptoKey(cryptoKey);
    cryptoKeys.set(cryptoKey, key);
  }
  return key;
}

/**
 * Byte secrets and JWK objects can change after a call, so they are remembered with what they held:
 * a later call with the same object reuses the key only if the object still holds exactly that (the
 * bytes, or the JWK's JSON); a changed object is imported afresh.
 */
const mutableKeys = new WeakMap<object, { readonly held: Uint8Array | string; readonly key: JwtKey }>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rememberMutable(material: object, held: Uint8Array | string, make: () => JwtKey): JwtKey {
  const known = mutableKeys.get(material);
  if (known !== undefined && (typeof held === 'string' ? known.held === held : known.held instanceof Uint8Array && sameBytes(known.held, held))) {
    return known.key;
  }
  const key = make();
  mutableKeys.set(material, { held, key });
  return key;
}

function toKey(material: KeyInput): JwtKey {
  if (material instanceof JwtKey) return material;
  if (typeof material === 'string') return rememberString(material);
  // Copied, whatever the view, so a caller reusing or zeroing the buffer cannot change the key
  // afterwards; remembered against the copy, so a buffer changed in place is imported afresh.
  if (isBytes(material)) {
    const bytes = copyBytes(material);
    return rememberMutable(material, bytes, () => {
      const text = textOf(bytes);
      return (text === undefined ? undefined : keyFromText(text)) ?? secretKey(bytes);
    });
  }
  if (typeof CryptoKey !== 'undefined' && material instanceof CryptoKey) return rememberCryptoKey(material);
  if (typeof material === 'object' && (material as unknown) !== null && !Array.isArray(material)) {
    return rememberMutable(material, JSON.stringify(material), () => keyFromJwk(material));
  }
  throw new TypeError('key must be a string, bytes (Uint8Array, Buffer, ArrayBuffer), CryptoKey, JWK object or JwtKey');
}

/** @throws KeyError for short HMAC secrets (RFC 7518 §3.2) and RSA keys under 2048 bits (§3.3). */
export function assertStrength(key: JwtKey, alg: JwsAlgorithm, allowWeakKeys: boolean): void {
  if (allowWeakKeys) return;
  const problem = strengthProblem(key, alg);
  if (problem === undefined) return;
  const advice = key.kty === 'oct' ? `. Generate one with generateSecret('${alg}'), or` : ', or';
  throw new KeyError(`${problem}${advice} pass allowWeakKeys for a legacy key`);
}

/** Why the key is too weak for `alg` (RFC 7518 §3.2 HMAC secrets, §3.3 RSA moduli), or undefined. */
export function strengthProblem(key: JwtKey, alg: JwsAlgorithm): string | undefined {
  const s = state(key);
  const spec = algorithmSpec(alg);
  if (s.family === 'oct' && spec.hash !== undefined) {
    const needed = hashBytes(spec.hash);
    if (s.bits < needed * 8) return `HMAC secret is ${s.bits / 8} bytes; ${alg} needs at least ${needed}`;
  }
  if (s.family === 'RSA' && s.bits < 2048) return `RSA key is ${s.bits} bits; at least 2048 are required (RFC 7518 §3.3)`;
  return undefined;
}

/**
 * The algorithms the key may verify without allowWeakKeys: those it allows and is strong enough for.
 * Empty for a key too weak for all of them.
 */
export function strongAlgorithms(key: JwtKey): readonly JwsAlgorithm[] {
  const all = algorithmsFor(state(key));
  return all.every((alg) => strengthProblem(key, alg) === undefined) ? all : all.filter((alg) => strengthProblem(key, alg) === undefined);
}

/**
 * The backend key (CryptoKey, or KeyObject in the Node build) for one algorithm and usage, imported
 * once and cached; once imported it is returned as it is, not as a promise, so that a verification
 * with a known key waits for nothing but the signature check.
 */
export function backendKeyFor(key: JwtKey, alg: JwsAlgorithm, usage: Usage): backend.BackendKey | Promise<backend.BackendKey> {
  const s = state(key);
  if (usage === 'sign' && s.type === 'public') throw new KeyError('a public key cannot sign; pass the private key');
  if (usage === 'verify' && s.type === 'private') {
    throw new KeyError('verify() needs the public key (or a certificate), not the private key');
  }
  if (s.usages !== undefined && !s.usages.includes(usage)) throw new KeyError(`the key's key_ops/usages do not allow "${usage}"`);
  const cache = s.cache[usage];
  let pending = cache.get(alg);
  if (pending === undefined) {
    pending = load(s.material, alg, usage).then(
      (loaded) => {
        cache.set(alg, loaded);
        return loaded;
      },
      (cause: unknown) => {
        cache.delete(alg);
        throw cause instanceof KeyError ? cause : new KeyError(`the key cannot be used for ${alg}: the crypto backend refused it`, { cause });
      },
    );
    cache.set(alg, pending);
  }
  return pending;
}

/** The length in bytes of an RSA key's modulus, hence of its signatures (RFC 8017 §8.2.2). */
export function modulusBytes(key: JwtKey): number {
  return Math.ceil(state(key).bits / 8);
}

function load(material: Material, alg: JwsAlgorithm, usage: Usage): Promise<backend.BackendKey> {
  switch (material.kind) {
    case 'secret':
      return backend.importSecretKey(material.bytes, alg, usage);
    case 'jwk':
      return backend.importJwk(material.jwk, alg, usage);
    case 'der':
      return backend.importDer(material.data.format, material.data.der, alg, usage);
    case 'crypto':
      return backend.fromCryptoKey(material.key, alg);
  }
}

/** What `exportJWK`/`exportPEM` need: the raw material of a key. @internal */
export function keyMaterial(key: JwtKey): Material {
  return state(key).material;
}
