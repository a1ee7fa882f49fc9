/** `webjwt keygen`: a new HMAC secret or key pair, printed or written to files. Node-only by design. */
/// <reference types="node" />
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import {
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importKey,
  type ContentEncryption,
  type Jwk,
  type JwsAlgorithm,
  type KeyManagementAlgorithm,
} from 'webjwt';
import type { AgreementCurve } from '../jwa/encryption.js';
import {
  ALGORITHM_LIST,
  CONTENT_ENCRYPTION_LIST,
  isContentEncryption,
  isKeyManagement,
  isSecretAlgorithm,
  isPairAlgorithm,
  isWrappingAlgorithm,
  KEY_MANAGEMENT_LIST,
  parseAlgorithm,
  parseCommandLine,
  parseCurve,
  positionals,
  UsageError,
  type PairAlgorithm,
  type SecretAlgorithm,
  type WrappingAlgorithm,
} from './args.js';
import { terminalJson } from './output.js';

/** The key management algorithms keygen makes keys for: all but dir, whose key is its content encryption's. */
const KEYGEN_KEY_MANAGEMENT_LIST = KEY_MANAGEMENT_LIST.replace('dir, ', '');

export const KEYGEN_HELP: string = `Usage: webjwt keygen <alg> [--format pem|jwk] [--crv <curve>] [--out-private <file> --out-public <file>]

Makes a new key for <alg>. To sign (JWS), one of:
  ${ALGORITHM_LIST}
To encrypt (JWE), a content encryption for a dir secret, one of:
  ${CONTENT_ENCRYPTION_LIST}
or a key management algorithm (dir excepted: name its content encryption):
  ${KEYGEN_KEY_MANAGEMENT_LIST}

HS256/HS384/HS512: a random secret of 32/48/64 bytes, as base64url text. That
  text is the secret as the CLI uses it (--key reads a secret file's text as its
  bytes) and as sign(payload, text) uses it in code: the file holds the text and
  nothing else, no line break, so readFileSync(file, 'utf8') is the secret. On a
  terminal a line break follows it; piped or redirected, nothing does. --format
  jwk prints it as an "oct" JWK instead, whose "k" decodes to the random bytes.
Other algorithms: a key pair (RSA: 2048 bits), PEM (PKCS#8 private key and
  SPKI public key) or JWK (pinned with "alg"). Printed together to stdout, or
  written to two files. A JWK records its algorithm; a PEM only its key type,
  and RSA PEM keys default to RS256: pass --alg to sign and verify with RS384/512
  or PS256/384/512 PEM keys.

Encryption keys (use them with webjwt encrypt and decrypt):
  A128GCM ... A256CBC-HS512: a random dir secret of exactly that content
    encryption's key length (16, 24, 32, 32, 48, 64 bytes), and A128KW ...
    A256GCMKW a random key-wrapping secret of 16/24/32 bytes, each as an "oct"
    JWK pinned with "alg" and "use": "enc" (a text secret's bytes cannot be both
    random and of an exact length). A128CBC-HS256 and A256GCM keys are both 32
    bytes, and a dir key defaults to A256GCM: pass --enc A128CBC-HS256 to encrypt
    and decrypt with that one.
  PBES2-*: a random password, base64url text as for HS256.
  ECDH-ES, ECDH-ES+A*KW: a key pair on --crv P-256 (default), P-384, P-521 or
    X25519. RSA-OAEP*: an RSA key pair of 2048 bits. PEM or JWK as above; a PEM
    does not record the algorithm (EC and X25519 default to ECDH-ES, RSA to
    RSA-OAEP-256): pass --alg to encrypt and decrypt with the others.

Options:
  --format pem|jwk          the encoding (default: pem for key pairs, base64url
                            text for HMAC secrets and passwords, jwk for JWE
                            secrets; secrets have no PEM form)
  --crv <curve>             ECDH-ES*: P-256 (default), P-384, P-521 or X25519
  --out-private <file>      write the private key (or the secret) there, mode 600
  --out-public <file>       write the public key there (key pairs; needs
                            --out-private). Existing files are never overwritten.
  -h, --help                show this help

Exit codes: 0 done, 1 a file could not be written, 2 usage error.

Examples:
  webjwt keygen HS256 --out-private secret.txt
  webjwt keygen ES256 --out-private private.pem --out-public public.pem
  webjwt keygen EdDSA --format jwk --out-private private.jwk --out-public public.jwk
  webjwt keygen A256GCM --out-private secret.jwk
  webjwt keygen ECDH-ES+A256KW --crv X25519 --out-private private.pem --out-public public.pem
`;

