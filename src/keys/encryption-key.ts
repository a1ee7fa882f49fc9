/**
 * Keys for JWE (RFC 7516, RFC 7518 §4): the same `JwtKey` class as JWS keys, bound to encryption.
 * A JWE key's JWS state has no algorithms, so sign(), verify() and importKey(key, 'HS256') refuse it
 * with their own errors; what it can encrypt with lives here, in a module that sign and verify never
 * import. A key is bound to one use (RFC 7517 §4.2, RFC 8725 §3.1): a JWK with `"use": "sig"`,
 * signing `key_ops` or a JWS `alg`, and any JwtKey imported for signatures, are refused here.
 */
import { isAlgorithm } from '../jwa/algorithms.js';
import {
  AGREEMENT_CURVES,
  CONTENT_ENCRYPTION_NAMES,
  contentEncryptionSpec,
  isAgreementCurve,
  isContentEncryption,
  isKeyManagement,
  KEY_MANAGEMENT_NAMES,
  keyManagementSpec,
  type AgreementCurve,
  type ContentEncryption,
  type KeyManagementAlgorithm,
} from '../jwa/encryption.js';
import * as backend from '../crypto/backend.js';
import { exportRawKey } from '../crypto/webcrypto.js';
import { KeyError } from '../lib/errors.js';
import { Lru } from '../lib/lru.js';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';
import { inspectJwk, member, optionalString } from './jwk.js';
import {
  CONSTRUCT,
  copyBytes,
  ignore,
  isBytes,
  isJwkSet,
  jsonText,
  JwtKey,
  keyState,
  kindOf,
  sameBytes,
  textOf,
  toKey,
  type ImportKeyOptions,
  type KeyInput,
  type KeyState,
} from './key.js';
import { own } from './keyset.js';

/** What a JWE key is used for: encrypting to it (its public half, or a secret), or decrypting with it. */
export type EncryptionUsage = 'encrypt' | 'decrypt';

/** A key checked for one key management algorithm and usage, with what the JWE code consumes. */
export interface PreparedEncryptionKey {
  readonly alg: KeyManagementAlgorithm;
  /** The bytes of a secret given as bytes, text or a JWK: the CEK (dir), the KEK (kw, gcmkw) or the password (pbes2). */
  readonly secret?: Uint8Array;
  /**
   * The same bytes for a secret given as an AES CryptoKey (extractable), read asynchronously: use
   * `secret ?? await pendingSecret`.
   */
  readonly pendingSecret?: Promise<Uint8Array>;
  /** The backend's key: RSA-OAEP (importOaepKey) or ECDH (importAgreementKey). */
  readonly backendKey?: Promise<backend.BackendKey>;
  /** The curve of an ECDH key. */
  readonly crv?: AgreementCurve;
}

/** What a JWE key may do, kept beside its JwtKey state. */
interface EncryptionState {
  /** The key management algorithms the key fits (family, curve, size), or the one it pins. */
  readonly algorithms: readonly KeyManagementAlgorithm[];
  /** What it uses when the caller names none: the one it pins, or its family's default. */
  readonly defaults: readonly KeyManagementAlgorithm[];
  /** JWK `key_ops` or CryptoKey usages, when the key has them (RFC 7517 §4.3). */
  readonly ops: readonly string[] | undefined;
  /** Imported with allowWeakKeys: an RSA key under 2048 bits may be used. */
  readonly allowWeakKeys: boolean;
  /** For a dir key whose JWK `alg` names its content encryption: that one, the only one it takes. */
  enc?: ContentEncryption;
  /** The key prepared for each usage and algorithm, as key.ts's `prepared`. */
  readonly prepared: Map<string, PreparedEncryptionKey>;
}

/** What a JWE key is made from: the facts key.ts keeps for every key. */
type KeyInit = Pick<KeyState, 'family' | 'type' | 'crv' | 'bits' | 'material'>;

const encryptionStates = new WeakMap<JwtKey, EncryptionState>();

/** RFC 7517 §4.3 operations of encryption; which of them allow each usage. */
export const ENCRYPTION_OPS: readonly string[] = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits'];
/**
 * An op of the key's own direction, or a derivation (ECDH agrees keys both ways, PBES2 derives its
 * KEK both ways): encrypting wraps or encrypts a CEK, decrypting unwraps or decrypts one.
 */
