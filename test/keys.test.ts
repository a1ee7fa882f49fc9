import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decode,
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importKey,
  sign,
  thumbprint,
  thumbprintUri,
  verify,
  type Jwk,
} from '../src/index.js';
import rfc7638 from '../vectors/rfc/rfc7638_thumbprint.json' with { type: 'json' };
import rfc8037 from '../vectors/rfc/rfc8037_appendix_a.json' with { type: 'json' };
import * as backend from '../src/crypto/backend.js';
import { importCount } from './backend-spy.js';
import { expectCode, testKeys } from './support.js';

// Factories are hoisted above imports, so the spy helper is loaded inside this one.
vi.mock(import('../src/crypto/backend.js'), async (original) => (await import('./backend-spy.js')).spyOnBackend(original));

describe('secrets', () => {
  it('accepts strings and bytes of at least the hash length', async () => {
    for (const [alg, bytes] of [
      ['HS256', 32],
      ['HS384', 48],
      ['HS512', 64],
    ] as const) {
      const secret = 'k'.repeat(bytes);
      await verify(await sign({}, secret, { alg }), secret, { algorithms: [alg] });
      await expectCode(sign({}, secret.slice(1), { alg }), 'ERR_KEY');
      await expectCode(() => importKey(new Uint8Array(bytes - 1), alg), 'ERR_KEY');
      expect(generateSecret(alg)).toHaveLength(bytes);
    }
  });

  it('counts UTF-8 bytes, not characters', async () => {
    await sign({}, 'é'.repeat(16)); // 32 bytes
    await expectCode(sign({}, 'é'.repeat(15)), 'ERR_KEY');
  });

  it('refuses an empty secret even with allowWeakKeys', async () => {
    await expectCode(sign({}, '', { allowWeakKeys: true }), 'ERR_KEY');
    await expectCode(sign({}, new Uint8Array(0), { allowWeakKeys: true }), 'ERR_KEY');
  });

  it('never takes key material as a secret', async () => {
    const { verifying } = await testKeys('RS256');
    const der = Uint8Array.from(atob(verifying.pem!.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));
    const b64 = verifying.pem!.replace(/-----[^-]+-----|\s/g, '');
    // JWK text is that key, never a secret; a JWK Set is not one key.
    expect(importKey(JSON.stringify(verifying.jwk)).type).toBe('public');
    for (const text of [
      ` ${JSON.stringify({ keys: [verifying.jwk] })}`,
      b64,
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPr0h0q2p2Pp1m0mP4+0zN3o4vY1kz3sN3x9h9n0p0a0 user@host',
      'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBA user@host',
    ]) {
      await expectCode(() => importKey(text), 'ERR_KEY');
    }
    await expectCode(() => importKey(der), 'ERR_KEY');
  });
});

describe('JWK checks', () => {
  it.each([
    [{ kty: 'oct', k: 'a'.repeat(43), use: 'enc' }],
    [{ kty: 'oct', k: '' }],
    [{ kty: 'oct', k: 'a+b/' }],
    [{ kty: 'oct', k: 'a'.repeat(43), alg: 'RS256' }],
    [{ kty: 'oct', k: 'a'.repeat(43), alg: 'none' }],
    [{ kty: 'oct', k: 'a'.repeat(43), alg: 'RSA-OAEP' }],
    [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }],
    [{ kty: 'EC', crv: 'secp256k1', x: 'AA', y: 'AA' }],
    [{ kty: 'OKP', crv: 'X25519', x: 'a'.repeat(43) }],
    [{ kty: 'OKP', crv: 'Ed448', x: 'a'.repeat(57) }],
    [{ kty: 'RSA', n: 'AQAB' }],
    [{ kty: 'DSA' }],
    [{}],
    [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', oth: [] }],
  ])('%j is refused with ERR_KEY', async (jwk) => {
    await expectCode(() => importKey(jwk as Jwk), 'ERR_KEY');
  });

  it('honours alg and key_ops', async () => {
    const { signing, verifying } = await testKeys('ES256');
    const token = await sign({}, signing.jwk);
    await expectCode(verify(token, { ...verifying.jwk, key_ops: ['sign'] }), 'ERR_KEY');
    await verify(token, { ...verifying.jwk, key_ops: ['verify'], use: 'sig' });
    await expectCode(() => importKey({ ...verifying.jwk, alg: 'ES384' }), 'ERR_KEY');
  });

  it('refuses RSA keys under 2048 bits unless allowWeakKeys', async () => {
    const pair = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['sign', 'verify'],
    );
    await expectCode(sign({}, pair.privateKey), 'ERR_KEY');
    const token = await sign({}, pair.privateKey, { allowWeakKeys: true });
    await expectCode(verify(token, pair.publicKey), 'ERR_KEY');
    await verify(token, pair.publicKey, { allowWeakKeys: true });
  });
});

