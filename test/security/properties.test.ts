/**
 * Property-based tests (fast-check): codecs round-trip and refuse every non-canonical form; no input
 * makes decode()/verify() throw anything but a JwtError; sign → verify round-trips arbitrary JSON for
 * every algorithm; nothing ever mutates Object.prototype.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, isJwtError, sign, verify } from '../../src/index.js';
import * as base64url from '../../src/lib/base64url.js';
import { encodeBase64url } from '../../src/lib/base64url.js';
import * as backend from '../../src/crypto/backend.js';
import { ALL_ALGORITHMS, testKeys, utf8 } from '../support.js';
import { hmacJwk } from './fixtures.js';

/**
 * The JavaScript decoder, and the backend's (the same one on WebCrypto, Buffer's in the Node project,
 * which returns the Buffer itself: compared here as plain bytes).
 */
const plain = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new Uint8Array(bytes));
const decoders = [
  base64url.decodeBase64url,
  (text: string, start?: number, end?: number) => plain(backend.decodeBase64url(text, start, end)),
];

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
});

/** Runs `fn`, which may only fail with a JwtError. */
async function onlyJwtErrors(fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!isJwtError(error)) throw error;
  }
}

describe('base64url (RFC 4648 §5, canonical)', () => {
  it('round-trips every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        for (const decode of decoders) expect(decode(text)).toEqual(bytes);
        expect(backend.encodeBase64url(bytes)).toBe(text);
        expect(plain(backend.decodeBase64url(`.${text}.`, 1, text.length + 1))).toEqual(bytes);
      }),
    );
  });

  it("the backend's encoder gives the base64url of a string's UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        expect(backend.encodeBase64url(text)).toBe(encodeBase64url(new TextEncoder().encode(text)));
      }),
    );
  });

  it('agrees with Node on canonical input and refuses everything Node would re-encode differently', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n'.split('')),
          maxLength: 40,
        }),
        (text) => {
          const canonical =
            Buffer.from(text, 'base64url').toString('base64url') === text && /^[A-Za-z0-9_-]*$/.test(text) && text.length % 4 !== 1;
          for (const decode of decoders) {
            const decoded = decode(text);
            expect(decoded !== undefined).toBe(canonical);
            if (decoded !== undefined) expect(Buffer.from(decoded).toString('base64url')).toBe(text);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('hostile input', () => {
  const secret = 'a-string-secret-at-least-256-bits-long';

  it('arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        await onlyJwtErrors(() => decode(text));
        await onlyJwtErrors(() => verify(text, secret));
      }),
      { numRuns: 500 },
    );
  });

  it('token-shaped strings and arbitrary bytes as segments', async () => {
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
      fc.uint8Array({ maxLength: 60 }).map((b) => encodeBase64url(b)),
    );
    const json = fc.jsonValue({ maxDepth: 4 }).map((v) => utf8(JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(segment, json),
        fc.oneof(segment, json),
        segment,
        fc.constantFrom('.', '..', ''),
        async (h, p, s, extra) => {
          const token = `${h}.${p}.${s}${extra === '' ? '' : extra + s}`;
          await onlyJwtErrors(() => decode(token));
          await onlyJwtErrors(() => verify(token, secret));
          await onlyJwtErrors(() => verify(token, hmacJwk, { algorithms: ['HS256', 'HS512'], audience: /a/g, issuer: ['x'], maxAge: 5 }));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('header objects with arbitrary members', async () => {
    const header = fc.dictionary(
      fc.oneof(fc.constantFrom('alg', 'kid', 'typ', 'crit', 'b64', 'cty', '__proto__', 'jwk', 'enc', 'zip'), fc.string()),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(header, fc.jsonValue({ maxDepth: 3 }), async (h, p) => {
        const token = `${utf8(JSON.stringify(h))}.${utf8(JSON.stringify(p))}.AAAA`;
        await onlyJwtErrors(() => decode(token));
        await onlyJwtErrors(() => verify(token, hmacJwk));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sign → verify round trips arbitrary JSON', () => {
  const claims = fc.dictionary(
    fc.string({ maxLength: 12 }).filter((k) => !['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'].includes(k)),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 6 },
  );

  it.each(ALL_ALGORITHMS)('%s', async (alg) => {
    const { signing, verifying } = await testKeys(alg);
    const runs = alg.startsWith('RS') || alg.startsWith('PS') ? 15 : 60;
    await fc.assert(
      fc.asyncProperty(claims, async (payload) => {
        const token = await sign(payload, signing.cryptoKey, { issuedAt: false });
        const result = await verify(token, verifying.cryptoKey);
        // JSON semantics: -0 becomes 0; everything else survives exactly.
        expect(result.payload).toEqual(JSON.parse(JSON.stringify(payload)));
      }),
      { numRuns: runs },
    );
  });
});
