// What a session costs: refresh() and verifyAccess(token, { checkRevoked: true }) throughput on the
// memory store, one Redis, and a Redis Cluster of 3 masters and 3 replicas (without and with
// waitForReplicas: 1), each Redis started here on 127.0.0.1 by the tests' own helpers. Run alone
// (`npm run bench:sessions`: it rewrites the Sessions section of RESULTS.md) or as part of
// `npm run bench`. Where redis-server is not installed, the Redis rows are skipped with a printed line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createClient, createCluster } from 'redis';
import { generateSecret } from '../dist/node/index.js';
import { createSessions, memoryStore, redisStore } from '../dist/session.js';
import { throughput } from './measure.mjs';

/** A TypeScript module of the tests (the redis-server and cluster helpers), bundled and imported. */
async function importTs(path) {
  const out = join(tmpdir(), `webjwt-bench-${process.pid}-${path.replaceAll('/', '-')}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL(path, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'error',
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}

/** Calls per second of refresh() and of checked verifyAccess(), 64 in flight, on `store`. */
async function measure(store) {
  const sessions = createSessions({ key: generateSecret('HS256'), issuer: 'https://auth.example.com', audience: 'api', store });
  // A pool of live refresh tokens: each refresh takes one and puts back its successor.
  const pool = await Promise.all(Array.from({ length: 256 }, (_, i) => sessions.issueTokens({ sub: `user-${i}` })));
  const tokens = pool.map((pair) => pair.refreshToken);
  const refresh = async () => {
    const next = await sessions.refresh(tokens.shift());
    tokens.push(next.refreshToken);
  };
  const accessTokens = pool.map((pair) => pair.accessToken);
  let i = 0;
  const verifyChecked = () => sessions.verifyAccess(accessTokens[i++ % accessTokens.length], { checkRevoked: true });
  const verifyStateless = () => sessions.verifyAccess(accessTokens[i++ % accessTokens.length]);
  return { refresh: await throughput(refresh), checked: await throughput(verifyChecked), stateless: await throughput(verifyStateless) };
}

export async function measureSessions(log = (line) => console.error(line)) {
  const rows = [['memory store (one process)', await measure(memoryStore())]];
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) {
    log('skipped: the Redis rows of bench/sessions.mjs need redis-server (apt-get install redis-server)');
  } else {
    const { startRedisServer } = await importTs('../test/session/redis-server.ts');
    const { startRedisCluster } = await importTs('../test/session/redis-cluster.ts');
    const server = await startRedisServer();
    const client = await createClient({ url: server.url }).connect();
    try {
      rows.push(['one Redis', await measure(redisStore(client))]);
    } finally {
      client.destroy();
      await server.stop();
    }
    const cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 5000 });
    const clusterClient = await createCluster({ rootNodes: cluster.rootNodes }).connect();
    try {
      rows.push(['Redis Cluster, 3 masters + 3 replicas', await measure(redisStore(clusterClient))]);
      rows.push(['the same, waitForReplicas: 1', await measure(redisStore(clusterClient, { waitForReplicas: 1 }))]);
    } finally {
      clusterClient.destroy();
      await cluster.stop();
    }
  }
  log('sessions done');
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  return [
    '## Sessions',
    '',
    `webjwt/session (dist/session.js), HS256, on ${new Date().toISOString().slice(0, 10)}: calls per second with 64 in flight, one Node process; every Redis on 127.0.0.1 of the same machine, whose 2 cores Node and every redis-server share; AOF on for the cluster. \`refresh()\` verifies the refresh token, reads its two revocation entries, spends it (SET NX) and signs a new pair; \`verifyAccess(…, { checkRevoked: true })\` verifies and reads two entries; stateless \`verifyAccess()\` reads nothing.`,
    '',
    '| store | refresh() / s | verifyAccess checked / s | verifyAccess stateless / s |',
    '|---|---:|---:|---:|',
    ...rows.map(([name, r]) => `| ${name} | ${fmt(r.refresh)} | ${fmt(r.checked)} | ${fmt(r.stateless)} |`),
    '',
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lines = await measureSessions();
  const text = lines.join('\n');
  console.log(text);
  const results = new URL('./RESULTS.md', import.meta.url);
  const current = readFileSync(results, 'utf8');
  const start = current.indexOf('## Sessions\n');
  const end = start === -1 ? -1 : current.indexOf('\n## ', start + 1);
  const updated =
    start === -1 ? `${current.trimEnd()}\n\n${text}` : `${current.slice(0, start)}${text}${end === -1 ? '\n' : current.slice(end)}`;
  writeFileSync(results, updated.endsWith('\n') ? updated : `${updated}\n`);
  process.exit(0);
}
