/**
 * encrypt() and decrypt() through the public API, on the backend the vitest project selects: the
 * algorithms each key gives by default, every algorithm pair, nested tokens, claims, the key
 * arguments decrypt() takes, decryptCompact() and `zip`. Vectors, Wycheproof and jose interop are in
 * the conformance suite (test/conformance/jwe.ts); attacks in test/security.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  createRemoteJWKSet,
  decrypt,
  decryptCompact,
  encrypt,
  exportJWK,
  generateKeyPair,
  generateSecret,
  importKey,
  isJwtError,
  sign,
  supportedEncryption,
  type ContentEncryption,
  type JwtErrorCode,
  type KeyManagementAlgorithm,
} from '../src/index.js';

const headerOf = (token: string): Record<string, unknown> =>
  <Record<string, unknown>>JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString());

async function refusal(promise: Promise<unknown>): Promise<{ code: JwtErrorCode | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: isJwtError(error) ? error.code : undefined, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

/** A key pair or secret for `alg` (and `enc`, for dir). */
async function keysFor(alg: KeyManagementAlgorithm, enc: ContentEncryption, crv?: 'P-256' | 'P-384' | 'P-521' | 'X25519') {
  if (alg === 'dir') {
    const secret = generateSecret(enc);
    return { encryptTo: secret, decryptWith: secret };
  }
  if (alg.startsWith('PBES2')) return { encryptTo: 'correct horse battery staple', decryptWith: 'correct horse battery staple' };
  if (/^A\d+(?:GCM)?KW$/.test(alg)) {
    const secret = generateSecret(alg as 'A128KW');
    return { encryptTo: secret, decryptWith: secret };
  }
  const pair = await generateKeyPair(alg as 'ECDH-ES', alg.startsWith('ECDH') && crv !== undefined ? { crv } : undefined);
  return { encryptTo: pair.publicKey, decryptWith: pair.privateKey };
}

describe('the algorithms a key gives', () => {
  it.each([
    [16, 'A128GCM'],
    [24, 'A192GCM'],
    [32, 'A256GCM'],
    [48, 'A192CBC-HS384'],
    [64, 'A256CBC-HS512'],
  ] as const)('a %i-byte secret: dir + %s, accepted by decrypt() without lists', async (bytes, enc) => {
    if (!(await supportedEncryption()).encryptions.has(enc)) return;
    const key = randomBytes(bytes);
    const token = await encrypt({ sub: 'user-1' }, key);
    expect(headerOf(token)).toEqual({ alg: 'dir', enc, typ: 'JWT' });
    expect((await decrypt(token, key)).payload.sub).toBe('user-1');
  });

  it('an RSA public key: RSA-OAEP-256 + A256GCM; EC and X25519: ECDH-ES + A256GCM', async () => {
    for (const [alg, crv, expected] of [
      ['RSA-OAEP-256', undefined, 'RSA-OAEP-256'],
      ['ECDH-ES', 'P-256', 'ECDH-ES'],
      ['ECDH-ES', 'P-521', 'ECDH-ES'],
      ['ECDH-ES', 'X25519', 'ECDH-ES'],
    ] as const) {
      if (crv === 'X25519' && !(await supportedEncryption()).algorithms.has('ECDH-ES')) continue;
      const { encryptTo, decryptWith } = await keysFor(alg, 'A256GCM', crv);
      const token = await encrypt({ sub: 'user-1' }, encryptTo);
      const header = headerOf(token);
      expect([header.alg, header.enc]).toEqual([expected, 'A256GCM']);
      expect((await decrypt(token, decryptWith)).payload.sub).toBe('user-1');
    }
  });

  it('without `algorithms`, decrypt() accepts only what the key pins or defaults to', async () => {
    const key = generateSecret('A256KW');
    const token = await encrypt({ sub: 'user-1' }, key, { alg: 'A256KW' });
    expect((await refusal(decrypt(token, key))).code).toBe('ERR_JWT_ALGORITHM');
    expect((await decrypt(token, key, { algorithms: ['A256KW'] })).payload.sub).toBe('user-1');
    expect((await decrypt(token, importKey(key, 'A256KW'))).payload.sub).toBe('user-1');
    // and `encryptions` likewise
    const cbc = await encrypt({ sub: 'user-1' }, key, { alg: 'A256KW', enc: 'A128CBC-HS256' });
    expect((await refusal(decrypt(cbc, key, { algorithms: ['A256KW'] }))).code).toBe('ERR_JWT_ALGORITHM');
    expect((await decrypt(cbc, key, { algorithms: ['A256KW'], encryptions: ['A128CBC-HS256'] })).payload.sub).toBe('user-1');
  });
});

