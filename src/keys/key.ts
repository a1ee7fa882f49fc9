/**
 * Turns whatever a user holds into a `JwtKey`: one key, one family, and the algorithms it may be used
 * with (RFC 8725 §3.1). Strings are classified before anything else so that a public key in any
 * spelling can never become an HMAC secret (the HS/RS confusion, RFC 8725 §2.1).
 */
import {
  algorithmOfKey,
  algorithmSpec,
  algorithmsWhere,
  hashBytes,
  isAlgorithm,
  type Curve,
  type JwsAlgorithm,
  type KeyFamily,
} from '../jwa/algorithms.js';
import type { KeyManagementAlgorithm } from '../jwa/encryption.js';
import { decodeBase64 } from '../lib/base64url.js';
import { utf8Bytes } from '../lib/text.js';
import * as backend from '../crypto/backend.js';
import type { KeyUsage } from '../crypto/webcrypto.js';
import { KeyError } from '../lib/errors.js';
import { Lru } from '../lib/lru.js';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import { inspectJwk, type Jwk } from './jwk.js';
import { looksLikeKeyStructure, parsePem, type KeyData } from './pem.js';

/** What a key is: an HMAC secret, or one half of a key pair. */
export type KeyType = 'secret' | 'public' | 'private';

type Usage = KeyUsage;

/** Key material as it was given, for the backends to import (JWE's too: `crypto/backend.ts`'s KeyMaterial). */
export type Material =
  | { readonly kind: 'secret'; readonly bytes: Uint8Array }
  | { readonly kind: 'jwk'; readonly jwk: JsonWebKey }
  | { readonly kind: 'der'; readonly data: KeyData }
  | { readonly kind: 'crypto'; readonly key: CryptoKey };

/**
 * What a JwtKey is. A JWE key (keys/encryption-key.ts) has one too, with no JWS `algorithms` or
 * `defaults`, so that every JWS path refuses it with its own errors, and its JWE `alg` when pinned.
 */
export interface KeyState {
  readonly family: KeyFamily;
  readonly type: KeyType;
  readonly alg: JwsAlgorithm | KeyManagementAlgorithm | undefined;
  readonly crv: Curve | undefined;
  /** RSA modulus bits, or HMAC secret bits. */
  readonly bits: number;
  readonly pssOnly: boolean;
  readonly usages: readonly Usage[] | undefined;
  readonly material: Material;
  /** Every algorithm the key may be used with (worked out by `make`). */
  readonly algorithms: readonly JwsAlgorithm[];
  /** The algorithms it accepts when the caller lists none: the one it pins, or its family default. */
  readonly defaults: readonly JwsAlgorithm[];
  /** The key prepared for each usage and algorithm it has been used with (`prepareKey`). */
  readonly prepared: Readonly<Record<Usage, Map<JwsAlgorithm, Prepared>>>;
}

const states = new WeakMap<JwtKey, KeyState>();
/** The constructor's guard: keys/encryption-key.ts makes JWE keys with it. @internal */
export const CONSTRUCT: unique symbol = Symbol('JwtKey');

/**
 * A key bound to one algorithm family, made by `importKey()`. Reuse it: for each algorithm and usage
 * it is checked and imported into the crypto backend once, at its first use, and kept prepared.
 * (Properties are `declare`d and set by the constructor: no field definitions emitted as well.)
 */
