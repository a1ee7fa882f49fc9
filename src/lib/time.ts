/**
 * NumericDate (RFC 7519 §2: seconds since the epoch) and durations as people write them.
 */

/** Seconds in each unit, by the unit's first letter: every spelling DURATION takes starts with one. */
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_557_600 };

/** A number and a unit: s, sec(s), second(s); m, min(s), minute(s); h, hr(s), hour(s); d, day(s); w, week(s); y, yr(s), year(s). */
const DURATION = /^(\d+(?:\.\d+)?) ?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)$/i;

/**
 * Seconds in a duration: a non-negative number of seconds, or a string such as '30s', '15m', '1h',
 * '7d', '2 days', '1.5 hours'. A bare numeric string ('60') is refused: it is ambiguous (jsonwebtoken
 * reads it as milliseconds), so the caller must say which unit was meant.
 * @throws TypeError for anything else.
 */
export function durationSeconds(value: unknown, name: string): number {
  if (typeof value === 'number') {
    if (isSafeSeconds(value)) return value;
    throw new TypeError(`${name} must be a finite, non-negative number of seconds (at most ${Number.MAX_SAFE_INTEGER})`);
  }
  if (typeof value === 'string') {
    const match = DURATION.exec(value.trim());
    if (match !== null) {
      const seconds = Math.round(Number(match[1]) * (UNIT_SECONDS[(match[2] as string)[0]?.toLowerCase() ?? ''] as number));
      // '9…9 years' parses to Infinity: a limit that large would switch the check it sets off.
      if (isSafeSeconds(seconds)) return seconds;
      throw new TypeError(`${name} is too long: a duration must come to at most ${Number.MAX_SAFE_INTEGER} seconds`);
    }
    throw new TypeError(`${name} must be seconds or a duration such as '15m', '1h', '7d', '2 days'`);
  }
  throw new TypeError(`${name} must be a number of seconds or a duration string`);
}

function isSafeSeconds(seconds: number): boolean {
  return Number.isFinite(seconds) && seconds >= 0 && seconds <= Number.MAX_SAFE_INTEGER;
}

/** The current time as a NumericDate, from an injectable clock. */
export function numericDate(currentDate: unknown): number {
  if (currentDate === undefined) return Math.floor(Date.now() / 1000);
  if (currentDate instanceof Date && Number.isFinite(currentDate.getTime())) {
    return Math.floor(currentDate.getTime() / 1000);
  }
  throw new TypeError('currentDate must be a valid Date');
}
