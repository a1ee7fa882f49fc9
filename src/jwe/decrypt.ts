/**
 * decrypt(): the JWE counterpart of verify(). Everything about the token that can be checked
 * without a key is checked first (its form, header, algorithms, and the header members its key
 * management reads); then the CEK is recovered and the content authenticated and decrypted; only
 * then is the plaintext read, decompressed, and its claims checked as verify() checks them. Every
 * failure to decrypt is one error with one message (JweDecryptionError); a CEK that cannot be
 * recovered is replaced by a random one, so that the failure surfaces where any other does, at the
 * tag (RFC 7516 §11.5).
 */
import * as backend from '../crypto/backend.js';
import { randomBytes } from '../crypto/webcrypto.js';
import {
  contentEncryptionSpec,
  isContentEncryption,
  isKeyManagement,
  keyManagementSpec,
  type ContentEncryption,
  type KeyManagementAlgorithm,
} from '../jwa/encryption.js';
import { isAlgorithm } from '../jwa/algorithms.js';
import { JweDecryptionError, JwtAlgorithmError, JwtMalformedError, KeyError, rejected } from '../lib/errors.js';
import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { numericDate } from '../lib/time.js';
import { asciiBytes } from '../lib/text.js';
import { DEFAULT_MAX_TOKEN_LENGTH, parsePayloadText, payloadText } from '../jws/compact.js';
import { assertRegisteredClaims, compileClaimChecks, type ClaimCheck, type ClaimOptions } from '../jwt/claims.js';
import { assertValidators, runHooks, verify, VERIFY_OPTIONS, type KeyResolver, type VerifyOptions } from '../jwt/verify.js';
import type { JwtKey, KeyInput } from '../keys/key.js';
import { encryptionKeyResolver, importEncryptionSet, jwkSetOf, selectFromEncryptionSet } from '../keys/encryption-keyset.js';
import {
  contentEncryptionOf,
  defaultContentEncryption,
  keyManagementOf,
  prepareEncryptionKey,
  toEncryptionKey,
} from '../keys/encryption-key.js';
import type { JwkSet } from '../keys/keyset.js';
import type { JweHeader, JwtHeader, JwtPayload } from '../types.js';
import { isJwtContentType, parseCompactJwe } from './compact.js';
import { checkKeyManagement, secretOf } from './key-management.js';
import { assertSupported } from './support.js';

/** What decrypt() takes as a key: as verify(), one key, keys tried in turn, a JWK Set, or a resolver. */
export type DecryptKey = KeyInput | readonly KeyInput[] | JwkSet | KeyResolver;

/** How decryptCompact() opens a JWE: the algorithms it accepts and the limits on the work a token may ask for. */
export interface DecryptCompactOptions {
  /**
   * The accepted key management algorithms; each must fit the key. Without it, only the one the key
   * pins, or its default (a secret: `dir`; RSA: `RSA-OAEP-256`; EC and X25519: `ECDH-ES`). PBES2 is
   * accepted only when listed here.
   */
  algorithms?: readonly KeyManagementAlgorithm[];
  /** The accepted content encryptions. Without it: `A256GCM`, or for `dir` the one its key's length gives. */
  encryptions?: readonly ContentEncryption[];
  /** Longest token accepted, in characters, checked before any other work. Default 65536. */
  maxTokenLength?: number;
  /** Highest PBES2 iteration count (`p2c`) accepted, checked before any work. Default 10000. */
  maxPBES2Count?: number;
  /** Longest plaintext a `zip: "DEF"` token may inflate to, in bytes; inflating stops there. Default 250000. */
  maxDecompressedLength?: number;
}

