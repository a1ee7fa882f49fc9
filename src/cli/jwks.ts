/** `webjwt jwks`: a JWK Set of public keys, for `verify --key jwks.json` or a /.well-known/jwks.json. Node-only by design. */
import { exportJWK, importKey, KeyError, thumbprint, type Jwk, type JwsAlgorithm, type JwtKey, type KeyInput } from 'webjwt';
import { parseAlgorithm, parseCommandLine, UsageError } from './args.js';
import { isKeySet, parseKeyText, readKeyFile } from './input.js';
import { terminalJson } from './output.js';

export const JWKS_HELP = `Usage: webjwt jwks <key file>... [--alg <alg>]

Prints a JWK Set {"keys": [...]} of the public keys in the files: PEM or JWK,
public or private (only the public part is written), or JWK Sets. Each key gets
"kid": its RFC 7638 thumbprint, "alg" and "use": "sig". A key listed twice is
written once. HMAC secrets are refused: a JWK Set is published.

Options:
  --alg <alg>   the algorithm of keys that do not name one (a PEM): by default a
                JWK's "alg", else by key type (RSA: RS256, or PS256 for an RSA-PSS
                PEM; EC: its curve's ES*; Ed25519: EdDSA); so RS384/512 and PS*
                keys in a plain RSA PEM need it.
  -h, --help    show this help

Exit codes: 0 printed, 1 a key was refused, 2 usage error or a missing file.

Example:
  webjwt jwks public.pem old-public.pem > jwks.json
  webjwt verify "$TOKEN" --key jwks.json
`;

/** RFC 7518 §6.2–6.3, RFC 8037 §2: the private members, never published. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The algorithm a key without one is used with, as sign() and verify() default it. */
function defaultAlgorithm(key: JwtKey, input: KeyInput): JwsAlgorithm {
  // A key whose PEM names id-RSASSA-PSS (RFC 4055) is for PS* only, and refuses RS256.
  if (key.kty === 'RSA') return allows(input, 'RS256') ? 'RS256' : 'PS256';
  if (key.crv === 'P-256') return 'ES256';
  if (key.crv === 'P-384') return 'ES384';
  if (key.crv === 'P-521') return 'ES512';
  return 'EdDSA';
}

function allows(input: KeyInput, alg: JwsAlgorithm): boolean {
  try {
    importKey(input, alg);
    return true;
  } catch (error) {
    if (error instanceof KeyError) return false;
    throw error;
  }
}

export async function runJwks(argv: readonly string[]): Promise<string> {
  const args = parseCommandLine(argv, { alg: 'string' });
  if (args.positionals.length === 0) throw new UsageError('missing <key file>');
  const given = args.one('alg');
  const alg = given === undefined ? undefined : parseAlgorithm(given, '--alg');
  const inputs: KeyInput[] = [];
  for (const path of args.positionals) {
    const key = parseKeyText(readKeyFile(path));
    if (isKeySet(key)) inputs.push(...(Array.isArray(key.keys) ? (key.keys as KeyInput[]) : []));
    else inputs.push(key);
  }
  const keys: Jwk[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const key = importKey(input, alg);
    if (key.type === 'secret')
      throw new KeyError('an HMAC secret cannot go into a JWK Set, which is published; give public or private RS, PS, ES or EdDSA keys');
    const jwk = await exportJWK(key);
    const members = Object.fromEntries(
      Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name) && name !== 'key_ops' && name !== 'ext'),
    );
    const kid = await thumbprint(members as Jwk);
    if (seen.has(kid)) continue;
    seen.add(kid);
    keys.push({ ...members, kid, alg: alg ?? key.alg ?? defaultAlgorithm(key, input), use: 'sig' } as Jwk);
  }
  return `${terminalJson({ keys })}\n`;
}
