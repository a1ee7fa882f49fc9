/**
 * RFC 7515, 7519, 7520, 7638, 7797 and 8037 examples and jwt.io's tokens, through the public API
 * only (test/vectors.test.ts also reproduces the deterministic signatures through internals).
 */
import rfc7515 from '../../../vectors/rfc/rfc7515_appendix_a.json' with { type: 'json' };
import rfc7519 from '../../../vectors/rfc/rfc7519_examples.json' with { type: 'json' };
import rfc7520keys from '../../../vectors/rfc/rfc7520_section3_keys.json' with { type: 'json' };
import rfc7520 from '../../../vectors/rfc/rfc7520_section4_jws.json' with { type: 'json' };
import rfc7638 from '../../../vectors/rfc/rfc7638_thumbprint.json' with { type: 'json' };
import rfc7797 from '../../../vectors/rfc/rfc7797_b64_false.json' with { type: 'json' };
import rfc8037 from '../../../vectors/rfc/rfc8037_appendix_a.json' with { type: 'json' };
import jwtio from '../../../vectors/jwtio.json' with { type: 'json' };
import { check, checkJson } from '../harness.js';
import { expectCode, publicPart, tamper, type Jwk, type JwsAlgorithm, type SuiteContext } from '../support.js';

/** Every RFC 7515/7519 JWT expires at 1300819380; verify just before and at that second. */
const beforeExpiry = new Date(1300819000 * 1000);
const atExpiry = new Date(1300819380 * 1000);

const isJsonObject = (text: string): boolean => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

const verifyingKey = (jwk: Jwk): Jwk => (jwk.kty === 'oct' ? jwk : publicPart(jwk));
const rfc7520Key = (ref: string): Jwk => (rfc7520keys.keys as Record<string, { jwk: Jwk } | undefined>)[ref]!.jwk;
const rfc8037Example = (section: string) => rfc8037.examples.find((e) => e.section === section)!;

