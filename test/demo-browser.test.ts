/**
 * The demo's browser half, for real: `node examples/demo.mjs --browser` against the built package
 * (dist/, as `npm run demo` builds it; the page bundles dist/client.js), and two tabs of one headless
 * Chromium profile on it, sharing localStorage, Web Locks and BroadcastChannel as a user's tabs do.
 *
 * Needs /usr/bin/chromium and a build no older than src/. Without Chromium it is skipped with a
 * printed line, or fails under WEBJWT_REQUIRE_SERVICES=1; without a fresh build it is skipped, or
 * fails under WEBJWT_REQUIRE_BUILD=1, which .ci/run sets when it runs this file after `npm run build`.
 * Playwright's driver comes from test/runtimes (installed on first use by hosts.mjs), not the root.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser, type Page } from './runtimes/hosts.mjs';
import { hasService, type Service } from './services.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM: Service = { binary: '/usr/bin/chromium', install: 'apt-get install chromium' };

/** The newest modification time under `dir`, in ms. */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(join(e.parentPath, e.name)).mtimeMs),
  );
}

/** True when dist/ holds a build at least as new as src/; otherwise a printed skip, or a failure under WEBJWT_REQUIRE_BUILD=1. */
function hasBuild(): boolean {
  const built = ['index.js', 'node/index.js', 'http.js', 'session.js', 'client.js'].map((file) => join(root, 'dist', file));
  const problem = !built.every((file) => existsSync(file))
    ? 'needs the build in dist/ (npm run build)'
    : Math.min(...built.map((file) => statSync(file).mtimeMs)) < newest(join(root, 'src'))
      ? 'needs a build of the current src/ (npm run build)'
      : undefined;
  if (problem === undefined) return true;
  if (process.env.WEBJWT_REQUIRE_BUILD === '1')
    throw new Error(`test/demo-browser.test.ts ${problem}, and WEBJWT_REQUIRE_BUILD=1 makes that a failure`);
  console.warn(`skipped: test/demo-browser.test.ts ${problem}; set WEBJWT_REQUIRE_BUILD=1 to make this a failure`);
  return false;
}

// The build first: `npm test` runs before `npm run build` in CI, and before Chromium is installed there.
const ready = hasBuild() && hasService(CHROMIUM, 'test/demo-browser.test.ts');

let demo: ChildProcess | undefined;
let output = '';
let url: string;
let browser: Browser | undefined;
let tabs: [Page, Page];

interface State {
  status: string;
  expiresAt: number | null;
  error: string | null;
}

declare const window: {
  demo: {
    state(): State;
    login(u: string, p: string): Promise<number>;
    call(n: number): Promise<(number | string)[]>;
    loseNextRefresh(): Promise<void>;
    logout(): Promise<void>;
  };
};

const state = (tab: Page) => tab.evaluate(() => window.demo.state());
const call = (tab: Page, count: number) => tab.evaluate((n) => window.demo.call(n), count);
/** How many refresh requests the server answered so far, by its log. */
const refreshes = () => output.match(/^POST \/refresh \d{3}$/gm)?.length ?? 0;
/** How many of them were retries answered with the pair already issued (reuse grace), by its log. */
const retries = () => output.match(/^POST \/refresh: a retry within the reuse grace/gm)?.length ?? 0;

/** Waits until `tab`'s state passes `test`. */
async function until(tab: Page, test: (s: State) => boolean): Promise<State> {
  for (let i = 0; i < 100; i++) {
    const s = await state(tab);
    if (test(s)) return s;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stored = await tab.evaluate(() => localStorage.getItem('webjwt.tokens'));
  throw new Error(
    `the page's state never came: ${JSON.stringify(await state(tab))}, with ${stored === null ? 'no tokens' : 'tokens'} in its localStorage`,
  );
}

/**
 * Both tabs in the background, as when the laptop sleeps: document.visibilityState 'hidden' pauses the
 * client's proactive refresh, so the access token really expires before the next calls.
 */
async function hide(tab: Page): Promise<void> {
  await tab.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Waits until the access token of `tab`'s state has expired on the client's clock. */
async function outlive(tab: Page): Promise<void> {
  const { expiresAt } = await state(tab);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, (expiresAt ?? 0) - Date.now()) + 100));
}

