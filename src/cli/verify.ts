/** `webjwt verify`: verifies a token and prints its payload. Node-only by design. */
import { verify, type VerifyOptions } from 'webjwt';
import { parseAlgorithm, parseCommandLine, positionals } from './args.js';
import { claimChecks } from './claims.js';
import { readToken, readVerifyKey } from './input.js';
import { terminalJson } from './output.js';

/** How `--key` is read; shared by the verify and sign help. */
export const KEY_SOURCES = `Keys (--key <file>, --key env:NAME, an environment variable, or --key -, stdin):
  PEM          text containing -----BEGIN: a public key or certificate (verify),
               a private key (sign)
  JWK          JSON: one JWK object; verify also takes a JWK Set {"keys": [...]}
  secret       any other text is an HMAC secret: its exact bytes, minus ONE
               trailing line break (\\n or \\r\\n). A file that is not UTF-8 is
               a secret of its exact bytes. JSON is never taken as a secret.`;

export const VERIFY_HELP: string = `Usage: webjwt verify <token|-> --key <file|env:NAME> [options]

Verifies the signature, then the claims, and prints the payload as JSON.
On failure prints the error code and message (e.g. ERR_JWT_EXPIRED: token has
expired) to stderr, and nothing else.

Arguments:
  <token|->                 the token, or - to read it from stdin (trimmed)

Options:
  --key <file|env:NAME>     the public key, JWK Set or secret (required)
  --alg <alg>               an accepted algorithm; repeat for several. Default:
                            the key's own: a JWK's "alg", else by key type
                            (secret: HS256, RSA: RS256, EC: its curve's ES*,
                            Ed25519: EdDSA); so HS384/512 secrets and RS384/512
                            or PS* PEM keys need it.
  --iss <issuer>            the expected iss; repeat to accept several
  --aud <audience>          an accepted aud; repeat to accept several
  --sub <subject>           the expected sub
  --clock-tolerance <dur>   skew allowed for exp and nbf: 30s, 2m, ...
  -h, --help                show this help

${KEY_SOURCES}

Exit codes: 0 verified, 1 refused (token or key), 2 usage error.

Example:
  webjwt verify "$TOKEN" --key public.pem --iss https://auth.example.com --aud api
`;

export async function runVerify(argv: readonly string[]): Promise<string> {
  const args = parseCommandLine(argv, { key: 'string', alg: 'list', iss: 'list', aud: 'list', sub: 'string', 'clock-tolerance': 'string' });
  const [argument] = positionals(args, ['<token|->']);
  const options: VerifyOptions = claimChecks(args);
  const algorithms = args.list('alg').map((alg) => parseAlgorithm(alg, '--alg'));
  if (algorithms.length > 0) options.algorithms = algorithms;

  const key = await readVerifyKey(args.required('key'));
  const { payload } = await verify(await readToken(argument as string), key, options);
  return `${terminalJson(payload)}\n`;
}