/** The options of decrypt(): decryptCompact()'s, verify()'s claim checks and hooks, and `verify` for a nested JWT. */
export interface DecryptOptions extends DecryptCompactOptions, ClaimOptions {
  /** The clock, for tests and replays. Default: now. */
  currentDate?: Date;
  /** Your own checks, run after decryption and the standard claims, as verify()'s `validate`. */
  validate?: NonNullable<VerifyOptions['validate']>;
  /** Revocation hook, run last: `true` fails with ERR_JWT_REVOKED. */
  isRevoked?: NonNullable<VerifyOptions['isRevoked']>;
  /**
   * For a nested JWT (`cty: "JWT"`, signed then encrypted): the signer's key and verify()'s options
   * for the inner token. A nested token is refused without it: it is never returned unverified.
   */
  verify?: NestedVerifyOptions;
}

/** The inner token's key and verify() options. */
export interface NestedVerifyOptions extends VerifyOptions {
  key: KeyInput | readonly KeyInput[] | JwkSet | KeyResolver;
}

export interface DecryptResult<T extends object = JwtPayload> {
  /** The JWE's protected header. */
  header: JweHeader;
  payload: T & JwtPayload;
  /** When decrypt() was given an array of keys: the index of the one that decrypted. */
  keyIndex?: number;
  /** For a nested JWT: the verified header of the inner JWS. */
  signedHeader?: JwtHeader;
}

export interface DecryptCompactResult {
  header: JweHeader;
  /** The decrypted (and decompressed) plaintext. */
  plaintext: Uint8Array;
  keyIndex?: number;
}

const COMPACT_OPTIONS = {
  algorithms: true,
  encryptions: true,
  maxTokenLength: true,
  maxPBES2Count: true,
  maxDecompressedLength: true,
} as const satisfies OptionNames<DecryptCompactOptions>;

// verify()'s options but allowWeakKeys (a JWE key's own, from importKey): the claim checks, the clock, the hooks.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { allowWeakKeys, ...VERIFY_SHARED } = VERIFY_OPTIONS;

/** Every option of decrypt(), so that a misspelt one (`audiance`) is a TypeError, never a check skipped. */
const DECRYPT_OPTIONS = { ...VERIFY_SHARED, ...COMPACT_OPTIONS, verify: true } as const satisfies OptionNames<DecryptOptions>;

const NESTED_OPTIONS: OptionNames<NestedVerifyOptions> = { ...VERIFY_OPTIONS, key: true };

const DEFAULT_MAX_PBES2_COUNT = 10_000;
const DEFAULT_MAX_DECOMPRESSED_LENGTH = 250_000;

/** A key argument and the options checked once: what every token is opened with. */
interface Bound {
  readonly keys: readonly JwtKey[] | undefined;
  readonly pick: ((header: JweHeader) => JwtKey | Promise<JwtKey>) | undefined;
  readonly isList: boolean;
  readonly algorithms: readonly KeyManagementAlgorithm[] | undefined;
  readonly encryptions: readonly ContentEncryption[] | undefined;
  readonly maxTokenLength: number;
  readonly maxPBES2Count: number;
  readonly maxDecompressedLength: number;
  readonly checkIssuer: ClaimCheck | undefined;
}

function list<T>(value: unknown, valid: (item: unknown) => item is T, what: string): readonly T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every(valid))
    throw new TypeError(
      `${what} must be a non-empty array of ${what === 'algorithms' ? 'key management algorithm' : 'content encryption'} names`,
    );
  return [...(value as readonly T[])];
}

