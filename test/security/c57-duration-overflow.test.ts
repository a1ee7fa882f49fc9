/**
 * C57 — a duration that overflows fails open: `clockTolerance: '9…9 years'` parses to Infinity and
 * an expired token verifies; `maxAge` the same means no limit. Safe: a duration that is not a finite,
 * safe number of seconds is a TypeError naming the option.
 */
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier, generateSecret, sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';

const key = generateSecret('HS256');
const huge = [
  '9'.repeat(400) + ' years',
  `${'9'.repeat(309)}s`,
  '1e400s',
  Number.POSITIVE_INFINITY,
  Number.MAX_VALUE,
  2 ** 60,
  '300000000 years',
];

describe('C57 durations must be finite, safe numbers of seconds', () => {
  it.each(huge)('%s is refused wherever a duration is taken', async (value) => {
    const expired = await sign({ sub: 'u', iat: 1000 }, key, { currentDate: new Date(0), expiresIn: 60 });
    for (const option of ['clockTolerance', 'maxAge'] as const) {
      await expect(verify(expired, key, { [option]: value })).rejects.toThrow(new RegExp(option));
      expect(() => createVerifier(key, { [option]: value })).toThrow(TypeError);
    }
    for (const option of ['expiresIn', 'notBefore'] as const) {
      await expect(sign({}, key, { [option]: value })).rejects.toThrow(new RegExp(option));
      expect(() => createSigner(key, { [option]: value })).toThrow(TypeError);
    }
    expect(() => createVerifier(key, { cache: { ttl: value } })).toThrow(TypeError);
  });

  it('the expired token stays expired under a large but finite tolerance it was not given', async () => {
    const expired = await sign({ sub: 'u' }, key, { currentDate: new Date(0), expiresIn: 60 });
    await expectCode(verify(expired, key, { clockTolerance: '1h' }), 'ERR_JWT_EXPIRED');
    await expect(verify(expired, key, { clockTolerance: '900 years' })).resolves.toBeDefined();
  });
});
