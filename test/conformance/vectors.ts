/**
 * RFC 7515, 7519, 7520, 7638, 7797 and 8037 examples and jwt.io's tokens, loaded as data from
 * vectors/, through the public API only. The vector tables are exported: test/vectors.test.ts
 * reproduces their deterministic signatures through webjwt's internals.
 */
import rfc7515 from '../../vectors/rfc/rfc7515_appendix_a.json' with { type: 'json' };
import rfc7519 from '../../vectors/rfc/rfc7519_examples.json' with { type: 'json' };
import rfc7520keys from '../../vectors/rfc/rfc7520_section3_keys.json' with { type: 'json' };
import rfc7520 from '../../vectors/rfc/rfc7520_section4_jws.json' with { type: 'json' };
import rfc7638 from '../../vectors/rfc/rfc7638_thumbprint.json' with { type: 'json' };
import rfc7797 from '../../vectors/rfc/rfc7797_b64_false.json' with { type: 'json' };
import rfc8037 from '../../vectors/rfc/rfc8037_appendix_a.json' with { type: 'json' };
import jwtio from '../../vectors/jwtio.json' with { type: 'json' };
import { check, checkJson } from './harness.js';
import { expectCode, isJsonObject, publicJwk, tamper, type Jwk, type JwsAlgorithm, type SuiteContext } from './support.js';

/** Every RFC 7515/7519 JWT expires at 1300819380; verify just before and at that second. */
const beforeExpiry = new Date(1300819000 * 1000);
const atExpiry = new Date(1300819380 * 1000);

const verifyingKey = (jwk: Jwk): Jwk => (jwk.kty === 'oct' ? jwk : publicJwk(jwk));
const rfc7520Key = (ref: string): Jwk => {
  const entry = (rfc7520keys.keys as Record<string, { jwk: Jwk } | undefined>)[ref];
  if (entry === undefined) throw new Error(`no RFC 7520 key ${ref}`);
  return entry.jwk;
};
const rfc8037Example = (section: string) => rfc8037.examples.find((e) => e.section === section)!;

/** A signed example: its token, the key that signed it and what a deterministic algorithm reproduces. */
export interface SignedVector {
  name: string;
  alg: JwsAlgorithm;
  compact: string;
  /** The payload as the vector gives it, UTF-8 text. */
  payload: string;
  jwk: Jwk;
  deterministic: boolean;
  signingInput: string;
  signature: string;
}

const signed = rfc7515.examples.filter((e) => e.alg !== 'none');
const fromRfc7515 = (e: (typeof signed)[number]): SignedVector => ({
  name: `RFC 7515 ${e.section} ${e.alg}`,
  alg: e.alg as JwsAlgorithm,
  compact: e.compact,
  payload: e.payload_utf8,
  jwk: e.jwk as Jwk,
  deterministic: e.deterministic_signature,
  signingInput: e.signing_input,
  signature: e.signature_b64u,
});

/** RFC 7515 Appendix A's JWTs (a JSON claims set, an `exp`). */
export const claimsVectors: readonly SignedVector[] = signed.filter((e) => isJsonObject(e.payload_utf8)).map(fromRfc7515);

/**
 * Text payloads, not claims sets: RFC 7515 A.4, RFC 7520 §4.1–4.4 and RFC 8037 A.4. The signature
 * verifies (a tampered copy fails on it), then the payload is refused.
 */
export const textPayloadVectors: readonly SignedVector[] = [
  ...signed.filter((e) => !isJsonObject(e.payload_utf8)).map(fromRfc7515),
  ...rfc7520.examples
    .filter((e) => ['4.1', '4.2', '4.3', '4.4'].includes(e.section))
    .map((e): SignedVector => ({
      name: `RFC 7520 §${e.section} ${e.alg}`,
      alg: e.alg as JwsAlgorithm,
      compact: e.compact!,
      payload: e.payload_utf8,
      jwk: rfc7520Key(e.key_ref),
      deterministic: e.deterministic_signature === true,
      signingInput: `${e.protected_header_b64u}.${e.payload_b64u}`,
      signature: e.signature_b64u!,
    })),
  ...[rfc8037Example('A.4')].map((e): SignedVector => ({
    name: 'RFC 8037 A.4 EdDSA',
    alg: 'EdDSA',
    compact: e.compact!,
    payload: e.payload_utf8!,
    jwk: rfc8037Example('A.1').jwk as Jwk,
    deterministic: e.deterministic_signature!,
    signingInput: e.signing_input!,
    signature: e.signature_b64u!,
  })),
];

