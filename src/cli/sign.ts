/** `webjwt sign`: signs the claims given on the command line and prints the token. Node-only by design. */
import { sign, type SignOptions } from 'webjwt';
import { parseAlgorithm, parseCommandLine, positionals, UsageError, type Args } from './args.js';
import { readSigningKey } from './input.js';
import { KEY_SOURCES } from './verify.js';

export const SIGN_HELP: string = `Usage: webjwt sign --key <file|env:NAME> [options]

Signs a JWT and prints it. iat is set to now; typ is "JWT".

Options:
  --key <file|env:NAME>   the private key or secret (required)
  --alg <alg>             the algorithm. Default: the key's own: a JWK's "alg",
                          else by key type (secret: HS256, RSA: RS256, EC: its
                          curve's ES*, Ed25519: EdDSA)
  --exp <duration>        expires after: 30s, 15m, 1h, 7d, "2 days" (a unit is
                          required: a bare number is refused as ambiguous)
  --nbf <duration>        not valid before now + duration
  --iss <issuer>          the iss claim
  --aud <audience>        the aud claim; repeat for an array of audiences
  --sub <subject>         the sub claim
  --kid <key id>          the kid header
  --claim <name=value>    a claim; repeatable. The value is read as JSON when it
                          parses as JSON (42, true, null, ["a","b"], {"a":1},
                          "quoted") and is a string otherwise: role=admin is
                          "admin", n=42 is the number 42, id='"42"' the string.
  --json <object>         claims as one JSON object; --claim may add others
  -h, --help              show this help

${KEY_SOURCES}

Exit codes: 0 signed, 1 the key was refused, 2 usage error.

Example:
  webjwt sign --key env:JWT_SECRET --exp 15m --sub user-1 --claim role=admin
`;

export async function runSign(argv: readonly string[]): Promise<string> {
  const args = parseCommandLine(argv, {
    key: 'string',
    alg: 'string',
    exp: 'string',
    nbf: 'string',
    iss: 'string',
    aud: 'list',
    sub: 'string',
    kid: 'string',
    claim: 'list',
    json: 'string',
  });
  positionals(args, []);
  const payload = claimsFrom(args);
  const options = signOptions(args);
  return `${await sign(payload, readSigningKey(args.required('key')), options)}\n`;
}

function signOptions(args: Args): SignOptions {
  const options: SignOptions = {};
  const alg = args.one('alg');
  if (alg !== undefined) options.alg = parseAlgorithm(alg, '--alg');
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
  const kid = args.one('kid');
  if (kid !== undefined) options.header = { kid };
  return options;
}

/**
 * The payload from --json and --claim. A null-prototype object, so that a claim named `__proto__`
 * is an ordinary claim. Messages name claims, never their values.
 */
function claimsFrom(args: Args): Record<string, unknown> {
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
