/**
 * PEM (RFC 7468) and the DER key structures behind it: SPKI (RFC 5280 §4.1.2.7), PKCS#8 (RFC 5208,
 * RFC 5958), PKCS#1 (RFC 8017 App. A.1), SEC1 (RFC 5915) and X.509 certificates (RFC 5280 §4.1).
 * Everything is normalised to the SPKI or PKCS#8 DER that WebCrypto imports, and classified by its
 * parsed algorithm identifier, never by a regex on the text.
 */
import { curveOfOid, type Curve } from '../jwa/algorithms.js';
import { decodeBase64, encodeBase64 } from '../lib/base64url.js';
import { KeyError } from '../lib/errors.js';
import {
  BIT_STRING,
  children,
  contents,
  CONTEXT_0,
  CONTEXT_1,
  encoding,
  expect,
  INTEGER,
  NULL,
  objectIdentifier,
  OCTET_STRING,
  OID,
  readWhole,
  SEQUENCE,
  smallInteger,
  tlv,
  unsignedInteger,
  type Tlv,
} from './der.js';
import { bitLength } from './jwk.js';

/** A key ready for WebCrypto, with what webjwt needs to know about it. */
export interface KeyData {
  /** What WebCrypto importKey takes. */
  readonly format: 'spki' | 'pkcs8';
  /** SPKI or PKCS#8 DER (PKCS#1, SEC1 and certificates are converted). */
  readonly der: Uint8Array;
  readonly kty: 'RSA' | 'EC' | 'OKP';
  /** For EC and OKP. */
  readonly crv?: Curve;
  /** For RSA: modulus size in bits. */
  readonly modulusBits?: number;
  /** The key carried the id-RSASSA-PSS OID (RFC 4055 §1.2): only PS* may use it. */
  readonly pssOnly?: boolean;
}

const RSA = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
/** id-ecPublicKey (RFC 5480 §2.1.1); its parameters name the curve, by the OIDs of jwa/algorithms.ts. */
const EC = '1.2.840.10045.2.1';
/** id-X25519 (RFC 8410 §3), the one OKP curve outside the JWS curve table. */
const X25519 = '1.3.101.110';
const NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10040.4.1': 'DSA',
  '1.3.101.111': 'X448',
  '1.3.101.113': 'Ed448',
  '1.3.132.0.10': 'secp256k1',
};

/** AlgorithmIdentifier { rsaEncryption, NULL } (RFC 8017 App. C), DER-encoded as it is always written. */
const RSA_ALGORITHM = /* @__PURE__ */ new Uint8Array([SEQUENCE, 13, OID, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1, NULL, 0]);
/** The id-ecPublicKey OBJECT IDENTIFIER (RFC 5480 §2.1.1), DER-encoded. */
const EC_OID = /* @__PURE__ */ new Uint8Array([OID, 7, 0x2a, 0x86, 0x48, 0xce, 0x3d, 2, 1]);
const VERSION_0 = /* @__PURE__ */ new Uint8Array([INTEGER, 1, 0]);
/** RFC 5958 §2: `publicKey [1] IMPLICIT BIT STRING`, a primitive context tag. */
const PUBLIC_KEY_TAG = 0x81;

/** The modulus size of an RSAPublicKey or RSAPrivateKey (RFC 8017 A.1.1, A.1.2). */
function rsaModulusBits(der: Uint8Array, isPrivate: boolean): number {
  const fields = children(readWhole(der, SEQUENCE));
  if (isPrivate) {
    // version 1 is multi-prime, which WebCrypto does not support.
    if (fields.length !== 9 || smallInteger(fields[0]) !== 0) throw new KeyError('unsupported RSA private key (multi-prime or malformed)');
    for (const field of fields.slice(2)) unsignedInteger(field);
  } else if (fields.length !== 2) throw new KeyError('RSA public key must hold exactly a modulus and an exponent');
  const modulus = unsignedInteger(fields[isPrivate ? 1 : 0]);
  unsignedInteger(fields[isPrivate ? 2 : 1]);
  return bitLength(modulus);
}