function bind(key: DecryptKey, options: DecryptCompactOptions): Bound {
  const algorithms = list(options.algorithms, isKeyManagement, 'algorithms');
  const encryptions = list(options.encryptions, isContentEncryption, 'encryptions');
  const limit = (value: unknown, name: string, fallback: number): number => (value === undefined ? fallback : positiveInteger(value, name));
  const maxTokenLength = limit(options.maxTokenLength, 'maxTokenLength', DEFAULT_MAX_TOKEN_LENGTH);
  const maxPBES2Count = limit(options.maxPBES2Count, 'maxPBES2Count', DEFAULT_MAX_PBES2_COUNT);
  const maxDecompressedLength = limit(options.maxDecompressedLength, 'maxDecompressedLength', DEFAULT_MAX_DECOMPRESSED_LENGTH);
  if ((key as unknown) === undefined || (key as unknown) === null) throw new TypeError('decrypt() needs a key');
  const set = jwkSetOf(key);
  let keys: readonly JwtKey[] | undefined;
  let pick: Bound['pick'];
  let checkIssuer: ClaimCheck | undefined;
  if (set !== undefined) {
    const imported = importEncryptionSet(set);
    pick = (header) => selectFromEncryptionSet(imported, header);
  } else if (typeof key === 'function') {
    const resolver = key;
    pick = encryptionKeyResolver(resolver) ?? (async (header) => toEncryptionKey(await resolver(header)));
    if (resolver.issuer !== undefined) checkIssuer = compileClaimChecks({ issuer: resolver.issuer });
  } else if (Array.isArray(key)) {
    if (key.length === 0) throw new TypeError('decrypt() needs at least one key');
    keys = (key as readonly KeyInput[]).map((k) => toEncryptionKey(k));
  } else {
    keys = [toEncryptionKey(key as KeyInput)];
  }
  // RFC 8725 §3.1, as verify(): every listed algorithm must fit a key.
  if (keys !== undefined && algorithms !== undefined) {
    for (const alg of algorithms) {
      if (!keys.some((k) => keyManagementOf(k).algorithms.includes(alg)))
        throw new KeyError(`${alg} is listed in algorithms but fits none of the keys`);
    }
  }
  return {
    keys,
    pick,
    isList: Array.isArray(key),
    algorithms,
    encryptions,
    maxTokenLength,
    maxPBES2Count,
    maxDecompressedLength,
    checkIssuer,
  };
}

/** Whether `key` may open a token of `alg` and `enc`: listed by the caller or, without a list, the key's own. */
function accepts(key: JwtKey, alg: KeyManagementAlgorithm, enc: ContentEncryption, bound: Bound): boolean {
  const { algorithms, defaults } = keyManagementOf(key);
  if (!(bound.algorithms ?? defaults).includes(alg) || !algorithms.includes(alg)) return false;
  // A dir key pinned to its content encryption takes that one alone, whatever the list says.
  const pinned = alg === 'dir' ? contentEncryptionOf(key) : undefined;
  if (pinned !== undefined) return pinned === enc;
  return bound.encryptions === undefined ? defaultContentEncryption(key, alg) === enc : bound.encryptions.includes(enc);
}

/** The token's `alg` and `enc`, if webjwt implements them and the caller's lists (when given) name them. */
function tokenAlgorithms(header: JweHeader, bound: Bound): [KeyManagementAlgorithm, ContentEncryption] {
  const { alg, enc } = header;
  if (!isKeyManagement(alg)) {
    throw new JwtAlgorithmError(
      isAlgorithm(alg)
        ? `${alg} is a JWS algorithm; a JWE's "alg" is a key management algorithm`
        : 'the token\'s "alg" is not a supported key management algorithm',
    );
  }
  if (!isContentEncryption(enc)) throw new JwtAlgorithmError('the token\'s "enc" is not a supported content encryption');
  // PBES2 costs what the token asks for: only ever when the caller listed it.
  if (keyManagementSpec(alg).kind === 'pbes2' && !bound.algorithms?.includes(alg)) {
    throw new JwtAlgorithmError(`${alg} is accepted only when listed in algorithms`);
  }
  if (bound.algorithms !== undefined && !bound.algorithms.includes(alg))
    throw new JwtAlgorithmError(`${alg} is not in the accepted algorithms`);
  if (bound.encryptions !== undefined && !bound.encryptions.includes(enc))
    throw new JwtAlgorithmError(`${enc} is not in the accepted encryptions`);
  return [alg, enc];
}

