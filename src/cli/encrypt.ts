/** `webjwt encrypt`: encrypts the claims given on the command line, or a signed JWT, and prints the JWE. Node-only by design. */
import { encrypt, type EncryptOptions } from 'webjwt';
import {
  CONTENT_ENCRYPTION_LIST,
  KEY_MANAGEMENT_LIST,
  parseCommandLine,
  parseContentEncryption,
  parseKeyManagement,
  positionals,
  refuseGiven,
  UsageError,
  type Args,
} from './args.js';
import { CLAIM_OPTION_NAMES, CLAIM_OPTIONS, claimSettings, claimsFrom } from './claims.js';
import { readEncryptionKey, readToken } from './input.js';

/** How `--key` is read for JWE; shared by the encrypt and decrypt help. */
export const ENCRYPTION_KEY_SOURCES = `Keys (--key <file>, --key env:NAME, an environment variable, or --key -, stdin):
  JWK          JSON: one JWK, as 'webjwt keygen' writes them (secrets too: an
               "oct" JWK, pinned with "alg"); decrypt also takes a JWK Set
  PEM          an RSA, EC (P-256/384/521) or X25519 key: public to encrypt,
               private to decrypt. A PEM records only the key type: RSA
               defaults to RSA-OAEP-256, EC and X25519 to ECDH-ES; pass --alg
               for the others
  secret       any other text: its exact bytes, minus ONE trailing line break.
               dir needs exactly the key length of --enc (A256GCM: 32 bytes),
               A*KW and A*GCMKW 16/24/32 bytes; PBES2 takes any password`;

export const ENCRYPT_HELP: string = `Usage: webjwt encrypt --key <file|env:NAME|-> [options]

Encrypts a JWT and prints it as a compact JWE (five segments): the claims
given below (iat is set to now; typ is "JWT"), or with --jwt a signed JWT,
wrapped as a nested token (cty "JWT", sign-then-encrypt).

A JWE made with a public key (RSA-OAEP*, ECDH-ES*) authenticates nobody: anyone
holding that public key could have made it. Sign the token first and wrap it
with --jwt when the recipient must know who sent it.

Options:
  --key <file|env:NAME|->  the recipient's public key, or the shared secret
                           (required)
  --alg <alg>              the key management algorithm. Default: the key's own
                           (a JWK's "alg"), else by key type: secret dir, RSA
                           RSA-OAEP-256, EC and X25519 ECDH-ES. One of
                           ${KEY_MANAGEMENT_LIST}
  --enc <enc>              the content encryption. Default A256GCM; for dir the
                           one the secret's length gives (16 bytes A128GCM,
                           32 A256GCM, 64 A256CBC-HS512, ...). One of
                           ${CONTENT_ENCRYPTION_LIST}
  --jwt <token|->          a signed JWT to encrypt as it is (nested JWT); the
                           claim options below do not apply then
  --exp <duration>         expires after: 30s, 15m, 1h, 7d (a unit is required)
  --nbf <duration>         not valid before now + duration
  --iss <issuer>           the iss claim
  --aud <audience>         the aud claim; repeat for an array of audiences
  --sub <subject>          the sub claim
  --kid <key id>           the kid header (protected, not encrypted)
  --claim <name=value>     a claim; repeatable. The value is read as JSON when it
                           parses as JSON, and is a string otherwise (as sign)
  --json <object>          claims as one JSON object; --claim may add others
  -h, --help               show this help

${ENCRYPTION_KEY_SOURCES}

Exit codes: 0 encrypted, 1 the key was refused, 2 usage error.

Examples:
  webjwt keygen A256GCM --out-private secret.jwk
  webjwt encrypt --key secret.jwk --exp 15m --sub user-1 --claim role=admin
  webjwt encrypt --key recipient-public.pem --jwt "$(webjwt sign --key signer.pem --exp 5m)"
`;

export async function runEncrypt(argv: readonly string[]): Promise<string> {
  const args = parseCommandLine(argv, { key: 'string', alg: 'string', enc: 'string', kid: 'string', jwt: 'string', ...CLAIM_OPTIONS });
  positionals(args, []);
  const options = encryptOptions(args);
  const jwt = args.one('jwt');
  if (jwt !== undefined) refuseGiven(args, CLAIM_OPTION_NAMES, '--jwt encrypts a signed JWT as it is', 'cannot change its claims');
  const key = await readEncryptionKey(args.required('key'));
  if (jwt === undefined) return `${await encrypt(claimsFrom(args), key, { ...claimSettings(args), ...options })}\n`;
  // The signed JWT as it is; its claims are the signer's, so none of ours are added.
  const signed = await readToken(jwt, '--jwt -');
  if (signed === '') throw new UsageError('--jwt - read no token from stdin');
  return `${await encrypt(signed, key, options)}\n`;
}

function encryptOptions(args: Args): EncryptOptions {
  const options: EncryptOptions = {};
  const alg = args.one('alg');
  if (alg !== undefined) options.alg = parseKeyManagement(alg, '--alg');
  const enc = args.one('enc');
  if (enc !== undefined) options.enc = parseContentEncryption(enc, '--enc');
  const kid = args.one('kid');
  if (kid !== undefined) options.header = { kid };
  return options;
}