const USAGE_OPS: Readonly<Record<EncryptionUsage, readonly string[]>> = {
  encrypt: ['encrypt', 'wrapKey', 'deriveKey', 'deriveBits'],
  decrypt: ['decrypt', 'unwrapKey', 'deriveKey', 'deriveBits'],
};

function encryptionState(key: JwtKey): EncryptionState {
  const e = encryptionStates.get(key);
  if (e === undefined) throw signingKey();
  return e;
}

function signingKey(): KeyError {
  return new KeyError(
    "this JwtKey was imported for signatures (JWS) and never encrypts or decrypts; import the key material for JWE, e.g. importKey(material, 'RSA-OAEP-256')",
  );
}

/** True for a JwtKey made for JWE. */
export function isEncryptionKey(key: unknown): boolean {
  return key instanceof JwtKey && encryptionStates.has(key);
}

/** `a secret`, `a public EC P-256 key`: the key as JWE messages name it. */
function describe(s: KeyInit): string {
  return s.family === 'oct' ? 'a secret' : `a ${s.type} ${kindOf(s)} key`;
}

/** Why `alg` does not fit a key of this family, curve and size (RFC 7518 §4), or undefined when it does. */
function misfit(s: KeyInit, alg: KeyManagementAlgorithm): string | undefined {
  const spec = keyManagementSpec(alg);
  const bytes = s.bits / 8;
  if (spec.family === 'oct' && s.family === 'oct') {
    // RFC 7518 §4.5: dir uses the secret as the CEK; §4.4, §4.7: the KEK is exactly the AES key size.
    if (spec.kind === 'dir' && dirEncryption(bytes) === undefined)
      return `dir uses the secret as the content encryption key: it must be 16, 24, 32, 48 or 64 bytes, not ${bytes}`;
    if ((spec.kind === 'kw' || spec.kind === 'gcmkw') && bytes !== spec.kekBytes)
      return `${alg} needs a ${spec.kekBytes}-byte secret, not ${bytes} bytes; generate one with generateSecret('${alg}')`;
    return undefined;
  }
  if (spec.family === 'RSA' && s.family === 'RSA') return undefined;
  if (spec.family === 'EC' && (s.family === 'EC' || s.family === 'OKP')) return undefined;
  return `${alg} cannot be used with ${describe(s)}`;
}

/** The content encryption whose CEK a dir secret of `bytes` is: the first of the table of that size. */
function dirEncryption(bytes: number): ContentEncryption | undefined {
  return CONTENT_ENCRYPTION_NAMES.find((enc) => contentEncryptionSpec(enc).cekBytes === bytes);
}

/**
 * A JWE key: a JwtKey whose JWS state allows no algorithm (so JWS refuses it: "no algorithm fits …
 * pinned to A256KW"), and pinned to its JWE `alg` when it has one.
 * @param only the algorithms its source allows (an AES CryptoKey's), before fitting.
 */
function make(
  init: KeyInit,
  kid: string | undefined,
  pinned: KeyManagementAlgorithm | undefined,
  ops: readonly string[] | undefined,
  allowWeakKeys: boolean,
  only: readonly KeyManagementAlgorithm[] = KEY_MANAGEMENT_NAMES,
): JwtKey {
  const fitting = only.filter((alg) => misfit(init, alg) === undefined);
  if (pinned !== undefined && !fitting.includes(pinned)) {
    throw new KeyError(
      only.includes(pinned) ? (misfit(init, pinned) as string) : `${pinned} cannot be used with this key; it fits ${fitting.join(', ')}`,
    );
  }
  if (fitting.length === 0) throw new KeyError(`${describe(init)} fits no JWE key management algorithm`);
  const algorithms = pinned === undefined ? fitting : [pinned];
  // RFC 7518 §4.1's recommended ones; a secret of a CEK's length is a dir key; never PBES2 unpinned.
  const preferred: KeyManagementAlgorithm = init.family === 'RSA' ? 'RSA-OAEP-256' : init.family === 'oct' ? 'dir' : 'ECDH-ES';
  const defaults = pinned !== undefined ? algorithms : fitting.includes(preferred) ? [preferred] : [];
  const state: KeyState = {
    ...init,
    alg: pinned,
    pssOnly: false,
    usages: undefined,
    algorithms: [],
    defaults: [],
    prepared: { sign: new Map(), verify: new Map() },
  };
  const key = new JwtKey(CONSTRUCT, state, kid);
  encryptionStates.set(key, { algorithms, defaults, ops, allowWeakKeys, prepared: new Map() });
  return key;
}

