/**
 * C11 — kid injection (path traversal, SQL/NoSQL, non-string kid). Safe: kid is an opaque, bounded
 * string handed to the resolver unchanged; empty or short keys a resolver returns are refused.
 * BCP-3.10-2.
 */
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode, hmacToken } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C11 kid', () => {
  it.each(['../../../../dev/null', "x' UNION SELECT 'attacker-secret'-- ", '${jndi:ldap://x}', 'a\u0000b', '\u202e', ''])(
    'kid %j reaches the resolver byte for byte',
    async (kid) => {
      const seen: unknown[] = [];
      const token = forge({ alg: 'HS256', kid }, {}, { alg: 'HS256', key: hmacSecret });
      await verify(token, (header) => {
        seen.push(header.kid);
        return hmacJwk;
      });
      expect(seen).toEqual([kid]);
    },
  );

  it.each(['{"$ne":null}', '1', 'true', '["a"]', 'null'])('non-string kid %s is refused before any resolver call', async (kid) => {
    let called = false;
    const token = hmacToken(`{"alg":"HS256","kid":${kid}}`, '{}', 'x'.repeat(32));
    await expectCode(
      verify(token, () => ((called = true), hmacJwk)),
      'ERR_JWT_MALFORMED',
    );
    expect(called).toBe(false);
  });

  it('a kid longer than 1024 characters is refused', async () => {
    await expectCode(
      verify(forge({ alg: 'HS256', kid: 'k'.repeat(1025) }, {}, { alg: 'HS256', key: hmacSecret }), hmacJwk),
      'ERR_JWT_MALFORMED',
    );
  });

  it.each([
    ['empty string', ''],
    ['empty bytes', new Uint8Array(0)],
    ['short secret', 'secret'],
    ['/dev/null contents', '\n'],
  ])('a resolver returning %s is ERR_KEY, never an empty-key HMAC', async (_name, key) => {
    const token = forge({ alg: 'HS256', kid: '../../dev/null' }, {}, { alg: 'HS256', key });
    await expectCode(
      verify(token, () => key),
      'ERR_KEY',
    );
  });
});
