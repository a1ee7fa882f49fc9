/**
 * RFC 7515, 7519, 7520 and 8037 examples and jwt.io's tokens, loaded as data from vectors/.
 */
import { describe, expect, it } from 'vitest';
import { decode, importKey, verify, type Jwk, type JwsAlgorithm } from '../src/index.js';
import { encodeBase64url } from '../src/lib/base64url.js';
import { createSignature } from '../src/jws/signature.js';
import { prepareKey } from '../src/keys/key.js';
import rfc7515 from '../vectors/rfc/rfc7515_appendix_a.json' with { type: 'json' };
import rfc7519 from '../vectors/rfc/rfc7519_examples.json' with { type: 'json' };
import rfc7520keys from '../vectors/rfc/rfc7520_section3_keys.json' with { type: 'json' };
import rfc7520 from '../vectors/rfc/rfc7520_section4_jws.json' with { type: 'json' };
import rfc8037 from '../vectors/rfc/rfc8037_appendix_a.json' with { type: 'json' };
import jwtio from '../vectors/jwtio.json' with { type: 'json' };
import { expectCode, publicJwk, tamper } from './support.js';

/** Every RFC 7515/7519 JWT expires at 1300819380 (RFC README); verify just before it. */
const beforeExpiry = new Date(1300819000 * 1000);
const afterExpiry = new Date(1300819380 * 1000);

const rfc7520Keys = rfc7520keys.keys as Record<string, { jwk: Jwk }>;
const keyFor = (ref: string): Jwk => {
  const entry = rfc7520Keys[ref];
  if (entry === undefined) throw new Error(`no key ${ref}`);
  return entry.jwk;
};

const isJsonObject = (text: string) => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