/** The plaintext of a compact JWE and the key that opened it. */
async function open(token: string, bound: Bound): Promise<DecryptCompactResult> {
  const jwe = parseCompactJwe(token, bound.maxTokenLength);
  const { header } = jwe;
  const [alg, enc] = tokenAlgorithms(header, bound);
  const spec = contentEncryptionSpec(enc);
  // RFC 7518 §5.2.2.2, §5.3: the IV and the tag have one length each; anything else is refused here,
  // before any crypto, rather than passed to a cipher that might accept it.
  if (jwe.iv.length !== spec.ivBytes) throw new JwtMalformedError(`the IV must be ${spec.ivBytes} bytes for ${enc}`);
  if (jwe.tag.length !== spec.tagBytes) throw new JwtMalformedError(`the authentication tag must be ${spec.tagBytes} bytes for ${enc}`);
  const recover = checkKeyManagement(header, alg, jwe.encryptedKey, bound.maxPBES2Count);
  // Each await below is taken only for a promise: on node:crypto with a secret, nothing waits.
  const support = assertSupported(alg, enc);
  if (support !== undefined) await support;
  const keys = bound.keys ?? [await (bound.pick as NonNullable<Bound['pick']>)(header)];
  const candidates = keys.flatMap((key, index) => (accepts(key, alg, enc, bound) ? [index] : []));
  if (candidates.length === 0) throw new JwtAlgorithmError(`${alg} with ${enc} is not the key's algorithm`);
  const aad = asciiBytes(jwe.protectedSegment);
  let fitted = false;
  for (const index of candidates) {
    const prepared = prepareEncryptionKey(keys[index] as JwtKey, alg, 'decrypt');
    // dir: the key is the CEK, so its length must be the one `enc` takes.
    if (alg === 'dir' && (prepared.secret ?? (await secretOf(prepared))).length !== spec.cekBytes) continue;
    fitted = true;
    let cek: Uint8Array;
    try {
      const recovered = recover(prepared, enc);
      cek = recovered instanceof Promise ? await recovered : recovered;
    } catch (error) {
      if (error instanceof JwtMalformedError) throw error;
      cek = randomBytes(spec.cekBytes);
    }
    if (cek.length !== spec.cekBytes) cek = randomBytes(spec.cekBytes);
    let plaintext: Uint8Array;
    try {
      const decrypted = backend.decryptContent(enc, cek, jwe.iv, jwe.ciphertext, jwe.tag, aad);
      plaintext = decrypted instanceof Promise ? await decrypted : decrypted;
    } catch {
      continue;
    }
    if (header.zip === 'DEF') plaintext = await inflate(plaintext, bound.maxDecompressedLength);
    const result: DecryptCompactResult = { header, plaintext };
    if (bound.isList) result.keyIndex = index;
    return result;
  }
  if (!fitted) throw new JwtAlgorithmError(`${enc} needs a ${spec.cekBytes}-byte key for dir`);
  throw new JweDecryptionError();
}

async function inflate(data: Uint8Array, maxLength: number): Promise<Uint8Array> {
  try {
    return await backend.inflateRaw(data, maxLength);
  } catch (error) {
    throw new JwtMalformedError(
      error instanceof RangeError
        ? `the decompressed payload is longer than ${maxLength} bytes (maxDecompressedLength)`
        : 'the payload is not valid DEFLATE data',
    );
  }
}

/**
 * Decrypts a compact JWE and returns its plaintext bytes, for JWEs whose plaintext is not a JWT.
 * Nothing is read from the plaintext; a nested JWT (`cty: "JWT"`) is refused (use decrypt() with
 * `verify`, which never returns it unverified).
 * @throws JwtError: ERR_JWE_DECRYPTION for any failure to decrypt; ERR_JWT_MALFORMED,
 *   ERR_JWT_ALGORITHM, ERR_KEY. TypeError for invalid options.
 */
export function decryptCompact(token: string, key: DecryptKey, options?: DecryptCompactOptions): Promise<DecryptCompactResult> {
  try {
    const checked = checkOptions(options, COMPACT_OPTIONS, 'decryptCompact()');
    const bound = bind(key, checked);
    return open(token, bound).then((result) => {
      if (isJwtContentType(result.header.cty)) throw nestedRefusal('decrypt() with options.verify');
      return result;
    });
  } catch (error) {
    return rejected(error);
  }
}