/** Classifies an AlgorithmIdentifier (RFC 5280 §4.1.1.2). */
function classify(algorithm: Tlv | undefined): Pick<KeyData, 'kty' | 'crv' | 'pssOnly'> {
  const [id, parameters, ...extra] = children(expect(algorithm, SEQUENCE));
  const name = objectIdentifier(id);
  if (extra.length > 0) throw new KeyError('key algorithm identifier is malformed');
  switch (name) {
    case RSA:
      if (parameters !== undefined && parameters.tag !== NULL) throw new KeyError('RSA key parameters must be NULL');
      return { kty: 'RSA' };
    case RSA_PSS:
      return { kty: 'RSA', pssOnly: true };
    case EC: {
      const curve = parameters?.tag === OID ? curveOfOid(objectIdentifier(parameters), 'EC') : undefined;
      if (curve === undefined) throw new KeyError('EC key must use a named curve: P-256, P-384 or P-521');
      return { kty: 'EC', crv: curve };
    }
  }
  // RFC 8410 §3: an OKP key's algorithm OID names its curve, with no parameters. X25519 keys are for
  // JWE key agreement (RFC 8037 §3.2): no JWS algorithm fits them, which JWS reports when used.
  const okp = name === X25519 ? 'X25519' : curveOfOid(name, 'OKP');
  if (okp === undefined)
    throw new KeyError(`${NAMES[name] ?? `OID ${name}`} keys cannot make JWS signatures; use RSA, P-256/384/521 or Ed25519`);
  if (parameters !== undefined) throw new KeyError(`${okp} key must not have parameters`);
  return { kty: 'OKP', crv: okp };
}

/** SubjectPublicKeyInfo: SEQUENCE { algorithm, subjectPublicKey BIT STRING }. */
function parseSpki(der: Uint8Array): KeyData {
  const [algorithm, key, ...extra] = children(readWhole(der, SEQUENCE));
  const bits = contents(expect(key, BIT_STRING));
  if (extra.length > 0 || bits[0] !== 0) throw new KeyError('public key is malformed');
  const kind = classify(algorithm);
  if (kind.kty !== 'RSA') return { format: 'spki', der, ...kind };
  const modulusBits = rsaModulusBits(bits.subarray(1), false);
  // WebCrypto refuses the RSASSA-PSS OID; the key itself is the same RSAPublicKey (RFC 4055 §1.2).
  const normalised = kind.pssOnly === true ? tlv(SEQUENCE, RSA_ALGORITHM, encoding(key as Tlv)) : der;
  return { format: 'spki', der: normalised, ...kind, modulusBits };
}

/**
 * The optional trailing fields of PKCS#8 and SEC1, which DER keeps in tag order, each at most once:
 * PKCS#8 `[0] attributes, [1] publicKey` (RFC 5958 §2), SEC1 `[0] parameters, [1] publicKey`
 * (RFC 5915 §3).
 */
function optionalFields(items: readonly Tlv[], tags: readonly number[]): (Tlv | undefined)[] {
  let next = 0;
  const found: (Tlv | undefined)[] = tags.map(() => undefined);
  for (const item of items) {
    while (next < tags.length && tags[next] !== item.tag) next++;
    if (next === tags.length) throw new KeyError('private key has unexpected or repeated fields');
    found[next++] = item;
  }
  return found;
}

/** ECPrivateKey (RFC 5915 §3): the curve OID TLV of its [0] parameters, when it names one. */
function sec1Curve(der: Uint8Array): Tlv | undefined {
  const [version, key, ...rest] = children(readWhole(der, SEQUENCE));
  if (smallInteger(version) !== 1) throw new KeyError('EC private key version must be 1');
  expect(key, OCTET_STRING);
  const [parameters, publicKey] = optionalFields(rest, [CONTEXT_0, CONTEXT_1]);
  if (publicKey !== undefined && expect(children(publicKey)[0], BIT_STRING).end !== publicKey.end)
    throw new KeyError('EC private key is malformed');
  if (parameters === undefined) return undefined;
  const [curve, ...extra] = children(parameters);
  if (curve?.tag !== OID || curveOfOid(objectIdentifier(curve), 'EC') === undefined || extra.length > 0) {
    throw new KeyError('EC private key must name its curve: P-256, P-384 or P-521');
  }
  return curve;
}

