/**
 * C14 — duplicate JSON member names (parser differential). Safe, and documented: the last member
 * wins everywhere; the alg used for checking is the alg returned to the caller.
 */
import { describe, expect, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, hmacSign, utf8 } from '../support.js';
import { hmacJwk, hmacSecret } from './fixtures.js';

const token = (header: string, payload: string) => hmacSign(`${utf8(header)}.${utf8(payload)}`, hmacSecret);

describe('C14 duplicates', () => {
  it('{"alg":"HS256","alg":"none"} is read as none, everywhere', async () => {
    const t = token('{"alg":"HS256","alg":"none"}', '{}');
    expect(decode(t).header.alg).toBe('none');
    await expectCode(verify(t, hmacJwk), 'ERR_JWT_ALGORITHM');
  });

  it('{"alg":"none","alg":"HS256"} is read as HS256, and the returned header says so', async () => {
    const { header, payload } = await verify(token('{"alg":"none","alg":"HS256"}', '{"sub":"user-1","sub":"admin"}'), hmacJwk);
    expect(header.alg).toBe('HS256');
    expect(payload.sub).toBe('admin');
  });

  it('a duplicated exp: the last one is the one checked', async () => {
    const t = token('{"alg":"HS256"}', '{"exp":9999999999,"exp":1}');
    await expectCode(verify(t, hmacJwk), 'ERR_JWT_EXPIRED');
    expect(decode(t).payload.exp).toBe(1);
  });
});