/** @throws KeyError unless an EC or OKP key is on a curve JWE agrees keys on (RFC 7518 §4.6, RFC 8037 §3.2). */
function assertAgreementCurve(family: string, crv: unknown): void {
  if (isAgreementCurve(crv) && AGREEMENT_CURVES[crv].family === family) return;
  const named = typeof crv === 'string' && /^[\w-]{1,16}$/.test(crv) ? ` "${crv}"` : '';
  const advice = crv === 'Ed25519' ? ' (Ed25519 keys sign; X25519 is the curve for encryption)' : '';
  throw new KeyError(`${family} curve${named} cannot encrypt or decrypt${advice}; use P-256, P-384, P-521 (EC) or X25519 (OKP)`);
}

/** A key key.ts read from PEM or as a secret, bound to encryption instead. */
function fromJwsKey(jwsKey: JwtKey): JwtKey {
  const s = keyState(jwsKey);
  if (s.pssOnly) throw new KeyError('an id-RSASSA-PSS key is for signatures only (RFC 4055 §1.2); RSA-OAEP needs an rsaEncryption key');
  if (s.family === 'EC' || s.family === 'OKP') assertAgreementCurve(s.family, s.crv);
  return make(s, jwsKey.kid, undefined, undefined, false);
}

/** The RFC 8037 §2 members of an X25519 JWK, which jwk.ts (JWS curves only) does not read. */
function x25519Jwk(jwk: Record<string, unknown>): KeyInit & { kid: string | undefined } {
  const isPrivate = Object.hasOwn(jwk, 'd');
  const keyMembers: JsonWebKey = { kty: 'OKP', crv: 'X25519' };
  for (const name of isPrivate ? ['x', 'd'] : ['x']) {
    member(jwk, name, AGREEMENT_CURVES.X25519.coordinateBytes);
    (keyMembers as Record<string, string>)[name] = jwk[name] as string;
  }
  return {
    family: 'OKP',
    type: isPrivate ? 'private' : 'public',
    crv: 'X25519',
    bits: 256,
    material: { kind: 'jwk', jwk: keyMembers },
    kid: optionalString(jwk, 'kid'),
  };
}

/**
 * A JWK bound to encryption: `use` absent or "enc", `alg` absent or a key management algorithm,
 * `key_ops` (when present) naming an encryption operation (RFC 7517 §4.2–4.4). The key members are
 * checked by jwk.ts, with use, alg and key_ops (its JWS rules) left out.
 */
