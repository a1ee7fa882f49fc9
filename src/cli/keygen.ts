/** `webjwt keygen`: a new HMAC secret or key pair, printed or written to files. Node-only by design. */
/// <reference types="node" />
import { existsSync, writeFileSync } from 'node:fs';
import { exportJWK, exportPEM, generateKeyPair, generateSecret, importKey, type JwsAlgorithm } from 'webjwt';
import {
  ALGORITHM_LIST,
  isSecretAlgorithm,
  parseAlgorithm,
  parseCommandLine,
  positionals,
  UsageError,
  type SecretAlgorithm,
} from './args.js';
import { terminalJson } from './output.js';

export const KEYGEN_HELP: string = `Usage: webjwt keygen <alg> [--format pem|jwk] [--out-private <file> --out-public <file>]

Makes a new key for <alg>, one of:
  ${ALGORITHM_LIST}

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

Options:
  --format pem|jwk          the encoding (default: pem for key pairs, base64url
                            text for secrets; secrets have no PEM form)
  --out-private <file>      write the private key (or the secret) there, mode 600
  --out-public <file>       write the public key there (key pairs; needs
                            --out-private). Existing files are never overwritten.
  -h, --help                show this help

Exit codes: 0 done, 1 a file could not be written, 2 usage error.

Examples:
  webjwt keygen HS256 --out-private secret.txt
  webjwt keygen ES256 --out-private private.pem --out-public public.pem
  webjwt keygen EdDSA --format jwk --out-private private.jwk --out-public public.jwk
`;

type Format = 'pem' | 'jwk';

export async function runKeygen(argv: readonly string[]): Promise<string> {
  const args = parseCommandLine(argv, { format: 'string', 'out-private': 'string', 'out-public': 'string' });
  const [name] = positionals(args, ['<alg>']);
  const alg = parseAlgorithm(name as string, '<alg>');
  const format = args.one('format');
  if (format !== undefined && format !== 'pem' && format !== 'jwk') throw new UsageError('--format must be pem or jwk');
  const outPrivate = args.one('out-private');
  const outPublic = args.one('out-public');
  if (isSecretAlgorithm(alg)) {
    if (format === 'pem') throw new UsageError(`an ${alg} secret has no PEM form; use --format jwk, or no --format for base64url text`);
    if (outPublic !== undefined) throw new UsageError(`an ${alg} secret has no public key; use --out-private alone`);
    const secret = await secretText(alg, format);
    // The text alone: `webjwt keygen HS256 > secret.txt` and --out-private both give a file that
    // readFileSync(file, 'utf8') reads back as the secret. A terminal gets a line break after it.
    if (outPrivate === undefined) return format === 'jwk' || process.stdout.isTTY ? `${secret}\n` : secret;
    writeKeyFiles([{ path: outPrivate, content: format === 'jwk' ? `${secret}\n` : secret, mode: 0o600 }]);
    return `wrote the ${alg} secret to ${outPrivate}\n`;
  }
  if ((outPrivate === undefined) !== (outPublic === undefined))
    throw new UsageError('give both --out-private and --out-public, or neither');
  if (outPrivate !== undefined && outPrivate === outPublic) throw new UsageError('--out-private and --out-public must be different files');
  const pair = await keyPairText(alg, format ?? 'pem');
  if (outPrivate === undefined || outPublic === undefined) return pair.together;
  writeKeyFiles([
    { path: outPrivate, content: pair.privateKey, mode: 0o600 },
    { path: outPublic, content: pair.publicKey, mode: 0o644 },
  ]);
  return `wrote the ${alg} private key to ${outPrivate} and the public key to ${outPublic}\n`;
}

async function secretText(alg: SecretAlgorithm, format: Format | undefined): Promise<string> {
  const jwk = await exportJWK(importKey(generateSecret(alg), alg));
  return format === 'jwk' ? terminalJson(jwk) : (jwk.k as string);
}

/** Each half as the text of its file, and both together for stdout: PEM, or indented JWK pinned to `alg`. */
async function keyPairText(
  alg: Exclude<JwsAlgorithm, SecretAlgorithm>,
  format: Format,
): Promise<{ privateKey: string; publicKey: string; together: string }> {
  // Extractable, or the private key could not be exported at all.
  const pair = await generateKeyPair(alg, { extractable: true });
  if (format === 'pem') {
    const [privateKey, publicKey] = [await exportPEM(pair.privateKey), await exportPEM(pair.publicKey)];
    return { privateKey, publicKey, together: `${privateKey}${publicKey}` };
  }
  const jwks = { privateKey: await exportJWK(pair.privateKey), publicKey: await exportJWK(pair.publicKey) };
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
