/**
 * Where the CLI's token and keys come from: the command line or stdin for tokens, a file or an
 * environment variable for keys. Node-only by design.
 *
 * How a key source is read (the `--key` help says the same):
 * - text containing `-----BEGIN` is PEM, passed to webjwt as it is;
 * - text that starts with `{` (after whitespace) must be JSON: a JWK, or a JWK Set `{"keys": [...]}`.
 *   Text starting with `{` or `[` that is not a JSON object is an error, never a secret;
 * - any other text is an HMAC secret: its exact UTF-8 bytes after removing ONE trailing line break
 *   (`\n` or `\r\n`, as editors and `echo` add). Nothing else is trimmed;
 * - a file that is not valid UTF-8 (random bytes, e.g. `head -c 32 /dev/urandom`) is an HMAC secret
 *   made of its exact bytes, nothing removed.
 * Secrets are handed to webjwt as strings where they are text, so that its own refusals of key-shaped
 * text (JWK, SSH, base64 DER) apply as well. A key source `-` is stdin, read the same way as a file.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { KeyError, type Jwk, type JwkSet, type KeyInput } from 'webjwt';
import { UsageError } from './args.js';

/** Whether stdin was already taken by one of the command's inputs: it can be read once. */
let stdinTaken: string | undefined;

/** stdin, once per run: a second input given as `-` is a usage error naming the first. */
async function readStdin(what: string): Promise<Uint8Array> {
  if (stdinTaken !== undefined) throw new UsageError(`${what} and ${stdinTaken} cannot both be read from stdin (-)`);
  stdinTaken = what;
  return new Uint8Array(await buffer(process.stdin));
}

/** The token argument, or stdin when it is `-` (surrounding whitespace removed). */
export async function readToken(argument: string, what = 'the token'): Promise<string> {
  return argument === '-' ? new TextDecoder().decode(await readStdin(what)).trim() : argument;
}

/** A key for verify(): one key, or a JWK Set. */
export async function readVerifyKey(source: string, option = '--key'): Promise<KeyInput | JwkSet> {
  return parseKeyText(await readSource(source, option));
}

/** A key for sign(): one key; a JWK Set is refused, since it does not say which key signs. */
export async function readSigningKey(source: string, option = '--key'): Promise<KeyInput> {
  const key = parseKeyText(await readSource(source, option));
  if (isKeySet(key)) throw new KeyError('a JWK Set cannot sign: give the one private JWK to sign with');
  return key;
}

/** A key for encrypt(): the recipient's one key; a JWK Set is refused, since it does not say whose key it is. */
export async function readEncryptionKey(source: string, option = '--key'): Promise<KeyInput> {
  const key = parseKeyText(await readSource(source, option));
  if (isKeySet(key)) throw new KeyError("a JWK Set cannot encrypt: give the recipient's one public JWK (or the shared secret)");
  return key;
}

const ENV_PREFIX = 'env:';

/** The key source's content: text, or bytes when a file (or stdin) is not UTF-8. */
async function readSource(source: string, option: string): Promise<string | Uint8Array> {
  if (source === '-') return textOrBytes(await readStdin(`${option} -`));
  if (source.startsWith(ENV_PREFIX)) {
    const name = source.slice(ENV_PREFIX.length);
    if (name === '') throw new UsageError(`${option} env:NAME needs the name of an environment variable`);
    const value = process.env[name];
    // Missing input, like a missing file: the command line names something that is not there.
    if (value === undefined) throw new UsageError(`the environment variable ${name} is not set`);
    return value;
  }
  return readKeyFile(source);
}

/** Errors that mean the command line named a file that is not there (exit 2), rather than one that could not be read. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** A key file's content: text, or bytes when it is not UTF-8. @throws UsageError for a missing file, KeyError for an unreadable one. */
export function readKeyFile(source: string): string | Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(source);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = `cannot read the key file ${JSON.stringify(source)}${typeof code === 'string' ? ` (${code})` : ''}`;
    throw typeof code === 'string' && MISSING.has(code) ? new UsageError(message) : new KeyError(message);
  }
  return textOrBytes(bytes);
}

/** Text when the bytes are UTF-8, else the bytes themselves (a copy). */
function textOrBytes(bytes: Uint8Array): string | Uint8Array {
  try {
    // ignoreBOM keeps a leading EF BB BF, so text secrets stay byte-exact.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new Uint8Array(bytes);
  }
}

export function parseKeyText(content: string | Uint8Array): KeyInput | JwkSet {
  if (typeof content !== 'string') return content;
  if (content.includes('-----BEGIN')) return content;
  const trimmed = content.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonKey(trimmed);
  return withoutFinalNewline(content);
}

/** A JWK or JWK Set. The parser's message is not passed on: it quotes the text, which may be a private key. */
function parseJsonKey(json: string): Jwk | JwkSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new KeyError('the key starts like JSON but is not valid JSON; a JWK or JWK Set must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KeyError('the key is JSON but not an object; give a JWK or a JWK Set {"keys": [...]}');
  }
  return parsed as Jwk | JwkSet;
}

export function isKeySet(key: KeyInput | JwkSet): key is JwkSet {
  return typeof key === 'object' && Object.hasOwn(key, 'keys') && !Object.hasOwn(key, 'kty');
}

function withoutFinalNewline(value: string): string {
  if (value.endsWith('\r\n')) return value.slice(0, -2);
  return value.endsWith('\n') ? value.slice(0, -1) : value;
}
