/**
 * The command line of `webjwt` in: options parsed strictly (node:util parseArgs), and every mistake
 * in it a `UsageError` (exit code 2). Node-only by design, like all of src/cli*.
 */
/// <reference types="node" />
import { parseArgs } from 'node:util';
import type { ContentEncryption, JwsAlgorithm, KeyManagementAlgorithm } from 'webjwt';

/** The command line itself is wrong: an unknown command or option, a missing or bad argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** How a command's options are read: one string, a string that may repeat, or a flag that takes no value. */
export type OptionKind = 'string' | 'list' | 'boolean';

/** A command's parsed command line. */
export interface Args {
  readonly positionals: readonly string[];
  /** The option's value; a UsageError when it is given more than once. */
  one(name: string): string | undefined;
  /** The option's value; a UsageError when it is missing. */
  required(name: string): string;
  /** Every value of a repeatable option, in order. */
  list(name: string): readonly string[];
  /** Whether a flag (a 'boolean' option) is given. */
  flag(name: string): boolean;
}

/**
 * Parses `args` against `options` (`--help` is handled before). Single-value options are parsed as lists
 * too, so that `--sub a --sub b` is refused instead of silently keeping the last one.
 */
export function parseCommandLine(args: readonly string[], options: Readonly<Record<string, OptionKind>>): Args {
  const config: Record<string, { type: 'string' | 'boolean'; multiple: true }> = {};
  for (const [name, kind] of Object.entries(options)) config[name] = { type: kind === 'boolean' ? 'boolean' : 'string', multiple: true };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: config, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), { cause: error });
  }
  const { values, positionals } = parsed;
  const list = (name: string): readonly string[] => {
    const value = values[name];
    return Array.isArray(value) ? (value as string[]) : [];
  };
  const one = (name: string): string | undefined => {
    const all = list(name);
    if (all.length > 1) throw new UsageError(`--${name} is given ${all.length} times; give it once`);
    return all[0];
  };
  return {
    positionals,
    one,
    list,
    flag: (name) => values[name] !== undefined,
    required(name) {
      const value = one(name);
      if (value === undefined) throw new UsageError(`--${name} is required`);
      return value;
    },
  };
}

/**
 * The first sentence of parseArgs's message ("Unknown option '--kee'", "Option '--key <value>'
 * argument missing"). It names options only, never values, so a secret typed on the command line is
 * not echoed.
 */
function parseArgsMessage(error: unknown): string {
  const line = error instanceof Error ? (error.message.split('\n', 1)[0] ?? '') : '';
  const sentence = (line.split('. ', 1)[0] ?? '').replace(/\.$/, '');
  return sentence === '' ? 'the command line could not be parsed' : sentence;
}

/** The positional arguments, exactly one for each of `names` (which the messages use). */
export function positionals(args: Args, names: readonly string[]): readonly string[] {
  const given = args.positionals;
  const missing = names[given.length];
  if (missing !== undefined) throw new UsageError(`missing ${missing}`);
  // Not echoed: a stray argument may be a secret pasted in the wrong place.
  if (given.length > names.length) throw new UsageError(`${given.length - names.length} unexpected argument(s)`);
  return given;
}

/**
 * Every algorithm name, and whether it signs with a secret or a key pair. A table keyed by
 * `JwsAlgorithm`, so that the compiler notices an algorithm added to the library.
 */
const ALGORITHMS: Readonly<Record<JwsAlgorithm, 'secret' | 'pair'>> = {
  HS256: 'secret',
  HS384: 'secret',
  HS512: 'secret',
  RS256: 'pair',
  RS384: 'pair',
  RS512: 'pair',
  PS256: 'pair',
  PS384: 'pair',
  PS512: 'pair',
  ES256: 'pair',
  ES384: 'pair',
  ES512: 'pair',
  EdDSA: 'pair',
  Ed25519: 'pair',
};

export const ALGORITHM_LIST: string = Object.keys(ALGORITHMS).join(', ');

/** An algorithm named on the command line, compared exactly (RFC 7515 §4.1.1: case-sensitive). */
export function parseAlgorithm(value: string, what: string): JwsAlgorithm {
  if (!Object.hasOwn(ALGORITHMS, value)) throw new UsageError(`${what} must be one of ${ALGORITHM_LIST}`);
  return value as JwsAlgorithm;
}