function keyFromJwk(value: object): JwtKey {
  const jwk = value as Record<string, unknown>;
  const use = own(jwk, 'use');
  if (use !== undefined && use !== 'enc') {
    throw new KeyError(
      use === 'sig'
        ? 'JWK "use" is "sig": a signing key never encrypts or decrypts (RFC 7517 §4.2); use a key with "use": "enc"'
        : 'JWK "use" must be "enc" for encryption',
    );
  }
  const named = own(jwk, 'alg');
  // A dir key may name the content encryption it is for (RFC 7520 §5.6's key says "A128GCM").
  const enc = isContentEncryption(named) ? named : undefined;
  const alg = enc === undefined ? named : 'dir';
  if (alg !== undefined && !isKeyManagement(alg)) {
    throw new KeyError(
      isAlgorithm(alg)
        ? `JWK "alg" is ${alg}, a JWS algorithm: a signing key never encrypts or decrypts`
        : alg === 'RSA1_5'
          ? 'JWK "alg" is RSA1_5: RSA1_5 is not supported (no WebCrypto implements it); use RSA-OAEP-256'
          : 'JWK "alg" is not a supported JWE key management or content encryption algorithm',
    );
  }
  const keyOps = own(jwk, 'key_ops');
  let ops: readonly string[] | undefined;
  if (keyOps !== undefined) {
    if (!Array.isArray(keyOps) || !keyOps.every((op) => typeof op === 'string'))
      throw new KeyError('JWK "key_ops" must be an array of strings');
    // RFC 7517 §4.3: unrelated operations should not share a key; a signing op binds it to JWS.
    if (keyOps.includes('sign') || keyOps.includes('verify')) {
      throw new KeyError('JWK "key_ops" include "sign" or "verify": a signing key never encrypts or decrypts');
    }
    if (!keyOps.some((op) => ENCRYPTION_OPS.includes(op))) {
      throw new KeyError(`JWK "key_ops" name no encryption operation (${ENCRYPTION_OPS.join(', ')})`);
    }
    ops = [...keyOps];
  }
  const kty = own(jwk, 'kty');
  const crv = own(jwk, 'crv');
  if (kty === 'OKP' && crv === 'X25519') {
    const { kid, ...init } = x25519Jwk(jwk);
    return make(init, kid, alg, ops, false);
  }
  if (kty === 'EC' || kty === 'OKP') assertAgreementCurve(kty, crv);
  const members: Record<string, unknown> = {};
  for (const name of Object.keys(jwk)) if (name !== 'use' && name !== 'alg' && name !== 'key_ops') members[name] = jwk[name];
  const { keyMembers, secret, kid, family, type, crv: curve, bits } = inspectJwk(members);
  const material = secret === undefined ? ({ kind: 'jwk', jwk: keyMembers } as const) : ({ kind: 'secret', bytes: secret } as const);
  const key = make({ family, type, crv: curve, bits, material }, kid, alg, ops, false);
  if (enc !== undefined) {
    if (bits / 8 !== contentEncryptionSpec(enc).cekBytes)
      throw new KeyError(`JWK "alg" is ${enc}, which needs a ${contentEncryptionSpec(enc).cekBytes}-byte key`);
    encryptionState(key).enc = enc;
  }
  return key;
}

/**
 * A CryptoKey of an encryption algorithm: RSA-OAEP (its hash pins the OAEP variant), ECDH on a
 * NIST curve, X25519, AES-KW (pins AxxxKW by its length) or AES-GCM (dir, or AxxxGCMKW).
 */
function keyFromCryptoKey(key: CryptoKey): JwtKey {
  const algorithm = key.algorithm as Partial<RsaHashedKeyAlgorithm & EcKeyAlgorithm & AesKeyAlgorithm>;
  const name = String(algorithm.name);
  const material = { kind: 'crypto', key } as const;
  // A WebCrypto public ECDH or X25519 key has no usages at all: only those that list some are checked.
  const ops = key.usages.length === 0 ? undefined : key.usages;
  const bits = algorithm.length ?? 0;
  switch (name) {
    case 'RSA-OAEP': {
      // The OAEP algorithm the key's hash pins (RFC 7518 §4.3): the RSA row of the table with that hash.
      const hash = algorithm.hash?.name;
      const alg = KEY_MANAGEMENT_NAMES.find((name) => {
        const spec = keyManagementSpec(name);
        return spec.family === 'RSA' && spec.hash === hash;
      });
      if (alg === undefined) throw new KeyError('an RSA-OAEP CryptoKey must use SHA-1, SHA-256, SHA-384 or SHA-512');
      const init = { family: 'RSA', type: key.type, crv: undefined, bits: algorithm.modulusLength ?? 0, material } as const;
      return make(init, undefined, alg, ops, false);
    }
    case 'ECDH':
    case 'X25519': {
      const family = name === 'ECDH' ? 'EC' : 'OKP';
      const crv = name === 'ECDH' ? algorithm.namedCurve : 'X25519';
      assertAgreementCurve(family, crv);
      return make({ family, type: key.type, crv: crv as AgreementCurve, bits: 0, material }, undefined, undefined, ops, false);
    }
    case 'AES-KW':
    case 'AES-GCM': {
      const init = { family: 'oct', type: 'secret', crv: undefined, bits, material } as const;
      const kw = `A${bits}${name === 'AES-KW' ? 'KW' : 'GCMKW'}`;
      if (!isKeyManagement(kw)) throw new KeyError(`an ${name} CryptoKey must be 128, 192 or 256 bits`);
      return name === 'AES-KW' ? make(init, undefined, kw, ops, false) : make(init, undefined, undefined, ops, false, ['dir', kw]);
    }
    default:
      throw new KeyError(
        `CryptoKey algorithm ${name} cannot encrypt or decrypt JWEs; use RSA-OAEP, ECDH, X25519, AES-KW or AES-GCM (a signing key never encrypts)`,
      );
  }
}