describe('a dir key pinned to its content encryption', () => {
  it('importKey(secret, enc) and a JWK whose alg names it: that enc by default, only that one, and exported as such', async () => {
    const secret = generateSecret('A128CBC-HS256'); // 32 bytes, as A256GCM's
    const pinned = importKey(secret, 'A128CBC-HS256');
    const token = await encrypt({ sub: 'user-1' }, pinned);
    expect(headerOf(token)).toMatchObject({ alg: 'dir', enc: 'A128CBC-HS256' });
    expect((await decrypt(token, pinned)).payload.sub).toBe('user-1');
    // the raw secret's own default is A256GCM: the pinned key refuses it, as the raw secret refuses A128CBC-HS256
    const gcm = await encrypt({ sub: 'user-1' }, secret);
    expect((await refusal(decrypt(gcm, pinned))).code).toBe('ERR_JWT_ALGORITHM');
    expect((await refusal(decrypt(token, secret))).code).toBe('ERR_JWT_ALGORITHM');
    const jwk = await exportJWK(pinned);
    expect(jwk).toMatchObject({ kty: 'oct', alg: 'A128CBC-HS256', use: 'enc' });
    expect((await decrypt(token, jwk)).payload.sub).toBe('user-1');
    expect(() => importKey(secret, 'A256CBC-HS512')).toThrow(/64-byte key/);
    // the pin holds against a caller's list, both ways
    expect((await refusal(decrypt(gcm, pinned, { encryptions: ['A256GCM', 'A128CBC-HS256'] }))).code).toBe('ERR_JWT_ALGORITHM');
    expect((await refusal(encrypt({ sub: 'user-1' }, pinned, { enc: 'A256GCM' }))).code).toBe('ERR_KEY');
  });
});

describe('every key management algorithm with every content encryption', async () => {
  const { algorithms, encryptions } = await supportedEncryption();
  it.each([...algorithms].flatMap((alg) => [...encryptions].map((enc) => [alg, enc] as const)))('%s with %s', async (alg, enc) => {
    const { encryptTo, decryptWith } = await keysFor(alg, enc, 'P-384');
    const token = await encrypt({ sub: 'user-1', n: [1, 2] }, encryptTo, { alg, enc });
    expect(headerOf(token)).toMatchObject({ alg, enc });
    const { payload, header } = await decrypt(token, decryptWith, { algorithms: [alg], encryptions: [enc] });
    expect(payload).toMatchObject({ sub: 'user-1', n: [1, 2] });
    expect(header.alg).toBe(alg);
  });
});

describe('nested tokens (sign, then encrypt)', () => {
  it('are returned only after the inner signature verified', async () => {
    const signer = await generateKeyPair('ES256');
    const key = generateSecret('A256GCM');
    const signed = await sign({ sub: 'user-1' }, signer.privateKey, { issuer: 'me' });
    const token = await encrypt(signed, key);
    expect(headerOf(token)).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'JWT', cty: 'JWT' });
    const result = await decrypt(token, key, { verify: { key: signer.publicKey, issuer: 'me' }, issuer: 'me' });
    expect(result.payload.sub).toBe('user-1');
    expect(result.signedHeader?.alg).toBe('ES256');

    const stranger = await generateKeyPair('ES256');
    expect((await refusal(decrypt(token, key, { verify: { key: stranger.publicKey } }))).code).toBe('ERR_JWT_SIGNATURE');
    const unverified = await refusal(decrypt(token, key));
    expect(unverified.code).toBe('ERR_JWT_MALFORMED');
    expect(unverified.message).toMatch(/nested JWT/);
  });

  it('a token that is not nested is refused when options.verify expects a signed one', async () => {
    const signer = await generateKeyPair('ES256');
    const key = generateSecret('A256GCM');
    const plain = await encrypt({ sub: 'user-1' }, key);
    expect((await refusal(decrypt(plain, key, { verify: { key: signer.publicKey } }))).message).toMatch(/not one/);
  });

  it('encrypt() takes only a signed compact JWT as a string, and no claim options with it', async () => {
    const key = generateSecret('A256GCM');
    await expect(encrypt('not a token', key)).rejects.toThrow(TypeError);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    await expect(encrypt(unsigned, key)).rejects.toThrow(/signed/);
    const signed = await sign({ sub: 'a' }, generateSecret('HS256'));
    await expect(encrypt(signed, key, { expiresIn: '1m' })).rejects.toThrow(/claim options/);
  });
});