/** PrivateKeyInfo / OneAsymmetricKey: SEQUENCE { version, algorithm, privateKey OCTET STRING, ... }. */
function parsePkcs8(der: Uint8Array): KeyData {
  const [version, algorithm, key, ...rest] = children(readWhole(der, SEQUENCE));
  const v = smallInteger(version);
  const privateKey = contents(expect(key, OCTET_STRING));
  const [attributes, publicKey] = optionalFields(rest, [CONTEXT_0, PUBLIC_KEY_TAG]);
  // RFC 5958 §2: v1 (0) or v2 (1), and only v2 carries the public key.
  if (v > 1 || (publicKey !== undefined && v !== 1)) throw new KeyError('private key version is not 0 or 1 (RFC 5958)');
  const kind = classify(algorithm);
  if (kind.kty === 'EC') {
    const inner = sec1Curve(privateKey);
    if (inner !== undefined && curveOfOid(objectIdentifier(inner), 'EC') !== kind.crv)
      throw new KeyError('EC private key names two different curves');
  }
  // OpenSSL 3.0, and with it Node's WebCrypto, refuses a v2 key carrying its public key, Bun refuses
  // attributes, and WebCrypto refuses the id-RSASSA-PSS OID: rebuild such keys as a bare v1 (the
  // public key is derived from the private key anyway; attributes play no part in signing), with PSS
  // keys relabelled rsaEncryption, the same RSAPrivateKey (RFC 4055 §1.2).
  const normalised =
    publicKey === undefined && attributes === undefined && kind.pssOnly !== true
      ? der
      : tlv(SEQUENCE, VERSION_0, kind.pssOnly === true ? RSA_ALGORITHM : encoding(algorithm as Tlv), encoding(key as Tlv));
  if (kind.kty !== 'RSA') return { format: 'pkcs8', der: normalised, ...kind };
  return { format: 'pkcs8', der: normalised, ...kind, modulusBits: rsaModulusBits(privateKey, true) };
}

/** ECPrivateKey (RFC 5915 §3) wrapped into PKCS#8 with its curve. */
function parseSec1(der: Uint8Array): KeyData {
  const curve = sec1Curve(der);
  if (curve === undefined) throw new KeyError('EC private key must name its curve: P-256, P-384 or P-521');
  const algorithm = tlv(SEQUENCE, EC_OID, encoding(curve));
  return parsePkcs8(tlv(SEQUENCE, VERSION_0, algorithm, tlv(OCTET_STRING, der)));
}

/** The SubjectPublicKeyInfo inside a Certificate's tbsCertificate (RFC 5280 §4.1). */
function parseCertificate(der: Uint8Array): KeyData {
  const [tbs, signatureAlgorithm, signature, ...extra] = children(readWhole(der, SEQUENCE));
  expect(signatureAlgorithm, SEQUENCE);
  expect(signature, BIT_STRING);
  if (extra.length > 0) throw new KeyError('certificate is malformed');
  const fields = children(expect(tbs, SEQUENCE));
  // version [0] EXPLICIT is optional; then serialNumber, signature, issuer, validity, subject, spki.
  const spki = fields[fields[0]?.tag === CONTEXT_0 ? 6 : 5];
  return parseSpki(encoding(expect(spki, SEQUENCE)));
}

type Parser = (der: Uint8Array) => KeyData;

