// The runtimes besides the machine's Node, for the conformance runner (run.mjs) and the WebCrypto
// benchmark (bench/run.mjs): Node 24, Deno and Bun binaries, and headless Chromium and workerd as
// hosts for bundled ES module code. All come from test/runtimes/package.json, installed here on
// first use (and again when its lock file changes), never by the root's `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const MODULES = join(HERE, 'node_modules');

/** Installs test/runtimes/package-lock.json unless node_modules is at least as new as it. */
export function installRuntimes() {
  const installed = join(MODULES, '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(HERE, 'package-lock.json')).mtimeMs) return;
  console.error('installing the runtimes: npm ci --prefix test/runtimes');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', HERE], { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** The path of a runtime's binary (node for Node 24, deno, bun), installed first if need be. */
export function runtimeBinary(name) {
  installRuntimes();
  return join(MODULES, '.bin', name);
}

/** The installed version of one of the runtime packages (miniflare, playwright-core, ...). */
export function runtimePackageVersion(name) {
  installRuntimes();
  return JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8')).version;
}

/** A runtime package's module, imported once installed (a static import would fail before that). */
function importRuntimePackage(name) {
  installRuntimes();
  return import(name);
}

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const TIMEOUT_MS = 120_000;

/**
 * Debian's Chromium, headless, driven by playwright-core (installed first if need be): a Playwright
 * `Browser`, for tests that open pages of their own. test/runtimes/hosts.d.mts types what they use.
 */
export async function launchChromium() {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing; install Debian's package with: apt-get update && apt-get install -y chromium`);
  const { chromium } = await importRuntimePackage('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT_MS });
}

/**
 * Serves `source` as the module ./main.mjs of a page on 127.0.0.1 (a secure context, which WebCrypto
 * needs), opens it in headless Chromium and returns what `expression` evaluates to on the page once
 * its promise settles; the expression sees the module as `main`.
 */
export async function inChromium(source, expression) {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing; install Debian's package with: apt-get update && apt-get install -y chromium`);
  const page = `<!doctype html><script type="module">import * as main from "./main.mjs"; globalThis.result = ${expression};</script>`;
  const server = createServer((request, response) => {
    const js = request.url === '/main.mjs';
    response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' }).end(js ? source : page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await importRuntimePackage('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT_MS });
  try {
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    const value = await tab.evaluate('globalThis.result');
    if (value === undefined) throw new Error(`the page did not run: ${errors.join('; ')}`);
    return { value, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

/**
 * workerd through Miniflare, without nodejs_compat: `script` is a modules worker; returns the JSON
 * its fetch handler answers one request with.
 */
export async function inWorkerd(script) {
  const { Miniflare } = await importRuntimePackage('miniflare');
  const worker = new Miniflare({ modules: true, script, compatibilityDate: '2025-01-01' });
  try {
    const response = await worker.dispatchFetch('http://localhost/');
    if (!response.ok) throw new Error(`the worker answered ${response.status}: ${await response.text()}`);
    return await response.json();
  } finally {
    await worker.dispose();
  }
}
