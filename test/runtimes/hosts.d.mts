/**
 * The types of hosts.mjs that TypeScript tests import: just `launchChromium()` and the part of
 * Playwright's API they use, written here because playwright-core is test/runtimes/package.json's,
 * installed on first use, and absent when the root's tests are typechecked.
 */

/** A Playwright `Page`: one tab. */
export interface Page {
  goto(url: string): Promise<unknown>;
  /** Runs `fn` in the page with `arg` (JSON-serialisable both ways). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  on(event: 'pageerror', listener: (error: Error) => void): this;
}

/** A Playwright `BrowserContext`: one profile, whose pages share storage, Web Locks and BroadcastChannel. */
export interface BrowserContext {
  newPage(): Promise<Page>;
}

/** A Playwright `Browser`. */
export interface Browser {
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
  version(): string;
}

/** Debian's Chromium (/usr/bin/chromium), headless; installs test/runtimes first if need be. @throws Error when Chromium is missing. */
export function launchChromium(): Promise<Browser>;
