/**
 * Real servers on 127.0.0.1 for the webjwt/http tests: `listen()` for a node:http server, and
 * `serveFetch()`, a tiny node:http ⇄ Fetch API bridge (what @hono/node-server does) for a
 * `(request) => Response` handler such as Hono's `app.fetch`. The bridge forwards no request body:
 * the tests only send GETs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  close: () => Promise<void>;
}

export async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
    });
  return { url: `http://127.0.0.1:${port}`, close };
}

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export function serveFetch(handler: FetchHandler): Promise<Listening> {
  return listen(
    createServer((req, res) => {
      void bridge(handler, req, res);
    }),
  );
}

async function bridge(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Appended one by one, so repeated fields are joined with ", " as a Fetch runtime joins them.
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const request = new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), { method: req.method ?? 'GET', headers });
  let response: Response;
  try {
    response = await handler(request);
  } catch {
    response = new Response(null, { status: 500 });
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(Buffer.from(await response.arrayBuffer()));
}