/** Keys remembered as key.ts remembers them: text by value, CryptoKeys by identity, bytes and JWK objects while unchanged. */
const texts = /* @__PURE__ */ new Lru<string, JwtKey>(64);
const byteKeys = new WeakMap<object, { readonly held: Uint8Array; readonly key: JwtKey }>();
const cryptoKeys = new WeakMap<CryptoKey, JwtKey>();
const jwkObjects = new WeakMap<object, { readonly json: string; readonly key: JwtKey }>();
/** The JWE key made from each PEM or secret key that key.ts imported (and remembers). */
const fromJws = new WeakMap<JwtKey, JwtKey>();

function isJwk(json: unknown): json is object {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && Object.hasOwn(json, 'kty');
}

/** Strings and bytes: JWK text is read here; PEM and secrets by key.ts (strings classified first, RFC 8725 §2.1). */
function keyFromText(text: string | undefined, material: string | ArrayBuffer | ArrayBufferView): JwtKey {
  const json = text === undefined || text.includes('-----BEGIN') ? undefined : jsonText(text);
  if (isJwkSet(json)) throw new KeyError('a JWK Set, not one key: pass one of its keys (decrypt() takes a set)');
  if (isJwk(json)) return keyFromJwk(json);
  if ((typeof material === 'string' ? material.length : material.byteLength) === 0) throw new KeyError('the secret is empty');
  const jwsKey = toKey(material);
  let key = fromJws.get(jwsKey);
  if (key === undefined) fromJws.set(jwsKey, (key = fromJwsKey(jwsKey)));
  return key;
}

/**
 * Strings by value (the last 64 used), bytes by identity as long as they still hold what they held
 * (a copy is kept and compared): a server that decrypts every request with the same secret reads
 * it once, and a buffer changed in place is read afresh.
 */
function rememberText(material: string | ArrayBuffer | ArrayBufferView): JwtKey {
  if (typeof material === 'string') {
    let key = texts.get(material);
    if (key === undefined) texts.set(material, (key = keyFromText(material, material)));
    return key;
  }
  const bytes = copyBytes(material);
  const known = byteKeys.get(material);
  if (known !== undefined && sameBytes(known.held, bytes)) return known.key;
  const key = keyFromText(textOf(bytes), material);
  byteKeys.set(material, { held: bytes, key });
  return key;
}

/**
 * The JWE key for what a caller passed as a key, imported once and remembered. Raw material (a
 * secret or password, PEM, JWK, CryptoKey) is read for encryption.
 * @throws KeyError for material that cannot encrypt or decrypt: a JwtKey imported for signatures,
 *   a JWK with `"use": "sig"`, signing `key_ops` or a JWS `alg`, a signing CryptoKey, Ed25519 or
 *   other curves, an id-RSASSA-PSS key, an empty secret.
 */
export function toEncryptionKey(material: KeyInput): JwtKey {
  if (material instanceof JwtKey) {
    encryptionState(material);
    return material;
  }
  if (typeof material === 'string' || isBytes(material)) return rememberText(material);
  if (typeof CryptoKey !== 'undefined' && material instanceof CryptoKey) {
    let key = cryptoKeys.get(material);
    if (key === undefined) cryptoKeys.set(material, (key = keyFromCryptoKey(material)));
    return key;
  }
  if (typeof material === 'object' && (material as unknown) !== null && !Array.isArray(material)) {
    const json = JSON.stringify(material);
    const known = jwkObjects.get(material);
    if (known?.json === json) return known.key;
    const key = keyFromJwk(material);
    jwkObjects.set(material, { json, key });
    return key;
  }
  throw new TypeError('key must be a string, bytes, CryptoKey, JWK object or JwtKey');
}

