/** Fresh keys of the right kind and size for an algorithm. */
import { algorithmSpec, hashBytes, isAlgorithm, type JwsAlgorithm } from '../jwa/algorithms.js';
import { generateKeys, randomBytes } from '../crypto/webcrypto.js';
import { assertBoolean, checkOptions, type OptionNames } from '../lib/options.js';

function assertAlgorithm(alg: unknown): asserts alg is JwsAlgorithm {
  if (!isAlgorithm(alg)) throw new TypeError('alg must be a supported JWS algorithm name');
}

/**
 * Random bytes for an HMAC algorithm, as long as its hash output: 32 for HS256, 48 for HS384,
 * 64 for HS512 (RFC 7518 §3.2's minimum, which is also all the strength the MAC can use).
 * @example const secret = generateSecret('HS256');
 */
export function generateSecret(alg: 'HS256' | 'HS384' | 'HS512'): Uint8Array {
  assertAlgorithm(alg);
  const { hash } = algorithmSpec(alg);
  if (algorithmSpec(alg).family !== 'oct' || hash === undefined) throw new TypeError('generateSecret() is for HS256, HS384 and HS512');
  return randomBytes(hashBytes(hash));
}

export interface GenerateKeyPairOptions {
  /** Let the private key be exported (exportJWK/exportPEM). Default false; the public key always is. */
  extractable?: boolean;
}

const GENERATE_OPTIONS = { extractable: true } as const satisfies OptionNames<GenerateKeyPairOptions>;

/**
 * A new key pair for an asymmetric algorithm (RSA keys are 2048 bits), as CryptoKeys pinned to `alg`.
 * @example const { privateKey, publicKey } = await generateKeyPair('ES256');
 */
export async function generateKeyPair(
  alg: Exclude<JwsAlgorithm, 'HS256' | 'HS384' | 'HS512'>,
  options?: GenerateKeyPairOptions,
): Promise<CryptoKeyPair> {
  const { extractable = false } = checkOptions(options, GENERATE_OPTIONS, 'generateKeyPair()');
  assertBoolean(extractable, 'extractable');
  assertAlgorithm(alg);
  if (algorithmSpec(alg).family === 'oct') throw new TypeError(`${alg} uses a secret; call generateSecret('${alg}')`);
  return generateKeys(alg, extractable);
}
