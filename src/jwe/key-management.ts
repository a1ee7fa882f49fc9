/**
 * Key management (RFC 7518 §4): how the content encryption key (CEK) reaches the recipient, for
 * each kind of the table in jwa/encryption.ts. Encrypting always makes the CEK, the IVs and the
 * salts itself (RFC 7516 §5.1 steps 2–3); nothing of them comes from the caller. Decrypting checks
 * the header members an algorithm reads before any crypto: the ephemeral key's curve and point
 * (RFC 7518 §4.6, and webjwt's own check, since not every WebCrypto refuses an off-curve point) and
 * the PBES2 count against its cap (RFC 8725 §3.3 spirit: no work an attacker chooses unbounded).
 */
import * as backend from '../crypto/backend.js';
import { isOnCurve } from '../crypto/points.js';
import { randomBytes } from '../crypto/webcrypto.js';
import {
  AGREEMENT_CURVES,
  contentEncryptionSpec,
  isAgreementCurve,
  keyManagementSpec,
  type AgreementCurve,
  type ContentEncryption,
  type KeyManagementKind,
} from '../jwa/encryption.js';
import { JwtMalformedError } from '../lib/errors.js';
import { utf8Bytes } from '../lib/text.js';
import type { PreparedEncryptionKey } from '../keys/encryption-key.js';
import { hasPrivateMembers } from '../keys/jwk.js';
import type { JweHeader } from '../types.js';
import { headerBytes } from './compact.js';

/** What encrypting gets from key management: the CEK, its encrypted form, and the header members to send. */
export interface WrappedKey {
  readonly cek: Uint8Array;
  readonly encryptedKey: Uint8Array;
  readonly header: Record<string, unknown>;
}

export interface WrapOptions {
  /** PBES2 iteration count. */
  readonly p2c: number;
  /** ECDH-ES PartyUInfo and PartyVInfo. */
  readonly apu: Uint8Array | undefined;
  readonly apv: Uint8Array | undefined;
}

const EMPTY = /* @__PURE__ */ new Uint8Array(0);
/** RFC 7518 §4.8.1.1: the PBES2 salt input is at least 8 bytes; webjwt sends 16. */
const P2S_BYTES = 16;
const MIN_P2S_BYTES = 8;

/** The header members of key management algorithms, and the kind each belongs to. */
const PARAMETERS = ['epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c'];
const ECDH_PARAMETERS = ['epk', 'apu', 'apv'];
const OWN_PARAMETERS: Readonly<Record<KeyManagementKind, readonly string[]>> = {
  dir: [],
  kw: [],
  rsa: [],
  gcmkw: ['iv', 'tag'],
  ecdh: ECDH_PARAMETERS,
  'ecdh-kw': ECDH_PARAMETERS,
  pbes2: ['p2s', 'p2c'],
};

/** The bytes of a secret key: the CEK (dir), the KEK (kw, gcmkw) or the password (pbes2). */
export async function secretOf(prepared: PreparedEncryptionKey): Promise<Uint8Array> {
  return prepared.secret ?? ((await prepared.pendingSecret) as Uint8Array);
}

/** `UTF8(alg) || 0x00 || p2s` (RFC 7518 §4.8.1.1). */
function pbes2Salt(alg: string, p2s: Uint8Array): Uint8Array {
  const name = utf8Bytes(alg);
  const salt = new Uint8Array(name.length + 1 + p2s.length);
  salt.set(name);
  salt.set(p2s, name.length + 1);
  return salt;
}

