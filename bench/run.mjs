// Side-by-side benchmark: webjwt as Node gets it (the `node` export condition: dist/node/, on
// node:crypto) and its universal WebCrypto build, against jose, jsonwebtoken, fast-jwt and hono/jwt,
// with the floors (a pre-imported WebCrypto key; node:crypto). One process, same tokens, same keys.
// Then the portable WebCrypto benchmark (portable.mjs) under Node, Deno and Bun. Writes RESULTS.md
// with every goal of the performance issue, met or not.
import { execFileSync } from 'node:child_process';
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, sign as nodeSign, verify as nodeVerify, constants } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { createSigner as fastSigner, createVerifier as fastVerifier } from 'fast-jwt';
import { sign as honoSign, verify as honoVerify } from 'hono/jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import * as universal from '../dist/index.js';
import * as webjwt from '../dist/node/index.js';
import { ALGS, PAYLOAD as payload, SUBTLE, latency, throughput } from './measure.mjs';

const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

const HASH = { HS256: 'sha256', RS256: 'sha256', PS256: 'sha256', ES256: 'sha256', EdDSA: null };
function keysFor(alg) {
  if (alg === 'HS256') {
    const secret = randomBytes(32).toString('base64url');
    return { secret, verifyKey: secret, signKey: secret };
  }
  const pair =
    alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : alg === 'EdDSA' ? generateKeyPairSync('ed25519')
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
async function allocation(fn) {
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    collections += list.getEntries().length;
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    for (let n = 4000; n >= 125; n /= 2) {
      globalThis.gc();
      await new Promise((resolve) => setImmediate(resolve));
      collections = 0;
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < n; i++) await fn();
      const after = process.memoryUsage().heapUsed;
      await new Promise((resolve) => setImmediate(resolve));
      if (collections === 0) return (after - before) / n;
    }
    return undefined;
  } finally {
    observer.disconnect();
  }
}

const rows = [];
/** Extra alternating measurements of webjwt against fast-jwt: { op, alg, ratios }. */
const reruns = [];