export class JwtKey {
  /** `secret` (HMAC), `public` or `private`. */
  declare readonly type: KeyType;
  /** The key family, as a JWK `kty`. */
  declare readonly kty: KeyFamily;
  /** The curve of an EC or OKP key, as a JWK `crv`. */
  declare readonly crv: Curve | undefined;
  /** The one algorithm this key is pinned to, when its source fixed one: a JWS algorithm, or a JWE key management one. */
  declare readonly alg: JwsAlgorithm | KeyManagementAlgorithm | undefined;
  /** The key id from a JWK, or from `importKey`'s options. */
  declare readonly kid: string | undefined;

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

/** The state of a JwtKey. @throws TypeError for anything else. */
export function keyState(key: JwtKey): KeyState {
  const s = states.get(key);
  if (s === undefined) throw new TypeError('not a JwtKey made by importKey()');
  return s;
}

/** A key's facts before `make`: `pssOnly` undefined is false. */
type KeyInit = Omit<KeyState, 'prepared' | 'pssOnly' | 'usages' | 'algorithms' | 'defaults' | 'alg'> &
  Partial<Omit<KeyState, 'alg' | 'pssOnly'>> & { readonly alg: JwsAlgorithm | undefined; readonly pssOnly?: boolean | undefined };

/**
 * The key's state, with the algorithms it allows worked out once from the table: those of its family
 * and curve (only PS* for an id-RSASSA-PSS key), or the one it pins. `EdDSA` and `Ed25519` name the
 * same scheme, so either pin allows both. Read on every verification, so they must not allocate there.
 */
function make(init: KeyInit, kid?: string): JwtKey {
  const { family, crv, alg, pssOnly = false } = init;
  const fitting = algorithmsWhere(
    (spec) => spec.family === family && (spec.crv === undefined || spec.crv === crv) && (!pssOnly || spec.name === 'RSA-PSS'),
  );
  if (alg !== undefined && !fitting.includes(alg))
    throw new KeyError(`the key says "alg": "${alg}", which does not fit its type (${kindOf(init)})`);
  const algorithms = alg === undefined || family === 'OKP' ? fitting : [alg];
  const defaults = family === 'OKP' ? algorithms : algorithms.slice(0, 1);
  const s: KeyState = { usages: undefined, ...init, pssOnly, algorithms, defaults, prepared: { sign: new Map(), verify: new Map() } };
  return new JwtKey(CONSTRUCT, s, kid);
}

/** `RSA`, `EC P-256`: the key's family and curve, as messages name them. */
export function kindOf(s: Pick<KeyState, 'family' | 'crv'>): string {
  return s.crv === undefined ? s.family : `${s.family} ${s.crv}`;
}

function secretKey(bytes: Uint8Array): JwtKey {
  if (bytes.length === 0) throw new KeyError('the HMAC secret is empty');
  // Key bytes in DER (SPKI, PKCS#8, PKCS#1, SEC1, X.509) are a public or private key, never a secret.
  if (looksLikeKeyStructure(bytes)) {
    throw notSecret('DER key bytes', '; pass the key as PEM or JWK');
  }
  return make({
    family: 'oct',
    type: 'secret',
    alg: undefined,
    crv: undefined,
    bits: bytes.length * 8,
    material: { kind: 'secret', bytes },
  });
}

/** The refusal of key material that is not a secret (RFC 8725 §2.1), with what to pass instead. */
function notSecret(what: string, advice = ''): KeyError {
  return new KeyError(`${what}: never an HMAC secret${advice}`);
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
    if (isJwkSet(json)) throw new KeyError('a JWK Set, not one key: pass one of its keys (only verify() takes a set)');
    if (typeof json === 'object' && json !== null && !Array.isArray(json) && Object.hasOwn(json, 'kty')) return keyFromJwk(json);
    throw notSecret('JSON text that is not a JWK');
  }
  // A JWK member name anywhere means JWK text, even behind a prefix (fast-jwt CVE-2026-107724's class).
  if (/"kty"\s*:/.test(text)) throw notSecret('malformed JWK text');
  const der = decodeBase64(text.trim().replace(/\s+/g, ''));
  if (der !== undefined && looksLikeKeyStructure(der)) {
    throw notSecret('base64 DER key text', '; pass the key as PEM');
  }
  return undefined;
}

/** The JSON object or array a text holds (surrounding white space aside), if it holds one. */
export function jsonText(text: string): unknown {
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
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A copy of the bytes of any buffer or view (a Node Buffer's slice() is a view, not a copy). */
export function copyBytes(material: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (material instanceof ArrayBuffer) return new Uint8Array(material.slice(0));
  return new Uint8Array(material.buffer, material.byteOffset, material.byteLength).slice();
}

export function isBytes(material: unknown): material is ArrayBuffer | ArrayBufferView {
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
    pssOnly: data.pssOnly,
    material: { kind: 'der', data },
  });
}

/** A CryptoKey is pinned to the algorithm its own algorithm (name with hash or curve) stands for. */
function keyFromCryptoKey(key: CryptoKey): JwtKey {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm & HmacKeyAlgorithm>;
  const alg = algorithmOfKey(String(algorithm.name), algorithm.hash?.name, algorithm.namedCurve);
  if (alg === undefined) throw new KeyError(`CryptoKey algorithm ${String(algorithm.name)} cannot make JWS signatures`);
  const { family, crv } = algorithmSpec(alg);
  const usages = key.usages.filter((u): u is Usage => u === 'sign' || u === 'verify');
  const bits = family === 'oct' ? (algorithm.length ?? 0) : family === 'RSA' ? (algorithm.modulusLength ?? 0) : 0;
  return make({ type: key.type, family, alg, crv, bits, usages, material: { kind: 'crypto', key } });
}

