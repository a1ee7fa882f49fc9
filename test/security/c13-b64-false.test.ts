/** C13 — RFC 7797 b64:false. Safe: webjwt does not implement it, so any b64 header is refused. */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import rfc7797 from '../../vectors/rfc/rfc7797_b64_false.json' with { type: 'json' };
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

const examples = (rfc7797 as unknown as { examples: { section: string; compact: string }[] }).examples;

describe('C13 b64', () => {
  it('the RFC 7797 §4.2 detached token is refused', async () => {
    const detached = examples.find((e) => e.section.includes('4.2'))!;
    await expectCode(verify(detached.compact, hmacJwk), 'ERR_JWT_MALFORMED');
  });

  it.each([{ b64: false, crit: ['b64'] }, { b64: false }, { b64: true }])('%j with a payload is refused', async (extra) => {
    await expectCode(
      verify(forge({ alg: 'HS256', ...extra }, { sub: 'a' }, { alg: 'HS256', key: hmacSecret }), hmacJwk),
      'ERR_JWT_MALFORMED',
    );
  });
});
