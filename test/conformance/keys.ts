/**
 * Keys in every runtime: generated keys signing and verifying for every algorithm, PEM and JWK
 * import from vectors/pem/keys.json, exports, key sets (local and remote with an injected fetch),
 * createSigner/createVerifier.
 */
import fixtures from '../../vectors/pem/keys.json' with { type: 'json' };
import { check, checkJson } from './harness.js';
import { ALGORITHMS, expectCode, publicJwk, tamper, type Jwk, type JwsAlgorithm, type SuiteContext } from './support.js';

/** Another algorithm of the same family, to show the allowlist and the key pinning hold. */
const SIBLING: Readonly<Record<string, JwsAlgorithm>> = {
  HS256: 'HS384',
  HS384: 'HS512',
  HS512: 'HS256',
  RS256: 'PS256',
  RS384: 'RS256',
  RS512: 'RS384',
  PS256: 'RS256',
  PS384: 'PS256',
  PS512: 'PS384',
  ES256: 'ES384',
  ES384: 'ES512',
  ES512: 'ES256',
  EdDSA: 'ES256',
  Ed25519: 'ES256',
};

/** The algorithm a key signs by default: RS256 (PS256 for an id-RSASSA-PSS key), ES256/384/512 by curve, EdDSA. */
function defaultAlgorithm(name: string, jwk: Jwk): JwsAlgorithm {
  if (jwk.kty === 'RSA') return name.startsWith('rsa-pss') ? 'PS256' : 'RS256';
  if (jwk.kty === 'EC') return ({ 'P-256': 'ES256', 'P-384': 'ES384' } as Record<string, JwsAlgorithm>)[jwk.crv ?? ''] ?? 'ES512';
  return 'EdDSA';
}

const CLAIMS = { issuer: 'https://issuer.example', audience: 'api', expiresIn: '5m' } as const;