export function registerVectors({ test, lib }: SuiteContext): void {
  const { decode, sign, thumbprint, thumbprintUri, verify } = lib;

  for (const example of rfc7515.examples.filter((e) => e.alg !== 'none' && isJsonObject(e.payload_utf8))) {
    test(`RFC 7515 ${example.section} ${example.alg}: verifies, expires, tampered fails`, async () => {
      const key = verifyingKey(example.jwk as Jwk);
      const alg = example.alg as JwsAlgorithm;
      const { header, payload } = await verify(example.compact, key, { algorithms: [alg], currentDate: beforeExpiry });
      check(header.alg === alg, 'header.alg');
      checkJson(payload, JSON.parse(example.payload_utf8), 'payload');
      await expectCode(lib, verify(example.compact, key, { algorithms: [alg], currentDate: atExpiry }), 'ERR_JWT_EXPIRED', 'at exp');
      await expectCode(lib, verify(tamper(example.compact), key, { algorithms: [alg], currentDate: beforeExpiry }), 'ERR_JWT_SIGNATURE', 'tampered');
    });
  }

  test('RFC 7515 A.5 and RFC 7519 §6.1 (alg none) are refused for every key', async () => {
    const hmac = rfc7515.examples[0]!.jwk as Jwk;
    const rsa = publicPart(rfc7515.examples[1]!.jwk as Jwk);
    for (const unsecured of [rfc7515.examples.find((e) => e.alg === 'none')!.compact, rfc7519.examples.find((e) => e.section === '6.1')!.compact]) {
      check(decode(unsecured).header.alg === 'none', 'decode shows alg none');
      for (const key of [hmac, rsa]) {
        await expectCode(lib, verify(unsecured, key, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM', 'unsecured');
        await expectCode(lib, verify(`${unsecured}AAAA`, key, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM', 'with a signature');
      }
    }
  });

  test('RFC 7519 §3.1 example JWT verifies with its issuer', async () => {
    const example = rfc7519.examples.find((e) => e.section === '3.1')!;
    const { payload } = await verify(example.compact, example.jwk as Jwk, { currentDate: beforeExpiry, issuer: 'joe' });
    checkJson(payload, JSON.parse(example.payload_utf8), 'payload');
    await expectCode(lib, verify(example.compact, example.jwk as Jwk, { currentDate: beforeExpiry, issuer: 'ann' }), 'ERR_JWT_CLAIM', 'other issuer');
  });

  // Text payloads, not claims sets: the signature verifies (a tampered copy fails on it), then the
  // payload is refused.
  const textPayloads: [string, JwsAlgorithm, string, Jwk][] = [
    ...rfc7515.examples
      .filter((e) => e.alg !== 'none' && !isJsonObject(e.payload_utf8))
      .map((e): [string, JwsAlgorithm, string, Jwk] => [`RFC 7515 ${e.section}`, e.alg as JwsAlgorithm, e.compact, e.jwk as Jwk]),
    ...rfc7520.examples
      .filter((e) => ['4.1', '4.2', '4.3', '4.4'].includes(e.section))
      .map((e): [string, JwsAlgorithm, string, Jwk] => [`RFC 7520 §${e.section}`, e.alg as JwsAlgorithm, e.compact!, rfc7520Key(e.key_ref)]),
    ['RFC 8037 A.4', 'EdDSA', rfc8037Example('A.4').compact!, rfc8037Example('A.1').jwk as Jwk],
  ];
  test('the six text-payload vectors are all present', () => {
    checkJson(textPayloads.map(([, alg]) => alg), ['ES512', 'RS256', 'PS384', 'ES512', 'HS256', 'EdDSA'], 'algorithms');
  });
  for (const [name, alg, compact, jwk] of textPayloads) {
    test(`${name} ${alg}: signature verifies, text payload refused`, async () => {
      const key = verifyingKey(jwk);
      await expectCode(lib, verify(compact, key, { algorithms: [alg] }), 'ERR_JWT_MALFORMED', 'text payload');
      await expectCode(lib, verify(tamper(compact), key, { algorithms: [alg] }), 'ERR_JWT_SIGNATURE', 'tampered');
    });
  }

  test('RFC 7520 §3 private keys sign deterministically (RS256, HS256) and their public halves verify', async () => {
    for (const [ref, alg] of [['figure_4_rsa_2048_private', 'RS256'], ['figure_5_hmac_sha256_symmetric', 'HS256'], ['figure_2_ec_p521_private', 'ES512']] as const) {
      const jwk = rfc7520Key(ref);
      const options = { alg, issuedAt: 1 } as const;
      const first = await sign({ sub: ref }, jwk, options);
      if (alg !== 'ES512') check(first === (await sign({ sub: ref }, jwk, options)), `${alg} is deterministic`);
      const { payload } = await verify(first, verifyingKey(jwk), { algorithms: [alg] });
      check(payload.sub === ref, 'payload.sub');
    }
  });

  test('RFC 8037 A.1/A.2 Ed25519 keys: deterministic signature verified by the public key', async () => {
    const options = { alg: 'EdDSA', issuedAt: 1 } as const;
    const token = await sign({ sub: 'ed' }, rfc8037Example('A.1').jwk as Jwk, options);
    check(token === (await sign({ sub: 'ed' }, rfc8037Example('A.1').jwk as Jwk, options)), 'Ed25519 is deterministic');
    check((await verify(token, rfc8037Example('A.2').jwk as Jwk)).payload.sub === 'ed', 'verified');
  });

  test('RFC 7638 §3.1 and RFC 8037 A.3 thumbprints', async () => {
    check((await thumbprint(rfc7638.jwk)) === rfc7638.thumbprint_b64u, 'RFC 7638');
    check((await thumbprint(rfc8037Example('A.2').jwk as Jwk)) === rfc8037Example('A.3').thumbprint_b64u, 'RFC 8037');
    check((await thumbprintUri(rfc7638.jwk)) === `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${rfc7638.thumbprint_b64u}`, 'RFC 9278 URI');
  });

  test('RFC 7797 (b64: false) tokens are refused', async () => {
    for (const example of rfc7797.examples) {
      await expectCode(lib, verify(example.compact, rfc7797.jwk as Jwk), 'ERR_JWT_MALFORMED', example.section);
    }
  });

  const current = jwtio.tokens.find((t) => t.secret === 'a-string-secret-at-least-256-bits-long')!;
  const legacy = jwtio.tokens.find((t) => t.secret === 'your-256-bit-secret')!;
  test("jwt.io's current debugger token verifies with its secret", async () => {
    const { header, payload } = await verify(current.token, current.secret);
    checkJson(header, current.header, 'header');
    checkJson(payload, current.payload, 'payload');
  });

  test("jwt.io's legacy token: refused for its 19-byte secret unless allowWeakKeys", async () => {
    await expectCode(lib, verify(legacy.token, legacy.secret), 'ERR_KEY', 'weak secret');
    checkJson((await verify(legacy.token, legacy.secret, { allowWeakKeys: true })).payload, legacy.payload, 'payload');
    await expectCode(lib, verify(tamper(legacy.token), legacy.secret, { allowWeakKeys: true }), 'ERR_JWT_SIGNATURE', 'tampered');
  });

  for (const example of jwtio.asymmetricTokens) {
    test(`jwt.io's ${example.alg} example verifies with its PEM and its JWK`, async () => {
      const algorithms = [example.alg as JwsAlgorithm];
      for (const key of [example.publicKeyPem, example.jwk as Jwk]) {
        const { header, payload } = await verify(example.token, key, { algorithms });
        checkJson(header, example.header, 'header');
        checkJson(payload, example.payload, 'payload');
        await expectCode(lib, verify(tamper(example.token), key, { algorithms }), 'ERR_JWT_SIGNATURE', 'tampered');
      }
    });
  }
}