type Format = 'pem' | 'jwk';

export async function runKeygen(argv: readonly string[]): Promise<string> {
  const args = parseCommandLine(argv, { format: 'string', crv: 'string', 'out-private': 'string', 'out-public': 'string' });
  const [name] = positionals(args, ['<alg>']);
  const format = args.one('format');
  if (format !== undefined && format !== 'pem' && format !== 'jwk') throw new UsageError('--format must be pem or jwk');
  const given = args.one('crv');
  const crv = given === undefined ? undefined : parseCurve(given, '--crv');
  const out = { format, privateFile: args.one('out-private'), publicFile: args.one('out-public') };
  const alg = keygenAlgorithm(name as string);
  const ecdh = isKeyManagement(alg) && alg.startsWith('ECDH-ES');
  if (crv !== undefined && !ecdh) throw new UsageError(`--crv is for the ECDH-ES algorithms; ${alg} does not take it`);
  if (isContentEncryption(alg)) return writeSecret(alg, 'dir secret', secretJwk(alg), out);
  if (isKeyManagement(alg)) {
    if (isWrappingAlgorithm(alg)) return writeSecret(alg, 'secret', secretJwk(alg), out);
    if (isPairAlgorithm(alg)) return writePair(alg, await keyPairText(alg, format ?? 'pem', crv), out);
    // PBES2: a password is text, used as its bytes: 32 random bytes as base64url, as for HS256.
    const password = randomBytes(32).toString('base64url');
    return writeSecret(alg, 'password', { text: password, jwk: { kty: 'oct', k: Buffer.from(password).toString('base64url'), alg } }, out);
  }
  if (isSecretAlgorithm(alg)) {
    const jwk = await exportJWK(importKey(generateSecret(alg), alg));
    // The text is the JWK's "k": as text, its characters are the secret; as a JWK, the random bytes.
    return writeSecret(alg, 'secret', { text: jwk.k as string, jwk }, out);
  }
  return writePair(alg, await keyPairText(alg, format ?? 'pem'), out);
}

/** What keygen makes: a JWS algorithm, a content encryption (its dir secret), or a JWE key management algorithm. */
function keygenAlgorithm(name: string): JwsAlgorithm | ContentEncryption | Exclude<KeyManagementAlgorithm, 'dir'> {
  if (name === 'dir')
    throw new UsageError(`a dir secret is as long as its content encryption's key: name that instead (${CONTENT_ENCRYPTION_LIST})`);
  if (name === 'RSA1_5') throw new UsageError('RSA1_5 is not supported (no WebCrypto implements it); use RSA-OAEP-256');
  if (isContentEncryption(name) || isKeyManagement(name)) return name as ContentEncryption | Exclude<KeyManagementAlgorithm, 'dir'>;
  try {
    return parseAlgorithm(name, '<alg>');
  } catch {
    throw new UsageError(
      `<alg> must be one of ${ALGORITHM_LIST} (to sign), ${CONTENT_ENCRYPTION_LIST} or ${KEYGEN_KEY_MANAGEMENT_LIST} (to encrypt)`,
    );
  }
}

interface Out {
  readonly format: string | undefined;
  readonly privateFile: string | undefined;
  readonly publicFile: string | undefined;
}

/**
 * A JWE secret as an "oct" JWK pinned to `alg` (for a dir key, the content encryption it is for, as
 * RFC 7520 §5.6's key names it), `use: "enc"`: `alg`'s key length of random bytes, which text could
 * not hold at full strength.
 */
function secretJwk(alg: ContentEncryption | WrappingAlgorithm): { jwk: Jwk } {
  const bytes = generateSecret(alg);
  return { jwk: { kty: 'oct', k: Buffer.from(bytes).toString('base64url'), alg, use: 'enc' } };
}

/**
 * Prints or writes a secret: its `text` (an HMAC secret or a PBES2 password) unless --format jwk, or
 * its JWK (a JWE secret has no text form). Text alone: `webjwt keygen HS256 > secret.txt` and
 * --out-private both give a file that readFileSync(file, 'utf8') reads back as the secret; a
 * terminal gets a line break after it.
 */