const IMPORT_OPTIONS = { allowWeakKeys: true } as const satisfies OptionNames<ImportKeyOptions>;

/**
 * A JWE key, pinned to `alg` when given (checked against the key now: family, curve, sizes, and RSA
 * strength unless allowWeakKeys).
 * @throws TypeError for an `alg` that is not a key management algorithm, or bad options.
 * @throws KeyError as toEncryptionKey, and when `alg` does not fit the key.
 */
export function importEncryptionKey(
  material: KeyInput,
  alg?: KeyManagementAlgorithm,
  options?: ImportKeyOptions,
  enc?: ContentEncryption,
): JwtKey {
  if (alg !== undefined && !isKeyManagement(alg)) throw new TypeError('alg must be a supported JWE key management algorithm name');
  const { allowWeakKeys = false } = checkOptions(options, IMPORT_OPTIONS, 'importKey()');
  assertBoolean(allowWeakKeys, 'allowWeakKeys');
  const key = toEncryptionKey(material);
  const e = encryptionState(key);
  const s = keyState(key);
  if (alg !== undefined) {
    if (!e.algorithms.includes(alg)) throw new KeyError(misfit(s, alg) ?? `${alg} cannot be used with a key pinned to ${String(key.alg)}`);
    if (!allowWeakKeys) assertStrong(s);
  }
  const pinnedEnc = enc ?? (alg === undefined || alg === 'dir' ? e.enc : undefined);
  if (enc !== undefined && e.enc !== undefined && enc !== e.enc) throw new KeyError(`the key is pinned to ${e.enc}, not ${enc}`);
  if (pinnedEnc !== undefined && s.bits / 8 !== contentEncryptionSpec(pinnedEnc).cekBytes) {
    throw new KeyError(`${pinnedEnc} needs a ${contentEncryptionSpec(pinnedEnc).cekBytes}-byte key, not ${s.bits / 8} bytes`);
  }
  if ((alg === undefined || alg === key.alg) && allowWeakKeys === e.allowWeakKeys && pinnedEnc === e.enc) return key;
  const made = make(s, key.kid, alg ?? (key.alg as KeyManagementAlgorithm | undefined), e.ops, allowWeakKeys, e.algorithms);
  if (pinnedEnc !== undefined) encryptionState(made).enc = pinnedEnc;
  return made;
}

/** The content encryption a dir key is pinned to (its JWK `alg`, or importKey(secret, 'A256GCM')), if any. */
export function contentEncryptionOf(key: JwtKey): ContentEncryption | undefined {
  return encryptionStates.get(key)?.enc;
}

/** @throws KeyError for RSA keys under 2048 bits (RFC 7518 §4.2, §4.3). */
function assertStrong(s: KeyInit): void {
  if (s.family === 'RSA' && s.bits < 2048) {
    throw new KeyError(
      `RSA key is ${s.bits} bits; at least 2048 are required (RFC 7518 §4.3), or import it with allowWeakKeys for a legacy key`,
    );
  }
}

/**
 * The key management algorithms a JWE key fits, and those it uses when none is named: the one it
 * pins; else RSA-OAEP-256 (RSA), ECDH-ES (EC, X25519), dir (a secret of a CEK's length). Never PBES2
 * unless pinned: a password is only ever used as one when the caller says so.
 * @throws KeyError for a JwtKey imported for signatures.
 */
export function keyManagementOf(key: JwtKey): {
  readonly algorithms: readonly KeyManagementAlgorithm[];
  readonly defaults: readonly KeyManagementAlgorithm[];
} {
  const { algorithms, defaults } = encryptionState(key);
  return { algorithms, defaults };
}

/**
 * The content encryption used when the caller names none: for dir, the one whose CEK the secret is
 * (16 A128GCM, 24 A192GCM, 32 A256GCM, 48 A192CBC-HS384, 64 A256CBC-HS512); else A256GCM.
 * @throws KeyError for dir with a secret of no CEK's length.
 */