describe.runIf(ready)('npm run demo -- --browser, in two tabs of headless Chromium', () => {
  beforeAll(async () => {
    demo = spawn(process.execPath, ['examples/demo.mjs', '--browser'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      demo!.once('exit', (code) => {
        reject(new Error(`the demo exited with ${String(code)}: ${output}`));
      });
      demo!.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const match = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) resolve(match[1]!);
      });
    });
    browser = await launchChromium();
    // One profile: the two pages are two tabs of one user, on one origin.
    const context = await browser.newContext();
    tabs = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) {
      tab.on('pageerror', (error) => {
        throw error;
      });
      await tab.goto(url);
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    demo?.kill('SIGTERM');
    if (process.env.WEBJWT_DEMO_LOG === '1') console.log(output);
  });

  it('logs in once for both tabs; after the access token expired, ten calls from both make one refresh, never with a spent token', async () => {
    const [a, b] = tabs;
    expect(await a.evaluate(() => window.demo.login('alice', 'alice-demo-password'))).toBe(200);
    await until(b, (s) => s.status === 'signed-in');
    await Promise.all(tabs.map(hide));
    // Three rounds: the tab that gets the Web Lock second must take the first one's rotation, though
    // its localStorage may not show it yet (tabs in two renderer processes).
    for (let round = 0; round < 3; round++) {
      await outlive(a);
      const [before, retriedBefore] = [refreshes(), retries()];
      const results = await Promise.all([call(a, 5), call(b, 5)]);
      expect(results.flat()).toEqual(Array(10).fill(200));
      // The server's record: one refresh request, and not a retry with the token it spent last,
      // which the demo's reuse grace would answer with the same pair (without the grace it revokes).
      expect({ refreshes: refreshes() - before, retries: retries() - retriedBefore }).toEqual({ refreshes: 1, retries: 0 });
      // Both tabs' localStorage shows the same tokens (the second tab's in its own time).
      const stored = () => Promise.all(tabs.map((tab) => tab.evaluate(() => localStorage.getItem('webjwt.tokens'))));
      await expect.poll(async () => new Set(await stored()).size).toBe(1);
    }
    expect(output).not.toContain('ERR_JWT_REVOKED');
    for (const tab of tabs) expect(await state(tab)).toMatchObject({ status: 'signed-in', error: null });
  }, 60_000);

  it('a refresh response lost once, with the reuse grace on: the retry gets the same pair, still logged in', async () => {
    const [a, b] = tabs;
    await a.evaluate(() => window.demo.loseNextRefresh());
    await outlive(a);
    expect(await call(a, 1)).toEqual(['ERR_CLIENT_REFRESH_FAILED']);
    expect(output).toContain('POST /refresh: refreshed, and the response lost');
    expect(await state(a)).toMatchObject({ status: 'signed-in', error: 'ERR_CLIENT_REFRESH_FAILED' });
    // The next call retries the refresh with the same refresh token, within the grace.
    expect(await call(a, 1)).toEqual([200]);
    expect(await call(b, 1)).toEqual([200]);
    expect(output).not.toContain('ERR_JWT_REVOKED');
    expect(await state(a)).toMatchObject({ status: 'signed-in', error: null });
  });

  it('logs out in one tab: both tabs are logged out, and the session is over on the server', async () => {
    const [a, b] = tabs;
    const refreshToken = await a.evaluate(() => JSON.parse(localStorage.getItem('webjwt.tokens') ?? 'null')?.refreshToken as string);
    await a.evaluate(() => window.demo.logout());
    await until(b, (s) => s.status === 'signed-out');
    expect(await state(a)).toMatchObject({ status: 'signed-out' });
    expect(await call(b, 1)).toEqual([401]);
    const refused = await fetch(`${url}refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    expect(refused.status).toBe(400);
    expect(output).toMatch(/^POST \/logout 204$/m);
  });
});
