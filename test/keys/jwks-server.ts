/** A real HTTP server on 127.0.0.1 that serves, rotates, delays, breaks and oversizes JWK Sets, and counts requests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { exportJWK, generateKeyPair, sign, type Jwk } from '../../src/index.js';

export type Mode =
  | 'ok'
  | 'slow'
  | 'stall-body'
  | '500'
  | '404'
  | 'html'
  | 'bad-json'
  | 'huge'
  | 'huge-chunked'
  | 'redirect'
  | 'redirect-same-origin'
  | 'private'
  | 'secret';

export interface TestServer {
  url: string;
  requests: number;
  mode: Mode;
  keys: Jwk[];
  /** Extra response headers, such as Cache-Control. */
  headers: Record<string, string>;
  close: () => Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const state = { requests: 0, mode: 'ok' as Mode, keys: [] as Jwk[], headers: {} as Record<string, string> };
  const server: Server = createServer((request, response) => {
    state.requests++;
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json', ...state.headers });
      response.end(JSON.stringify(body));
    };
    switch (state.mode) {
      case 'ok': {
        json({ keys: state.keys });
        return;
      }
      case 'slow':
        setTimeout(() => {
          json({ keys: state.keys });
        }, 1500).unref();
        return;
      // Headers at once, then a body that never ends.
      case 'stall-body':
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"keys":');
        return;
      case '500':
        response.writeHead(500).end('oops');
        return;
      case '404':
        response.writeHead(404).end();
        return;
      case 'html':
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
        return;
      case 'bad-json':
        response.writeHead(200).end('{"keys": [');
        return;
      case 'huge':
        response.writeHead(200, { 'content-length': String(2 * 1024 * 1024) }).end('x'.repeat(2 * 1024 * 1024));
        return;
      case 'huge-chunked': {
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 64; i++) response.write('x'.repeat(32 * 1024));
        response.end();
        return;
      }
      case 'redirect':
        response.writeHead(302, { location: `http://127.0.0.1:1/${request.url ?? ''}` }).end();
        return;
      case 'redirect-same-origin':
        response.writeHead(302, { location: '/jwks.json' }).end();
        return;
      case 'private': {
        json({ keys: [{ ...state.keys[0], d: 'AAAA' }] });
        return;
      }
      case 'secret': {
        json({ keys: [{ kty: 'oct', k: 'a'.repeat(43) }, ...state.keys] });
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
}

export async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid } };
}

export type KeyPair = Awaited<ReturnType<typeof keyPair>>;

/** A server, two key pairs and a settable clock, with the vitest hooks that start, reset and stop them. */
export interface JwksFixture {
  server: TestServer;
  a: KeyPair;
  b: KeyPair;
  clock: number;
  now: () => number;
  tokenFor: (pair: KeyPair, kid?: string) => Promise<string>;
}

export function useJwksServer(): JwksFixture {
  const fixture = { clock: 0 } as JwksFixture;
  fixture.now = () => fixture.clock;
  fixture.tokenFor = (pair, kid = pair.kid) => sign({ sub: kid }, pair.privateKey, { header: { kid } });
  beforeAll(async () => {
    fixture.server = await startServer();
    [fixture.a, fixture.b] = await Promise.all([keyPair('a'), keyPair('b')]);
  });
  afterAll(async () => {
    await fixture.server.close();
  });
  beforeEach(() => {
    fixture.server.requests = 0;
    fixture.server.mode = 'ok';
    fixture.server.keys = [fixture.a.jwk];
    fixture.server.headers = {};
    fixture.clock = 1_000_000;
  });
  return fixture;
}
