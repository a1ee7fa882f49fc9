// Headless Chromium and workerd as hosts for bundled ES module code: the conformance runner (run.mjs)
// runs the suite in them, and the benchmark (bench/run.mjs) the WebCrypto measurements.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { Miniflare } from 'miniflare';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const TIMEOUT_MS = 120_000;

/**
 * Serves `source` as the module ./main.mjs of a page on 127.0.0.1 (a secure context, which WebCrypto
 * needs), opens it in headless Chromium and returns what `expression` evaluates to on the page once
 * its promise settles; the expression sees the module as `main`.
 */
export async function inChromium(source, expression) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; install Debian's package with: apt-get update && apt-get install -y chromium`);
  const page = `<!doctype html><script type="module">import * as main from "./main.mjs"; globalThis.result = ${expression};</script>`;
  const server = createServer((request, response) => {
    const js = request.url === '/main.mjs';
    response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' }).end(js ? source : page);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
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
  const worker = new Miniflare({ modules: true, script, compatibilityDate: '2025-01-01' });
  try {
    const response = await worker.dispatchFetch('http://localhost/');
    if (!response.ok) throw new Error(`the worker answered ${response.status}: ${await response.text()}`);
    return await response.json();
  } finally {
    await worker.dispose();
  }
}
