/**
 * What the CLI prints: JSON that is safe on a terminal, and NumericDates as people read them.
 * Node-only by design, like all of src/cli*.
 */

/**
 * Characters JSON.stringify leaves raw but a terminal acts on: DEL and the C1 controls (U+009B is
 * a CSI escape on many terminals), bidi controls that reorder what is shown (Trojan Source,
 * CVE-2021-42574), and the line separators. JSON.stringify already escapes U+0000-U+001F.
 */
const TERMINAL_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Indented JSON in which every character a terminal could act on is a `\uXXXX` escape. Still valid
 * JSON with the same value: such characters can only occur inside strings. Decoded claims are
 * attacker-controlled, so this is how they are printed.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What terminalText escapes: the control characters (Cc: C0, DEL, C1) but tab and line feed, and the rest of TERMINAL_UNSAFE. */
const TEXT_UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Bytes as text a terminal shows without acting on any of it: UTF-8 (an invalid sequence shown as
 * U+FFFD), every character a terminal could act on as a `\uXXXX` escape. For output that is not JSON,
 * such as a decrypted plaintext, which whoever made the token chose.
 */
export function terminalText(bytes: Uint8Array): string {
  return new TextDecoder()
    .decode(bytes)
    .replace(TEXT_UNSAFE, (c) => (c === '\n' || c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

const UNITS = [
  ['year', 365 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/**
 * "in 14 minutes", "3 days ago": the largest whole unit, rounded toward zero, so "in 14 minutes"
 * means at least 14 and fewer than 15.
 */
export function relativeTime(seconds: number, now: number): string {
  const difference = seconds - now;
  const size = Math.abs(difference);
  for (const [unit, unitSeconds] of UNITS) {
    if (size >= unitSeconds) return relative.format(Math.sign(difference) * Math.floor(size / unitSeconds), unit);
  }
  return 'now';
}

/** A NumericDate as ISO 8601 in UTC, without zero milliseconds; values a Date cannot hold are said to be out of range. */
export function isoDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'out of range' : date.toISOString().replace('.000Z', 'Z');
}
