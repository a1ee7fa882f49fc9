/** C49 — one HMAC key across HS256/384/512. Safe: a key is bound to one alg unless the caller lists more. BCP-3.1-2. */
import { describe, it } from 'vitest';
import { importKey, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C49 HMAC alg binding', () => {
  const hs512 = forge({ alg: 'HS512' }, {}, { alg: 'HS512', key: hmacSecret });
  const hs384 = forge({ alg: 'HS384' }, {}, { alg: 'HS384', key: hmacSecret });

  it('an unpinned secret accepts HS256 only, unless HS384/HS512 are listed', async () => {
    await expectCode(verify(hs512, hmacSecret), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(hs384, hmacJwk), 'ERR_JWT_ALGORITHM');
    await verify(hs512, hmacSecret, { algorithms: ['HS512'] });
  });

  it('a pinned key (JWK alg or importKey alg) never accepts another HS variant', async () => {
    await expectCode(verify(hs512, { ...hmacJwk, alg: 'HS256' }), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(hs512, importKey(hmacSecret, 'HS256')), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(hs512, importKey(hmacSecret, 'HS256'), { algorithms: ['HS512'] }), 'ERR_KEY');
    await verify(hs512, importKey(hmacSecret, 'HS512'));
  });
});
