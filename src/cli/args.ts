/**
 * The command line of `webjwt` in: options parsed strictly (node:util parseArgs), and every mistake
 * in it a `UsageError` (exit code 2). Node-only by design, like all of src/cli*.
 */
/// <reference types="node" />
import { parseArgs } from 'node:util';
import type { ContentEncryption, JwsAlgorithm, KeyManagementAlgorithm } from 'webjwt';
import { ALGORITHM_NAMES, algorithmSpec, isAlgorithm } from '../jwa/algorithms.js';
import {
  AGREEMENT_CURVES,
  CONTENT_ENCRYPTION_NAMES,
  isAgreementCurve,
  isContentEncryption,
  isKeyManagement,
  KEY_MANAGEMENT_NAMES,
  keyManagementSpec,
  type AgreementCurve,
} from '../jwa/encryption.js';

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
    parsed = parseArgs({ args: withDashValues(args, options), options: config, strict: true, allowPositionals: true });
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
 * Refuses the options among `names` that are given, where another option rules them out: a
 * UsageError "`because`: --a, --b `cannot`", naming them in the order of `names`.
 */
export function refuseGiven(args: Args, names: readonly string[], because: string, cannot: string): void {
  const given = names.filter((name) => args.list(name).length > 0);
  if (given.length > 0) throw new UsageError(`${because}: --${given.join(', --')} ${cannot}`);
}

/**
 * The command line with each `--name value` whose value starts with a dash written `--name=value`, which
 * parseArgs would otherwise refuse as ambiguous. Such values are real: a thumbprint `kid` starts with
 * `-` once in 64, and a getopt-style tool takes them so. A value that is one of the command's options
 * (`--kid --sub`) is a forgotten value instead, and refused.
 */
function withDashValues(args: readonly string[], options: Readonly<Record<string, OptionKind>>): string[] {
  const isOption = (arg: string): boolean =>
    arg === '--' || (arg.startsWith('--') && Object.hasOwn(options, arg.slice(2).split('=', 1)[0] ?? ''));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return out.concat(args.slice(i));
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const next = args[i + 1];
    if (Object.hasOwn(options, name) && options[name] !== 'boolean' && next !== undefined && next.length > 1 && next.startsWith('-')) {
      if (isOption(next))
        throw new UsageError(`--${name} is missing its value (a value that starts with a dash is written --${name}=VALUE)`);
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
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

export const ALGORITHM_LIST: string = ALGORITHM_NAMES.join(', ');

/** An algorithm named on the command line, compared exactly (RFC 7515 §4.1.1: case-sensitive). */
export function parseAlgorithm(value: string, what: string): JwsAlgorithm {
  if (!isAlgorithm(value)) throw new UsageError(`${what} must be one of ${ALGORITHM_LIST}`);
  return value;
}

/** The HMAC algorithms, which take a secret instead of a key pair. */
export type SecretAlgorithm = 'HS256' | 'HS384' | 'HS512';

export function isSecretAlgorithm(alg: JwsAlgorithm): alg is SecretAlgorithm {
  return algorithmSpec(alg).family === 'oct';
}

export const KEY_MANAGEMENT_LIST: string = KEY_MANAGEMENT_NAMES.join(', ');
export const CONTENT_ENCRYPTION_LIST: string = CONTENT_ENCRYPTION_NAMES.join(', ');

/** A JWE key management algorithm named on the command line (`alg`, case-sensitive). */
export function parseKeyManagement(value: string, what: string): KeyManagementAlgorithm {
  if (value === 'RSA1_5') throw new UsageError(`${what}: RSA1_5 is not supported (no WebCrypto implements it); use RSA-OAEP-256`);
  if (!isKeyManagement(value)) throw new UsageError(`${what} must be one of ${KEY_MANAGEMENT_LIST}`);
  return value;
}

/** An ECDH-ES curve named on the command line (`crv`, case-sensitive). */
export function parseCurve(value: string, what: string): AgreementCurve {
  if (!isAgreementCurve(value)) throw new UsageError(`${what} must be one of ${Object.keys(AGREEMENT_CURVES).join(', ')}`);
  return value;
}

/** A JWE content encryption named on the command line (`enc`, case-sensitive). */
export function parseContentEncryption(value: string, what: string): ContentEncryption {
  if (!isContentEncryption(value)) throw new UsageError(`${what} must be one of ${CONTENT_ENCRYPTION_LIST}`);
  return value;
}

export { isContentEncryption, isKeyManagement };

/** The AES key-wrapping algorithms, whose key is a secret of 16, 24 or 32 bytes (RFC 7518 §4.4, §4.7). */
export type WrappingAlgorithm = Extract<KeyManagementAlgorithm, `A${string}KW`>;

/** The key management algorithms whose key is a pair: ECDH-ES (RFC 7518 §4.6) and RSA-OAEP (§4.3). */
export type PairAlgorithm = Extract<KeyManagementAlgorithm, `ECDH-ES${string}` | `RSA-OAEP${string}`>;

export function isWrappingAlgorithm(alg: KeyManagementAlgorithm): alg is WrappingAlgorithm {
  const { kind } = keyManagementSpec(alg);
  return kind === 'kw' || kind === 'gcmkw';
}

export function isPairAlgorithm(alg: KeyManagementAlgorithm): alg is PairAlgorithm {
  return keyManagementSpec(alg).family !== 'oct';
}