describe('claims', () => {
  it("are checked after decryption with verify()'s options and errors", async () => {
    const key = generateSecret('A256GCM');
    const past = new Date('2020-01-01T00:00:00Z');
    const token = await encrypt({ sub: 'user-1' }, key, { expiresIn: 60, audience: 'api', currentDate: past });
    expect((await refusal(decrypt(token, key))).code).toBe('ERR_JWT_EXPIRED');
    expect((await decrypt(token, key, { currentDate: past, audience: 'api' })).payload.aud).toBe('api');
    expect((await refusal(decrypt(token, key, { currentDate: past, audience: 'web' }))).code).toBe('ERR_JWT_CLAIM');
    expect((await refusal(decrypt(token, key, { currentDate: past, typ: 'at+jwt' }))).code).toBe('ERR_JWT_CLAIM');
    const revoked = await refusal(decrypt(token, key, { currentDate: past, isRevoked: () => true }));
    expect(revoked.code).toBe('ERR_JWT_REVOKED');
    const refused = await refusal(decrypt(token, key, { currentDate: past, validate: { sub: (v) => v === 'user-2' } }));
    expect(refused.code).toBe('ERR_JWT_CLAIM');
  });

  it('unknown option names are TypeErrors, at the top and inside `verify`', async () => {
    const key = generateSecret('A256GCM');
    const token = await encrypt({ sub: 'user-1' }, key);
    await expect(decrypt(token, key, { audiance: 'api' } as object)).rejects.toThrow(/did you mean "audience"/);
    await expect(decrypt(token, key, { verify: { key, audiance: 'x' } } as object)).rejects.toThrow(/did you mean "audience"/);
    await expect(encrypt({}, key, { expiresin: '1m' } as object)).rejects.toThrow(/did you mean "expiresIn"/);
    await expect(encrypt({}, key, { iv: new Uint8Array(12) } as object)).rejects.toThrow(TypeError);
  });
});

describe('keys decrypt() takes', () => {
  it('a list (tried in turn, with the index of the one that opened the token), a JWK Set and a resolver', async () => {
    const [a, b] = [generateSecret('A256GCM'), generateSecret('A256GCM')];
    const token = await encrypt({ sub: 'user-1' }, b);
    expect((await decrypt(token, [a, b])).keyIndex).toBe(1);

    const pair = await generateKeyPair('ECDH-ES', { extractable: true });
    const privateJwk = { ...(await exportJWK(pair.privateKey)), kid: 'enc-1', use: 'enc' };
    const signing = await generateKeyPair('ES256', { extractable: true });
    const set = { keys: [{ ...(await exportJWK(signing.privateKey)), kid: 'sig-1', use: 'sig' }, privateJwk] };
    const sealed = await encrypt({ sub: 'user-1' }, pair.publicKey, { header: { kid: 'enc-1' } });
    expect((await decrypt(sealed, set)).payload.sub).toBe('user-1');
    expect((await decrypt(sealed, JSON.stringify(set))).payload.sub).toBe('user-1');
    expect((await decrypt(sealed, (header) => (header.kid === 'enc-1' ? privateJwk : a))).payload.sub).toBe('user-1');
  });

  it('every failure to decrypt is one error with one message', async () => {
    const key = generateSecret('A256GCM');
    const token = await encrypt({ sub: 'user-1' }, key);
    const wrong = await refusal(decrypt(token, generateSecret('A256GCM')));
    expect(wrong).toEqual({ code: 'ERR_JWE_DECRYPTION', message: 'decryption failed' });
    const parts = token.split('.');
    const tag = Buffer.from(parts[4]!, 'base64url');
    tag[0]! ^= 1;
    parts[4] = tag.toString('base64url');
    expect(await refusal(decrypt(parts.join('.'), key))).toEqual(wrong);
  });
});

