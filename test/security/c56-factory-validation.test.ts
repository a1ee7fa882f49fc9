/**
 * C56 — a factory that accepts a bad option and then fails on every call (`isRevoked: 'yes'` with a
 * raw "is not a function" per request, a `maxTokenLength: -1` that refuses every token). Safe: the
 * factories check every option's type when they are created, with a TypeError naming the option.
 */
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier, generateSecret } from '../../src/index.js';
import { createBearerAuth } from '../../src/http.js';

const key = generateSecret('HS256');

const badVerifierOptions: [string, unknown][] = [
  ['maxTokenLength', -1],
  ['maxTokenLength', 1.5],
  ['maxTokenLength', '100'],
  ['maxTokenLength', Number.POSITIVE_INFINITY],
  ['currentDate', 'x'],
  ['currentDate', new Date(Number.NaN)],
  ['currentDate', 1_700_000_000],
  ['validate', 42],
  ['validate', { role: 'admin' }],
  ['validate', null],
  ['isRevoked', 'yes'],
  ['isRevoked', true],
  ['clockTolerance', 'soon'],
  ['clockTolerance', -5],
  ['clockTolerance', '60'],
  ['maxAge', 'old'],
  ['maxAge', Number.NaN],
  ['algorithms', []],
  ['algorithms', ['none']],
  ['algorithms', 'HS256'],
  ['allowWeakKeys', 'yes'],
  ['issuer', 1],
  ['issuer', []],
  ['audience', 5],
  ['audience', []],
  ['subject', 7],
  ['typ', 1],
  ['typ', ''],
  ['requiredClaims', 'sub'],
  ['requiredClaims', [1]],
  ['cache', 'yes'],
  ['cache', { maxEntries: 0 }],
  ['cache', { ttl: 'forever' }],
];

const badSignerOptions: [string, unknown][] = [
  ['expiresIn', true],
  ['expiresIn', 'soon'],
  ['expiresIn', -1],
  ['notBefore', {}],
  ['issuer', 1],
  ['subject', false],
  ['jwtId', 5],
  ['audience', 3],
  ['audience', [1]],
  ['issuedAt', 'now'],
  ['issuedAt', true],
  ['header', 'x'],
  ['header', { alg: 'HS512' }],
  ['header', { crit: ['exp'] }],
  ['header', { kid: 5 }],
  ['currentDate', 'today'],
  ['allowWeakKeys', 1],
  ['alg', 'none'],
  ['alg', 'hs256'],
];

describe('C56 factories check every option at creation', () => {
  it.each(badVerifierOptions)('createVerifier refuses %s: %j', (name, value) => {
    expect(() => createVerifier(key, { [name]: value })).toThrow(TypeError);
    expect(() => createBearerAuth({ key, [name]: value })).toThrow(TypeError);
  });

  it.each(badSignerOptions)('createSigner refuses %s: %j', (name, value) => {
    expect(() => createSigner(key, { [name]: value })).toThrow(TypeError);
  });

  it('the error names the option', () => {
    expect(() => createVerifier(key, { isRevoked: 'yes' as never })).toThrow(/isRevoked/);
    expect(() => createVerifier(key, { maxTokenLength: -1 })).toThrow(/maxTokenLength/);
    expect(() => createSigner(key, { expiresIn: true as never })).toThrow(/expiresIn/);
    expect(() => createSigner(key, { header: 'x' as never })).toThrow(/header/);
  });

  it('good options still make working factories', async () => {
    const signer = createSigner(key, { expiresIn: '1h', issuer: 'https://a', header: { kid: 'k1' } });
    const verifier = createVerifier(key, {
      issuer: 'https://a',
      maxTokenLength: 4096,
      isRevoked: () => false,
      validate: { sub: (v) => v === 'u' },
    });
    expect((await verifier(await signer({ sub: 'u' }))).header.kid).toBe('k1');
  });
});