/** The HMAC algorithms, which take a secret instead of a key pair. */
export type SecretAlgorithm = 'HS256' | 'HS384' | 'HS512';

export function isSecretAlgorithm(alg: JwsAlgorithm): alg is SecretAlgorithm {
  return ALGORITHMS[alg] === 'secret';
}

/**
 * Every JWE key management algorithm, and the key it takes: a secret of exact length (AES key wrap,
 * or `dir`, whose length the content encryption sets), a password (PBES2), or a key pair. A table
 * keyed by `KeyManagementAlgorithm`, like ALGORITHMS.
 */
const KEY_MANAGEMENT: Readonly<Record<KeyManagementAlgorithm, 'secret' | 'password' | 'pair'>> = {
  dir: 'secret',
  A128KW: 'secret',
  A192KW: 'secret',
  A256KW: 'secret',
  A128GCMKW: 'secret',
  A192GCMKW: 'secret',
  A256GCMKW: 'secret',
  'ECDH-ES': 'pair',
  'ECDH-ES+A128KW': 'pair',
  'ECDH-ES+A192KW': 'pair',
  'ECDH-ES+A256KW': 'pair',
  'RSA-OAEP': 'pair',
  'RSA-OAEP-256': 'pair',
  'RSA-OAEP-384': 'pair',
  'RSA-OAEP-512': 'pair',
  'PBES2-HS256+A128KW': 'password',
  'PBES2-HS384+A192KW': 'password',
  'PBES2-HS512+A256KW': 'password',
};

/** Every JWE content encryption, and its key's size in bytes (RFC 7518 §5): a `dir` secret is exactly that long. */
export const CONTENT_ENCRYPTION: Readonly<Record<ContentEncryption, number>> = {
  A128GCM: 16,
  A192GCM: 24,
  A256GCM: 32,
  'A128CBC-HS256': 32,
  'A192CBC-HS384': 48,
  'A256CBC-HS512': 64,
};

export const KEY_MANAGEMENT_LIST: string = Object.keys(KEY_MANAGEMENT).join(', ');
export const CONTENT_ENCRYPTION_LIST: string = Object.keys(CONTENT_ENCRYPTION).join(', ');

/** A JWE key management algorithm named on the command line (`alg`, case-sensitive). */
export function parseKeyManagement(value: string, what: string): KeyManagementAlgorithm {
  if (value === 'RSA1_5') throw new UsageError(`${what}: RSA1_5 is not supported (no WebCrypto implements it); use RSA-OAEP-256`);
  if (!Object.hasOwn(KEY_MANAGEMENT, value)) throw new UsageError(`${what} must be one of ${KEY_MANAGEMENT_LIST}`);
  return value as KeyManagementAlgorithm;
}

/** A JWE content encryption named on the command line (`enc`, case-sensitive). */
export function parseContentEncryption(value: string, what: string): ContentEncryption {
  if (!Object.hasOwn(CONTENT_ENCRYPTION, value)) throw new UsageError(`${what} must be one of ${CONTENT_ENCRYPTION_LIST}`);
  return value as ContentEncryption;
}

export function isKeyManagement(value: string): value is KeyManagementAlgorithm {
  return Object.hasOwn(KEY_MANAGEMENT, value);
}

export function isContentEncryption(value: string): value is ContentEncryption {
  return Object.hasOwn(CONTENT_ENCRYPTION, value);
}

/** The AES key-wrapping algorithms, whose key is a secret of 16, 24 or 32 bytes (RFC 7518 §4.4, §4.7). */
export type WrappingAlgorithm = Extract<KeyManagementAlgorithm, `A${string}KW`>;

/** The key management algorithms whose key is a pair: ECDH-ES (RFC 7518 §4.6) and RSA-OAEP (§4.3). */
export type PairAlgorithm = Extract<KeyManagementAlgorithm, `ECDH-ES${string}` | `RSA-OAEP${string}`>;

export function isWrappingAlgorithm(alg: KeyManagementAlgorithm): alg is WrappingAlgorithm {
  return alg !== 'dir' && KEY_MANAGEMENT[alg] === 'secret';
}

export function isPairAlgorithm(alg: KeyManagementAlgorithm): alg is PairAlgorithm {
  return KEY_MANAGEMENT[alg] === 'pair';
}