describe('RFC 7515 Appendix A', () => {
  const signed = rfc7515.examples.filter((e) => e.alg !== 'none');

  it('A.4 has a text payload, so it is checked with the non-JSON vectors below', () => {
    expect(signed.filter((e) => !isJsonObject(e.payload_utf8)).map((e) => e.section)).toEqual(['Appendix A.4']);
  });

  it.each(signed.filter((e) => isJsonObject(e.payload_utf8)))('$section ($alg) verifies with a fixed clock and fails after exp', async (example) => {
    const jwk = example.jwk as Jwk;
    const key = jwk.kty === 'oct' ? jwk : publicJwk(jwk);
    const alg = example.alg as JwsAlgorithm;
    const { header, payload } = await verify(example.compact, key, { algorithms: [alg], currentDate: beforeExpiry });
    expect(header.alg).toBe(alg);
    expect(payload).toEqual(JSON.parse(example.payload_utf8));
    await expectCode(verify(example.compact, key, { algorithms: [alg], currentDate: afterExpiry }), 'ERR_JWT_EXPIRED');
    await expectCode(verify(tamper(example.compact), key, { algorithms: [alg], currentDate: beforeExpiry }), 'ERR_JWT_SIGNATURE');
  });

  it.each(signed.filter((e) => e.deterministic_signature))('$section ($alg) signature is reproduced exactly', async (example) => {
    const alg = example.alg as JwsAlgorithm;
    const signature = await createSignature(prepareKey(importKey(example.jwk as Jwk, alg), alg, 'sign', false), new TextEncoder().encode(example.signing_input));
    expect(encodeBase64url(signature)).toBe(example.signature_b64u);
  });

  it('A.5 (alg none, unsecured) is refused for every key', async () => {
    const unsecured = rfc7515.examples.find((e) => e.alg === 'none');
    const hmac = rfc7515.examples[0]?.jwk as Jwk;
    await expectCode(verify(unsecured!.compact, hmac, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM');
    await expectCode(verify(`${unsecured!.compact}AAAA`, hmac, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM');
    expect(decode(unsecured!.compact).header.alg).toBe('none');
  });
});

describe('RFC 7519', () => {
  it('§3.1 example JWT verifies with the RFC 7515 A.1 key', async () => {
    const example = rfc7519.examples.find((e) => e.section === '3.1')!;
    const { payload } = await verify(example.compact, example.jwk as Jwk, { currentDate: beforeExpiry, issuer: 'joe' });
    expect(payload).toEqual(JSON.parse(example.payload_utf8));
    expect(payload['http://example.com/is_root']).toBe(true);
  });

  it('§6.1 unsecured JWT is refused', async () => {
    const example = rfc7519.examples.find((e) => e.section === '6.1')!;
    await expectCode(verify(example.compact, rfc7519.examples[0]!.jwk as Jwk, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM');
  });
});

describe('RFC 7515 A.4, RFC 7520 §4.1–4.4 and RFC 8037 A.4 (payloads that are not JSON)', () => {
  // These payloads are text, not a JWT claims set: the signature verifies (a tampered copy fails on the
  // signature), and only then is the payload refused as not being a JSON object.
  interface VectorCase {
    name: string;
    alg: JwsAlgorithm;
    compact: string;
    jwk: Jwk;
    deterministic: boolean;
    signingInput: string;
    signature: string;
  }
  const cases: VectorCase[] = [
    ...rfc7515.examples
      .filter((e) => e.alg !== 'none' && !isJsonObject(e.payload_utf8))
      .map((e): VectorCase => ({ name: `RFC 7515 ${e.section} ${e.alg}`, alg: e.alg as JwsAlgorithm, compact: e.compact, jwk: e.jwk as Jwk, deterministic: e.deterministic_signature, signingInput: e.signing_input, signature: e.signature_b64u })),
    ...rfc7520.examples
      .filter((e) => ['4.1', '4.2', '4.3', '4.4'].includes(e.section))
      .map((e): VectorCase => ({ name: `RFC 7520 §${e.section} ${e.alg}`, alg: e.alg as JwsAlgorithm, compact: e.compact!, jwk: keyFor(e.key_ref), deterministic: e.deterministic_signature === true, signingInput: `${e.protected_header_b64u}.${e.payload_b64u}`, signature: e.signature_b64u! })),
    ...rfc8037.examples
      .filter((e) => e.section === 'A.4')
      .map((e): VectorCase => ({ name: 'RFC 8037 A.4 EdDSA', alg: 'EdDSA', compact: e.compact!, jwk: rfc8037.examples[0]!.jwk as Jwk, deterministic: true, signingInput: e.compact!.slice(0, e.compact!.lastIndexOf('.')), signature: e.compact!.slice(e.compact!.lastIndexOf('.') + 1) })),
  ];

  it('has all six vectors', () => {
    expect(cases.map((c) => c.alg)).toEqual(['ES512', 'RS256', 'PS384', 'ES512', 'HS256', 'EdDSA']);
  });

  it.each(cases)('$name: signature verifies, payload refused as not JSON', async (c) => {
    const key = c.jwk.kty === 'oct' ? c.jwk : publicJwk(c.jwk);
    await expectCode(verify(c.compact, key, { algorithms: [c.alg] }), 'ERR_JWT_MALFORMED');
    await expectCode(verify(tamper(c.compact), key, { algorithms: [c.alg] }), 'ERR_JWT_SIGNATURE');
  });

  it.each(cases.filter((c) => c.deterministic))('$name: signature reproduced exactly', async (c) => {
    const signature = await createSignature(prepareKey(importKey(c.jwk, c.alg), c.alg, 'sign', false), new TextEncoder().encode(c.signingInput));
    expect(encodeBase64url(signature)).toBe(c.signature);
  });
});

describe("jwt.io's example tokens", () => {
  const current = jwtio.tokens.find((t) => t.secret === 'a-string-secret-at-least-256-bits-long');
  const legacy = jwtio.tokens.find((t) => t.secret === 'your-256-bit-secret');

  it('the current debugger token verifies with its secret', async () => {
    const { header, payload } = await verify(current!.token, current!.secret);
    expect(header).toEqual(current!.header);
    expect(payload).toEqual(current!.payload);
  });

  it('the legacy tutorial token is refused (19-byte secret) unless allowWeakKeys is given', async () => {
    await expectCode(verify(legacy!.token, legacy!.secret), 'ERR_KEY');
    const { payload } = await verify(legacy!.token, legacy!.secret, { allowWeakKeys: true });
    expect(payload).toEqual(legacy!.payload);
    await expectCode(verify(tamper(legacy!.token), legacy!.secret, { allowWeakKeys: true }), 'ERR_JWT_SIGNATURE');
  });

  it.each(jwtio.asymmetricTokens.map((t) => [t.alg, t] as const))('the %s example verifies with its PEM and its JWK', async (alg, t) => {
    for (const key of [t.publicKeyPem, t.jwk as Jwk]) {
      const { header, payload } = await verify(t.token, key, { algorithms: [alg as JwsAlgorithm] });
      expect(header).toEqual(t.header);
      expect(payload).toEqual(t.payload);
      await expectCode(verify(tamper(t.token), key, { algorithms: [alg as JwsAlgorithm] }), 'ERR_JWT_SIGNATURE');
    }
  });
});
