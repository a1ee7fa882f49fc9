/** `webjwt decode`: a token's header and claims, read WITHOUT verifying anything. Node-only by design. */
import { decode, type JwtPayload } from 'webjwt';
import { parseCommandLine, positionals } from './args.js';
import { readToken } from './input.js';
import { isoDate, relativeTime, terminalJson } from './output.js';

export const DECODE_HELP = `Usage: webjwt decode <token|->

Shows a token's header and payload as indented JSON, and its iat, nbf and exp as
UTC dates with relative times ("in 14 minutes", "3 days ago").

The signature is NOT verified: anyone can write any claims into a token. Use
'webjwt verify' before trusting them.

Arguments:
  <token|->     the token, or - to read it from stdin (surrounding whitespace removed)

Options:
  -h, --help    show this help

Exit codes: 0 shown, 1 the token is malformed (its error code is printed), 2 usage error.

Example:
  echo "$TOKEN" | webjwt decode -
`;

export const NOT_VERIFIED = "Signature NOT verified: these claims are unchecked. Use 'webjwt verify' with the key before trusting them.";

export async function runDecode(argv: readonly string[]): Promise<string> {
  const [argument] = positionals(parseCommandLine(argv, {}), ['<token|->']);
  const { header, payload } = decode(await readToken(argument as string));
  const times = timeLines(payload, Date.now() / 1000);
  return [
    'Header:',
    terminalJson(header),
    'Payload:',
    terminalJson(payload),
    ...(times.length > 0 ? ['Times:', ...times] : []),
    NOT_VERIFIED,
    '',
  ].join('\n');
}

/** One line per NumericDate claim present, in the order a token lives: issued, valid from, expires. */
function timeLines(payload: JwtPayload, now: number): string[] {
  const lines: string[] = [];
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    const seconds = payload[claim];
    if (seconds === undefined) continue;
    let note = '';
    // RFC 7519 §4.1.4 and §4.1.5, as verify() applies them (without clock tolerance).
    if (claim === 'exp' && now >= seconds) note = ', expired';
    if (claim === 'nbf' && now < seconds) note = ', not valid yet';
    lines.push(`  ${claim}  ${isoDate(seconds)}  (${relativeTime(seconds, now)}${note})`);
  }
  return lines;
}
