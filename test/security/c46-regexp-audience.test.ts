/**
 * C46 — RegExp claim matchers: stateful /g and /y, ReDoS. Safe: a RegExp audience is copied without
 * g/y, so repeated checks agree; the caller's RegExp is not mutated. (Catastrophic patterns are the
 * caller's; the token itself is bounded by maxTokenLength.)
 */
import { describe, expect, it } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { hmacJwk } from './fixtures.js';

describe('C46 RegExp audiences', () => {
  it.each([/^api:\d+$/g, /^api:\d+$/y, /api:\d+/gy])('%s gives the same answer every time and keeps lastIndex', async (pattern) => {
    const token = await sign({ aud: ['api:1', 'api:2'] }, hmacJwk);
    pattern.lastIndex = 0;
    for (let i = 0; i < 5; i++) await verify(token, hmacJwk, { audience: pattern });
    expect(pattern.lastIndex).toBe(0);
    const other = await sign({ aud: 'web' }, hmacJwk);
    for (let i = 0; i < 3; i++)
      await expect(verify(other, hmacJwk, { audience: pattern })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM' });
  });
});
