/// <reference types="node" />
/**
 * The Node signing backend, on node:crypto: same exports as backend.ts (each typed against it), swapped
 * in for it by the Node build. node:crypto signs and verifies synchronously, where Node's WebCrypto
 * hands every call to a thread pool. Keys are imported as KeyObjects and checked to be exactly what
 * WebCrypto's import would have accepted for `alg`, so both backends refuse the same keys.
 */
import {
  constants,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  KeyObject,
  sign as nodeSign,
  timingSafeEqual,
  verify as nodeVerify,
  type JsonWebKey as NodeJsonWebKey,
} from 'node:crypto';
import { ALGORITHM_NAMES, algorithmSpec, HASHES, NODE_NAMES, type JwsAlgorithm } from '../jwa/algorithms.js';
import { URL_ALPHABET } from '../lib/base64url.js';
import type * as Contract from './backend.js';

export const BACKEND: typeof Contract.BACKEND = 'node';

/** OpenSSL has every hash and curve of the table (each curve's node:crypto name is in it). */
export const SUPPORTED_ALGORITHMS: typeof Contract.SUPPORTED_ALGORITHMS = /* @__PURE__ */ new Set(ALGORITHM_NAMES);

export const encodeBase64url: typeof Contract.encodeBase64url = (data) =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : buffer(data)).toString('base64url');

const BASE64URL_TEXT = /^[\w-]*$/;

/**
 * Buffer decodes natively but leniently (it skips foreign characters, takes either alphabet, ignores
 * padding and trailing bits), so the text is checked first: the alphabet only (a regular expression
 * is the fastest scan here, and allocates nothing), a possible length, and zero unused bits in the
 * last character (RFC 4648 §3.5). What passes decodes exactly.
 */
export const decodeBase64url: typeof Contract.decodeBase64url = (text, start, end) => {
  const segment = start === undefined ? text : text.slice(start, end);
  const rest = segment.length % 4;
  if (rest === 1 || !BASE64URL_TEXT.test(segment)) return undefined;
  if (rest !== 0 && (URL_ALPHABET.indexOf(segment.charAt(segment.length - 1)) & (rest === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  // The Buffer itself (a Uint8Array): these bytes stay inside webjwt, and a second view would be one
  // more object per segment on every verification.
  return Buffer.from(segment, 'base64url');
};

/**
 * A key ready for one algorithm: the KeyObject with the options node:crypto's one-shot sign/verify
 * take for it (PSS salt as long as the hash, RFC 7518 §3.5; ECDSA as R||S, §3.4), built once per key
 * and algorithm instead of once per call.
 */
interface NodeKey {
  readonly key: KeyObject;
  readonly padding?: number;
  readonly saltLength?: number;
  readonly dsaEncoding?: 'ieee-p1363';
}

/** The key for `alg`, if its type and curve are what `alg` needs (WebCrypto's import checks the same). */
function prepared(key: KeyObject, alg: JwsAlgorithm): NodeKey {
  const spec = algorithmSpec(alg);
  const curve = spec.crv === undefined ? undefined : NODE_NAMES[spec.crv];
  const fits =
    spec.family === 'oct'
      ? key.type === 'secret'
      : spec.family === 'RSA'
        ? key.asymmetricKeyType === 'rsa'
        : spec.family === 'EC'
          ? key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === curve
          : key.asymmetricKeyType === curve;
  if (!fits) throw new TypeError(`the key does not fit ${alg}`);
  if (spec.name === 'RSA-PSS') return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASHES[spec.hash].bytes };
  if (spec.name === 'ECDSA') return { key, dsaEncoding: 'ieee-p1363' };
  return { key };
}

/** `make()`'s result, or its exception as a rejection, as WebCrypto's import reports failures. */
function attempt<T>(make: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(make());
  });
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const importSecretKey: typeof Contract.importSecretKey = (bytes, alg) =>
  attempt(() => prepared(createSecretKey(buffer(bytes)), alg));

export const importJwk: typeof Contract.importJwk = (jwk, alg, usage) =>
  attempt(() => {
    const input = { key: jwk as NodeJsonWebKey, format: 'jwk' as const };
    return prepared(usage === 'sign' ? createPrivateKey(input) : createPublicKey(input), alg);
  });

export const importDer: typeof Contract.importDer = (format, der, alg) =>
  attempt(() =>
    prepared(
      format === 'pkcs8'
        ? createPrivateKey({ key: buffer(der), format: 'der', type: 'pkcs8' })
        : createPublicKey({ key: buffer(der), format: 'der', type: 'spki' }),
      alg,
    ),
  );

export const fromCryptoKey: typeof Contract.fromCryptoKey = (key, alg) => attempt(() => prepared(KeyObject.from(key), alg));

function digestName(alg: JwsAlgorithm): string | null {
  const { hash } = algorithmSpec(alg);
  return hash === undefined ? null : NODE_NAMES[hash];
}

/** Signing inputs are ASCII strings, which latin1 maps byte for byte without an encoder. */
function input(data: Contract.SignedData): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
}

function hmac(alg: JwsAlgorithm, key: KeyObject, data: Contract.SignedData): Buffer {
  const mac = createHmac(digestName(alg) as string, key);
  return (typeof data === 'string' ? mac.update(data, 'latin1') : mac.update(data)).digest();
}

function view(bytes: Buffer): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export const sign: typeof Contract.sign = (alg, key, data) => {
  const k = key as NodeKey;
  if (k.key.type === 'secret') return view(hmac(alg, k.key, data));
  return view(nodeSign(digestName(alg), input(data), k));
};

export const verify: typeof Contract.verify = (alg, key, signature, data) => {
  const k = key as NodeKey;
  if (k.key.type === 'secret') {
    const mac = hmac(alg, k.key, data);
    return mac.length === signature.length && timingSafeEqual(mac, signature);
  }
  return nodeVerify(digestName(alg), input(data), k, signature);
};

// TEMP(jwe-keys): contract A stubs, the twin of the block at the end of backend.ts; deleted with it.
export const importOaepKey: typeof Contract.importOaepKey = () => {
  throw new Error('not yet');
};

export const importAgreementKey: typeof Contract.importAgreementKey = () => {
  throw new Error('not yet');
};
// END TEMP(jwe-keys)
