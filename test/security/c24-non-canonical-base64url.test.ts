/**
 * C24 — non-canonical base64url. Safe: alphabet [A-Za-z0-9_-], no padding, length mod 4 ≠ 1, zero
 * unused bits; anything else refused in every segment. rfc8725bis "Check JWT Format Type".
 */
import { describe, expect, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, hmacSign } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

// Lengths chosen so every segment has unused bits: 30, 19 and 43 characters.
const token = forge({ alg: 'HS256', x: 12 }, { sub: 'user' }, { alg: 'HS256', key: hmacSecret });
const segments = token.split('.') as [string, string, string];

/** Non-canonical spellings of a segment; lenient decoders (Buffer, atob) accept most of them. */
const spoil = (segment: string): [string, string][] => [
  ['padding', `${segment}${'='.repeat(4 - (segment.length % 4))}`],
  ['"+" from the standard alphabet', `+${segment.slice(1)}`],
  ['"/" from the standard alphabet', `${segment.slice(0, -1)}/`],
  ['space inside', `${segment.slice(0, 4)} ${segment.slice(4)}`],
  ['line break inside', `${segment.slice(0, 4)}\n${segment.slice(4)}`],
  ['tab at the end', `${segment}\t`],
  ['length 1 mod 4', `${segment}${'A'.repeat(5 - (segment.length % 4))}`],
  // The last character's unused low bits are zero in canonical form; +1 sets one of them.
  ['non-zero unused bits', segment.slice(0, -1) + String.fromCharCode(segment.charCodeAt(segment.length - 1) + 1)],
  ['percent-encoding', `${segment.slice(0, 4)}%41${segment.slice(4)}`],
];

describe('C24 canonical base64url only', () => {
  it('the unspoiled token verifies and has unused bits in every segment', async () => {
    await verify(token, hmacJwk);
    expect(segments.map((segment) => segment.length % 4)).toEqual([2, 3, 3]);
  });

  for (const [index, name] of [
    [0, 'header'],
    [1, 'payload'],
    [2, 'signature'],
  ] as const) {
    it.each(spoil(segments[index]))(`${name}: %s`, async (_variant, spoiled) => {
      const parts = [...segments];
      parts[index] = spoiled;
      // Header and payload variants are re-signed, so nothing but the encoding is wrong with them.
      const bad = index === 2 ? parts.join('.') : hmacSign(`${parts[0]!}.${parts[1]!}`, hmacSecret);
      await expectCode(verify(bad, hmacJwk), 'ERR_JWT_MALFORMED');
      await expectCode(() => decode(bad), 'ERR_JWT_MALFORMED');
    });
  }
});
