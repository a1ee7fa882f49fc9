// Timing helpers shared by the Node benchmark (run.mjs) and the portable one (portable.mjs): plain
// ECMAScript plus `performance`, so they run unchanged in Node, Deno and Bun.

/** Median microseconds per call of an async or sync function, over 9 batches sized to ~40 ms. */
export async function latency(fn) {
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
  PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength: 32 }],
  ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
  EdDSA: [{ name: 'Ed25519' }, { name: 'Ed25519' }],
};

export const PAYLOAD = { sub: 'user-1', iss: 'https://auth.example.com', aud: 'api', scope: 'read write' };
