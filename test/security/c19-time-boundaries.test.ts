/**
 * C19 — time-window boundaries and leeway. Safe: refused when now ≥ exp + tolerance (RFC 7519
 * §4.1.4 "on or after"), accepted when now + tolerance ≥ nbf (§4.1.5); tolerance validated.
 */
import { describe, it, expect } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const T = 2_000_000_000;
const at = (seconds: number) => ({ currentDate: new Date(seconds * 1000) });
const token = (claims: object) => hmacToken('{"alg":"HS256"}', JSON.stringify(claims), hmacSecret);

describe('C19 boundaries', () => {
  it('exp: valid one second before, refused exactly at and after', async () => {
    await verify(token({ exp: T }), hmacJwk, at(T - 1));
    await expectCode(verify(token({ exp: T }), hmacJwk, at(T)), 'ERR_JWT_EXPIRED');
    await expectCode(verify(token({ exp: T }), hmacJwk, at(T + 1)), 'ERR_JWT_EXPIRED');
  });

  it('fractional exp: 1.5 seconds is honoured against whole-second time', async () => {
    await verify(token({ exp: T + 0.5 }), hmacJwk, at(T));
    await expectCode(verify(token({ exp: T - 0.5 }), hmacJwk, at(T)), 'ERR_JWT_EXPIRED');
  });

  it('nbf: valid exactly at nbf, refused one second before', async () => {
    await verify(token({ nbf: T }), hmacJwk, at(T));
    await expectCode(verify(token({ nbf: T }), hmacJwk, at(T - 1)), 'ERR_JWT_NOT_BEFORE');
  });

  it('clockTolerance widens both edges by exactly its value', async () => {
    await verify(token({ exp: T }), hmacJwk, { ...at(T + 29), clockTolerance: 30 });
    await expectCode(verify(token({ exp: T }), hmacJwk, { ...at(T + 30), clockTolerance: 30 }), 'ERR_JWT_EXPIRED');
    await verify(token({ nbf: T }), hmacJwk, { ...at(T - 30), clockTolerance: '30s' });
    await expectCode(verify(token({ nbf: T }), hmacJwk, { ...at(T - 31), clockTolerance: '30s' }), 'ERR_JWT_NOT_BEFORE');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '30', 'soon', null, {}])('clockTolerance %j is a TypeError', async (tolerance) => {
    await expect(verify(token({ exp: T }), hmacJwk, { ...at(T), clockTolerance: tolerance as never })).rejects.toBeInstanceOf(TypeError);
  });
});
