/** `webjwt sign`: signs the claims given on the command line and prints the token. Node-only by design. */
import { sign, type SignOptions } from 'webjwt';
import { parseAlgorithm, parseCommandLine, positionals } from './args.js';
import { CLAIM_OPTIONS, claimSettings, claimsFrom } from './claims.js';
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
  const args = parseCommandLine(argv, { key: 'string', alg: 'string', kid: 'string', ...CLAIM_OPTIONS });
  positionals(args, []);
  const payload = claimsFrom(args);
  const options: SignOptions = claimSettings(args);
  const alg = args.one('alg');
  if (alg !== undefined) options.alg = parseAlgorithm(alg, '--alg');
  const kid = args.one('kid');
  if (kid !== undefined) options.header = { kid };
  return `${await sign(payload, await readSigningKey(args.required('key')), options)}\n`;
}
