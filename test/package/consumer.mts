// Compiled against the built package (dist/) by test/package/check.mjs, as an ESM consumer would.
import { createRemoteJWKSet, isJwtError, sign, verify, type JwtPayload, type VerifyOptions } from 'webjwt';

interface Claims {
  role: string;
}
const secret = 'a-string-secret-at-least-256-bits-long';
const options: VerifyOptions = { issuer: 'https://auth.example.com' };
const token: string = await sign({ role: 'admin', iss: 'https://auth.example.com' }, secret);
const { payload } = await verify<Claims>(token, secret, options);
const role: string = payload.role;
const registered: JwtPayload = payload;
const jwks = createRemoteJWKSet('https://auth.example.com/.well-known/jwks.json');
if (role !== 'admin' || registered.iss !== 'https://auth.example.com' || typeof jwks !== 'function' || isJwtError(role)) {
  throw new Error('unexpected result');
}
console.log('esm ok');
