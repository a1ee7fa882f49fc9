/**
 * encrypt(): a JWT's claims (built and checked as sign() builds them), or a signed JWT for a nested
 * one, as a compact JWE. The CEK, the IV, PBES2 salts and ECDH ephemeral keys are always made here,
 * fresh for each token: no option sets them.
 */
import * as backend from '../crypto/backend.js';
import { randomBytes } from '../crypto/webcrypto.js';
import { isAlgorithm } from '../jwa/algorithms.js';
import {
  contentEncryptionSpec,
  isContentEncryption,
  isKeyManagement,
  keyManagementSpec,
  type ContentEncryption,
  type KeyManagementAlgorithm,
} from '../jwa/encryption.js';
import { KeyError } from '../lib/errors.js';
import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { asciiBytes, utf8Bytes } from '../lib/text.js';
import { encodeSegment, parseCompact } from '../jws/compact.js';
import { assertString, buildClaims, checkSignOptions, isPlainObject, type SignOptions } from '../jwt/sign.js';
import {
  contentEncryptionOf,
  defaultContentEncryption,
  keyManagementOf,
  prepareEncryptionKey,
  toEncryptionKey,
} from '../keys/encryption-key.js';
import { encryptionKeyResolver, importEncryptionSet, jwkSetOf, selectFromEncryptionSet } from '../keys/encryption-keyset.js';
import type { JwtKey, KeyInput } from '../keys/key.js';
import type { JwkSet } from '../keys/keyset.js';
import type { JwtPayload } from '../types.js';
import { isJwtContentType, serializeCompactJwe } from './compact.js';
import { secretOf, wrapKey } from './key-management.js';
import { assertSupported } from './support.js';

/** Protected header members a caller may add; the rest are webjwt's to set. */
export interface EncryptHeader {
  kid?: string;
  /** Default "JWT". */
  typ?: string;
  /** "JWT" for a nested token (set by encrypt() itself when the payload is a signed JWT). */
  cty?: string;
  [parameter: string]: unknown;
}

export interface EncryptOptions extends Omit<SignOptions, 'alg' | 'header' | 'allowWeakKeys'> {
  /**
   * The key management algorithm. Default from the key: the one it pins; else a secret: `dir`;
   * RSA: `RSA-OAEP-256`; EC or X25519: `ECDH-ES`.
   */
  alg?: KeyManagementAlgorithm;
  /** The content encryption. Default `A256GCM`; for `dir`, the one the secret's length gives. */
  enc?: ContentEncryption;
  /** Extra protected header members (kid, typ, cty, ...). */
  header?: EncryptHeader;
  /** PBES2 iteration count (`p2c`). Default 10000, at least 1000; decrypt() refuses over 10000 by default. */
  p2c?: number;
  /** ECDH-ES PartyUInfo (`apu`), information about the sender. */
  apu?: Uint8Array;
  /** ECDH-ES PartyVInfo (`apv`), information about the recipient. */
  apv?: Uint8Array;
}

const CLAIM_OPTIONS = ['expiresIn', 'notBefore', 'issuer', 'subject', 'audience', 'jwtId', 'issuedAt', 'currentDate'] as const;

const ENCRYPT_OPTIONS = {
  alg: true,
  enc: true,
  header: true,
  p2c: true,
  apu: true,
  apv: true,
  ...(Object.fromEntries(CLAIM_OPTIONS.map((name) => [name, true])) as { [K in (typeof CLAIM_OPTIONS)[number]]: true }),
} as const satisfies OptionNames<EncryptOptions>;

