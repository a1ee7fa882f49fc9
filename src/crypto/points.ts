/**
 * Whether an ECDH peer's public key is a point of its curve, checked on the JWK's coordinates before
 * any agreement (an invalid-curve point leaks the private key, RFC 7516 §11.5 and the 2017 JWE
 * invalid-curve attacks). Pure arithmetic with BigInt, no crypto: the curves are those of SEC 2 and
 * FIPS 186-4 §D.1.2, y² = x³ - 3x + b over the prime field of p.
 */

import { AGREEMENT_CURVES } from '../jwa/encryption.js';

type PrimeCurve = 'P-256' | 'P-384' | 'P-521';

interface CurveParams {
  readonly p: bigint;
  readonly b: bigint;
}

const CURVE_PARAMS: Readonly<Record<PrimeCurve, CurveParams>> = /* @__PURE__ */ (() => ({
  'P-256': {
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    b: BigInt('0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b'),
  },
  'P-384': {
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    b: BigInt('0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef'),
  },
  'P-521': {
    p: 2n ** 521n - 1n,
    b: BigInt(
      '0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
    ),
  },
}))();

const HEX: readonly string[] = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A big-endian unsigned integer, through its hex text: one BigInt made, not one per byte. */
function toBigInt(bytes: Uint8Array): bigint {
  let hex = '0x';
  for (const byte of bytes) hex += HEX[byte] as string;
  return BigInt(hex);
}

/**
 * True when (x, y), big-endian coordinates of exactly the curve's size, is a point of `crv`: both
 * below p, and y² = x³ - 3x + b (mod p). The point at infinity has no such coordinates, and (0, 0) is
 * not on any of these curves (b ≠ 0).
 */
export function isOnCurve(crv: PrimeCurve, x: Uint8Array, y: Uint8Array): boolean {
  const { p, b } = CURVE_PARAMS[crv];
  const bytes = AGREEMENT_CURVES[crv].coordinateBytes;
  if (x.length !== bytes || y.length !== bytes) return false;
  const px = toBigInt(x);
  const py = toBigInt(y);
  if (px >= p || py >= p) return false;
  const right = ((((px * px - 3n) * px + b) % p) + p) % p;
  return (py * py) % p === right;
}
