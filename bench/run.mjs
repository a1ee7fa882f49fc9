// Side-by-side benchmark: webjwt as Node gets it (the `node` export condition: dist/node/, on
// node:crypto) and its universal WebCrypto build, against jose, jsonwebtoken, fast-jwt and hono/jwt,
// with the floors (a pre-imported WebCrypto key; node:crypto). One process, same tokens, same keys.
// Then the WebCrypto benchmark (webcrypto.mjs) under Node, Deno and Bun, in headless Chromium and in
// workerd (the runtimes from test/runtimes/package.json, which hosts.mjs installs on first use).
// Then JWE (jwe.mjs): encrypt and decrypt against jose, on Node with both builds and in every runtime.
// Writes RESULTS.md with every goal of the performance issue, met or not.
// `node bench/run.mjs --only jwe` (after `npm run build`) runs only the JWE benchmark and rewrites only
// its part of RESULTS.md: the "JWE …" rows of the Goals table and the "Encrypted tokens (JWE)" section.
import { execFileSync } from 'node:child_process';
import {
  createDecipheriv,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as nodeSign,
  verify as nodeVerify,
  constants,
} from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createSigner as fastSigner, createVerifier as fastVerifier } from 'fast-jwt';
import { sign as honoSign, verify as honoVerify } from 'hono/jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import * as universal from '../dist/index.js';
import * as webjwt from '../dist/node/index.js';
import { inChromium, inWorkerd, runtimeBinary } from '../test/runtimes/hosts.mjs';
import { JWE_ALGS, measureJwe, subtleFloor } from './jwe.mjs';
import { ALGS, PAYLOAD as payload, SUBTLE, latencies, ratioOf, throughput } from './measure.mjs';
import { measureSessions } from './sessions.mjs';

const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

