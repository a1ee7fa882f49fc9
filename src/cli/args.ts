/**
 * The command line of `webjwt` in: options parsed strictly (node:util parseArgs), and every mistake
 * in it a `UsageError` (exit code 2). Node-only by design, like all of src/cli*.
 */
/// <reference types="node" />
import { parseArgs } from 'node:util';
import type { JwsAlgorithm } from 'webjwt';

/** The command line itself is wrong: an unknown command or option, a missing or bad argument. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** How a command's options are read: one string, or a string that may repeat. */
export type OptionKind = 'string' | 'list';

/** A command's parsed command line. */
export interface Args {
  readonly positionals: readonly string[];
  /** The option's value; a UsageError when it is given more than once. */
  one(name: string): string | undefined;
  /** The option's value; a UsageError when it is missing. */
  required(name: string): string;
  /** Every value of a repeatable option, in order. */
  list(name: string): readonly string[];
}

/**
 * Parses `args` against `options` (`--help` is handled before). Single-value options are parsed as lists
 * too, so that `--sub a --sub b` is refused instead of silently keeping the last one.
 */
export function parseCommandLine(args: readonly string[], options: Readonly<Record<string, OptionKind>>): Args {
  const config: Record<string, { type: 'string'; multiple: true }> = {};
  for (const name of Object.keys(options)) config[name] = { type: 'string', multiple: true };
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