/** Header members webjwt sets itself (RFC 7516 §4.1, RFC 7518 §4.6–4.8), or that would make decrypt() refuse the token. */
const RESERVED_HEADER = ['alg', 'enc', 'zip', 'crit', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c', 'b64'];

const DEFAULT_P2C = 10_000;
const MIN_P2C = 1000;

function header(extra: unknown, nested: boolean): Record<string, unknown> {
  if (extra === undefined) return nested ? { typ: 'JWT', cty: 'JWT' } : { typ: 'JWT' };
  if (!isPlainObject(extra)) throw new TypeError('options.header must be a plain object');
  for (const name of RESERVED_HEADER) {
    if (Object.hasOwn(extra, name)) throw new TypeError(`options.header.${name} is set by encrypt() itself`);
  }
  for (const name of ['kid', 'typ', 'cty']) assertString(extra[name], `options.header.${name}`);
  if (nested && extra.cty !== undefined && !isJwtContentType(extra.cty)) {
    throw new TypeError('options.header.cty must be "JWT" for a nested token');
  }
  return nested ? { typ: 'JWT', ...extra, cty: 'JWT' } : { typ: 'JWT', ...extra };
}

/** The plaintext: the claims set's JSON, or for a nested token the signed JWT itself. */
function plaintextOf(payload: unknown, options: EncryptOptions): Uint8Array {
  const claimOptions = Object.fromEntries(CLAIM_OPTIONS.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]));
  if (typeof payload === 'string') {
    if (Object.keys(claimOptions).length > 0)
      throw new TypeError('claim options cannot change a signed JWT; set the claims when you sign it');
    let signed = false;
    try {
      const jws = parseCompact(payload, Number.MAX_SAFE_INTEGER);
      signed = isAlgorithm(jws.header.alg) && jws.signature.length > 0;
    } catch {
      // Not a compact JWS: refused below.
    }
    // RFC 8725 §3.2: a nested token's inner layer is signed; `alg: none` never is.
    if (!signed) throw new TypeError('a string payload must be a signed compact JWT (made by sign()), to make a nested JWT');
    return asciiBytes(payload);
  }
  if (!isPlainObject(payload)) throw new TypeError('payload must be a plain object, or a signed JWT for a nested token');
  checkSignOptions(claimOptions, 'encrypt()');
  return utf8Bytes(JSON.stringify(buildClaims(payload, claimOptions)));
}

/**
 * What encrypt() takes as the recipient's key: one key; or a JWK Set, local or from
 * createRemoteJWKSet(), whose encryption key is chosen by `options.header.kid` and `options.alg`.
 */
export type EncryptKey = KeyInput | JwkSet | ((header: never) => unknown);

/** The recipient's key, and whether it was chosen from a set. */
async function recipient(
  key: EncryptKey,
  alg: KeyManagementAlgorithm | undefined,
  kid: string | undefined,
): Promise<{ key: JwtKey; fromSet: boolean }> {
  const set = jwkSetOf(key);
  const header = { kid, alg, forEncryption: true };
  if (set !== undefined) return { key: selectFromEncryptionSet(importEncryptionSet(set), header), fromSet: true };
  if (typeof key === 'function') {
    const remote = encryptionKeyResolver(key);
    if (remote === undefined)
      throw new TypeError('encrypt() takes a key, a JWK Set, or a key set from createRemoteJWKSet(); not a resolver function');
    return { key: await remote(header), fromSet: true };
  }
  return { key: toEncryptionKey(key as KeyInput), fromSet: false };
}

function partyInfo(value: unknown, name: string): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  return value.slice();
}

/**
 * Encrypts a JWT as a compact JWE (RFC 7516 §7.1): its claims, or a JWT signed by sign() for a
 * nested token (`cty: "JWT"`), which is the way to tell the recipient who sent it. A JWE made with
 * the recipient's public key alone authenticates nobody: anyone with that key could have made it.
 * @param payload the claims, a plain JSON object; or a signed JWT.
 * @param key the recipient's key: a secret (or password, for PBES2), or a public RSA, EC or X25519 key.
 * @throws KeyError (ERR_KEY) when the key cannot encrypt with the algorithms; TypeError for bad input.
 * @example
 * const token = await encrypt({ sub: 'user-1' }, secret, { expiresIn: '15m' });
 */