/** Makes the CEK for `enc` and what carries it to the holder of the prepared key. */
export async function wrapKey(prepared: PreparedEncryptionKey, enc: ContentEncryption, options: WrapOptions): Promise<WrappedKey> {
  const { alg } = prepared;
  const spec = keyManagementSpec(alg);
  const cekBytes = contentEncryptionSpec(enc).cekBytes;
  const secret = spec.family === 'oct' ? await secretOf(prepared) : EMPTY;
  if (spec.kind === 'dir') return { cek: secret, encryptedKey: EMPTY, header: {} };
  if (spec.kind === 'ecdh' || spec.kind === 'ecdh-kw') {
    const crv = prepared.crv as AgreementCurve;
    const ephemeral = await backend.generateEphemeralKey(crv);
    const z = await backend.ecdhSecret(ephemeral.privateKey, await (prepared.backendKey as Promise<backend.BackendKey>), crv);
    const direct = spec.kind === 'ecdh';
    const derived = await backend.concatKdf(
      z,
      direct ? cekBytes : spec.kekBytes,
      direct ? enc : alg,
      options.apu ?? EMPTY,
      options.apv ?? EMPTY,
    );
    const header: Record<string, unknown> = { epk: ephemeral.publicJwk };
    if (options.apu !== undefined) header.apu = backend.encodeBase64url(options.apu);
    if (options.apv !== undefined) header.apv = backend.encodeBase64url(options.apv);
    if (direct) return { cek: derived, encryptedKey: EMPTY, header };
    const cek = randomBytes(cekBytes);
    return { cek, encryptedKey: await backend.aesKeyWrap(derived, cek), header };
  }
  const cek = randomBytes(cekBytes);
  switch (spec.kind) {
    case 'kw':
      return { cek, encryptedKey: await backend.aesKeyWrap(secret, cek), header: {} };
    case 'gcmkw': {
      const iv = randomBytes(12);
      const wrapped = await backend.aesGcmKeyWrap(secret, cek, iv);
      return {
        cek,
        encryptedKey: wrapped.encryptedKey,
        header: { iv: backend.encodeBase64url(iv), tag: backend.encodeBase64url(wrapped.tag) },
      };
    }
    case 'rsa':
      return {
        cek,
        encryptedKey: await backend.rsaOaepEncrypt(await (prepared.backendKey as Promise<backend.BackendKey>), cek),
        header: {},
      };
    default: {
      const p2s = randomBytes(P2S_BYTES);
      const kek = await backend.pbes2Kek(spec.hash as 'SHA-256', secret, pbes2Salt(alg, p2s), options.p2c, spec.kekBytes);
      return { cek, encryptedKey: await backend.aesKeyWrap(kek, cek), header: { p2s: backend.encodeBase64url(p2s), p2c: options.p2c } };
    }
  }
}

/**
 * The header members `alg` reads, checked before any crypto, as a function that recovers the CEK
 * with one prepared key. The check is the token's alone, so a token that fails it is malformed
 * whatever key would be tried; the returned function's failures are decryption failures.
 * @throws JwtMalformedError for a missing or malformed member, an encrypted key where the
 *   algorithm has none, an ephemeral key that is private, off its curve or on another curve than
 *   the recipient's, a short `p2s`, or a `p2c` above `maxPBES2Count`.
 */