describe('import once', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('verify(token, key) imports a string, CryptoKey, JWK object or byte secret once', async () => {
    const { signing, verifying } = await testKeys('ES256');
    const token = await sign({}, signing.pem!);
    const before = importCount(backend);
    for (let i = 0; i < 5; i++) await verify(token, verifying.pem!);
    expect(importCount(backend) - before).toBe(1);
    for (let i = 0; i < 5; i++) await verify(token, verifying.cryptoKey);
    expect(importCount(backend) - before).toBe(2);
    const jwk = { ...verifying.jwk };
    for (let i = 0; i < 3; i++) await verify(token, jwk);
    expect(importCount(backend) - before).toBe(3);
    const secret = generateSecret('HS256');
    const hmacToken = await sign({}, secret);
    for (let i = 0; i < 3; i++) await verify(hmacToken, secret);
    expect(importCount(backend) - before).toBe(5); // one import to sign, one to verify
  });

  it('a byte secret or JWK object changed in place is imported again, never served from memory', async () => {
    const secret = generateSecret('HS256');
    const token = await sign({}, secret);
    await verify(token, secret);
    secret[0]! ^= 1; // the caller reuses the buffer for another key
    await expectCode(verify(token, secret), 'ERR_JWT_SIGNATURE');
    secret[0]! ^= 1;
    await verify(token, secret);

    const { signing, verifying } = await testKeys('ES256');
    const other = await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey);
    const esToken = await sign({}, signing.jwk);
    const jwk: Jwk = { ...verifying.jwk };
    await verify(esToken, jwk);
    Object.assign(jwk, { x: other.x, y: other.y });
    await expectCode(verify(esToken, jwk), 'ERR_JWT_SIGNATURE');
  });

  it('remembers at most 64 strings, least recently used first out', async () => {
    const secrets = Array.from({ length: 65 }, (_, i) => `${'s'.repeat(32)}-${i}`);
    const tokens = await Promise.all(secrets.map((s) => sign({}, s)));
    for (const [i, s] of secrets.entries()) await verify(tokens[i]!, s);
    const afterFirstPass = importCount(backend);
    await verify(tokens[64]!, secrets[64]!); // still remembered
    expect(importCount(backend)).toBe(afterFirstPass);
    await verify(tokens[0]!, secrets[0]!); // evicted by the 65th
    expect(importCount(backend)).toBe(afterFirstPass + 1);
  });
});

describe('key generation', () => {
  const asymmetric = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

  it.each(asymmetric)('generateKeyPair(%s) makes a pair pinned to it, private key not extractable by default', async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    const token = await sign({ alg }, privateKey);
    expect(decode(token).header.alg).toBe(alg === 'Ed25519' ? 'EdDSA' : alg);
    await verify(token, publicKey);
    expect(privateKey.extractable).toBe(false);
    await expectCode(exportJWK(privateKey), 'ERR_KEY');
    const extractable = await generateKeyPair(alg, { extractable: true });
    expect((await exportJWK(extractable.privateKey)).kty).toBe((await exportJWK(extractable.publicKey)).kty);
  });

  it('secrets and pairs are not interchangeable', async () => {
    expect(() => generateSecret('RS256' as never)).toThrow(TypeError);
    expect(() => generateSecret('none' as never)).toThrow(TypeError);
    await expect(generateKeyPair('HS256' as never)).rejects.toBeInstanceOf(TypeError);
    expect(generateSecret('HS256')).not.toEqual(generateSecret('HS256'));
  });
});