/** `--only jwe`: the JWE benchmark alone, rewriting only its part of RESULTS.md. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'jwe') {
  console.error('bench/run.mjs: --only takes jwe');
  process.exit(2);
}
if (only === 'jwe') {
  await runJweOnly();
  process.exit(0);
}

const HASH = { HS256: 'sha256', RS256: 'sha256', PS256: 'sha256', ES256: 'sha256', EdDSA: null };
function keysFor(alg) {
  if (alg === 'HS256') {
    const secret = randomBytes(32).toString('base64url');
    return { secret, verifyKey: secret, signKey: secret };
  }
  const pair =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : alg === 'EdDSA'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }),
    publicJwk: pair.publicKey.export({ format: 'jwk' }),
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
  };
}

/**
 * Bytes allocated per call: the heap's growth over n calls with no collection in between (the run
 * uses --expose-gc and a fixed 64 MiB young generation, so that no scavenge runs during the window; one
 * seen there means retry with fewer calls). Young-generation size is the same for every library.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function allocation(fn) {
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    for (let n = 4000; n >= 125; n /= 2) {
      globalThis.gc();
      // The observer hears of a collection a little later: let the forced one's entry arrive first.
      await settle();
      collections = 0;
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < n; i++) await fn();
      const after = process.memoryUsage().heapUsed;
      await settle();
      if (collections === 0) return (after - before) / n;
    }
    return undefined;
  } finally {
    observer.disconnect();
  }
}

const rows = [];

for (const alg of ALGS) {
  const k = keysFor(alg);
  const hmac = alg === 'HS256';
  const token = await webjwt.sign(payload, hmac ? k.secret : k.privatePem, { alg, expiresIn: '1h' });
  const input = token.slice(0, token.lastIndexOf('.'));
  const signature = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  const [subtleParams, verifyParams] = SUBTLE[alg];
  const subtleKey = hmac
    ? await crypto.subtle.importKey('raw', new TextEncoder().encode(k.secret), subtleParams, false, ['verify'])
    : await crypto.subtle.importKey('spki', createPublicKey(k.publicPem).export({ type: 'spki', format: 'der' }), subtleParams, false, [
        'verify',
      ]);
  const data = new TextEncoder().encode(input);
  const joseKey = hmac ? new TextEncoder().encode(k.secret) : await jose.importSPKI(k.publicPem, alg);
  const fast = fastVerifier({ key: hmac ? k.secret : k.publicPem, algorithms: [alg] });
  const fastCached = fastVerifier({ key: hmac ? k.secret : k.publicPem, algorithms: [alg], cache: true });
  const mine = webjwt.createVerifier(hmac ? k.secret : k.publicPem, { algorithms: [alg] });
  const mineCached = webjwt.createVerifier(hmac ? k.secret : k.publicPem, { algorithms: [alg], cache: true });
  const mineUniversal = universal.createVerifier(hmac ? k.secret : k.publicPem, { algorithms: [alg] });
  const honoKey = hmac ? k.secret : k.publicJwk;

  const verifiers = {
    'webjwt createVerifier': () => mine(token),
    'webjwt verify()': () => webjwt.verify(token, hmac ? k.secret : k.publicPem, { algorithms: [alg] }),
    'webjwt (token cache)': () => mineCached(token),
    'webjwt WebCrypto build': () => mineUniversal(token),
    jose: () => jose.jwtVerify(token, joseKey, { algorithms: [alg] }),
    jsonwebtoken: alg === 'EdDSA' ? undefined : () => jsonwebtoken.verify(token, hmac ? k.secret : k.publicPem, { algorithms: [alg] }),
    'fast-jwt': () => fast(token),
    'fast-jwt (cache)': () => fastCached(token),
    'hono/jwt': alg === 'PS256' || alg === 'EdDSA' ? undefined : () => honoVerify(token, honoKey, alg),
    'floor: subtle, key pre-imported': () => crypto.subtle.verify(verifyParams, subtleKey, signature, data),
    'floor: node:crypto': hmac
      ? () => createHmac('sha256', k.secret).update(input).digest()
      : () =>
          nodeVerify(
            HASH[alg],
            Buffer.from(input),
            alg === 'PS256'
              ? { key: k.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
              : alg === 'ES256'
                ? { key: k.publicKey, dsaEncoding: 'ieee-p1363' }
                : k.publicKey,
            signature,
          ),
  };
  for (const fn of Object.values(verifiers)) if (fn) await fn(); // must not throw
  for (const [name, measured] of Object.entries(await latencies(verifiers))) {
    const fn = verifiers[name];
    const bytes = ['webjwt createVerifier', 'jose', 'fast-jwt'].includes(name) ? await allocation(fn) : undefined;
    rows.push({ op: 'verify', alg, name, ...measured, ops: name.startsWith('webjwt verify()') ? undefined : await throughput(fn), bytes });
  }

  const mineSigner = webjwt.createSigner(hmac ? k.secret : k.privatePem, { alg });
  const universalSigner = universal.createSigner(hmac ? k.secret : k.privatePem, { alg });
  const joseSignKey = hmac ? new TextEncoder().encode(k.secret) : await jose.importPKCS8(k.privatePem, alg);
  const fastSign = fastSigner({ key: hmac ? k.secret : k.privatePem, algorithm: alg });
  const signers = {
    'webjwt createSigner': () => mineSigner(payload),
    'webjwt WebCrypto build': () => universalSigner(payload),
    jose: () => new jose.SignJWT(payload).setProtectedHeader({ alg }).sign(joseSignKey),
    jsonwebtoken: alg === 'EdDSA' ? undefined : () => jsonwebtoken.sign(payload, hmac ? k.secret : k.privatePem, { algorithm: alg }),
    'fast-jwt': () => fastSign(payload),
    'hono/jwt': hmac ? () => honoSign(payload, k.secret, alg) : undefined,
    'floor: node:crypto': hmac
      ? () => createHmac('sha256', k.secret).update(input).digest()
      : () =>
          nodeSign(
            HASH[alg],
            Buffer.from(input),
            alg === 'PS256'
              ? { key: k.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
              : alg === 'ES256'
                ? { key: k.privateKey, dsaEncoding: 'ieee-p1363' }
                : k.privateKey,
          ),
  };
  for (const fn of Object.values(signers)) if (fn) await fn();
  for (const [name, measured] of Object.entries(await latencies(signers))) rows.push({ op: 'sign', alg, name, ...measured });
  console.error(`${alg} done`);
}

const portable = await measurePortable();

const lines = [
  '# Benchmark results',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}.`,
  `Libraries: webjwt ${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version} (dist/node/ on node:crypto, as the \`node\` export condition gives it; "WebCrypto build" is dist/, what every other runtime gets), jose ${version('jose')}, jsonwebtoken ${version('jsonwebtoken')}, fast-jwt ${version('fast-jwt')}, hono ${version('hono')}.`,
  `Run: ${new Date().toISOString()} by \`npm run bench\`. Latency: µs per call, serial, the median of 15 rounds in which every implementation of a table runs one ~20 ms batch, in an order shuffled each round. Throughput: 64 verifications in flight, calls per second. Allocation: heap growth per verify with no collection in between. Ratio: webjwt's figure (createVerifier / createSigner) divided by the row's; below 1.0 webjwt is faster.`,
  '',
];

const goals = [];
const goal = (...args) => recordGoal(goals, ...args);
const ownWork = (list, op, alg, name, floorName) => fmt(find(list, op, alg, name).us - find(list, op, alg, floorName).us);
for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA']) {
  for (const [op, name] of [
    ['verify', 'webjwt createVerifier'],
    ['sign', 'webjwt createSigner'],
  ]) {
    const mine = find(rows, op, alg, name);
    const floor = find(rows, op, alg, 'floor: node:crypto');
    goal(
      `Node ${op} ${alg} vs fast-jwt`,
      mine,
      find(rows, op, alg, 'fast-jwt'),
      1.0,
      `webjwt's own work around the node:crypto call is ${ownWork(rows, op, alg, name, 'floor: node:crypto')} µs, fast-jwt's ${ownWork(rows, op, alg, 'fast-jwt', 'floor: node:crypto')} µs (webjwt also checks canonical base64url, JSON depth, claim types and the key's fit)`,
    );
    const jose = find(rows, op, alg, 'jose');
    goal(
      `Node ${op} ${alg} vs jose`,
      mine,
      jose,
      0.5,
      `node:crypto alone (the floor) takes ${(floor.us / jose.us).toFixed(2)} of jose's time, so half of jose's is out of reach`,
    );
  }
}
goal(
  'Node verify HS256 with token cache vs fast-jwt cache',
  find(rows, 'verify', 'HS256', 'webjwt (token cache)'),
  find(rows, 'verify', 'HS256', 'fast-jwt (cache)'),
  1.0,
  'see the tables',
);
for (const alg of ALGS) {
  const mine = find(rows, 'verify', alg, 'webjwt createVerifier')?.bytes;
  const fast = find(rows, 'verify', alg, 'fast-jwt')?.bytes;
  if (mine !== undefined && fast !== undefined)
    goal(`Node bytes allocated per verify ${alg} vs fast-jwt`, { us: mine }, { us: fast }, 1.0, 'see the tables');
}
for (const runtime of [...new Set(portable.map((r) => r.runtime))]) {
  const list = portable.filter((r) => r.runtime === runtime);
  for (const alg of ALGS) {
    for (const [op, name] of [
      ['verify', 'webjwt createVerifier'],
      ['sign', 'webjwt createSigner'],
    ]) {
      const mine = find(list, op, alg, name);
      const floor = find(list, op, alg, 'floor: subtle, key pre-imported');
      const allowed = floor.us * 0.15;
      const parsing = find(list, 'verify', alg, 'webjwt decode(), no crypto')?.us;
      const serializing = find(list, 'sign', alg, 'JSON.stringify(claims), no crypto')?.us;
      const peers = ['jose', 'hono/jwt']
        .filter((peer) => find(list, op, alg, peer))
        .map((peer) => `${peer} ${ownWork(list, op, alg, peer, 'floor: subtle, key pre-imported')} µs`)
        .join(', ');
      const whyFloor = `webjwt adds ${ownWork(list, op, alg, name, 'floor: subtle, key pre-imported')} µs to the WebCrypto call, where the limit allows ${fmt(allowed)} µs (${peers} for the same work); ${
        op === 'sign'
          ? serializing > allowed
            ? `serializing the claims alone (JSON.stringify, no JWT work) takes ${fmt(serializing)} µs here, more than the limit allows: out of reach for anything that signs a JWT`
            : 'that is building and encoding the header and claims, work of the kind measured to run 2–4× slower beside a WebCrypto call than in a tight loop (bench/README.md)'
          : parsing > allowed
            ? `decoding the token alone takes ${fmt(parsing)} µs here in a tight loop, more than the limit allows: out of reach for anything that parses the token`
            : `decoding the token takes ${fmt(parsing)} µs here in a tight loop, and 2–4× that beside a WebCrypto call (bench/README.md), then the claim checks`
      }`;
      goal(`${runtime} ${op} ${alg} vs the subtle floor`, mine, floor, 1.15, whyFloor);
      goal(`${runtime} ${op} ${alg} vs jose`, mine, find(list, op, alg, 'jose'), 1.0, 'see bench/README.md');
      goal(`${runtime} ${op} ${alg} vs hono/jwt`, mine, find(list, op, alg, 'hono/jwt'), 1.0, 'see bench/README.md');
    }
  }
}
const jweRows = await measureJweNode();
jweGoals(goal, jweRows, portable);
lines.push(
  '## Goals',
  '',
  "webjwt ÷ the other, from the tables below: the ratio of the medians, and in brackets the middle half of the 15 side-by-side rounds' ratios.",
  '',
  '| goal | ratio | limit | |',
  '|---|---:|---:|---|',
  ...goals,
  '',
);

lines.push('## Node', '');
for (const op of ['verify', 'sign']) {
  for (const alg of ALGS) {
    const group = rows.filter((r) => r.op === op && r.alg === alg);
    const base = group.find((r) => r.name.startsWith('webjwt create'));
    lines.push(
      `### ${op} ${alg}`,
      '',
      op === 'verify'
        ? '| implementation | µs / call | webjwt ÷ this | calls/s, 64 in flight | bytes / verify |'
        : '| implementation | µs / call | webjwt ÷ this |',
      op === 'verify' ? '|---|---:|---:|---:|---:|' : '|---|---:|---:|',
    );
    for (const r of group) {
      const ratio = (base.us / r.us).toFixed(2);
      lines.push(
        op === 'verify'
          ? `| ${r.name} | ${fmt(r.us)} | ${ratio} | ${r.ops === undefined ? '' : Math.round(r.ops)} | ${r.bytes === undefined ? '' : Math.round(r.bytes)} |`
          : `| ${r.name} | ${fmt(r.us)} | ${ratio} |`,
      );
    }
    lines.push('');
  }
}

lines.push(
  '## WebCrypto runtimes',
  '',
  "bench/webcrypto.mjs, webjwt's universal build (dist/), µs per call, median of 15 side-by-side rounds: under Node, Deno and Bun as a script (bench/portable.mjs), in headless Chromium as a page served from 127.0.0.1, and in workerd (Miniflare, no nodejs_compat) as a Worker whose batches run 100 ms, since its clock ticks in whole milliseconds.",
  '',
);
const runtimes = [...new Set(portable.map((r) => r.runtime))];
for (const op of ['verify', 'sign']) {
  for (const alg of ALGS) {
    const names = [...new Set(portable.filter((r) => r.op === op && r.alg === alg).map((r) => r.name))];
    lines.push(`### ${op} ${alg}`, '', `| implementation | ${runtimes.join(' | ')} |`, `|---|${runtimes.map(() => '---:').join('|')}|`);
    for (const name of names)
      lines.push(
        `| ${name} | ${runtimes
          .map((rt) =>
            fmt(
              find(
                portable.filter((r) => r.runtime === rt),
                op,
                alg,
                name,
              )?.us,
            ),
          )
          .join(' | ')} |`,
      );
    lines.push('');
  }
}
lines.push(...jweSection(jweRows, portable));
lines.push(...(await measureSessions()));
const text = lines.join('\n');
console.log(text);
writeFileSync(new URL('./RESULTS.md', import.meta.url), `${text}\n`);

function fmt(x) {
  return x === undefined ? '' : x < 10 ? x.toFixed(2) : x.toFixed(1);
}

function find(list, op, alg, name) {
  return list.find((r) => r.op === op && r.alg === alg && r.name === name);
}

/**
 * Every goal of the performance issue: webjwt's median ÷ the other's against the limit, with the
 * middle half of the side-by-side rounds' ratios, and for a miss what this run's figures say about it.
 */