export function checkKeyManagement(
  header: JweHeader,
  alg: PreparedEncryptionKey['alg'],
  encryptedKey: Uint8Array,
  maxPBES2Count: number,
): (prepared: PreparedEncryptionKey, enc: ContentEncryption) => Uint8Array | Promise<Uint8Array> {
  const spec = keyManagementSpec(alg);
  // RFC 7518 §4.6.1, §4.7.1, §4.8.1 define these members for one kind of key management each; in a
  // token of another kind they are not RFC 7516's, and are refused rather than ignored.
  for (const name of PARAMETERS) {
    if (Object.hasOwn(header, name) && !OWN_PARAMETERS[spec.kind].includes(name)) {
      throw new JwtMalformedError(`header "${name}" does not belong to ${alg}`);
    }
  }
  // RFC 7516 §5.2 step 10: dir and ECDH-ES carry no encrypted key; the others always one.
  const direct = spec.kind === 'dir' || spec.kind === 'ecdh';
  if (direct !== (encryptedKey.length === 0)) {
    throw new JwtMalformedError(direct ? `the encrypted key must be empty for ${alg}` : `the encrypted key is missing for ${alg}`);
  }
  switch (spec.kind) {
    case 'dir':
      return (prepared) => prepared.secret ?? secretOf(prepared);
    case 'kw':
      return async (prepared) => backend.aesKeyUnwrap(await secretOf(prepared), encryptedKey);
    case 'gcmkw': {
      const iv = required(header, 'iv');
      const tag = required(header, 'tag');
      if (iv.length !== 12) throw new JwtMalformedError('header "iv" must be 12 bytes for AES-GCM key wrapping');
      if (tag.length !== 16) throw new JwtMalformedError('header "tag" must be 16 bytes for AES-GCM key wrapping');
      return async (prepared) => backend.aesGcmKeyUnwrap(await secretOf(prepared), iv, tag, encryptedKey);
    }
    case 'rsa':
      return async (prepared) => backend.rsaOaepDecrypt(await (prepared.backendKey as Promise<backend.BackendKey>), encryptedKey);
    case 'pbes2': {
      const p2s = required(header, 'p2s');
      if (p2s.length < MIN_P2S_BYTES)
        throw new JwtMalformedError(`header "p2s" must be at least ${MIN_P2S_BYTES} bytes (RFC 7518 §4.8.1.1)`);
      const p2c = header.p2c;
      if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < 1)
        throw new JwtMalformedError('header "p2c" must be a positive integer');
      if (p2c > maxPBES2Count) {
        throw new JwtMalformedError(`header "p2c" is ${p2c}; the limit (maxPBES2Count) is ${maxPBES2Count}`);
      }
      const salt = pbes2Salt(alg, p2s);
      return async (prepared) => {
        const kek = await backend.pbes2Kek(spec.hash as 'SHA-256', await secretOf(prepared), salt, p2c, spec.kekBytes);
        return backend.aesKeyUnwrap(kek, encryptedKey);
      };
    }
    default: {
      const epk = ephemeralKey(header);
      const apu = headerBytes(header, 'apu') ?? EMPTY;
      const apv = headerBytes(header, 'apv') ?? EMPTY;
      return async (prepared, enc) => {
        const crv = prepared.crv as AgreementCurve;
        if (epk.crv !== crv) throw new JwtMalformedError(`header "epk" is on ${epk.crv}, not on the key's curve ${crv}`);
        let publicKey: backend.BackendKey;
        try {
          publicKey = await backend.importAgreementKey({ kind: 'jwk', jwk: epk.jwk }, crv, 'public');
        } catch {
          throw new JwtMalformedError('header "epk" is not a valid public key');
        }
        const z = await backend.ecdhSecret(await (prepared.backendKey as Promise<backend.BackendKey>), publicKey, crv);
        const direct = spec.kind === 'ecdh';
        const derived = await backend.concatKdf(
          z,
          direct ? contentEncryptionSpec(enc).cekBytes : spec.kekBytes,
          direct ? enc : alg,
          apu,
          apv,
        );
        return direct ? derived : backend.aesKeyUnwrap(derived, encryptedKey);
      };
    }
  }
}

function required(header: JweHeader, name: string): Uint8Array {
  const bytes = headerBytes(header, name);
  if (bytes === undefined) throw new JwtMalformedError(`header "${name}" is required for ${header.alg}`);
  return bytes;
}

/**
 * The sender's ephemeral public key (RFC 7518 §4.6.1.1): a public JWK (no private member) of an
 * agreement curve, whose point webjwt checks itself, so that an invalid-curve point never reaches
 * a WebCrypto that would import it.
 */
function ephemeralKey(header: JweHeader): { readonly crv: AgreementCurve; readonly jwk: JsonWebKey } {
  const epk = header.epk as Record<string, unknown> | undefined;
  if (epk === undefined) throw new JwtMalformedError(`header "epk" is required for ${header.alg}`);
  if (hasPrivateMembers(epk)) {
    throw new JwtMalformedError('header "epk" holds private key material; it must be a public key');
  }
  const { kty, crv } = epk;
  if (!isAgreementCurve(crv)) throw new JwtMalformedError('header "epk" must be on P-256, P-384, P-521 or X25519');
  const size = AGREEMENT_CURVES[crv].coordinateBytes;
  const coordinate = (name: 'x' | 'y'): Uint8Array => {
    const value = Object.hasOwn(epk, name) ? epk[name] : undefined;
    const bytes = typeof value === 'string' ? backend.decodeBase64url(value) : undefined;
    if (bytes?.length !== size) throw new JwtMalformedError(`header "epk" member "${name}" must be ${size} bytes of base64url`);
    return bytes;
  };
  const x = coordinate('x');
  if (crv === 'X25519') {
    if (kty !== 'OKP' || Object.hasOwn(epk, 'y')) throw new JwtMalformedError('header "epk" for X25519 must be an OKP key');
    return { crv, jwk: { kty: 'OKP', crv, x: epk.x as string } };
  }
  if (kty !== 'EC') throw new JwtMalformedError(`header "epk" for ${crv} must be an EC key`);
  if (!isOnCurve(crv, x, coordinate('y'))) throw new JwtMalformedError(`header "epk" is not a point on ${crv}`);
  return { crv, jwk: { kty: 'EC', crv, x: epk.x as string, y: epk.y as string } };
}