describe('export and thumbprints', () => {
  it('RFC 7638 §3.1 and RFC 8037 A.3 thumbprints', async () => {
    expect(await thumbprint(rfc7638.jwk as Jwk)).toBe(rfc7638.thumbprint_b64u);
    const a2 = rfc8037.examples.find((e) => e.section === 'A.2')!;
    const a3 = rfc8037.examples.find((e) => e.section === 'A.3')!;
    expect(await thumbprint(a2.jwk as Jwk)).toBe(a3.thumbprint_b64u);
    expect(await thumbprintUri(rfc7638.jwk as Jwk)).toBe(`urn:ietf:params:oauth:jwk-thumbprint:sha-256:${rfc7638.thumbprint_b64u}`);
  });

  it('thumbprints any valid JWK from its required members alone: enc keys, X25519, secp256k1, any alg (RFC 7638 §3.2)', async () => {
    const { e, kty, n } = rfc7638.jwk;
    expect(await thumbprint({ e, kty, n, use: 'enc', alg: 'RSA-OAEP', key_ops: ['encrypt'], kid: 'x' })).toBe(rfc7638.thumbprint_b64u);
    const a2 = rfc8037.examples.find((e) => e.section === 'A.2')!.jwk as Jwk;
    const a3 = rfc8037.examples.find((e) => e.section === 'A.3')!;
    expect(await thumbprint({ ...a2, crv: a2.crv!, use: 'enc', alg: 'ECDH-ES' })).toBe(a3.thumbprint_b64u);
    const sha = (members: object) => createHash('sha256').update(JSON.stringify(members)).digest('base64url');
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }) as Jwk;
    expect(await thumbprint(x25519)).toBe(sha({ crv: 'X25519', kty: 'OKP', x: x25519.x }));
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'jwk' }) as Jwk;
    expect(await thumbprint({ ...k1, alg: 'ES256K' })).toBe(sha({ crv: 'secp256k1', kty: 'EC', x: k1.x, y: k1.y }));
    expect(await thumbprintUri({ ...x25519, use: 'enc' })).toBe(
      `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${sha({ crv: 'X25519', kty: 'OKP', x: x25519.x })}`,
    );
  });

  it('refuses a thumbprint without every required member as a non-empty string, or of an unknown kty', async () => {
    const { e, kty, n } = rfc7638.jwk;
    for (const jwk of [
      { kty, n },
      { e: '', kty, n },
      { e: 1, kty, n },
      { kty: 'EC', crv: 'P-256', x: 'AA' },
      { kty: 'OKP', x: 'AA' },
      { kty: 'oct' },
      { kty: 'AKP', pub: 'AA' },
      { e, n },
    ]) {
      await expectCode(thumbprint(jwk as Jwk), 'ERR_KEY');
    }
    await expect(thumbprint(null as never)).rejects.toBeInstanceOf(TypeError);
  });

  it('round-trips JWK and PEM for every asymmetric algorithm', async () => {
    for (const alg of ['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      const token = await sign({}, await exportPEM(privateKey), { alg });
      await verify(token, await exportPEM(publicKey), { algorithms: [alg] });
      const jwk = await exportJWK(publicKey);
      expect(jwk.alg).toBe(alg);
      await verify(token, jwk);
      await verify(token, await exportPEM(await exportJWK(publicKey)), { algorithms: [alg] });
      expect(await exportJWK(await exportPEM(privateKey))).toMatchObject({ kty: jwk.kty, d: expect.any(String) as string });
    }
  });

  it('refuses what cannot be exported', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expectCode(exportJWK(privateKey), 'ERR_KEY');
    await expectCode(exportPEM('a-string-secret-at-least-256-bits-long'), 'ERR_KEY');
    expect(await exportJWK(new Uint8Array(32).fill(1))).toEqual({ kty: 'oct', k: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE' });
    // Well-formed members whose point is not on P-256: WebCrypto's refusal comes out as ERR_KEY.
    const offCurve = {
      kty: 'EC',
      crv: 'P-256',
      x: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE',
      y: 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE',
    };
    await expectCode(exportPEM(offCurve), 'ERR_KEY');
  });
});
