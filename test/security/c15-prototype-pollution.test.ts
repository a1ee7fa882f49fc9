/**
 * C15 — __proto__ / constructor.prototype members. Safe: parsed JSON stays plain data; no
 * Object.prototype change; claim checks read own members only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, hmacSign, utf8 } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const token = (header: string, payload: string) => hmacSign(`${utf8(header)}.${utf8(payload)}`, hmacSecret);
const before = Object.getOwnPropertyNames(Object.prototype).sort();

describe('C15 prototype members', () => {
  afterEach(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('__proto__ in the payload is an own data member, not a prototype', async () => {
    const { payload } = await verify(token('{"alg":"HS256"}', '{"sub":"u","__proto__":{"admin":true,"aud":"api"}}'), hmacJwk);
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
    expect(payload.admin).toBeUndefined();
  });

  it('an inherited iss/aud/sub never satisfies a check', async () => {
    const t = token('{"alg":"HS256"}', '{"__proto__":{"iss":"https://issuer","aud":"api","sub":"root"}}');
    await expectCode(verify(t, hmacJwk, { issuer: 'https://issuer' }), 'ERR_JWT_CLAIM');
    await expectCode(verify(t, hmacJwk, { audience: 'api' }), 'ERR_JWT_CLAIM');
    await expectCode(verify(t, hmacJwk, { subject: 'root' }), 'ERR_JWT_CLAIM');
    await expectCode(verify(t, hmacJwk, { requiredClaims: ['iss'] }), 'ERR_JWT_CLAIM');
  });

  it('constructor.prototype and prototype members are inert', async () => {
    const t = token(
      '{"alg":"HS256","constructor":{"prototype":{"alg":"none"}}}',
      '{"constructor":{"prototype":{"admin":true}},"prototype":{"x":1}}',
    );
    const { header, payload } = await verify(t, hmacJwk);
    expect(header.alg).toBe('HS256');
    expect(payload.constructor).toEqual({ prototype: { admin: true } });
  });

  it('__proto__ in the header cannot change alg', async () => {
    const t = token('{"__proto__":{"alg":"none"},"alg":"HS256"}', '{}');
    expect(decode(t).header.alg).toBe('HS256');
    await verify(t, hmacJwk);
    await expectCode(verify(token('{"__proto__":{"alg":"HS256"}}', '{}'), hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