function keyFromJwk(jwk: object): JwtKey {
  const { keyMembers, secret, kid, ...info } = inspectJwk(jwk);
  return make({ ...info, material: secret === undefined ? { kind: 'jwk', jwk: keyMembers } : { kind: 'secret', bytes: secret } }, kid);
}

/** The algorithms a key accepts when the caller lists none: the one it pins, or its family default. */
export function defaultAlgorithms(key: JwtKey): readonly JwsAlgorithm[] {
  return keyState(key).defaults;
}

/** The algorithm `sign()` uses when the caller names none. */
export function defaultAlgorithm(key: JwtKey): JwsAlgorithm {
  const [first] = defaultAlgorithms(key);
  if (first === undefined) throw new KeyError(`no algorithm fits ${describe(key)}`);
  return first;
}

export function keyAllows(key: JwtKey, alg: JwsAlgorithm): boolean {
  return keyState(key).algorithms.includes(alg);
}

function describe(key: JwtKey): string {
  const s = keyState(key);
  // Only secrets are `oct`, so any other key's type is `public` or `private`.
  const what = s.family === 'oct' ? 'an HMAC secret' : `a ${s.type} ${kindOf(s)} key`;
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
  const s = keyState(key);
  return s.alg === alg ? key : make({ ...s, alg }, key.kid);
}

/**
 * Keys remembered so that `verify(token, key)` on every request imports once: strings by value (the
 * last 64 used), CryptoKeys by identity, byte secrets and JWK objects by identity as long as they
 * still hold what they held (below).
 */
const stringKeys = /* @__PURE__ */ new Lru<string, JwtKey>(64);
const cryptoKeys = new WeakMap<CryptoKey, JwtKey>();