export function defaultContentEncryption(key: JwtKey, alg: KeyManagementAlgorithm): ContentEncryption {
  if (alg !== 'dir') return 'A256GCM';
  const pinned = encryptionState(key).enc;
  if (pinned !== undefined) return pinned;
  const s = keyState(key);
  const enc = s.family === 'oct' ? dirEncryption(s.bits / 8) : undefined;
  if (enc === undefined) throw new KeyError(misfit(s, alg) ?? 'dir needs a secret');
  return enc;
}

/**
 * The key prepared for `alg` and `usage`: checked at its first use and remembered with the key (as
 * key.ts's prepareKey): `alg` fits the key (family, curve, secret sizes: RFC 7518 §4), its type
 * fits the usage (encrypt: a public key or secret; decrypt: a private key or secret), its key_ops or
 * usages allow it, an RSA key has 2048 bits unless imported with allowWeakKeys. The backend import
 * of an RSA or EC key starts then; a refused import is forgotten, so a later use tries again.
 * Whether the runtime supports `alg` is for the caller to check (supportedJwe()).
 * @throws KeyError when the key cannot be used for `alg` and `usage`.
 */
export function prepareEncryptionKey(key: JwtKey, alg: KeyManagementAlgorithm, usage: EncryptionUsage): PreparedEncryptionKey {
  const e = encryptionState(key);
  const id = `${usage} ${alg}`;
  const known = e.prepared.get(id);
  if (known !== undefined) return known;
  const s = keyState(key);
  if (!e.algorithms.includes(alg))
    throw new KeyError(misfit(s, alg) ?? `${alg} cannot be used with ${describe(s)} pinned to ${String(key.alg)}`);
  if (usage === 'encrypt' && s.type === 'private') {
    throw new KeyError("encrypting takes the recipient's public key, never a private key: pass the public key");
  }
  if (usage === 'decrypt' && s.type === 'public') throw new KeyError('decrypting takes the private key, not the public key');
  if (e.ops !== undefined && !e.ops.some((op) => USAGE_OPS[usage].includes(op))) {
    throw new KeyError(
      `the key's key_ops/usages allow no ${usage === 'encrypt' ? 'encryption' : 'decryption'} (${USAGE_OPS[usage].join(', ')})`,
    );
  }
  if (!e.allowWeakKeys) assertStrong(s);
  const material = s.material;
  let prepared: PreparedEncryptionKey;
  if (s.family === 'oct') {
    if (material.kind === 'secret') prepared = { alg, secret: material.bytes };
    else if (material.kind === 'crypto' && material.key.extractable) {
      prepared = { alg, pendingSecret: settled(e, id, alg, () => exportRawKey(material.key)) };
    } else
      throw new KeyError(
        'this AES CryptoKey is not extractable, and JWE needs its bytes: pass the secret as bytes, or an extractable CryptoKey',
      );
  } else if (s.family === 'RSA') {
    const hash = keyManagementSpec(alg).hash ?? 'SHA-256';
    prepared = { alg, backendKey: settled(e, id, alg, () => backend.importOaepKey(material, hash, usage)) };
  } else {
    const crv = s.crv as AgreementCurve;
    const type = usage === 'encrypt' ? 'public' : 'private';
    prepared = { alg, crv, backendKey: settled(e, id, alg, () => backend.importAgreementKey(material, crv, type)) };
  }
  e.prepared.set(id, prepared);
  return prepared;
}

/**
 * `start()`'s promise, whose refusal forgets the prepared key (so a later use tries again) and is
 * reported as a KeyError to every use that awaits it; a synchronous throw counts as a refusal.
 */
function settled<T>(e: EncryptionState, id: string, alg: KeyManagementAlgorithm, start: () => Promise<T>): Promise<T> {
  const pending = new Promise<T>((resolve) => {
    resolve(start());
  }).catch((cause: unknown) => {
    e.prepared.delete(id);
    throw cause instanceof KeyError ? cause : new KeyError(`the crypto backend refused the key for ${alg}`, { cause });
  });
  pending.catch(ignore);
  return pending;
}