function recordGoal(goals, text, mine, other, limit, why) {
  if (mine === undefined || other === undefined) return;
  const { ratio, low, high } = mine.samples === undefined ? { ratio: mine.us / other.us } : ratioOf(mine, other);
  const spread = low === undefined ? '' : ` (rounds ${low.toFixed(2)}–${high.toFixed(2)})`;
  const verdict =
    ratio <= limit
      ? 'met'
      : low !== undefined && low <= limit
        ? "missed, within this machine's noise: a quarter of the rounds or more are under the limit"
        : `missed: ${why}`;
  goals.push(`| ${text} | ${ratio.toFixed(2)}${spread} | ≤ ${limit} | ${verdict} |`);
}

/** The WebCrypto benchmark (webcrypto.mjs) in each runtime, as rows; `only` as portable.mjs takes it. */
async function measurePortable(only) {
  const rows = [];
  const collect = (label, lines) => {
    for (const line of lines.filter(Boolean)) rows.push(JSON.parse(line));
    console.error(`webcrypto: ${label} done`);
  };
  const onlyArgs = only === undefined ? [] : ['--only', only];
  for (const [label, command, args] of [
    ['Node', process.execPath, ['bench/portable.mjs', ...onlyArgs]],
    ['Deno', runtimeBinary('deno'), ['run', '--no-prompt', 'bench/portable.mjs', ...onlyArgs]],
    ['Bun', runtimeBinary('bun'), ['bench/portable.mjs', ...onlyArgs]],
  ]) {
    collect(label, execFileSync(command, args, { cwd: new URL('..', import.meta.url), encoding: 'utf8', maxBuffer: 1 << 24 }).split('\n'));
  }
  // Chromium and workerd get the benchmark bundled as a browser app or a Worker would be.
  const bundled = async (conditions) => {
    const { outputFiles } = await build({
      entryPoints: [fileURLToPath(new URL('./webcrypto.mjs', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions,
      target: 'es2022',
      write: false,
      logLevel: 'error',
    });
    return outputFiles[0].text;
  };
  const options = JSON.stringify({ only });
  const chromiumRun = await inChromium(
    await bundled([]),
    `(async (lines) => { await main.measureWebCrypto(\`Chromium \${navigator.userAgent.match(/Chrome\\/(\\d+)/)[1]}\`, (line) => lines.push(line), ${options}); return lines; })([])`,
  );
  collect('Chromium', chromiumRun.value);
  // workerd's clock ticks in whole milliseconds (and only its own), so its batches run 100 ms.
  const workerScript = `${await bundled(['workerd', 'worker'])}\nexport default { async fetch() { const lines = []; await measureWebCrypto('workerd', (line) => lines.push(line), ${JSON.stringify({ batchMs: 100, only })}); return Response.json(lines); } };\n`;
  collect('workerd', await inWorkerd(workerScript));
  return rows;
}

/**
 * encrypt() and decrypt() on Node: the Node build (node:crypto) and the universal one (WebCrypto)
 * against jose, side by side, with node:crypto's AES-256-GCM decryption alone as the dir floor.
 */
async function measureJweNode() {
  const rows = [];
  const nodeFloor = async (alg, op, token, secret) => {
    if (alg !== 'dir' || op !== 'decrypt') return {};
    const [protectedSegment, , iv, ciphertext, tag] = token.split('.').map((part, i) => (i === 0 ? part : Buffer.from(part, 'base64url')));
    const aad = Buffer.from(protectedSegment, 'ascii');
    const floors = {
      'floor: node:crypto': () => {
        const decipher = createDecipheriv('aes-256-gcm', secret, iv);
        decipher.setAAD(aad);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
      },
    };
    return { ...floors, ...(await subtleFloor(alg, op, token, secret)) };
  };
  await measureJwe({ 'webjwt (node:crypto)': webjwt, 'webjwt WebCrypto build': universal }, (row) => rows.push(row), { floor: nodeFloor });
  console.error('jwe: Node done');
  return rows;
}

/**
 * The JWE goals (issue 15): on Node (node:crypto backend) decrypt at most half of jose's time for
 * dir + A256GCM and never slower than jose elsewhere; in the WebCrypto runtimes never slower than jose.
 */
function jweGoals(goal, nodeRows, portableRows) {
  const why = (list, op, alg, name, floorName) => {
    const [mine, jose, floor] = [find(list, op, alg, name), find(list, op, alg, 'jose'), floorName && find(list, op, alg, floorName)];
    const gap = `webjwt ${fmt(mine.us)} µs against jose's ${fmt(jose.us)} µs`;
    if (!floor)
      return `${gap}; both make the same crypto calls for ${alg} + A256GCM, so the ${fmt(mine.us - jose.us)} µs are in the JavaScript around them (not measured apart here)`;
    return `${gap}; the AES-GCM decryption alone (${floorName}) takes ${fmt(floor.us)} µs, ${(floor.us / jose.us).toFixed(2)} of jose's time; webjwt adds ${fmt(mine.us - floor.us)} µs to it, jose ${fmt(jose.us - floor.us)} µs`;
  };
  for (const alg of JWE_ALGS) {
    for (const op of ['encrypt', 'decrypt']) {
      const limit = op === 'decrypt' && alg === 'dir' ? 0.5 : 1.0;
      const floorName = op === 'decrypt' && alg === 'dir' ? 'floor: node:crypto' : undefined;
      const name = 'webjwt (node:crypto)';
      goal(
        `JWE Node ${op} ${alg} + A256GCM vs jose`,
        find(nodeRows, op, alg, name),
        find(nodeRows, op, alg, 'jose'),
        limit,
        why(nodeRows, op, alg, name, floorName),
      );
    }
  }
  for (const runtime of [...new Set(portableRows.filter((r) => r.op === 'encrypt').map((r) => r.runtime))]) {
    const list = portableRows.filter((r) => r.runtime === runtime);
    for (const alg of JWE_ALGS) {
      for (const op of ['encrypt', 'decrypt']) {
        const floorName = op === 'decrypt' && alg === 'dir' ? 'floor: subtle, key pre-imported' : undefined;
        goal(
          `JWE ${runtime} ${op} ${alg} + A256GCM vs jose`,
          find(list, op, alg, 'webjwt'),
          find(list, op, alg, 'jose'),
          1.0,
          why(list, op, alg, 'webjwt', floorName),
        );
      }
    }
  }
}

/** The JWE section of RESULTS.md: the Node tables, then one table per operation and algorithm across the WebCrypto runtimes. */
function jweSection(nodeRows, portableRows) {
  const lines = [
    '## Encrypted tokens (JWE)',
    '',
    `bench/jwe.mjs, ${new Date().toISOString().slice(0, 10)}: \`encrypt(claims, key, { alg, enc: 'A256GCM', expiresIn: '1h' })\` and \`decrypt(token, key, { algorithms: [alg], encryptions: ['A256GCM'] })\` against jose's \`new EncryptJWT(claims)…encrypt(key)\` and \`jwtDecrypt(token, key, …)\`, each with the same material imported once by the library itself (webjwt: \`importKey(material, alg)\`; jose: \`importJWK\`, or the secret's bytes), every implementation decrypting the same token. µs per call, median of 15 side-by-side rounds. The floors (dir only) are the AES-256-GCM decryption of the token's ciphertext alone, key pre-imported: what no JWE library can go under. Run alone with \`npm run build && node bench/run.mjs --only jwe\`.`,
    '',
    `Load average (1, 5, 15 min) at the end of the run: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')} on ${cpus().length} cores shared with other work; the rounds' spread in the Goals table is this machine's noise.`,
    '',
    '### Node',
    '',
  ];
  for (const op of ['encrypt', 'decrypt']) {
    for (const alg of JWE_ALGS) {
      const group = nodeRows.filter((r) => r.op === op && r.alg === alg);
      const base = find(nodeRows, op, alg, 'webjwt (node:crypto)');
      lines.push(`#### ${op} ${alg} + A256GCM`, '', '| implementation | µs / call | webjwt (node:crypto) ÷ this |', '|---|---:|---:|');
      for (const r of group) lines.push(`| ${r.name} | ${fmt(r.us)} | ${(base.us / r.us).toFixed(2)} |`);
      lines.push('');
    }
  }
  const runtimes = [...new Set(portableRows.filter((r) => r.op === 'encrypt').map((r) => r.runtime))];
  lines.push(
    '### WebCrypto runtimes',
    '',
    "webjwt's universal build (dist/) under Node, Deno and Bun (bench/portable.mjs), in headless Chromium and in workerd (100 ms batches): µs per call, and in brackets webjwt ÷ jose.",
    '',
  );
  for (const op of ['encrypt', 'decrypt']) {
    for (const alg of JWE_ALGS) {
      const names = [...new Set(portableRows.filter((r) => r.op === op && r.alg === alg).map((r) => r.name))];
      lines.push(
        `#### ${op} ${alg} + A256GCM`,
        '',
        `| implementation | ${runtimes.join(' | ')} |`,
        `|---|${runtimes.map(() => '---:').join('|')}|`,
      );
      for (const name of names) {
        const cells = runtimes.map((rt) => {
          const list = portableRows.filter((r) => r.runtime === rt);
          const row = find(list, op, alg, name);
          const jose = find(list, op, alg, 'jose');
          return name === 'webjwt' && row && jose ? `${fmt(row.us)} (${(row.us / jose.us).toFixed(2)})` : fmt(row?.us);
        });
        lines.push(`| ${name} | ${cells.join(' | ')} |`);
      }
      lines.push('');
    }
  }
  return lines;
}

/** `--only jwe`: measures JWE alone and rewrites its Goals rows and its section of RESULTS.md, nothing else. */
async function runJweOnly() {
  const nodeRows = await measureJweNode();
  const portableRows = await measurePortable('jwe');
  const goals = [];
  jweGoals((...args) => recordGoal(goals, ...args), nodeRows, portableRows);
  const section = jweSection(nodeRows, portableRows);
  console.log([...goals, '', ...section].join('\n'));
  const results = new URL('./RESULTS.md', import.meta.url);
  const lines = readFileSync(results, 'utf8').split('\n');
  // The Goals table: its old JWE rows out, the new ones at its end.
  const head = lines.indexOf('| goal | ratio | limit | |');
  if (head === -1) throw new Error('RESULTS.md has no Goals table: run the whole benchmark first');
  let end = head + 2;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  const table = lines.slice(head + 2, end).filter((line) => !line.startsWith('| JWE '));
  let updated = [...lines.slice(0, head + 2), ...table, ...goals, ...lines.slice(end)];
  // The section: replaced where it is, else put before Sessions (or at the end).
  const start = updated.indexOf('## Encrypted tokens (JWE)');
  if (start !== -1) {
    let stop = updated.findIndex((line, i) => i > start && line.startsWith('## '));
    if (stop === -1) stop = updated.length;
    updated = [...updated.slice(0, start), ...section, ...updated.slice(stop)];
  } else {
    const sessions = updated.indexOf('## Sessions');
    const at = sessions === -1 ? updated.length : sessions;
    updated = [...updated.slice(0, at), ...section, ...updated.slice(at)];
  }
  writeFileSync(results, `${updated.join('\n').trimEnd()}\n`);
}
