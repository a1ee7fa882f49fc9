/**
 * Keys and a token forger for the security suite. Keys are the RFC example keys from vectors/; the
 * forger signs arbitrary header and payload text with node:crypto, independently of webjwt, the way
 * an attacker's tooling would.
 */
import { constants, createHmac, createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import type { Jwk } from '../../src/index.js';
import rfc7515 from '../../vectors/rfc/rfc7515_appendix_a.json' with { type: 'json' };
import rfc7520keys from '../../vectors/rfc/rfc7520_section3_keys.json' with { type: 'json' };
import rfc8037 from '../../vectors/rfc/rfc8037_appendix_a.json' with { type: 'json' };
import { publicJwk, utf8 } from '../support.js';

export interface KeyFixture {
  privateJwk: Jwk;
  publicJwk: Jwk;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM with LF line ends. */
  publicPem: string;
  /** SPKI DER bytes. */
  publicDer: Uint8Array;
}

function fixture(jwk: Jwk): KeyFixture {
  const privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  return {
    privateJwk: jwk,
    publicJwk: publicJwk(jwk),
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicDer: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
  };
}

/** RFC 7520 §3.4 RSA-2048. */
export const rsa = fixture(rfc7520keys.keys.figure_4_rsa_2048_private.jwk);
/** RFC 7515 A.3 P-256. */
export const p256 = fixture(rfc7515.examples[2]!.jwk as Jwk);
/** RFC 7515 A.4 P-521. */
export const p521 = fixture(rfc7515.examples[3]!.jwk as Jwk);
/** RFC 8037 A.1 Ed25519. */
export const ed25519 = fixture(rfc8037.examples[0]!.jwk as Jwk);
/** RFC 7515 A.1 HMAC key (64 bytes). */
export const hmacJwk = rfc7515.examples[0]!.jwk as Jwk;
export const hmacSecret = Buffer.from(hmacJwk.k!, 'base64url');

export const PKCS1_PUBLIC_PEM = rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }) as string;

type Signer =
  { alg: `HS${string}`; key: string | Uint8Array } | { alg: `RS${string}` | `PS${string}` | `ES${string}` | 'EdDSA'; key: KeyObject };

/** A compact token over exact header and payload (objects are JSON-encoded, strings used as is). */
export function forge(header: object | string, payload: object | string, signer: Signer): string {
  const text = (v: object | string) => (typeof v === 'string' ? v : JSON.stringify(v));
  const input = `${utf8(text(header))}.${utf8(text(payload))}`;
  return `${input}.${Buffer.from(signature(input, signer)).toString('base64url')}`;
}

export function signature(input: string, signer: Signer): Uint8Array {
  const hash = `sha${signer.alg.slice(2) || '256'}`;
  if (signer.alg.startsWith('HS')) return createHmac(hash, signer.key).update(input).digest();
  const key = signer.key as KeyObject;
  if (signer.alg === 'EdDSA') return nodeSign(null, Buffer.from(input), key);
  if (signer.alg.startsWith('PS')) {
    return nodeSign(hash, Buffer.from(input), {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: Number(signer.alg.slice(2)) / 8,
    });
  }
  if (signer.alg.startsWith('ES')) return nodeSign(hash, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return nodeSign(hash, Buffer.from(input), key);
}

/** Replaces the signature segment. */
export function withSignature(token: string, signatureSegment: string): string {
  return `${token.slice(0, token.lastIndexOf('.') + 1)}${signatureSegment}`;
}