function rememberString(text: string): JwtKey {
  let key = stringKeys.get(text);
  if (key === undefined) stringKeys.set(text, (key = keyFromText(text) ?? secretKey(utf8Bytes(text))));
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

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rememberMutable(material: object, held: Uint8Array | string, make: () => JwtKey): JwtKey {
  const known = mutableKeys.get(material);
  if (
    known !== undefined &&
    (typeof held === 'string' ? known.held === held : known.held instanceof Uint8Array && sameBytes(known.held, held))
  ) {
    return known.key;
  }
  const key = make();
  mutableKeys.set(material, { held, key });
  return key;
}

/** The JwtKey for what a caller passed as a key, imported once and remembered (above). */
export function toKey(material: KeyInput): JwtKey {
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
  throw new TypeError('key must be a string, bytes, CryptoKey, JWK object or JwtKey');
}

/** @throws KeyError for short HMAC secrets (RFC 7518 §3.2) and RSA keys under 2048 bits (§3.3). */
export function assertStrength(key: JwtKey, alg: JwsAlgorithm, allowWeakKeys: boolean): void {
  const weakness = allowWeakKeys ? undefined : weaknessOf(key, alg);
  if (weakness !== undefined) throw new KeyError(weakness);
}

/** Why the key is too weak for `alg` and what to do, as the KeyError's message, or undefined. */
function weaknessOf(key: JwtKey, alg: JwsAlgorithm): string | undefined {
  const problem = strengthProblem(key, alg);
  if (problem === undefined) return undefined;
  const advice = key.kty === 'oct' ? `. Generate one with generateSecret('${alg}'), or` : ', or';
  return `${problem}${advice} pass allowWeakKeys for a legacy key`;
}

/** Why the key is too weak for `alg` (RFC 7518 §3.2 HMAC secrets, §3.3 RSA moduli), or undefined. */
export function strengthProblem(key: JwtKey, alg: JwsAlgorithm): string | undefined {
  const s = keyState(key);
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
  const all = keyState(key).algorithms;
  return all.every((alg) => strengthProblem(key, alg) === undefined) ? all : all.filter((alg) => strengthProblem(key, alg) === undefined);
}

/**
 * The algorithms this runtime can sign and verify: those of its crypto backend (node:crypto in the
 * Node build, WebCrypto elsewhere). Any other is refused with ERR_KEY before the backend is called.
 * @example if (supportedAlgorithms().has('EdDSA')) { ... }
 */
export function supportedAlgorithms(): ReadonlySet<JwsAlgorithm> {
  return new Set(backend.SUPPORTED_ALGORITHMS);
}

/** What every use of a key for one algorithm and usage reads, found when it is prepared. */
interface Prepared {
  readonly alg: JwsAlgorithm;
  /**
   * Why the key is too weak for `alg` (RFC 7518 §3.2, §3.3), as the KeyError's message, or undefined:
   * each use only compares it with its own `allowWeakKeys`.
   */
  readonly weakness: string | undefined;
  /** The one signature length `alg` allows with this key (see `signatureLength`). */
  readonly signatureBytes: number;
  /** The backend's key (CryptoKey, or KeyObject in the Node build); a promise only while it is imported. */
  backendKey: backend.BackendKey | Promise<backend.BackendKey>;
}

/** A key checked for one algorithm and usage, and what the backend consumes for them. */
export type PreparedKey = Readonly<Prepared>;

/**
 * The key prepared for `alg` and `usage`: checked at its first use and kept with the key, so that
 * signing and verifying check nothing about the key again but compare `allowWeakKeys` with its
 * recorded weakness. Checked once: the runtime supports `alg`, the key's family, curve and pinned
 * `alg` fit it (RFC 8725 §3.1), its type and `key_ops` allow the usage, and how strong it is for
 * `alg`. The backend import starts then; a refused import is forgotten, so a later use tries again.
 * @throws KeyError when the key cannot be used for `alg` and `usage`, or is too weak for `alg`
 *   without `allowWeakKeys`.
 */
export function prepareKey(key: JwtKey, alg: JwsAlgorithm, usage: Usage, allowWeakKeys: boolean): PreparedKey {
  const s = keyState(key);
  const known = s.prepared[usage].get(alg);
  if (known === undefined) return prepare(s, key, alg, usage, allowWeakKeys);
  if (known.weakness !== undefined && !allowWeakKeys) throw new KeyError(known.weakness);
  return known;
}

function prepare(s: KeyState, key: JwtKey, alg: JwsAlgorithm, usage: Usage, allowWeakKeys: boolean): Prepared {
  if (!backend.SUPPORTED_ALGORITHMS.has(alg)) {
    throw new KeyError(`${alg} is not supported in this runtime (crypto backend: ${backend.BACKEND})`);
  }
  assertKeyAllows(key, alg);
  if (usage === 'sign' && s.type === 'public') throw new KeyError('a public key cannot sign; pass the private key');
  if (usage === 'verify' && s.type === 'private') {
    throw new KeyError('verify() needs the public key (or a certificate), not the private key');
  }
  if (s.usages !== undefined && !s.usages.includes(usage)) throw new KeyError(`the key's key_ops/usages do not allow "${usage}"`);
  const weakness = weaknessOf(key, alg);
  if (weakness !== undefined && !allowWeakKeys) throw new KeyError(weakness);
  const cache = s.prepared[usage];
  const importing = load(s.material, alg, usage).then(
    (loaded) => (prepared.backendKey = loaded),
    (cause: unknown) => {
      cache.delete(alg);
      throw cause instanceof KeyError ? cause : new KeyError(`the crypto backend refused the key for ${alg}`, { cause });
    },
  );
  // Every use that finds the import in progress awaits it and hears of a refusal; the first use may
  // fail before it awaits (sign()'s claims are checked after its key), which leaves the refusal unheard.
  importing.catch(ignore);
  const prepared: Prepared = { alg, weakness, signatureBytes: signatureLength(s, alg), backendKey: importing };
  cache.set(alg, prepared);
  return prepared;
}

export function ignore(): void {
  // A refused import is reported to every use that awaits it.
}

/**
 * The one signature length `alg` allows with this key: HMAC outputs are never truncated, RSA
 * signatures are as long as the modulus (RFC 8017 §8.2.2), ECDSA is R||S (RFC 7518 §3.4) and Ed25519
 * is 64 bytes (RFC 8032 §5.1.6).
 */
function signatureLength(s: KeyState, alg: JwsAlgorithm): number {
  return algorithmSpec(alg).signatureBytes ?? Math.ceil(s.bits / 8);
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
  return keyState(key).material;
}