export function registerVectors({ lib, test, testWith }: SuiteContext): void {
  const { decode, sign, thumbprint, thumbprintUri, verify } = lib;

  for (const example of claimsVectors) {
    testWith([example.alg], `${example.name}: verifies, expires, tampered fails`, async () => {
      const key = verifyingKey(example.jwk);
      const algorithms = [example.alg];
      const { header, payload } = await verify(example.compact, key, { algorithms, currentDate: beforeExpiry });
      check(header.alg === example.alg, 'header.alg');
      checkJson(payload, JSON.parse(example.payload), 'payload');
      await expectCode(lib, verify(example.compact, key, { algorithms, currentDate: atExpiry }), 'ERR_JWT_EXPIRED', 'at exp');
      await expectCode(
        lib,
        verify(tamper(example.compact), key, { algorithms, currentDate: beforeExpiry }),
        'ERR_JWT_SIGNATURE',
        'tampered',
      );
    });
  }

  test('RFC 7515 A.5 and RFC 7519 §6.1 (alg none) are refused for every key', async () => {
    const hmac = rfc7515.examples[0]!.jwk as Jwk;
    const rsa = publicJwk(rfc7515.examples[1]!.jwk as Jwk);
    for (const unsecured of [
      rfc7515.examples.find((e) => e.alg === 'none')!.compact,
      rfc7519.examples.find((e) => e.section === '6.1')!.compact,
    ]) {
      check(decode(unsecured).header.alg === 'none', 'decode shows alg none');
      for (const key of [hmac, rsa]) {
        await expectCode(lib, verify(unsecured, key, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM', 'unsecured');
        await expectCode(lib, verify(`${unsecured}AAAA`, key, { currentDate: beforeExpiry }), 'ERR_JWT_ALGORITHM', 'with a signature');
      }
    }
  });

  testWith(['HS256'], 'RFC 7519 §3.1 example JWT verifies with its issuer', async () => {
    const example = rfc7519.examples.find((e) => e.section === '3.1')!;
    const { payload } = await verify(example.compact, example.jwk as Jwk, { currentDate: beforeExpiry, issuer: 'joe' });
    checkJson(payload, JSON.parse(example.payload_utf8), 'payload');
    await expectCode(
      lib,
      verify(example.compact, example.jwk as Jwk, { currentDate: beforeExpiry, issuer: 'ann' }),
      'ERR_JWT_CLAIM',
      'other issuer',
    );
  });

  test('the six text-payload vectors are all present (RFC 7515 A.4 the only text one there)', () => {
    checkJson(
      textPayloadVectors.map((v) => v.alg),
      ['ES512', 'RS256', 'PS384', 'ES512', 'HS256', 'EdDSA'],
      'algorithms',
    );
    checkJson(
      signed.filter((e) => !isJsonObject(e.payload_utf8)).map((e) => e.section),
      ['Appendix A.4'],
      'RFC 7515 text payloads',
    );
  });
  for (const { name, alg, compact, jwk } of textPayloadVectors) {
    testWith([alg], `${name}: signature verifies, text payload refused`, async () => {
      const key = verifyingKey(jwk);
      await expectCode(lib, verify(compact, key, { algorithms: [alg] }), 'ERR_JWT_MALFORMED', 'text payload');
      await expectCode(lib, verify(tamper(compact), key, { algorithms: [alg] }), 'ERR_JWT_SIGNATURE', 'tampered');
    });
  }

  testWith(
    ['RS256', 'HS256', 'ES512'],
    'RFC 7520 §3 private keys sign deterministically (RS256, HS256) and their public halves verify',
    async () => {
      for (const [ref, alg] of [
        ['figure_4_rsa_2048_private', 'RS256'],
        ['figure_5_hmac_sha256_symmetric', 'HS256'],
        ['figure_2_ec_p521_private', 'ES512'],
      ] as const) {
        const jwk = rfc7520Key(ref);
        const options = { alg, issuedAt: 1 } as const;
        const first = await sign({ sub: ref }, jwk, options);
        if (alg !== 'ES512') check(first === (await sign({ sub: ref }, jwk, options)), `${alg} is deterministic`);
        const { payload } = await verify(first, verifyingKey(jwk), { algorithms: [alg] });
        check(payload.sub === ref, 'payload.sub');
      }
    },
  );

  testWith(['EdDSA'], 'RFC 8037 A.1/A.2 Ed25519 keys: deterministic signature verified by the public key', async () => {
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
  testWith(['HS256'], "jwt.io's current debugger token verifies with its secret", async () => {
    const { header, payload } = await verify(current.token, current.secret);
    checkJson(header, current.header, 'header');
    checkJson(payload, current.payload, 'payload');
  });

  testWith(['HS256'], "jwt.io's legacy token: refused for its 19-byte secret unless allowWeakKeys", async () => {
    await expectCode(lib, verify(legacy.token, legacy.secret), 'ERR_KEY', 'weak secret');
    checkJson((await verify(legacy.token, legacy.secret, { allowWeakKeys: true })).payload, legacy.payload, 'payload');
    await expectCode(lib, verify(tamper(legacy.token), legacy.secret, { allowWeakKeys: true }), 'ERR_JWT_SIGNATURE', 'tampered');
  });

  for (const example of jwtio.asymmetricTokens) {
    testWith([example.alg], `jwt.io's ${example.alg} example verifies with its PEM and its JWK`, async () => {
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
