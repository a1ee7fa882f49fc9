// The size budgets: what `import { sign, verify } from 'webjwt'`, `import { decode } from 'webjwt'` and
// webjwt/client add to a browser bundle (esbuild, minified, tree-shaken, ESM, gzip level 9), from the
// packed package, next to jose's figures for the same jobs. Exits 1 over any budget. The universal
// ESM build is one file per source module, so the bundle's inputs say which modules weigh most.
// Usage: npm run build && node test/package/size.mjs
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { installPacked, root } from './packed.mjs';

// Each figure has the goal its issue set and the limit CI enforces. Where a goal is met the two are
// the same; where it is not, the limit is today's figure rounded up, so it cannot grow unnoticed,
// and the goal is printed as missed with the measured reason.
// - sign, verify: sign() and verify() take PEM, JWK, JWK Sets and CryptoKeys directly and explain
//   every refusal (jose's SignJWT and jwtVerify take no PEM without importSPKI/importPKCS8). The 4 KiB
//   goal the project started with is withdrawn (issue "The house"), which kept 13 KiB. Not met: the
//   "Safe by default" protections (bytes read as key text, options checked with suggestions, key sets
//   skipping unusable keys with a reason, more error classes) and the prepared-key work took it from
//   12.4 to 14.1 KiB; a diet of thirteen cuts brought it to 13,824 B. What remains would take
//   dropping behaviour (the did-you-mean suggestion 196 B, PKCS#1/SEC1/certificate PEM 154 B, the
//   JWK Set base64 repair 149 B: together still 12 B over), so the limit is 13.5 KiB until that is
//   decided.
// - decode: a client-side app that only reads a token must not pay for verification (jose's
//   decodeJwt: 0.8 KiB). Goal 1 KiB (issue "The house"), not met: the smallest decode with the same
//   strictness and messages measured 1.7 KiB, and 1.3 KiB with every message replaced by "x".
// - client: webjwt/client with decode() included (its state carries the token's claims), 3 KiB from
//   its issue; not met while decode is over its own goal.
// - encrypt, decrypt: at most jose's EncryptJWT + jwtDecrypt (issue 15; 10.6 KiB when it was filed),
//   so the goal is jose's figure as measured in the same run ('jose'). Not met: 24,358 B on
//   2026-11-30 against jose's 10,680 B, so the limit is that figure until it is worked down. Where
//   it goes: encrypt() and decrypt() take PEM, JWK, JWK Sets and CryptoKeys directly through the
//   same key import as sign() and verify() (key.js, pem.js, der.js, jwk.js, keyset.js: about 17 KB
//   minified; jose's take imported keys only), decrypt() carries the claim checks and, for nested
//   tokens, verify() (jwt/claims.js, jwt/verify.js, jws/compact.js: about 10 KB minified), and the
//   encryption keys with their use binding and key sets (encryption-key.js, encryption-keyset.js:
//   11 KB). The other side of it: an application that already signs and verifies pays 10,839 B
//   more for both (24,659 B for encrypt, decrypt, sign and verify together). The sign, verify figure
//   does not move for JWE: JWE lives in modules sign and verify never import.
const FIGURES = {
  'sign, verify': { goal: 13 * 1024, limit: 13.5 * 1024, jose: 'SignJWT, jwtVerify' },
  decode: { goal: 1024, limit: 2.5 * 1024, jose: 'decodeJwt' },
  client: { goal: 3 * 1024, limit: 5 * 1024 },
  'encrypt, decrypt': { goal: 'jose', limit: 24_358, jose: 'EncryptJWT, jwtDecrypt' },
};
const TOP_MODULES = 8;

/** Leaves the core, exactly 'webjwt' (not its subpaths), out of the bundle. */
const withoutCore = { name: 'without-core', setup: (b) => b.onResolve({ filter: /^webjwt$/ }, () => ({ path: 'webjwt', external: true })) };

/** Bundles `contents` as a browser app would and measures it. */
async function measure(contents, resolveDir, plugins = []) {
  const { outputFiles, metafile } = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    outfile: 'out.js',
    logLevel: 'error',
    plugins,
  });
  const code = outputFiles[0].contents;
  const inputs = Object.values(metafile.outputs)[0].inputs;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

const format = (bytes) => `${bytes.toLocaleString('en')} B (${(bytes / 1024).toFixed(2)} KiB)`;

const { scratch, dispose } = installPacked('webjwt-size-');
try {
  let over = false;
  for (const [name, figure] of Object.entries(FIGURES)) {
    const { jose } = figure;
    const client = name === 'client';
    const entry = client ? "export { createAuthClient } from 'webjwt/client';" : `export { ${name} } from 'webjwt';`;
    const webjwt = await measure(entry, scratch);
    const joseBytes = jose === undefined ? undefined : (await measure(`export { ${jose} } from 'jose';`, root)).gzipped;
    // 'jose': jose's figure for the same job, measured now.
    const goal = figure.goal === 'jose' ? joseBytes : figure.goal;
    const limit = figure.limit === 'jose' ? joseBytes : figure.limit;
    const excess = webjwt.gzipped - limit;
    over ||= excess > 0;
    const what = client ? "import { createAuthClient } from 'webjwt/client' (decode included)" : `import { ${name} } from 'webjwt'`;
    console.log(`${what}: ${format(webjwt.gzipped)} gzipped, ${format(webjwt.minified)} minified`);
    console.log(
      `  goal ${format(goal)}: ${webjwt.gzipped <= goal ? 'met' : `NOT MET by ${format(webjwt.gzipped - goal)}`}; CI limit ${format(limit)}: ${excess > 0 ? `OVER by ${format(excess)}` : 'ok'}`,
    );
    if (jose !== undefined) console.log(`  jose import { ${jose} }: ${format(joseBytes)} gzipped`);
    if (client)
      console.log(`  the client's own code, the core left out: ${format((await measure(entry, scratch, [withoutCore])).gzipped)} gzipped`);
    const modules = Object.entries(webjwt.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .sort(([, x], [, y]) => y.bytesInOutput - x.bytesInOutput);
    for (const [path, { bytesInOutput }] of modules.slice(0, TOP_MODULES)) {
      console.log(
        `  ${String(bytesInOutput).padStart(7)} B minified  ${((100 * bytesInOutput) / webjwt.minified).toFixed(1).padStart(5)}%  ${path.replace(/^.*node_modules\/webjwt\//, '')}`,
      );
    }
  }
  process.exitCode = over ? 1 : 0;
} finally {
  dispose();
}
