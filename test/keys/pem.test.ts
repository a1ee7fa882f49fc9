/**
 * PEM in every form openssl makes, through the public API: import, sign or verify, export again.
 * Fixtures are data (vectors/pem/keys.json); a second pass uses a live openssl when one is installed.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, exportJWK, importKey, isJwtError, sign, verify, type Jwk } from '../../src/index.js';
import fixtures from '../../vectors/pem/keys.json' with { type: 'json' };
import { expectCode, publicJwk } from '../support.js';

/** The DER of the last block of a PEM text. */
const derOf = (pem: string) => {
  const parts = pem.split('-----');
  return Uint8Array.from(atob(parts[parts.length - 3]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
};

describe('PEM fixtures', () => {
  it.each(fixtures.keys.map((k) => [k.name, k] as const))('%s imports as the expected key', async (_name, fixture) => {
    const key = importKey(fixture.pem, undefined, { allowWeakKeys: true });
    expect(key.type).toBe(fixture.kind);
    expect(publicJwk(await exportJWK(key))).toEqual(fixture.jwk);
  });

  it.each(fixtures.keys.filter((k) => k.kind === 'private' && !k.name.startsWith('rsa-1024')).map((k) => [k.name, k] as const))(
    '%s signs a token that its public JWK verifies',
    async (name, fixture) => {
      const alg = name.startsWith('rsa-pss') ? 'PS256' : undefined;
      const token = await sign({ sub: name }, fixture.pem, alg === undefined ? {} : { alg });
      const { payload } = await verify(token, fixture.jwk as Jwk, alg === undefined ? {} : { algorithms: [alg] });
      expect(payload.sub).toBe(name);
    },
  );

  it('an RSA-PSS key (id-RSASSA-PSS) is used for PS* only', async () => {
    const pss = fixtures.keys.find((k) => k.name === 'rsa-pss-pkcs8')!;
    await expectCode(sign({}, pss.pem, { alg: 'RS256' }), 'ERR_KEY');
    expect(decode(await sign({}, pss.pem)).header.alg).toBe('PS256'); // its default, where other RSA keys use RS256
    const token = await sign({}, pss.pem, { alg: 'PS384' });
    await verify(token, fixtures.keys.find((k) => k.name === 'rsa-pss-spki')!.pem, { algorithms: ['PS384'] });
    await expectCode(verify(token, fixtures.keys.find((k) => k.name === 'rsa-pss-spki')!.pem, { algorithms: ['RS256'] }), 'ERR_KEY');
  });

  it('a 1024-bit RSA key is refused unless allowWeakKeys', async () => {
    const weak = fixtures.keys.find((k) => k.name === 'rsa-1024-pkcs8')!;
    await expectCode(sign({}, weak.pem), 'ERR_KEY');
    await sign({}, weak.pem, { allowWeakKeys: true });
  });

  // X25519 keys (RFC 8410) are JWE keys since JWE (issue 15): imported for encryption, refused by JWS.
  const isX25519 = (name: string) => name.startsWith('x25519');

  it.each(fixtures.invalid.filter((k) => !isX25519(k.name)).map((k) => [k.name, k.pem] as const))(
    '%s is refused with ERR_KEY',
    async (_name, pem) => {
      await expectCode(() => importKey(pem, undefined, { allowWeakKeys: true }), 'ERR_KEY');
    },
  );

  it.each(fixtures.invalid.filter((k) => isX25519(k.name)).map((k) => [k.name, k.pem] as const))(
    '%s imports as an encryption key, and JWS refuses it with ERR_KEY',
    async (_name, pem) => {
      expect(importKey(pem).crv).toBe('X25519');
      await expectCode(() => importKey(pem, 'EdDSA'), 'ERR_KEY');
      await expectCode(sign({}, pem), 'ERR_KEY');
    },
  );

  it('DER key bytes of every fixture are never an HMAC secret', async () => {
    for (const fixture of fixtures.keys) await expectCode(() => importKey(derOf(fixture.pem)), 'ERR_KEY');
    for (const fixture of fixtures.invalid.filter((k) => /dsa-private|x25519/.test(k.name))) {
      await expectCode(() => importKey(derOf(fixture.pem)), 'ERR_KEY');
    }
  });

  it('damaged DER never throws anything but ERR_KEY', () => {
    const bodies = fixtures.keys.map((k) => k.pem);
    fc.assert(
      fc.property(fc.constantFrom(...bodies), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (pem, at, flip, truncate) => {
        const der = derOf(pem);
        const i = at % der.length;
        const damaged = truncate ? der.subarray(0, i) : der.map((b, j) => (j === i ? b ^ flip : b));
        const text = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...damaged))}\n-----END PUBLIC KEY-----\n`;
        for (const attempt of [() => importKey(text), () => importKey(text.replace(/PUBLIC KEY/g, 'PRIVATE KEY'))]) {
          try {
            attempt();
          } catch (error) {
            if (!isJwtError(error) || error.code !== 'ERR_KEY') throw error;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

describe.runIf(openssl)('keys made by the local openssl', () => {
  const run = (args: string[], input?: string) => {
    const result = spawnSync('openssl', args, { encoding: 'utf8', ...(input === undefined ? {} : { input }) });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  const kinds: [string, string[]][] = [
    ['RSA', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']],
    ['P-256', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']],
    ['P-384', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']],
    ['P-521', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']],
    ['Ed25519', ['genpkey', '-algorithm', 'ED25519']],
  ];

  it.each(kinds)('%s: PKCS#8, SPKI, traditional and certificate forms interoperate', async (kind, generate) => {
    const privatePem = run(generate);
    const forms = [privatePem];
    if (kind === 'RSA') forms.push(run(['rsa', '-traditional'], privatePem));
    if (kind.startsWith('P-')) forms.push(run(['ec'], privatePem));
    const publics = [run(['pkey', '-pubout'], privatePem)];
    if (kind === 'RSA') publics.push(run(['rsa', '-RSAPublicKey_out'], privatePem));
    for (const signing of forms) {
      const token = await sign({ kind }, signing);
      for (const verifying of publics) expect((await verify(token, verifying)).payload.kind).toBe(kind);
    }
  });
});