for (const alg of ALGS) {
  const k = keysFor(alg);
  const hmac = alg === 'HS256';
  const token = await webjwt.sign(payload, hmac ? k.secret : k.privatePem, { alg, expiresIn: '1h' });
  const input = token.slice(0, token.lastIndexOf('.'));
  const signature = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  const [subtleParams, verifyParams] = SUBTLE[alg];
  const subtleKey = hmac
    ? await crypto.subtle.importKey('raw', new TextEncoder().encode(k.secret), subtleParams, false, ['verify'])
    : await crypto.subtle.importKey('spki', createPublicKey(k.publicPem).export({ type: 'spki', format: 'der' }), subtleParams, false, ['verify']);
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
      : () => nodeVerify(HASH[alg], Buffer.from(input), alg === 'PS256' ? { key: k.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : alg === 'ES256' ? { key: k.publicKey, dsaEncoding: 'ieee-p1363' } : k.publicKey, signature),
  };
  for (const [name, fn] of Object.entries(verifiers)) {
    if (fn === undefined) continue;
    await fn(); // must not throw
    const measured = ['webjwt createVerifier', 'jose', 'fast-jwt'].includes(name) ? await allocation(fn) : undefined;
    rows.push({ op: 'verify', alg, name, us: await latency(fn), ops: name.startsWith('webjwt verify()') ? undefined : await throughput(fn), bytes: measured });
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
      : () => nodeSign(HASH[alg], Buffer.from(input), alg === 'PS256' ? { key: k.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : alg === 'ES256' ? { key: k.privateKey, dsaEncoding: 'ieee-p1363' } : k.privateKey),
  };
  for (const [name, fn] of Object.entries(signers)) {
    if (fn === undefined) continue;
    await fn();
    rows.push({ op: 'sign', alg, name, us: await latency(fn) });
  }
  // webjwt and fast-jwt make the same node:crypto call, so their ratio sits near 1.0 and one
  // measurement can land either side: three more, alternating, give the spread.
  for (const [op, mineFn, fastFn] of [['verify', verifiers['webjwt createVerifier'], verifiers['fast-jwt']], ['sign', signers['webjwt createSigner'], signers['fast-jwt']]]) {
    const ratios = [];
    for (let i = 0; i < 3; i++) ratios.push((await latency(mineFn)) / (await latency(fastFn)));
    reruns.push({ op, alg, ratios });
  }
  console.error(`${alg} done`);
}

/** The portable WebCrypto benchmark in each runtime, as rows. */
const RUNTIMES = [
  ['Node', process.execPath, ['bench/portable.mjs']],
  ['Deno', 'node_modules/.bin/deno', ['run', '--no-prompt', 'bench/portable.mjs']],
  ['Bun', 'node_modules/.bin/bun', ['bench/portable.mjs']],
];
const portable = [];
for (const [label, command, args] of RUNTIMES) {
  const out = execFileSync(command, args, { cwd: new URL('..', import.meta.url), encoding: 'utf8', maxBuffer: 1 << 24 });
  for (const line of out.split('\n').filter(Boolean)) portable.push(JSON.parse(line));
  console.error(`portable: ${label} done`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ROUND_COUNT = Math.max(...portable.map((r) => r.round)) + 1;
/** The median over rounds of one implementation's µs per call in the portable benchmark. */
const medianOf = (list, op, alg, name) => {
  const values = list.filter((r) => r.op === op && r.alg === alg && r.name === name).map((r) => r.us);
  return values.length === 0 ? undefined : median(values);
};
const fmt = (x) => (x === undefined ? '' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const find = (list, op, alg, name) => list.find((r) => r.op === op && r.alg === alg && r.name === name);

const lines = [
  '# Benchmark results',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}.`,
  `Libraries: webjwt ${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version} (dist/node/ on node:crypto, as the \`node\` export condition gives it; "WebCrypto build" is dist/, what every other runtime gets), jose ${version('jose')}, jsonwebtoken ${version('jsonwebtoken')}, fast-jwt ${version('fast-jwt')}, hono ${version('hono')}.`,
  `Run: ${new Date().toISOString()} by \`npm run bench\`. Latency: median of 9 batches of serial calls, µs per call. Throughput: 64 verifications in flight, calls per second. Allocation: heap growth per verify with no collection in between. Ratio: webjwt's figure (createVerifier / createSigner) divided by the row's; below 1.0 webjwt is faster.`,
  '',
];

/**
 * Every goal of the performance issue: webjwt's figure ÷ the other's against the limit, and for a
 * miss, what this run's own figures say about why (`why` gets the ratio).
 */
const goals = [];
const goal = (text, mine, other, limit, why) => {
  if (mine === undefined || other === undefined) return;
  const ratio = mine / other;
  goals.push(`| ${text} | ${ratio.toFixed(2)} | ≤ ${limit} | ${ratio <= limit ? 'met' : `missed${why ? `: ${why(ratio)}` : ''}`} |`);
};
for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA']) {
  for (const [op, name] of [['verify', 'webjwt createVerifier'], ['sign', 'webjwt createSigner']]) {
    const mine = find(rows, op, alg, name)?.us;
    const fast = find(rows, op, alg, 'fast-jwt')?.us;
    const jose = find(rows, op, alg, 'jose')?.us;
    const floor = find(rows, op, alg, 'floor: node:crypto')?.us;
    // The goal is judged on the median of the four webjwt ÷ fast-jwt measurements.
    const ratios = [mine / fast, ...(reruns.find((r) => r.op === op && r.alg === alg)?.ratios ?? [])];
    const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
    goals.push(`| Node ${op} ${alg} vs fast-jwt (median of 4 alternating runs; range ${spread}) | ${median(ratios).toFixed(2)} | ≤ 1 | ${median(ratios) <= 1 ? 'met' : `missed: webjwt adds ${fmt(mine - floor)} µs to the node:crypto call, fast-jwt ${fmt(fast - floor)} µs`} |`);
    goal(`Node ${op} ${alg} vs jose`, mine, jose, 0.5, () => `node:crypto alone (the floor, ${fmt(floor)} µs) takes ${(floor / jose).toFixed(2)} of jose's time; webjwt adds ${fmt(mine - floor)} µs`);
  }
}
goal('Node verify HS256 with token cache vs fast-jwt cache', find(rows, 'verify', 'HS256', 'webjwt (token cache)')?.us, find(rows, 'verify', 'HS256', 'fast-jwt (cache)')?.us, 1.0);
for (const alg of ALGS) {
  const mine = find(rows, 'verify', alg, 'webjwt createVerifier')?.bytes;
  goal(`Node allocation per verify ${alg} vs fast-jwt`, mine, find(rows, 'verify', alg, 'fast-jwt')?.bytes, 1.0);
}
/** The median over rounds of webjwt's time ÷ the other's in the same round, with the range. */
function roundRatios(list, op, alg, mineName, otherName) {
  const rounds = [...new Set(list.map((r) => r.round))];
  const ratios = rounds
    .map((round) => {
      const mine = list.find((r) => r.op === op && r.alg === alg && r.name === mineName && r.round === round)?.us;
      const other = list.find((r) => r.op === op && r.alg === alg && r.name === otherName && r.round === round)?.us;
      return mine === undefined || other === undefined ? undefined : mine / other;
    })
    .filter((ratio) => ratio !== undefined);
  return ratios.length === 0 ? undefined : { ratio: median(ratios), range: `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` };
}
for (const runtime of [...new Set(portable.map((r) => r.runtime))]) {
  const list = portable.filter((r) => r.runtime === runtime);
  for (const alg of ALGS) {
    for (const [op, name] of [['verify', 'webjwt createVerifier'], ['sign', 'webjwt createSigner']]) {
      for (const [other, limit] of [['floor: subtle, key pre-imported', 1.15], ['jose', 1.0], ['hono/jwt', 1.0]]) {
        const compared = roundRatios(list, op, alg, name, other);
        if (compared === undefined) continue;
        const mine = medianOf(list, op, alg, name);
        const theirs = medianOf(list, op, alg, other);
        const why =
          other === 'jose' || other === 'hono/jwt'
            ? `${other} ${fmt(theirs)} µs, webjwt ${fmt(mine)} µs`
            : `webjwt adds ${fmt(mine - theirs)} µs to a ${fmt(theirs)} µs WebCrypto call; the limit allows ${fmt(theirs * 0.15)} µs`;
        goals.push(`| ${runtime} ${op} ${alg} vs ${other.startsWith('floor') ? 'subtle floor' : other} (median of ${ROUND_COUNT} rounds; range ${compared.range}) | ${compared.ratio.toFixed(2)} | ≤ ${limit} | ${compared.ratio <= limit ? 'met' : `missed: ${why}`} |`);
      }
    }
  }
}
lines.push('## Goals', '', 'webjwt ÷ the other, from the tables below (medians of this one run).', '', '| goal | ratio | limit | |', '|---|---:|---:|---|', ...goals, '');

lines.push('## Node', '');
for (const op of ['verify', 'sign']) {
  for (const alg of ALGS) {
    const group = rows.filter((r) => r.op === op && r.alg === alg);
    const base = group.find((r) => r.name.startsWith('webjwt create'));
    lines.push(`### ${op} ${alg}`, '', op === 'verify' ? '| implementation | µs / call | webjwt ÷ this | calls/s, 64 in flight | bytes / verify |' : '| implementation | µs / call | webjwt ÷ this |', op === 'verify' ? '|---|---:|---:|---:|---:|' : '|---|---:|---:|');
    for (const r of group) {
      const ratio = (base.us / r.us).toFixed(2);
      lines.push(op === 'verify' ? `| ${r.name} | ${fmt(r.us)} | ${ratio} | ${r.ops === undefined ? '' : Math.round(r.ops)} | ${r.bytes === undefined ? '' : Math.round(r.bytes)} |` : `| ${r.name} | ${fmt(r.us)} | ${ratio} |`);
    }
    lines.push('');
  }
}

lines.push('## WebCrypto runtimes', '', `bench/portable.mjs, webjwt's universal build (dist/), µs per call: the median of ${ROUND_COUNT} rounds, each the median of 9 batches.`, '');
const runtimes = [...new Set(portable.map((r) => r.runtime))];
for (const op of ['verify', 'sign']) {
  for (const alg of ALGS) {
    const names = [...new Set(portable.filter((r) => r.op === op && r.alg === alg).map((r) => r.name))];
    lines.push(`### ${op} ${alg}`, '', `| implementation | ${runtimes.join(' | ')} |`, `|---|${runtimes.map(() => '---:').join('|')}|`);
    for (const name of names) lines.push(`| ${name} | ${runtimes.map((rt) => fmt(medianOf(portable.filter((r) => r.runtime === rt), op, alg, name))).join(' | ')} |`);
    lines.push('');
  }
}
const text = lines.join('\n');
console.log(text);
writeFileSync(new URL('./RESULTS.md', import.meta.url), `${text}\n`);
