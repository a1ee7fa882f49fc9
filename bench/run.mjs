// Side-by-side benchmark: webjwt (the built dist/) against jose, jsonwebtoken, fast-jwt and hono/jwt,
// with the floors (a pre-imported WebCrypto key; node:crypto). One process, same tokens, same keys.
// Usage: npm run bench  (writes bench/RESULTS.md)
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, sign as nodeSign, verify as nodeVerify, constants } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSigner as fastSigner, createVerifier as fastVerifier } from 'fast-jwt';
import { sign as honoSign, verify as honoVerify } from 'hono/jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import * as webjwt from '../dist/index.js';

const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

/** Median microseconds per call of an async or sync function, over batches sized to ~40 ms. */
async function latency(fn) {
  for (let i = 0; i < 50; i++) await fn();
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    if (performance.now() - t > 40 || n > 1 << 16) break;
    n *= 2;
  }
  const samples = [];
  for (let b = 0; b < 9; b++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    samples.push(((performance.now() - t) * 1000) / n);
  }
  samples.sort((a, b) => a - b);
  return samples[4];
}

/** Verifications per second with 64 in flight. */
async function throughput(fn) {
  const round = () => Promise.all(Array.from({ length: 64 }, () => fn()));
  for (let i = 0; i < 5; i++) await round();
  let rounds = 0;
  const t = performance.now();
  while (performance.now() - t < 400) {
    await round();
    rounds++;
  }
  return (rounds * 64) / ((performance.now() - t) / 1000);
}

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

const payload = { sub: 'user-1', iss: 'https://auth.example.com', aud: 'api', scope: 'read write' };
const rows = [];

for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA']) {
  const k = keysFor(alg);
  const hmac = alg === 'HS256';
  const token = await webjwt.sign(payload, hmac ? k.secret : k.privatePem, { alg, expiresIn: '1h' });
  const input = token.slice(0, token.lastIndexOf('.'));
  const signature = Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url');
  const subtleParams = { HS256: { name: 'HMAC', hash: 'SHA-256' }, RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, PS256: { name: 'RSA-PSS', hash: 'SHA-256' }, ES256: { name: 'ECDSA', namedCurve: 'P-256' }, EdDSA: { name: 'Ed25519' } }[alg];
  const verifyParams = { HS256: { name: 'HMAC' }, RS256: { name: 'RSASSA-PKCS1-v1_5' }, PS256: { name: 'RSA-PSS', saltLength: 32 }, ES256: { name: 'ECDSA', hash: 'SHA-256' }, EdDSA: { name: 'Ed25519' } }[alg];
  const subtleKey = hmac
    ? await crypto.subtle.importKey('raw', new TextEncoder().encode(k.secret), subtleParams, false, ['verify'])
    : await crypto.subtle.importKey('spki', createPublicKey(k.publicPem).export({ type: 'spki', format: 'der' }), subtleParams, false, ['verify']);
  const data = new TextEncoder().encode(input);
  const joseKey = hmac ? new TextEncoder().encode(k.secret) : await jose.importSPKI(k.publicPem, alg);
  const fast = fastVerifier({ key: hmac ? k.secret : k.publicPem, algorithms: [alg] });
  const fastCached = fastVerifier({ key: hmac ? k.secret : k.publicPem, algorithms: [alg], cache: true });
  const mine = webjwt.createVerifier(hmac ? k.secret : k.publicPem, { algorithms: [alg] });
  const mineCached = webjwt.createVerifier(hmac ? k.secret : k.publicPem, { algorithms: [alg], cache: true });
  const honoKey = hmac ? k.secret : k.publicJwk;

  const verifiers = {
    'webjwt createVerifier': () => mine(token),
    'webjwt verify()': () => webjwt.verify(token, hmac ? k.secret : k.publicPem, { algorithms: [alg] }),
    'webjwt (token cache)': () => mineCached(token),
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
    rows.push({ op: 'verify', alg, name, us: await latency(fn), ops: name.startsWith('webjwt verify()') ? undefined : await throughput(fn) });
  }

  const mineSigner = webjwt.createSigner(hmac ? k.secret : k.privatePem, { alg });
  const joseSignKey = hmac ? new TextEncoder().encode(k.secret) : await jose.importPKCS8(k.privatePem, alg);
  const fastSign = fastSigner({ key: hmac ? k.secret : k.privatePem, algorithm: alg });
  const signers = {
    'webjwt createSigner': () => mineSigner(payload),
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
  console.error(`${alg} done`);
}

const lines = [
  '# Benchmark results',
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}.`,
  `Libraries: webjwt ${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version} (dist/, WebCrypto backend), jose ${version('jose')}, jsonwebtoken ${version('jsonwebtoken')}, fast-jwt ${version('fast-jwt')}, hono ${version('hono')}.`,
  `Run: ${new Date().toISOString()} by \`npm run bench\`. Latency: median of 9 batches of serial calls, µs per call. Throughput: 64 verifications in flight, calls per second. Ratio: webjwt's figure (createVerifier / createSigner) divided by the row's; below 1.0 webjwt is faster.`,
  '',
];
for (const op of ['verify', 'sign']) {
  for (const alg of ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA']) {
    const group = rows.filter((r) => r.op === op && r.alg === alg);
    const base = group.find((r) => r.name.startsWith('webjwt create'));
    lines.push(`## ${op} ${alg}`, '', op === 'verify' ? '| implementation | µs / call | webjwt ÷ this | calls/s, 64 in flight |' : '| implementation | µs / call | webjwt ÷ this |', op === 'verify' ? '|---|---:|---:|---:|' : '|---|---:|---:|');
    for (const r of group) {
      const ratio = (base.us / r.us).toFixed(2);
      lines.push(op === 'verify' ? `| ${r.name} | ${r.us.toFixed(1)} | ${ratio} | ${r.ops === undefined ? '' : Math.round(r.ops)} |` : `| ${r.name} | ${r.us.toFixed(1)} | ${ratio} |`);
    }
    lines.push('');
  }
}
const text = lines.join('\n');
console.log(text);
writeFileSync(new URL('./RESULTS.md', import.meta.url), `${text}\n`);