const LABELS: Readonly<Record<string, Parser>> = {
  'PUBLIC KEY': parseSpki,
  'PRIVATE KEY': parsePkcs8,
  'RSA PUBLIC KEY': (der) => parseSpki(tlv(SEQUENCE, RSA_ALGORITHM, tlv(BIT_STRING, new Uint8Array([0]), der))),
  'RSA PRIVATE KEY': (der) => parsePkcs8(tlv(SEQUENCE, VERSION_0, RSA_ALGORITHM, tlv(OCTET_STRING, der))),
  'EC PRIVATE KEY': parseSec1,
  CERTIFICATE: parseCertificate,
};

/**
 * The leading field tags of each DER key structure, two hex digits each, and `.*` where optional fields
 * may follow: SPKI, Certificate, PKCS#8, SEC1, PKCS#1 RSAPublicKey, and PKCS#1 RSAPrivateKey (nine
 * INTEGERs, then perhaps otherPrimeInfos).
 */
const KEY_SHAPES = /^(?:3003|303003|023004.*|0204.*|0202|(?:02){9}.*)$/;

/**
 * True when `bytes` are DER shaped like a key structure, supported or not (a DSA, X25519, multi-prime
 * or explicit-curve key counts too): such bytes are never an HMAC secret (RFC 8725 §2.1).
 */
export function looksLikeKeyStructure(bytes: Uint8Array): boolean {
  if (bytes[0] !== SEQUENCE) return false;
  try {
    const tags = children(readWhole(bytes, SEQUENCE)).map((item) => item.tag.toString(16).padStart(2, '0'));
    return KEY_SHAPES.test(tags.join(''));
  } catch {
    return false;
  }
}

interface Block {
  readonly label: string;
  readonly body: string;
}

/** The BEGIN/END blocks of a PEM text, scanned linearly; text between blocks is ignored (RFC 7468 §2). */
function blocks(text: string): Block[] {
  const found: Block[] = [];
  for (let at = text.indexOf('-----BEGIN '); at !== -1; at = text.indexOf('-----BEGIN ', at)) {
    const labelEnd = text.indexOf('-----', at + 11);
    const label = labelEnd === -1 ? '' : text.slice(at + 11, labelEnd);
    if (!/^[A-Z0-9 ]{1,40}$/.test(label)) throw new KeyError('PEM has a malformed BEGIN line');
    const end = text.indexOf(`-----END ${label}-----`, labelEnd + 5);
    if (end === -1) throw new KeyError(`PEM block "${label}" has no matching END line`);
    found.push({ label, body: text.slice(labelEnd + 5, end) });
    at = end + label.length + 14;
  }
  return found;
}

/**
 * Parses a PEM text holding one key, or a certificate chain (its first certificate, the leaf, is used).
 * @throws KeyError for encrypted, unsupported, ambiguous or malformed PEM.
 */
export function parsePem(text: string): KeyData {
  const keys = blocks(text).filter((block) => block.label !== 'EC PARAMETERS'); // openssl ecparam -genkey emits one
  const [first] = keys;
  if (first === undefined) throw new KeyError('no PEM key block found');
  if (keys.length > 1 && !keys.every((block) => block.label === 'CERTIFICATE')) {
    throw new KeyError(`ambiguous: ${keys.length} keys in one PEM; pass exactly one`);
  }
  if (first.label === 'ENCRYPTED PRIVATE KEY' || first.body.includes(':')) {
    throw new KeyError('encrypted PEM keys are not supported; decrypt it first: openssl pkey -in key.pem -out plain.pem');
  }
  const parse = Object.hasOwn(LABELS, first.label) ? LABELS[first.label] : undefined;
  if (parse === undefined) {
    throw new KeyError(`PEM label "${first.label}" is not a supported key type; use one of ${Object.keys(LABELS).join(', ')}`);
  }
  const der = decodeBase64(first.body.replace(/[ \t\r\n]+/g, ''));
  if (der === undefined) throw new KeyError('PEM body is not valid base64');
  return parse(der);
}

/** PEM text for DER (RFC 7468 §2): 64-character lines, LF line ends, a final newline. */
export function encodePem(label: 'PUBLIC KEY' | 'PRIVATE KEY', der: Uint8Array): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