export function encrypt(payload: JwtPayload, key: EncryptKey, options?: EncryptOptions): Promise<string>;
/** Encrypts a signed JWT (made by sign()) as a nested JWT (`cty: "JWT"`). */
// Two signatures, not one taking `JwtPayload | string`: with the union, an object literal's `sub`
// would be typed against String.prototype.sub, which editors then flag as deprecated.
// eslint-disable-next-line @typescript-eslint/unified-signatures
export function encrypt(signedJwt: string, key: EncryptKey, options?: EncryptOptions): Promise<string>;
export async function encrypt(payload: JwtPayload | string, key: EncryptKey, options?: EncryptOptions): Promise<string> {
  const checked = checkOptions(options, ENCRYPT_OPTIONS, 'encrypt()');
  if (checked.alg !== undefined && !isKeyManagement(checked.alg)) {
    throw new TypeError(
      checked.alg === 'RSA1_5' ? 'RSA1_5 is not supported; use RSA-OAEP-256' : 'options.alg must be a supported key management algorithm',
    );
  }
  if (checked.enc !== undefined && !isContentEncryption(checked.enc))
    throw new TypeError('options.enc must be a supported content encryption');
  const p2c = checked.p2c === undefined ? DEFAULT_P2C : positiveInteger(checked.p2c, 'p2c');
  if (p2c < MIN_P2C) throw new TypeError(`p2c must be at least ${MIN_P2C}`);
  const apu = partyInfo(checked.apu, 'apu');
  const apv = partyInfo(checked.apv, 'apv');
  const nested = typeof payload === 'string';
  const protectedHeader = header(checked.header, nested);
  const plaintext = plaintextOf(payload, checked);

  const { key: jwtKey, fromSet } = await recipient(key, checked.alg, protectedHeader.kid as string | undefined);
  // Chosen from a set: the recipient finds its key by the same kid.
  if (fromSet && protectedHeader.kid === undefined && jwtKey.kid !== undefined) protectedHeader.kid = jwtKey.kid;
  const alg = checked.alg ?? keyManagementOf(jwtKey).defaults[0];
  if (alg === undefined) throw new KeyError('no key management algorithm fits this key');
  const kind = keyManagementSpec(alg).kind;
  if (checked.p2c !== undefined && kind !== 'pbes2') throw new TypeError('p2c is only for the PBES2 algorithms');
  if ((apu !== undefined || apv !== undefined) && kind !== 'ecdh' && kind !== 'ecdh-kw')
    throw new TypeError('apu and apv are only for ECDH-ES');
  const prepared = prepareEncryptionKey(jwtKey, alg, 'encrypt');
  const enc = checked.enc ?? defaultContentEncryption(jwtKey, alg);
  const pinned = kind === 'dir' ? contentEncryptionOf(jwtKey) : undefined;
  if (pinned !== undefined && enc !== pinned) throw new KeyError(`the key is a dir key for ${pinned}, not ${enc}`);
  const spec = contentEncryptionSpec(enc);
  const bytes = kind === 'dir' ? (await secretOf(prepared)).length : spec.cekBytes;
  if (bytes !== spec.cekBytes) throw new KeyError(`${enc} needs a ${spec.cekBytes}-byte key for dir; this one is ${bytes} bytes`);
  await assertSupported(alg, enc);

  const wrapped = await wrapKey(prepared, enc, { p2c, apu, apv });
  const protectedSegment = encodeSegment({ alg, enc, ...protectedHeader, ...wrapped.header });
  const iv = randomBytes(spec.ivBytes);
  const { ciphertext, tag } = await backend.encryptContent(enc, wrapped.cek, iv, plaintext, asciiBytes(protectedSegment));
  return serializeCompactJwe(protectedSegment, wrapped.encryptedKey, iv, ciphertext, tag);
}
