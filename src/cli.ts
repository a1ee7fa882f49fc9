#!/usr/bin/env node
/**
 * `webjwt`, the command-line tool (`npx webjwt decode|verify|sign|encrypt|decrypt|keygen|jwks`).
 *
 * Node-only by design: this file and src/cli/* read files, the environment and stdin through node:
 * modules, and are built on their own into dist/cli.js. Nothing in the universal library imports
 * them; they use the library only through its public API, imported as the package 'webjwt'.
 *
 * Exit codes: 0 success; 1 a token or key was refused (the webjwt error code and message on stderr)
 * or a file could not be written; 2 a usage error (unknown command or option, missing or bad
 * argument, a key file or environment variable that is not there), with a one-line hint. Nothing printed on failure contains a token, a secret or a claim
 * value: webjwt's messages never do, and the CLI's own name options, never values.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { isJwtError } from 'webjwt';
import { UsageError } from './cli/args.js';
import { DECODE_HELP, runDecode } from './cli/decode.js';
import { DECRYPT_HELP, runDecrypt } from './cli/decrypt.js';
import { ENCRYPT_HELP, runEncrypt } from './cli/encrypt.js';
import { JWKS_HELP, runJwks } from './cli/jwks.js';
import { KEYGEN_HELP, runKeygen } from './cli/keygen.js';
import { SIGN_HELP, runSign } from './cli/sign.js';
import { VERIFY_HELP, runVerify } from './cli/verify.js';

interface Command {
  readonly help: string;
  /** Runs the command; resolves to what it prints on stdout (bytes: `decrypt --plaintext`, as they are). */
  readonly run: (argv: readonly string[]) => Promise<string | Uint8Array>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  decode: { help: DECODE_HELP, run: runDecode },
  verify: { help: VERIFY_HELP, run: runVerify },
  sign: { help: SIGN_HELP, run: runSign },
  encrypt: { help: ENCRYPT_HELP, run: runEncrypt },
  decrypt: { help: DECRYPT_HELP, run: runDecrypt },
  keygen: { help: KEYGEN_HELP, run: runKeygen },
  jwks: { help: JWKS_HELP, run: runJwks },
};

const HELP = `Usage: webjwt <command> [options]

Sign, verify, encrypt, decrypt and inspect JSON Web Tokens with webjwt.

Commands:
  decode <token|->                    show a token's header and claims, NOT verified
  verify <token|-> --key <source>     verify a token and print its payload
  sign --key <source> [claims]        sign claims and print the token
  encrypt --key <source> [claims]     encrypt claims (or --jwt, a signed JWT) as a JWE
  decrypt <token|-> --key <source>    decrypt a JWE, check it, print its payload
  keygen <alg>                        make a secret or a key pair (PEM or JWK), to
                                      sign (HS256, ES256, ...) or encrypt (A256GCM,
                                      A256KW, ECDH-ES, RSA-OAEP-256, ...)
  jwks <key file>...                  make a JWK Set of public keys, kid = thumbprint

A <source> is a file (PEM, JWK, JWK Set or secret), env:NAME, an environment
variable, or -, stdin. A token given as - is read from stdin.

Options:
  -h, --help     show this help; 'webjwt <command> --help' shows a command's
  --version      print webjwt's version

Exit codes: 0 success, 1 token or key refused, 2 usage error or missing file.
`;

const ok = (stdout: string | Uint8Array): Outcome => ({ code: 0, stdout, stderr: '' });

interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string | Uint8Array;
  readonly stderr: string;
}

async function main(argv: readonly string[]): Promise<Outcome> {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help') return ok(HELP);
  if (first === '--version') return ok(`${version()}\n`);
  if (first === 'help') return help(rest);
  if (first === undefined) return usage('webjwt: missing command', 'webjwt --help');
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command === undefined) {
    return usage(`webjwt: ${unknown(first)}; the commands are ${Object.keys(COMMANDS).join(', ')}`, 'webjwt --help');
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    // Help wins over everything else on the line, up to a '--' that ends the options.
    const end = rest.indexOf('--');
    const options = end === -1 ? rest : rest.slice(0, end);
    if (options.includes('-h') || options.includes('--help')) return ok(command.help);
  }
  try {
    return ok(await command.run(rest));
  } catch (error) {
    return failure(first, error);
  }
}

/** Names a mistyped command or option, but not an argument that may be a token or secret put first by mistake. */
function unknown(argument: string): string {
  if (/^--?[a-z][a-z-]{0,30}$/.test(argument)) return `unknown option ${argument}`;
  return /^[a-z][a-z-]{0,30}$/.test(argument) ? `unknown command ${argument}` : 'unknown command';
}

function help(topics: readonly string[]): Outcome {
  const [topic] = topics;
  if (topic === undefined) return ok(HELP);
  const command = Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined;
  return command === undefined ? usage(`webjwt help: ${unknown(topic)}`, 'webjwt --help') : ok(command.help);
}

function usage(message: string, helpCommand: string): Outcome {
  return { code: 2, stdout: '', stderr: `${message}\nRun '${helpCommand}' for usage.\n` };
}

/**
 * The exit code and message for an error. A TypeError is the library refusing an argument the
 * command line passed on (say `--exp 60`, which has no unit), so it is a usage error too.
 */
function failure(name: string, error: unknown): Outcome {
  if (error instanceof UsageError || error instanceof TypeError) return usage(`webjwt ${name}: ${error.message}`, `webjwt ${name} --help`);
  if (isJwtError(error)) return { code: 1, stdout: '', stderr: `${error.code}: ${error.message}\n` };
  const message = error instanceof Error ? error.message : 'unexpected failure';
  return { code: 1, stdout: '', stderr: `webjwt ${name}: ${message}\n` };
}

/** The version in the package.json next to the build (dist/cli.js → package.json). */
function version(): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const value = (manifest as { version?: unknown }).version;
    if (typeof value === 'string') return value;
  } catch {
    // Reported below.
  }
  return 'unknown (package.json not found next to the CLI)';
}

const outcome = await main(process.argv.slice(2));
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.code;
