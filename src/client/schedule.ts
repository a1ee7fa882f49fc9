/**
 * The proactive refresh: a timer that fires before the access token expires, so that requests never
 * wait for a refresh nor collect 401s. It is paused while the page is hidden (background tabs'
 * timers are throttled, and the visible tab refreshes for all of them) and fires at once on return
 * if its time has passed.
 */

import type { Tokens } from './tokens.js';

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * When to refresh tokens valid from `receivedAt` to `expiresAt`: `lead` before expiry, the lead
 * being the smaller of 60 s and a tenth of the lifetime, plus up to half a lead more of jitter
 * (`random` in [0, 1)) so that tabs and clients that got their tokens together do not refresh
 * together. Null, never, without a refresh token or a lifetime, or when signed out.
 */
export function refreshTime(tokens: Tokens | null, random: number): number | null {
  if (!tokens?.refreshToken || tokens.receivedAt === null || tokens.expiresAt === null) return null;
  const lead = Math.min(60_000, (tokens.expiresAt - tokens.receivedAt) / 10);
  return tokens.expiresAt - lead * (1 + random / 2);
}

/**
 * `schedule(time)` runs `task` at `time` (ms since the epoch; in the past: at once), or never for
 * null, replacing the previous time; `schedule()` stops it for good.
 */
export function createScheduler(task: () => void): (time?: number | null) => void {
  const doc = (globalThis as { document?: Document }).document;
  let due: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    if (due === null || doc?.visibilityState === 'hidden') return;
    const at = due;
    // A delay in the past is no delay.
    timer = setTimeout(
      () => {
        if (Date.now() < at) {
          arm();
        } else {
          due = null;
          task();
        }
      },
      Math.min(MAX_DELAY, at - Date.now()),
    );
    // Node and Deno: a pending refresh does not keep a script alive.
    (timer as { unref?: () => void }).unref?.();
  };
  doc?.addEventListener('visibilitychange', arm);
  return (time) => {
    due = time ?? null;
    arm();
    if (time === undefined) doc?.removeEventListener('visibilitychange', arm);
  };
}
