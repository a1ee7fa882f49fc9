/**
 * C44 — unprotected headers trusted (JWS JSON serialization). Safe: compact only, so there is no
 * unprotected header to trust; RFC 7520 §4.7's unprotected-only JWS is refused.
 */
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import rfc7520 from '../../vectors/rfc/rfc7520_section4_jws.json' with { type: 'json' };
import { expectCode } from '../support.js';
import { hmacJwk } from './fixtures.js';

describe('C44 JSON serialization', () => {
  it.each(
    rfc7520.examples.flatMap((e) =>
      [e.general_json, e.flattened_json].filter((v) => v !== undefined).map((v) => [e.section, JSON.stringify(v)] as const),
    ),
  )('RFC 7520 §%s in JSON serialization is refused', async (_section, serialized) => {
    await expectCode(verify(serialized, hmacJwk), 'ERR_JWT_MALFORMED');
  });
});
