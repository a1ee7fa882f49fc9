/**
 * C39 — ECDSA nonce quality on the signing side. WebCrypto signs with random nonces, not RFC 6979
 * (documented: BCP-3.2-3 cannot be met with WebCrypto alone). Tested: r never repeats.
 */
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/index.js';
import { p256, p521 } from './fixtures.js';

describe('C39 ECDSA nonces', () => {
  it.each([
    ['ES256', p256, 32],
    ['ES512', p521, 66],
  ] as const)('%s: r differs across 50 signatures, same message or not', async (alg, key, size) => {
    const rs = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const token = await sign({ n: i % 2 }, key.privateJwk, { alg, issuedAt: 0 });
      rs.add(
        Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url')
          .subarray(0, size)
          .toString('hex'),
      );
    }
    expect(rs.size).toBe(50);
  });
});