function nestedRefusal(advice: string): JwtMalformedError {
  return new JwtMalformedError(`the token is a nested JWT: use ${advice} and the signer's key; it is never returned unverified`);
}

/**
 * Decrypts a compact JWE carrying a JWT and checks its claims as verify() does. A nested JWT (signed,
 * then encrypted) is verified with `options.verify` before anything of it is returned.
 * @param key the decryption key (secret, private PEM/JWK/CryptoKey, JwtKey), an array of keys (tried
 *   in order among those that fit), a JWK Set (its encryption keys, by `kid` and `alg`), or a
 *   resolver `(header) => key`.
 * @throws JwtError: ERR_JWE_DECRYPTION for any failure to decrypt (one message for every cause);
 *   ERR_JWT_MALFORMED, ERR_JWT_ALGORITHM, ERR_KEY, and after decryption verify()'s claim errors.
 *   TypeError for invalid options.
 * @example
 * const { payload } = await decrypt(token, secret, { issuer: 'https://auth.example' });
 */
export function decrypt<T extends object = JwtPayload>(
  token: string,
  key: DecryptKey,
  options?: DecryptOptions,
): Promise<DecryptResult<T>> {
  try {
    const checked = checkOptions(options, DECRYPT_OPTIONS, 'decrypt()');
    const bound = bind(key, checked);
    if (checked.currentDate !== undefined) numericDate(checked.currentDate);
    assertValidators(checked.validate);
    if (checked.isRevoked !== undefined && typeof checked.isRevoked !== 'function') throw new TypeError('isRevoked must be a function');
    const nested = checked.verify === undefined ? undefined : nestedOptions(checked.verify, checked.currentDate);
    const checkClaims = compileClaimChecks(checked);
    return open(token, bound).then((opened) => accept<T>(opened, checked, bound, nested, checkClaims));
  } catch (error) {
    return rejected(error);
  }
}

function nestedOptions(value: unknown, currentDate: Date | undefined): { key: NestedVerifyOptions['key']; options: VerifyOptions } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('decrypt(): options.verify must be an object');
  const { key, ...options } = checkOptions(value as NestedVerifyOptions, NESTED_OPTIONS, 'decrypt() options.verify');
  if ((key as unknown) === undefined) throw new TypeError("decrypt(): options.verify.key is required: the signer's key");
  // The outer clock is the inner one unless the caller gave the inner its own.
  return { key, options: options.currentDate === undefined && currentDate !== undefined ? { ...options, currentDate } : options };
}

async function accept<T extends object>(
  { header, plaintext, keyIndex }: DecryptCompactResult,
  options: DecryptOptions,
  bound: Bound,
  nested: ReturnType<typeof nestedOptions> | undefined,
  checkClaims: ClaimCheck,
): Promise<DecryptResult<T>> {
  const text = payloadText(plaintext);
  let payload: JwtPayload;
  let signedHeader: JwtHeader | undefined;
  if (isJwtContentType(header.cty)) {
    if (nested === undefined) throw nestedRefusal('options.verify');
    const inner = await verify(text, nested.key, nested.options);
    payload = inner.payload;
    signedHeader = inner.header;
  } else {
    // Anyone holding the recipient's public key can encrypt: a caller who asked for a signed token
    // must not get an unsigned one.
    if (nested !== undefined)
      throw new JwtMalformedError('options.verify expects a nested (signed, then encrypted) JWT; this token is not one');
    payload = parsePayloadText(text);
    assertRegisteredClaims(payload);
  }
  // One clock for both layers: decrypt()'s, or else the one given to options.verify.
  const now = numericDate(options.currentDate ?? nested?.options.currentDate);
  checkClaims(header, payload, now);
  bound.checkIssuer?.(header, payload, now);
  if (options.validate !== undefined || options.isRevoked !== undefined) await runHooks(options, header, payload);
  const result: DecryptResult<T> = { header, payload: payload as T & JwtPayload };
  if (keyIndex !== undefined) result.keyIndex = keyIndex;
  if (signedHeader !== undefined) result.signedHeader = signedHeader;
  return result;
}
