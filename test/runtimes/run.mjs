// Runs the conformance suite (test/conformance/) in every runtime, against the package as a user installs it:
// `npm pack`, the tarball installed in a scratch project, and the suite bundled with it by esbuild once
// per set of export conditions: the conditions each runtime resolves `import 'webjwt'` with. Deno and
// Bun also match `node` (when the package has no `deno`/`bun` key, they get the Node build); Node
// runs both its own build and the web one. The runtimes' binaries come from test/runtimes/package.json
// (hosts.mjs installs them on first use).
// Usage: npm run build && node test/runtimes/run.mjs [runtime names, default all]
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { installPacked, root, run } from '../package/packed.mjs';
import { inChromium, inWorkerd, runtimeBinary, runtimePackageVersion } from './hosts.mjs';

const TIMEOUT_MS = 120_000;
/** What every runtime runs: the whole suite, Wycheproof included. */
const OPTIONS = { wycheproof: 'all' };
/** jose's universal (WebCrypto) build, as the repository installed it: every runtime runs the JWE interop tests with it. */
const JOSE = fileURLToPath(import.meta.resolve('jose'));

/** Runs a command line that prints the suite's result as its last stdout line. */
function cli(command, args, cwd) {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, timeout: TIMEOUT_MS, maxBuffer: 1 << 24, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`.trim()));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
      },
    );
  });
}

/** Headless Chromium, the page served from 127.0.0.1. */
async function inChromiumPage(bundled) {
  const { value, version } = await inChromium(bundled.source, 'main.run()');
  return { ...value, version };
}

/** workerd without nodejs_compat: a modules worker whose fetch handler runs the suite. */
async function inWorkerdWorker(bundled) {
  const script = `${bundled.source}\nexport default { async fetch() { return Response.json({ ...(await run()), node: [typeof process, typeof Buffer] }); } };\n`;
  const result = await inWorkerd(script);
  // Without nodejs_compat, workerd has neither; if it had them, the suite would prove less.
  if (result.node.join() !== 'undefined,undefined')
    throw new Error(`the worker has Node globals (process, Buffer): ${result.node.join(', ')}`);
  return result;
}

/**
 * Export conditions per build, as each runtime resolves a package (esbuild adds import/default, and
 * browser or node for those platforms). node:* stays external where a runtime provides it.
 */
const BUILDS = {
  web: { platform: 'browser' },
  node: { platform: 'node' },
  deno: { platform: 'neutral', conditions: ['deno', 'node'], external: ['node:*'] },
  bun: { platform: 'neutral', conditions: ['bun', 'node'], external: ['node:*'] },
  // What wrangler bundles a Worker with.
  workerd: { platform: 'browser', conditions: ['workerd', 'worker', 'browser'] },
};

/** Each runtime and the builds it runs. */
const RUNTIMES = [
  { name: 'node20', builds: ['node', 'web'], version: () => process.version, run: (b) => cli(process.execPath, [b.cli], b.dir) },
  {
    name: 'node24',
    builds: ['node', 'web'],
    version: () => run(runtimeBinary('node'), ['--version']).trim(),
    run: (b) => cli(runtimeBinary('node'), [b.cli], b.dir),
  },
  {
    name: 'deno',
    builds: ['deno'],
    version: () => run(runtimeBinary('deno'), ['--version']).split(' (')[0],
    run: (b) => cli(runtimeBinary('deno'), ['run', '--no-prompt', b.cli], b.dir),
  },
  {
    name: 'bun',
    builds: ['bun'],
    version: () => `bun ${run(runtimeBinary('bun'), ['--version']).trim()}`,
    run: (b) => cli(runtimeBinary('bun'), [b.cli], b.dir),
  },
  { name: 'chromium', builds: ['web'], run: inChromiumPage },
  { name: 'workerd', builds: ['workerd'], version: () => `miniflare ${runtimePackageVersion('miniflare')}`, run: inWorkerdWorker },
];

/** Bundles the suite with the installed package, resolved under one platform's export conditions. */
async function bundle(name, dir) {
  const outfile = join(dir, `suite-${name}.mjs`);
  // jose (the JWE interop tests' reference) is bundled from the repository's own devDependency.
  const entry = `import * as webjwt from 'webjwt';\nimport * as jose from ${JSON.stringify(JOSE)};\nimport { runConformance } from ${JSON.stringify(join(root, 'test', 'conformance', 'suite.ts'))};\nexport const run = () => runConformance(webjwt, { ...${JSON.stringify(OPTIONS)}, jose });\n`;
  const { metafile } = await build({
    stdin: { contents: entry, resolveDir: dir, sourcefile: `entry-${name}.mjs`, loader: 'js' },
    ...BUILDS[name],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const main = join(dir, `cli-${name}.mjs`);
  writeFileSync(main, `import { run } from './suite-${name}.mjs';\nconsole.log(JSON.stringify(await run()));\n`);
  const library = Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/webjwt/'));
  return {
    name,
    dir,
    cli: main,
    source: readFileSync(outfile, 'utf8'),
    library: library.map((input) => relative(join(dir, 'node_modules'), join(dir, input))),
  };
}

const wanted = process.argv.slice(2);
const runtimes = RUNTIMES.filter((runtime) => wanted.length === 0 || wanted.includes(runtime.name));
if (runtimes.length === 0) throw new Error(`no runtime matches ${wanted.join(' ')}; known: ${RUNTIMES.map((r) => r.name).join(' ')}`);

const started = Date.now();
const { scratch, dispose } = installPacked('webjwt-runtimes-');
let ok = true;
try {
  const builds = {};
  for (const name of new Set(runtimes.flatMap((runtime) => runtime.builds))) {
    builds[name] = await bundle(name, scratch);
    console.log(`${name} build: ${builds[name].library.join(', ')}`);
  }
  const totals = new Set();
  for (const runtime of runtimes) {
    for (const name of runtime.builds) {
      const label = `${runtime.name} (${name} build)`;
      const t = Date.now();
      try {
        const result = await runtime.run(builds[name]);
        const version = result.version ?? runtime.version?.() ?? '';
        totals.add(result.passed + result.failed + result.skipped);
        console.log(
          `${label}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped  [${version}, ${((Date.now() - t) / 1000).toFixed(1)}s]`,
        );
        for (const failure of result.failures) console.log(`  ✗ ${failure}`);
        for (const skip of result.skips) console.log(`  - ${skip}`);
        if (result.failed > 0 || result.passed === 0) ok = false;
      } catch (error) {
        ok = false;
        console.log(`${label}: did not run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  // Every runtime runs the same bundle, so the same number of tests (skipped ones included); fewer
  // would mean some never ran.
  if (totals.size > 1) {
    ok = false;
    console.log(`runtimes ran different numbers of tests: ${[...totals].join(', ')}`);
  }
} finally {
  dispose();
}
console.log(`${ok ? 'all runtimes passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exitCode = ok ? 0 : 1;
