// Timing helpers shared by the Node benchmark (run.mjs) and the WebCrypto one (webcrypto.mjs): plain
// ECMAScript plus `performance`, so they run unchanged in Node, Deno, Bun, Chromium and workerd.

/** How many calls of `fn` take about `batchMs` milliseconds: a batch. */
async function batchSize(fn, batchMs) {
  for (let i = 0; i < 50; i++) await fn();
  for (let n = 1; ; n *= 2) {
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn();
    if (performance.now() - t > batchMs || n > 1 << 16) return n;
  }
}

/** 0 … n-1 in a random order: xorshift from a fixed seed, so runs are repeatable. */
let seed = 0x9e3779b9;
function shuffled(n) {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    const j = (seed >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Median microseconds per call of each function, measured side by side: every round times one batch
 * (about `batchMs` long) of each, so a slow spell of the machine (a shared 2-core VM has them) falls
 * on all of them alike instead of on whichever ran then. 15 rounds, each in a new order: a batch
 * that follows pure JavaScript (the decode() row) runs slower than the same batch after a WebCrypto
 * one, and with a fixed order that cost fell on the same implementation every round (bench/README.md).
 */
export async function latencies(fns, { batchMs = 20 } = {}) {
  const entries = Object.entries(fns).filter(([, fn]) => fn);
  const sizes = [];
  for (const [, fn] of entries) sizes.push(await batchSize(fn, batchMs));
  const samples = entries.map(() => []);
  for (let round = 0; round < 15; round++) {
    for (const i of shuffled(entries.length)) {
      const fn = entries[i][1];
      const n = sizes[i];
      const t = performance.now();
      for (let j = 0; j < n; j++) await fn();
      samples[i].push(((performance.now() - t) * 1000) / n);
    }
  }
  return Object.fromEntries(entries.map(([name], i) => [name, { us: [...samples[i]].sort((a, b) => a - b)[7], samples: samples[i] }]));
}

/**
 * webjwt's time ÷ another's: the ratio of the medians, and the middle half of the per-round ratios
 * (rounds are side by side, so their ratios show how far the machine's noise moves the comparison).
 */
export function ratioOf(mine, other) {
  const rounds = mine.samples.map((us, i) => us / other.samples[i]).sort((a, b) => a - b);
  return { ratio: mine.us / other.us, low: rounds[Math.floor(rounds.length / 4)], high: rounds[Math.floor((rounds.length * 3) / 4)] };
}

/** Calls per second with 64 in flight. */
export async function throughput(fn) {
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

export const ALGS = ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'];

/** WebCrypto parameters of each benchmarked algorithm: [import, sign/verify]. */
export const SUBTLE = {
  HS256: [{ name: 'HMAC', hash: 'SHA-256' }, { name: 'HMAC' }],
  RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
  PS256: [
    { name: 'RSA-PSS', hash: 'SHA-256' },
    { name: 'RSA-PSS', saltLength: 32 },
  ],
  ES256: [
    { name: 'ECDSA', namedCurve: 'P-256' },
    { name: 'ECDSA', hash: 'SHA-256' },
  ],
  EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
};

export const PAYLOAD = { sub: 'user-1', iss: 'https://auth.example.com', aud: 'api', scope: 'read write' };