describe('keys encrypt() takes', () => {
  it('a JWK Set, local or remote: its encryption key for the kid and alg asked for, whose kid goes in the header', async () => {
    const [first, second, signing] = await Promise.all([
      generateKeyPair('ECDH-ES', { extractable: true }),
      generateKeyPair('RSA-OAEP-256', { extractable: true }),
      generateKeyPair('ES256', { extractable: true }),
    ]);
    const publicSet = {
      keys: [
        { ...(await exportJWK(signing.publicKey)), kid: 'sig', use: 'sig' },
        { ...(await exportJWK(first.publicKey)), kid: 'ec' },
        { ...(await exportJWK(second.publicKey)), kid: 'rsa' },
      ],
    };
    const token = await encrypt({ sub: 'user-1' }, publicSet, { header: { kid: 'rsa' } });
    expect(headerOf(token)).toMatchObject({ alg: 'RSA-OAEP-256', kid: 'rsa' });
    expect((await decrypt(token, second.privateKey)).payload.sub).toBe('user-1');
    // by alg alone, when one key fits it; the chosen key's kid is sent
    const byAlg = await encrypt({ sub: 'user-1' }, publicSet, { alg: 'ECDH-ES' });
    expect(headerOf(byAlg)).toMatchObject({ alg: 'ECDH-ES', kid: 'ec' });
    // neither: two keys could be meant
    expect((await refusal(encrypt({ sub: 'user-1' }, publicSet))).code).toBe('ERR_JWKS_NO_KEY');
    // a signing key is never a recipient
    expect((await refusal(encrypt({ sub: 'user-1' }, publicSet, { header: { kid: 'sig' } }))).code).toBe('ERR_JWKS_NO_KEY');

    let fetches = 0;
    const remote = createRemoteJWKSet('https://partner.example/jwks.json', {
      fetch: () => {
        fetches++;
        return Promise.resolve(new Response(JSON.stringify(publicSet)));
      },
    });
    const sealed = await encrypt({ sub: 'user-1' }, remote, { header: { kid: 'ec' } });
    expect(headerOf(sealed)).toMatchObject({ alg: 'ECDH-ES', kid: 'ec' });
    expect((await decrypt(sealed, first.privateKey)).payload.sub).toBe('user-1');
    await encrypt({ sub: 'user-2' }, remote, { header: { kid: 'rsa' } });
    expect(fetches).toBe(1);
    // a remote set serves public keys only: it can encrypt, never decrypt
    expect((await refusal(decrypt(sealed, remote))).code).toBe('ERR_KEY');
    await expect(encrypt({ sub: 'user-1' }, () => first.publicKey)).rejects.toThrow(TypeError);
  });
});

describe('decryptCompact() and zip', () => {
  /** A dir + A256GCM JWE of `plaintext` under `key`, made with node:crypto. */
  function seal(key: Uint8Array, header: object, plaintext: Uint8Array): string {
    const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(protectedHeader, 'ascii'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [
      protectedHeader,
      '',
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  it('returns a plaintext that is not a JWT, which decrypt() refuses as a payload', async () => {
    const key = generateSecret('A256GCM');
    const token = seal(key, { alg: 'dir', enc: 'A256GCM' }, Buffer.from('Live long and prosper.'));
    expect(Buffer.from((await decryptCompact(token, key)).plaintext).toString()).toBe('Live long and prosper.');
    expect((await refusal(decrypt(token, key))).code).toBe('ERR_JWT_MALFORMED');
  });

  it('inflates zip "DEF" after authentication, up to maxDecompressedLength', async () => {
    const key = generateSecret('A256GCM');
    const claims = { sub: 'user-1', pad: 'x'.repeat(5000) };
    const token = seal(key, { alg: 'dir', enc: 'A256GCM', zip: 'DEF' }, deflateRawSync(JSON.stringify(claims)));
    expect((await decrypt(token, key)).payload).toEqual(claims);
    const capped = await refusal(decrypt(token, key, { maxDecompressedLength: 1000 }));
    expect(capped.code).toBe('ERR_JWT_MALFORMED');
    expect(capped.message).toMatch(/maxDecompressedLength/);
  });

  it('refuses a nested token rather than return it unverified', async () => {
    const key = generateSecret('A256GCM');
    const token = await encrypt(await sign({ sub: 'a' }, generateSecret('HS256')), key);
    expect((await refusal(decryptCompact(token, key))).message).toMatch(/nested JWT/);
  });
});
