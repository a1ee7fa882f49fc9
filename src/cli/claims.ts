/**
 * The claims a command line gives (`--claim`, `--json`, `--exp`, `--iss`, ...), shared by `sign` and
 * `encrypt`, which take them alike. Node-only by design, like all of src/cli*.
 */
import type { ClaimOptions, SignOptions } from 'webjwt';
import { UsageError, type Args } from './args.js';

/** The claim options, as their `parseCommandLine` kinds. */
export const CLAIM_OPTIONS = {
  exp: 'string',
  nbf: 'string',
  iss: 'string',
  aud: 'list',
  sub: 'string',
  claim: 'list',
  json: 'string',
} as const;

/** The claim option names, for a command that refuses them (`encrypt --jwt`). */
export const CLAIM_OPTION_NAMES: readonly string[] = Object.keys(CLAIM_OPTIONS);

/** The registered claims given by option, as sign() and encrypt() take them. */
export type ClaimSettings = Pick<SignOptions, 'expiresIn' | 'notBefore' | 'issuer' | 'subject' | 'audience'>;

export function claimSettings(args: Args): ClaimSettings {
  const options: ClaimSettings = {};
  const exp = args.one('exp');
  if (exp !== undefined) options.expiresIn = exp;
  const nbf = args.one('nbf');
  if (nbf !== undefined) options.notBefore = nbf;
  const iss = args.one('iss');
  if (iss !== undefined) options.issuer = iss;
  const sub = args.one('sub');
  if (sub !== undefined) options.subject = sub;
  const audiences = args.list('aud');
  if (audiences.length > 0) options.audience = audiences.length === 1 ? (audiences[0] as string) : audiences;
  return options;
}

/** The claim checks given by option (`--iss`, `--aud`, `--sub`, `--clock-tolerance`), as verify() and decrypt() take them. */
export type ClaimChecks = Pick<ClaimOptions, 'issuer' | 'audience' | 'subject' | 'clockTolerance'>;

export function claimChecks(args: Args): ClaimChecks {
  const options: ClaimChecks = {};
  const issuers = args.list('iss');
  if (issuers.length > 0) options.issuer = issuers;
  const audiences = args.list('aud');
  if (audiences.length > 0) options.audience = audiences;
  const subject = args.one('sub');
  if (subject !== undefined) options.subject = subject;
  const tolerance = args.one('clock-tolerance');
  if (tolerance !== undefined) options.clockTolerance = tolerance;
  return options;
}

/**
 * The payload from --json and --claim. A null-prototype object, so that a claim named `__proto__`
 * is an ordinary claim. Messages name claims, never their values.
 */
export function claimsFrom(args: Args): Record<string, unknown> {
  const claims = Object.create(null) as Record<string, unknown>;
  const json = args.one('json');
  if (json !== undefined) Object.assign(claims, jsonObject(json));
  for (const entry of args.list('claim')) {
    const equals = entry.indexOf('=');
    if (equals <= 0) throw new UsageError('--claim takes name=value');
    const name = entry.slice(0, equals);
    if (Object.hasOwn(claims, name)) throw new UsageError(`the claim "${name}" is given twice`);
    claims[name] = jsonOrString(entry.slice(equals + 1));
  }
  return claims;
}

function jsonObject(json: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new UsageError('--json is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError('--json must be a JSON object');
  return parsed as Record<string, unknown>;
}

function jsonOrString(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
