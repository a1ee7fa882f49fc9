import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, sign, verify, isJwtError } from '../../src/index.js';
import { useJwksServer } from './jwks-server.js';

describe('probe', () => {
  const fx = useJwksServer();
  it('concurrent rotation', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.keys = [fx.a.jwk, fx.b.jwk];
    fx.clock += 31_000;
    const token = await fx.tokenFor(fx.b);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => verify(token, jwks)));
    console.log('rotation', results.map((r) => r.status === 'fulfilled' ? 'ok' : (r.reason as {code:string}).code).join(','), 'requests', fx.server.requests);
  });
  it('outage storm', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    await verify(await fx.tokenFor(fx.a), jwks);
    fx.server.mode = '500';
    fx.clock += 11 * 60_000;
    for (let i = 0; i < 10; i++) await verify(await fx.tokenFor(fx.a), jwks);
    console.log('outage requests', fx.server.requests);
  });
  it('cold outage storm', async () => {
    fx.server.mode = '500';
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    for (let i = 0; i < 10; i++) await verify(await fx.tokenFor(fx.a), jwks).catch(() => 0);
    console.log('cold outage requests', fx.server.requests);
  });
  it('same-origin redirect and slow body', async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      if (req.url === '/moved') { res.writeHead(301, { location: '/jwks.json' }).end(); return; }
      if (req.url === '/stall') { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"keys":'); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [fx.a.jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const e1 = await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(`http://127.0.0.1:${port}/moved`)).catch((e: unknown) => e);
    console.log('same-origin redirect', isJwtError(e1) ? e1.code : e1, 'hits', hits);
    const t = Date.now();
    const e2 = await verify(await fx.tokenFor(fx.a), createRemoteJWKSet(`http://127.0.0.1:${port}/stall`, { timeout: 0.3 })).catch((e: unknown) => e);
    console.log('stall', isJwtError(e2) ? e2.code + ' ' + e2.message : e2, Date.now() - t, 'ms');
    server.closeAllConnections(); server.close();
  });
  it('embedded jwk header', async () => {
    const jwks = createRemoteJWKSet(fx.server.url, { now: fx.now });
    const e = await sign({}, fx.b.privateKey, { header: { kid: 'a', jwk: fx.b.jwk, x5c: ['AAAA'] } as never }).then((tok) => verify(tok, jwks)).catch((e: unknown) => e);
    console.log('jwk header', isJwtError(e) ? e.code : e);
  });
});