function writeSecret(alg: string, what: string, secret: { text?: string; jwk: Jwk }, out: Out): string {
  const { text } = secret;
  if (out.format === 'pem')
    throw new UsageError(
      `an ${alg} ${what} has no PEM form; use --format jwk${text === undefined ? '' : ', or no --format for base64url text'}`,
    );
  if (out.publicFile !== undefined) throw new UsageError(`an ${alg} ${what} has no public key; use --out-private alone`);
  if (text !== undefined && out.format !== 'jwk') {
    if (out.privateFile === undefined) return process.stdout.isTTY ? `${text}\n` : text;
    writeKeyFiles([{ path: out.privateFile, content: text, mode: 0o600 }]);
  } else {
    const jwk = `${terminalJson(secret.jwk)}\n`;
    if (out.privateFile === undefined) return jwk;
    writeKeyFiles([{ path: out.privateFile, content: jwk, mode: 0o600 }]);
  }
  return `wrote the ${alg} ${what} to ${out.privateFile}\n`;
}

/** Prints or writes a key pair: both together to stdout, or each to its file. */
function writePair(alg: string, pair: { privateKey: string; publicKey: string; together: string }, out: Out): string {
  const { privateFile, publicFile } = out;
  if ((privateFile === undefined) !== (publicFile === undefined))
    throw new UsageError('give both --out-private and --out-public, or neither');
  if (privateFile !== undefined && privateFile === publicFile)
    throw new UsageError('--out-private and --out-public must be different files');
  if (privateFile === undefined || publicFile === undefined) return pair.together;
  writeKeyFiles([
    { path: privateFile, content: pair.privateKey, mode: 0o600 },
    { path: publicFile, content: pair.publicKey, mode: 0o644 },
  ]);
  return `wrote the ${alg} private key to ${privateFile} and the public key to ${publicFile}\n`;
}

/**
 * Each half as the text of its file, and both together for stdout: PEM, or indented JWK pinned to
 * `alg`. A JWS key's JWK is exported pinned with "alg"; a JWE key's is pinned here with "alg" and
 * "use": "enc" (a CryptoKey made for ECDH or OAEP does not say which JWE algorithm it is for, so
 * the CLI writes it). `crv` is an ECDH-ES pair's curve.
 */
async function keyPairText(
  alg: Exclude<JwsAlgorithm, SecretAlgorithm> | PairAlgorithm,
  format: Format,
  crv: AgreementCurve = 'P-256',
): Promise<{ privateKey: string; publicKey: string; together: string }> {
  // Extractable, or the private key could not be exported at all.
  const pair = await generateKeyPair(alg, alg.startsWith('ECDH-ES') ? { crv, extractable: true } : { extractable: true });
  if (format === 'pem') {
    const [privateKey, publicKey] = [await exportPEM(pair.privateKey), await exportPEM(pair.publicKey)];
    return { privateKey, publicKey, together: `${privateKey}${publicKey}` };
  }
  // Without key_ops and ext, which say how WebCrypto may use the key, not what the file is for.
  const pinned = async (key: CryptoKey): Promise<Jwk> => {
    const members = Object.entries(await exportJWK(key)).filter(([name]) => name !== 'key_ops' && name !== 'ext');
    return { ...Object.fromEntries(members), alg, use: 'enc' } as Jwk;
  };
  const jwk = isKeyManagement(alg) ? pinned : exportJWK;
  const jwks = { privateKey: await jwk(pair.privateKey), publicKey: await jwk(pair.publicKey) };
  return {
    privateKey: `${terminalJson(jwks.privateKey)}\n`,
    publicKey: `${terminalJson(jwks.publicKey)}\n`,
    together: `${terminalJson(jwks)}\n`,
  };
}

/** Writes every file, or none when one already exists: a key is never overwritten. */
function writeKeyFiles(files: readonly { path: string; content: string; mode: number }[]): void {
  for (const { path } of files) {
    if (existsSync(path)) throw new Error(`${path} already exists; keys are never overwritten`);
  }
  for (const { path, content, mode } of files) {
    try {
      // 'wx' fails if the file appeared meanwhile.
      writeFileSync(path, content, { flag: 'wx', mode });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new Error(`cannot write ${path}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
    }
  }
}
