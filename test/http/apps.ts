/**
 * The same small API three ways, each on a real server: node:http with the middleware, Express 5
 * with the middleware, and Hono (Fetch API) with `auth(request)`. Routes:
 * - /profile: any valid token; answers its payload;
 * - /admin: role `admin`; /orders: scope `orders:read`; /acme: claim `tenant` = `acme`;
 * - /broken: a key resolver that throws, i.e. a server fault, which must not become a 401.
 */
import { createServer } from 'node:http';
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from 'express';
import { Hono } from 'hono';
import type { VerifyResult } from '../../src/index.js';
import {
  BearerError,
  createBearerAuth,
  requireClaims,
  requireRole,
  requireScope,
  type AuthenticatedRequest,
  type BearerAuthOptions,
  type Guard,
} from '../../src/http.js';
import { listen, serveFetch, type Listening } from './serve.js';

export type AppName = 'node:http' | 'express' | 'hono';

const GUARDS: Record<string, Guard[]> = {
  '/profile': [],
  '/admin': [requireRole('admin')],
  '/orders': [requireScope('orders:read')],
  '/acme': [requireClaims({ tenant: 'acme' })],
};

const SERVER_ERROR = { error: 'server_error' };

export function startApp(name: AppName, options: BearerAuthOptions): Promise<Listening> {
  const auth = createBearerAuth(options);
  const broken = createBearerAuth({
    ...options,
    key: () => {
      throw new Error('key service down');
    },
  });
  switch (name) {
    case 'node:http': {
      const routes = new Map(Object.entries(GUARDS).map(([path, guards]) => [path, auth.middleware(...guards)]));
      routes.set('/broken', broken.middleware());
      return listen(
        createServer((req, res) => {
          const json = (status: number, body: unknown) => {
            res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
          };
          const route = routes.get(req.url ?? '');
          if (route === undefined) {
            json(404, {});
            return;
          }
          route(req, res, (error) => {
            if (error !== undefined) json(500, SERVER_ERROR);
            else json(200, (req as typeof req & AuthenticatedRequest).auth.payload);
          });
        }),
      );
    }
    case 'express': {
      const app = express();
      for (const [path, guards] of Object.entries(GUARDS)) {
        app.get(path, auth.middleware(...guards), (req, res) => {
          res.json((req as ExpressRequest & AuthenticatedRequest).auth.payload);
        });
      }
      app.get('/broken', broken.middleware(), (_req, res) => {
        res.json({});
      });
      app.use((_error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
        res.status(500).json(SERVER_ERROR);
      });
      return listen(createServer(app));
    }
    case 'hono': {
      const app = new Hono<{ Variables: { auth: VerifyResult } }>();
      app.onError((error, c) => (error instanceof BearerError ? error.toResponse() : c.json(SERVER_ERROR, 500)));
      // The middleware form for one route, auth(request, ...guards) in the handler for the others.
      app.use('/profile', async (c, next) => {
        c.set('auth', await auth(c.req.raw));
        await next();
      });
      app.get('/profile', (c) => c.json(c.get('auth').payload));
      for (const [path, guards] of Object.entries(GUARDS)) {
        if (path !== '/profile') app.get(path, async (c) => c.json((await auth(c.req.raw, ...guards)).payload));
      }
      app.get('/broken', async (c) => c.json((await broken(c.req.raw)).payload));
      return serveFetch(app.fetch);
    }
  }
}
