// The CommonJS side of the package, compiled and run by test/package/check.mjs.
import { decode, importKey, sign } from 'webjwt';
import { createAuthClient } from 'webjwt/client';
import { createBearerAuth } from 'webjwt/http';
import { createSessions } from 'webjwt/session';

if (!require.resolve('webjwt').endsWith('/dist/node/index.cjs')) throw new Error('Node did not get the node build');
const secret = 'a-string-secret-at-least-256-bits-long';
const auth = createBearerAuth({ key: importKey(secret) });
const sessions = createSessions({ key: importKey(secret) });
void sign({ sub: 'x' }, secret)
  .then(async (token) => {
    if (decode(token).payload.sub !== 'x' || (await auth(`Bearer ${token}`)).payload.sub !== 'x') throw new Error('unexpected result');
    const { accessToken } = await sessions.issueTokens({ sub: 'y' });
    if ((await sessions.verifyAccess(accessToken)).payload.sub !== 'y') throw new Error('webjwt/session');
    const client = createAuthClient({ refresh: (refreshToken) => sessions.refresh(refreshToken) });
    await client.setTokens(await sessions.issueTokens({ sub: 'z' }));
    if ((await client.getAccessToken()) === null) throw new Error('webjwt/client');
    client.close();
    console.log('cjs ok');
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