export function registerKeys({ lib, test, testWith }: SuiteContext): void {
  const {
    createLocalJWKSet,
    createRemoteJWKSet,
    createSigner,
    createVerifier,
    decode,
    exportJWK,
    exportPEM,
    generateKeyPair,
    generateSecret,
    importKey,
    sign,
    verify,
  } = lib;
  const checks = { issuer: CLAIMS.issuer, audience: CLAIMS.audience };

  for (const alg of ALGORITHMS) {
    const sibling = SIBLING[alg]!;
    testWith(
      [alg, sibling],
      `${alg}: generated key signs; verified by the key, its JWK${alg.startsWith('HS') ? '' : ' and its PEM'}; tampered or wrong alg refused`,
      async () => {
        let signing: unknown;
        let verifying: unknown[];
        if (alg === 'HS256' || alg === 'HS384' || alg === 'HS512') {
          const secret = generateSecret(alg);
          check(secret.length === Number(alg.slice(2)) / 8, `secret is ${secret.length} bytes`);
          signing = secret;
          verifying = [secret, await exportJWK(importKey(secret, alg))];
        } else {
          const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
          check(privateKey.type === 'private' && publicKey.type === 'public', 'a key pair');
          signing = privateKey;
          verifying = [publicKey, await exportJWK(publicKey), await exportPEM(publicKey)];
          // The private key exported and imported again signs too.
          for (const exported of [await exportJWK(privateKey), await exportPEM(privateKey)]) {
            const token = await sign({}, exported, { alg });
            await verify(token, publicKey, { algorithms: [alg] });
          }
        }
        const token = await sign({ sub: alg }, signing as Uint8Array, { alg, ...CLAIMS });
        checkJson(decode(token).header, { alg, typ: 'JWT' }, 'header');
        for (const key of verifying) {
          const { payload } = await verify(token, key as Jwk, { algorithms: [alg], ...checks });
          check(payload.sub === alg && payload.aud === CLAIMS.audience, 'payload');
          await expectCode(lib, verify(tamper(token), key as Jwk, { algorithms: [alg], ...checks }), 'ERR_JWT_SIGNATURE', 'tampered');
        }
        await expectCode(
          lib,
          verify(token, verifying[0] as Jwk, { algorithms: [sibling] }),
          alg.startsWith('HS') ? 'ERR_JWT_ALGORITHM' : 'ERR_KEY',
          `algorithms [${sibling}]`,
        );
      },
    );
  }

  for (const fixture of fixtures.keys) {
    testWith(
      [defaultAlgorithm(fixture.name, fixture.jwk)],
      `PEM ${fixture.name}: imports as a ${fixture.kind} key whose JWK is the expected one`,
      async () => {
        const key = importKey(fixture.pem, undefined, { allowWeakKeys: true });
        check(key.type === fixture.kind, `imported as ${key.type}`);
        checkJson(publicJwk(await exportJWK(key)), fixture.jwk, 'public JWK');
        if (fixture.kind === 'public') {
          checkJson(publicJwk(await exportJWK(importKey(fixture.jwk))), fixture.jwk, 'the JWK imports as itself');
          return;
        }
        if (fixture.name.startsWith('rsa-1024')) {
          await expectCode(lib, sign({}, fixture.pem), 'ERR_KEY', 'a 1024-bit RSA key');
          return;
        }
        // An id-RSASSA-PSS key signs PS256 by default, where other RSA keys sign RS256.
        const token = await sign({ sub: fixture.name }, fixture.pem);
        const alg = decode(token).header.alg as JwsAlgorithm;
        check((await verify(token, fixture.jwk as Jwk, { algorithms: [alg] })).payload.sub === fixture.name, 'verified by the public JWK');
      },
    );
  }

  test('PEM: every invalid fixture is refused with ERR_KEY', async () => {
    for (const fixture of fixtures.invalid) {
      // X25519 keys (RFC 8410) are JWE keys since JWE (issue 15): imported for encryption, refused by JWS.
      if (fixture.name.startsWith('x25519')) {
        check(importKey(fixture.pem).crv === 'X25519', `${fixture.name} imports as an X25519 key`);
        await expectCode(lib, sign({}, fixture.pem), 'ERR_KEY', `${fixture.name} signing`);
        continue;
      }
      await expectCode(lib, () => importKey(fixture.pem, undefined, { allowWeakKeys: true }), 'ERR_KEY', fixture.name);
    }
  });

  testWith(['RS256', 'PS256', 'PS384'], 'an RSA-PSS (id-RSASSA-PSS) key is used for PS* only', async () => {
    const pss = fixtures.keys.find((k) => k.name === 'rsa-pss-pkcs8')!;
    const pssPublic = fixtures.keys.find((k) => k.name === 'rsa-pss-spki')!;
    await expectCode(lib, sign({}, pss.pem, { alg: 'RS256' }), 'ERR_KEY', 'RS256');
    check(decode(await sign({}, pss.pem)).header.alg === 'PS256', 'PS256 by default');
    await verify(await sign({}, pss.pem, { alg: 'PS384' }), pssPublic.pem, { algorithms: ['PS384'] });
  });

  testWith(
    ['HS256', 'RS256'],
    'keys refused for what they are: weak, public for signing, private for verifying; JWK text is that JWK',
    async () => {
      const rsaPrivate = fixtures.keys.find((k) => k.name === 'rsa-2048-pkcs8')!;
      const rsaPublic = fixtures.keys.find((k) => k.name === 'rsa-2048-spki')!;
      await expectCode(lib, sign({}, 'too-short-a-secret'), 'ERR_KEY', 'an 18-byte secret');
      await expectCode(lib, sign({}, rsaPublic.pem), 'ERR_KEY', 'signing with a public key');
      await expectCode(lib, verify(await sign({}, rsaPrivate.pem), rsaPrivate.pem), 'ERR_KEY', 'verifying with a private key');
      // JWK text is the JWK (a public key), never an HMAC secret; JWK Set text is not one key.
      check(importKey(JSON.stringify(rsaPublic.jwk)).type === 'public', 'JWK text is the public key');
      await expectCode(lib, () => importKey(JSON.stringify({ keys: [rsaPublic.jwk] })), 'ERR_KEY', 'a JWK Set string as one key');
      // Algorithm confusion (CVE-2015-9235's class): the public key's PEM text is never an HMAC secret.
      await expectCode(lib, sign({}, rsaPublic.pem, { alg: 'HS256' }), 'ERR_KEY', 'HS256 with a PEM');
    },
  );

  testWith(['ES256', 'EdDSA'], 'a local JWK Set picks the key by kid; an unknown kid is ERR_JWKS_NO_KEY', async () => {
    const a = await generateKeyPair('ES256');
    const b = await generateKeyPair('EdDSA');
    const set = {
      keys: [
        { ...(await exportJWK(a.publicKey)), kid: 'a' },
        { ...(await exportJWK(b.publicKey)), kid: 'b' },
      ],
    };
    const resolver = createLocalJWKSet(set);
    const tokenB = await sign({ sub: 'b' }, b.privateKey, { header: { kid: 'b' } });
    check((await verify(tokenB, resolver)).payload.sub === 'b', 'by kid');
    check((await verify(tokenB, set)).payload.sub === 'b', 'a set given directly');
    await expectCode(lib, verify(await sign({}, a.privateKey, { header: { kid: 'c' } }), resolver), 'ERR_JWKS_NO_KEY', 'unknown kid');
  });

  testWith(
    ['RS256'],
    'a remote JWK Set through an injected fetch: fetched once, cached; a failing endpoint is ERR_JWKS_FETCH',
    async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const body = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', use: 'sig' }] });
      let fetches = 0;
      const jwks = createRemoteJWKSet('https://issuer.example/jwks.json', {
        fetch: () => {
          fetches++;
          return Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }));
        },
      });
      const token = await sign({ sub: 'r' }, privateKey, { header: { kid: 'k1' } });
      check((await verify(token, jwks)).payload.sub === 'r', 'verified');
      await verify(token, jwks);
      check(fetches === 1, `fetched ${fetches} times`);
      const failing = createRemoteJWKSet('https://issuer.example/jwks.json', {
        fetch: () => Promise.resolve(new Response('down', { status: 503 })),
      });
      await expectCode(lib, verify(token, failing), 'ERR_JWKS_FETCH', 'a 503');
    },
  );

  testWith(['HS512'], 'createSigner and createVerifier bind keys and options once', async () => {
    const secret = generateSecret('HS512');
    const signer = createSigner(secret, { alg: 'HS512', issuer: CLAIMS.issuer, expiresIn: '1m' });
    const verifier = createVerifier(secret, { algorithms: ['HS512'], issuer: CLAIMS.issuer });
    const token = await signer({ sub: 'bound' });
    check((await verifier(token)).payload.sub === 'bound', 'verified');
    await expectCode(lib, verifier(tamper(token)), 'ERR_JWT_SIGNATURE', 'tampered');
    await expectCode(
      lib,
      createVerifier(secret, { algorithms: ['HS512'], issuer: 'https://other.example' })(token),
      'ERR_JWT_CLAIM',
      'other issuer',
    );
  });
}
