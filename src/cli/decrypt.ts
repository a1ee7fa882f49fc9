/** `webjwt decrypt`: decrypts a JWE (and verifies a nested JWT inside it), then prints its payload. Node-only by design. */
/// <reference types="node" />
import { decrypt, decryptCompact, type DecryptOptions } from 'webjwt';
import {
  CONTENT_ENCRYPTION_LIST,
  parseAlgorithm,
  parseCommandLine,
  parseContentEncryption,
  parseKeyManagement,
  positionals,
  refuseGiven,
  UsageError,
  type Args,
} from './args.js';
import { claimChecks } from './claims.js';
import { ENCRYPTION_KEY_SOURCES } from './encrypt.js';
import { readToken, readVerifyKey } from './input.js';
import { terminalJson, terminalText } from './output.js';

export const DECRYPT_HELP: string = `Usage: webjwt decrypt <token|-> --key <file|env:NAME|-> [options]

Decrypts a JWE, then checks the claims, and prints the payload as JSON. A
nested JWT (cty "JWT": signed, then encrypted) needs --verify-key, the signer's
key: its signature is verified before anything of it is printed, and it is
never printed unverified. On failure prints the error code and message (e.g.
ERR_JWE_DECRYPTION: decryption failed) to stderr, and nothing else: every
failure to decrypt (wrong key, changed token) is that same one line.

Arguments:
  <token|->                 the token, or - to read it from stdin (trimmed)

Options:
  --key <file|env:NAME|->   the private key, JWK Set or secret (required)
  --alg <alg>               an accepted key management algorithm; repeat for
                            several. Default: the key's own (a JWK's "alg"),
                            else by key type (secret dir, RSA RSA-OAEP-256, EC
                            and X25519 ECDH-ES). PBES2 only when listed.
  --enc <enc>               an accepted content encryption; repeat for several.
                            Default A256GCM; for dir the one the secret's length
                            gives. One of ${CONTENT_ENCRYPTION_LIST}
  --verify-key <source>     nested JWT: the signer's public key, JWK Set or
                            secret, read as 'webjwt verify --key' reads it
  --verify-alg <alg>        nested JWT: an accepted signature algorithm;
                            repeat for several (default: the key's own)
  --iss <issuer>            the expected iss; repeat to accept several
  --aud <audience>          an accepted aud; repeat to accept several
  --sub <subject>           the expected sub
  --clock-tolerance <dur>   skew allowed for exp and nbf: 30s, 2m, ...
  --plaintext               a JWE whose content is not a JWT: print the
                            decrypted bytes as they are, with no claim checks
                            (on a terminal, control characters are escaped).
                            Not for nested JWTs, nor with the claim options
  -h, --help                show this help

${ENCRYPTION_KEY_SOURCES}

Exit codes: 0 decrypted (and verified), 1 refused (token or key), 2 usage error.

Examples:
  webjwt decrypt "$TOKEN" --key secret.jwk --iss https://auth.example.com
  webjwt decrypt "$TOKEN" --key private.pem --verify-key signer-public.pem
`;

export async function runDecrypt(argv: readonly string[]): Promise<string | Uint8Array> {
  const args = parseCommandLine(argv, {
    plaintext: 'boolean',
    key: 'string',
    alg: 'list',
    enc: 'list',
    'verify-key': 'string',
    'verify-alg': 'list',
    iss: 'list',
    aud: 'list',
    sub: 'string',
    'clock-tolerance': 'string',
  });
  const [argument] = positionals(args, ['<token|->']);
  if (args.flag('plaintext')) return decryptPlaintext(args, argument as string);
  const options = decryptOptions(args);
  const verifyAlgorithms = args.list('verify-alg').map((alg) => parseAlgorithm(alg, '--verify-alg'));
  const verifyKey = args.one('verify-key');
  if (verifyKey === undefined && verifyAlgorithms.length > 0) throw new UsageError('--verify-alg needs --verify-key');
  const key = await readVerifyKey(args.required('key'));
  if (verifyKey !== undefined) {
    const signerKey = await readVerifyKey(verifyKey, '--verify-key');
    options.verify = verifyAlgorithms.length > 0 ? { key: signerKey, algorithms: verifyAlgorithms } : { key: signerKey };
  }
  const { payload } = await decrypt(await readToken(argument as string), key, options);
  return `${terminalJson(payload)}\n`;
}

/** The OPTIONS that check claims or verify a nested token, which --plaintext does not do. */
const CHECKS = ['verify-key', 'verify-alg', 'iss', 'aud', 'sub', 'clock-tolerance'];

/** `--plaintext`: decryptCompact(), whose plaintext is printed as it is (escaped on a terminal). */
async function decryptPlaintext(args: Args, argument: string): Promise<string | Uint8Array> {
  refuseGiven(args, CHECKS, '--plaintext prints the content unchecked', 'cannot apply to it');
  // No claim option got past the check above: decryptOptions() holds only --alg and --enc here.
  const options = decryptOptions(args);
  const key = await readVerifyKey(args.required('key'));
  const { plaintext } = await decryptCompact(await readToken(argument), key, options);
  return process.stdout.isTTY ? `${terminalText(plaintext)}\n` : plaintext;
}

function decryptOptions(args: Args): DecryptOptions {
  const options: DecryptOptions = claimChecks(args);
  const algorithms = args.list('alg').map((alg) => parseKeyManagement(alg, '--alg'));
  if (algorithms.length > 0) options.algorithms = algorithms;
  const encryptions = args.list('enc').map((enc) => parseContentEncryption(enc, '--enc'));
  if (encryptions.length > 0) options.encryptions = encryptions;
  return options;
}
