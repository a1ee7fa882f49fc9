/**
 * `webjwt encrypt`, `webjwt decrypt` and `webjwt keygen` for JWE keys, run as the real binary (as
 * test/cli.test.ts does): keys made by keygen, read back by the CLI and by code as the files are.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompactEncrypt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, exportJWK, generateKeyPair, sign, type Jwk, type JwtPayload } from '../../src/index.js';
import { buildCli, expectRefused, expectUsage, type Cli, type Run } from './run.js';

let cli: Cli;
const file = (name: string): string => join(cli.dir, name);
const read = (name: string): string => readFileSync(file(name), 'utf8');
const write = (name: string, content: string): void => {
  writeFileSync(file(name), content);
};
const run = (...args: string[]): Promise<Run> => cli.run(args);
const now = (): number => Math.floor(Date.now() / 1000);

/** The protected header of a compact JWE. */
const headerOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** The token with its ciphertext's first character changed (still canonical base64url). */
const tampered = (token: string): string => {
  const parts = token.split('.');
  parts[3] = (parts[3]!.startsWith('A') ? 'B' : 'A') + parts[3]!.slice(1);
  return parts.join('.');
};

beforeAll(async () => {
  cli = await buildCli();
});

afterAll(() => {
  cli.remove();
});

describe('help', () => {
  it('lists encrypt and decrypt, and each documents its options', async () => {
    const [help, encryptHelp, decryptHelp, keygenHelp] = await Promise.all([
      run('--help'),
      run('encrypt', '--help'),
      run('decrypt', '--frob', '--help'),
      run('keygen', '--help'),
    ]);
    for (const command of ['encrypt', 'decrypt']) expect(help.stdout).toContain(`  ${command} `);
    for (const mention of ['--key <file|env:NAME|->', '--alg', '--enc', '--jwt', '--claim', 'authenticates nobody', 'RSA-OAEP-256'])
      expect(encryptHelp.stdout).toContain(mention);
    for (const mention of [
      '--verify-key',
      '--verify-alg',
      '--enc',
      'PBES2 only when listed',
      'ERR_JWE_DECRYPTION',
      'never printed unverified',
    ])
      expect(decryptHelp.stdout).toContain(mention);
    for (const mention of ['A256CBC-HS512', 'ECDH-ES+A256KW', '--crv', 'X25519', '"use": "enc"', '--enc A128CBC-HS256'])
      expect(keygenHelp.stdout).toContain(mention);
    for (const result of [help, encryptHelp, decryptHelp, keygenHelp]) expect(result).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('keygen → encrypt → decrypt', () => {
  it('a dir secret (A256GCM): an oct JWK of 32 random bytes, mode 600, read back by the CLI and by code', async () => {
    expect(await run('keygen', 'A256GCM', '--out-private', 'dir.jwk')).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file('dir.jwk')).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(read('dir.jwk')) as Jwk;
    // pinned to its content encryption, as RFC 7520 §5.6's dir key is
    expect(jwk).toMatchObject({ kty: 'oct', alg: 'A256GCM', use: 'enc' });
    expect(Buffer.from(jwk.k!, 'base64url')).toHaveLength(32);

    const encrypted = await run(
      'encrypt',
      '--key',
      'dir.jwk',
      '--exp',
      '15m',
      '--iss',
      'https://auth.example.com',
      '--aud',
      'api',
      '--sub',
      'user-1',
      '--kid',
      'k1',
      '--claim',
      'role=admin',
      '--json',
      '{"org":{"id":1}}',
    );
    expect(encrypted).toMatchObject({ code: 0, stderr: '' });
    expect(encrypted.stdout).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+\n$/); // dir: an empty encrypted key
    const token = encrypted.stdout.trim();
    expect(headerOf(token)).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'JWT', kid: 'k1' });
    // Nothing of the claims is readable in the token.
    expect(Buffer.from(token.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('admin');

    const { payload } = await decrypt(token, jwk, { issuer: 'https://auth.example.com', audience: 'api' });
    expect(payload).toMatchObject({ sub: 'user-1', aud: 'api', role: 'admin', org: { id: 1 } });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(Math.abs(payload.iat! - now())).toBeLessThanOrEqual(5);

    const checks = ['--iss', 'https://auth.example.com', '--aud', 'api', '--sub', 'user-1'];
    const [fromFile, fromStdin, keyFromEnv, keyFromStdin] = await Promise.all([
      run('decrypt', token, '--key', 'dir.jwk', ...checks),
      cli.run(['decrypt', '-', '--key', 'dir.jwk', ...checks], { stdin: `\n${token}\n` }),
      cli.run(['decrypt', token, '--key', 'env:JWE_KEY'], { env: { JWE_KEY: read('dir.jwk') } }),
      cli.run(['decrypt', token, '--key', '-'], { stdin: read('dir.jwk') }),
    ]);
    for (const result of [fromFile, fromStdin, keyFromEnv, keyFromStdin]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(payload)));
    }
  });

  it.each([
    // [keygen args, encrypt/decrypt args, the header's alg and enc]
    [['A128GCM'], [], ['dir', 'A128GCM']],
    [['A256CBC-HS512'], [], ['dir', 'A256CBC-HS512']],
    // 32 bytes like A256GCM's key: the JWK's "alg" says which, so neither side names it.
    [['A128CBC-HS256'], [], ['dir', 'A128CBC-HS256']],
    [['A256KW'], [], ['A256KW', 'A256GCM']],
    [['A128GCMKW'], ['--enc', 'A128CBC-HS256'], ['A128GCMKW', 'A128CBC-HS256']],
  ])('keygen %j: a secret JWK', async (keygenArgs, args, [alg, enc]) => {
    const name = `${keygenArgs[0]!}-${args.length}.jwk`;
    expect(await run('keygen', ...keygenArgs, '--out-private', name)).toMatchObject({ code: 0, stderr: '' });
    const encrypted = await run('encrypt', '--key', name, '--sub', 'user-5', ...args);
    expect(encrypted).toMatchObject({ code: 0, stderr: '' });
    expect(headerOf(encrypted.stdout.trim())).toMatchObject({ alg, enc });
    const decrypted = await run('decrypt', encrypted.stdout.trim(), '--key', name, ...args);
    expect(decrypted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(decrypted.stdout)).toMatchObject({ sub: 'user-5' });
  });

  it.each([
    // [keygen args, encrypt/decrypt args for PEM files, the header's alg, the epk's crv]
    ['RSA-OAEP-256', 'pem', [], [], 'RSA-OAEP-256', undefined],
    ['RSA-OAEP', 'jwk', [], [], 'RSA-OAEP', undefined],
    ['ECDH-ES', 'pem', [], [], 'ECDH-ES', 'P-256'],
    ['ECDH-ES', 'jwk', ['--crv', 'X25519'], [], 'ECDH-ES', 'X25519'],
    ['ECDH-ES+A256KW', 'pem', [], ['--alg', 'ECDH-ES+A256KW'], 'ECDH-ES+A256KW', 'P-256'],
    ['ECDH-ES+A128KW', 'pem', ['--crv', 'X25519'], ['--alg', 'ECDH-ES+A128KW'], 'ECDH-ES+A128KW', 'X25519'],
    ['ECDH-ES+A256KW', 'jwk', ['--crv', 'P-521'], [], 'ECDH-ES+A256KW', 'P-521'],
  ] as const)('keygen %s as %s %j: a key pair', async (alg, format, keygenArgs, args, headerAlg, crv) => {
    const [privateFile, publicFile] = [`${alg}-${crv ?? 'rsa'}-private.${format}`, `${alg}-${crv ?? 'rsa'}-public.${format}`];
    const keygen = await run('keygen', alg, ...keygenArgs, '--format', format, '--out-private', privateFile, '--out-public', publicFile);
    expect(keygen).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file(privateFile)).mode & 0o777).toBe(0o600);
    if (format === 'pem') {
      expect(read(privateFile)).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/);
      expect(read(publicFile)).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    } else {
      const [privateJwk, publicJwk] = [JSON.parse(read(privateFile)) as Jwk, JSON.parse(read(publicFile)) as Jwk];
      expect(privateJwk).toMatchObject({ alg, use: 'enc' });
      expect(typeof privateJwk.d).toBe('string');
      expect(publicJwk).toMatchObject({ alg, use: 'enc' });
      expect(publicJwk.d).toBeUndefined();
      if (crv !== undefined) expect(publicJwk.crv).toBe(crv);
    }

    const encrypted = await run('encrypt', '--key', publicFile, '--exp', '5m', '--sub', 'user-6', ...args);
    expect(encrypted).toMatchObject({ code: 0, stderr: '' });
    const token = encrypted.stdout.trim();
    const header = headerOf(token);
    expect(header).toMatchObject({ alg: headerAlg, enc: 'A256GCM' });
    if (crv !== undefined) expect((header.epk as { crv: string }).crv).toBe(crv);

    const decrypted = await run('decrypt', token, '--key', privateFile, '--sub', 'user-6', ...args);
    expect(decrypted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(decrypted.stdout)).toMatchObject({ sub: 'user-6' });
    // The private file also decrypts in code, read as the CLI reads it.
    const key = format === 'pem' ? read(privateFile) : (JSON.parse(read(privateFile)) as Jwk);
    await expect(decrypt(token, key, args.length > 0 ? { algorithms: [headerAlg] } : {})).resolves.toBeDefined();
  });

  it('keygen PBES2: a password as base64url text; PBES2 is decrypted only when --alg lists it', async () => {
    const printed = await run('keygen', 'PBES2-HS256+A128KW');
    expect(printed.stdout).toMatch(/^[\w-]{43}$/); // not a terminal: no line break
    write('password.txt', printed.stdout);
    const encrypted = await run('encrypt', '--key', 'password.txt', '--alg', 'PBES2-HS256+A128KW', '--sub', 'user-7');
    expect(encrypted).toMatchObject({ code: 0, stderr: '' });
    const token = encrypted.stdout.trim();
    expect(headerOf(token)).toMatchObject({ alg: 'PBES2-HS256+A128KW', enc: 'A256GCM', p2c: 10_000 });
    const [listed, unlisted] = await Promise.all([
      run('decrypt', token, '--key', 'password.txt', '--alg', 'PBES2-HS256+A128KW'),
      run('decrypt', token, '--key', 'password.txt'),
    ]);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toMatchObject({ sub: 'user-7' });
    expectRefused(unlisted, 'ERR_JWT_ALGORITHM');
    await expect(decrypt(token, read('password.txt'), { algorithms: ['PBES2-HS256+A128KW'] })).resolves.toBeDefined();
  });

  it('a key pair printed to stdout, PEM or JWK', async () => {
    const [pem, jwk] = await Promise.all([run('keygen', 'ECDH-ES', '--crv', 'P-384'), run('keygen', 'RSA-OAEP-256', '--format', 'jwk')]);
    expect(pem.code).toBe(0);
    expect(pem.stdout).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/,
    );
    expect(jwk.code).toBe(0);
    const pair = JSON.parse(jwk.stdout) as { privateKey: Jwk; publicKey: Jwk };
    expect(pair.privateKey).toMatchObject({ kty: 'RSA', alg: 'RSA-OAEP-256', use: 'enc' });
    expect(pair.publicKey.n).toBe(pair.privateKey.n);
    expect(pair.publicKey.d).toBeUndefined();
  });

  it('decrypts with a JWK Set, picking the encryption key by kid', async () => {
    const pairs = await Promise.all([generateKeyPair('ECDH-ES', { extractable: true }), generateKeyPair('ECDH-ES', { extractable: true })]);
    const jwks = await Promise.all(
      pairs.map(async ({ privateKey }, i) => ({ ...(await exportJWK(privateKey)), kid: `enc-${i}`, use: 'enc' })),
    );
    write('enc-jwks.json', JSON.stringify({ keys: jwks }));
    const claims: JwtPayload = { sub: 'user-8' };
    const token = await encrypt(claims, pairs[1].publicKey, { header: { kid: 'enc-1' } });
    const result = await run('decrypt', token, '--key', 'enc-jwks.json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ sub: 'user-8' });
  });
});

describe('nested JWTs: sign, then encrypt', () => {
  it('encrypt --jwt wraps a signed JWT (cty "JWT"); decrypt prints it only after --verify-key verified it', async () => {
    expect((await run('keygen', 'ES256', '--out-private', 'signer.pem', '--out-public', 'signer-public.pem')).code).toBe(0);
    expect((await run('keygen', 'RSA-OAEP-256', '--out-private', 'recipient.pem', '--out-public', 'recipient-public.pem')).code).toBe(0);
    expect((await run('keygen', 'ES256', '--out-private', 'other.pem', '--out-public', 'other-public.pem')).code).toBe(0);
    const signed = (
      await run('sign', '--key', 'signer.pem', '--exp', '5m', '--sub', 'user-9', '--iss', 'https://auth.example.com')
    ).stdout.trim();
    const [fromArgument, fromStdin] = await Promise.all([
      run('encrypt', '--key', 'recipient-public.pem', '--jwt', signed),
      cli.run(['encrypt', '--key', 'recipient-public.pem', '--jwt', '-'], { stdin: `${signed}\n` }),
    ]);
    for (const encrypted of [fromArgument, fromStdin]) {
      expect(encrypted).toMatchObject({ code: 0, stderr: '' });
      const token = encrypted.stdout.trim();
      expect(headerOf(token)).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' });
      const [verified, unverified, wrongSigner] = await Promise.all([
        run(
          'decrypt',
          token,
          '--key',
          'recipient.pem',
          '--verify-key',
          'signer-public.pem',
          '--verify-alg',
          'ES256',
          '--iss',
          'https://auth.example.com',
        ),
        run('decrypt', token, '--key', 'recipient.pem'),
        run('decrypt', token, '--key', 'recipient.pem', '--verify-key', 'other-public.pem'),
      ]);
      expect(verified).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(verified.stdout)).toMatchObject({ sub: 'user-9', iss: 'https://auth.example.com' });
      expectRefused(unverified, 'ERR_JWT_MALFORMED');
      expect(unverified.stderr).toContain('nested JWT');
      expectRefused(wrongSigner, 'ERR_JWT_SIGNATURE');
    }
  });
});

describe('decrypt --plaintext: a JWE whose content is not a JWT', () => {
  it('prints the decrypted bytes as they are (piped), with no claim checks; a nested JWT is still refused', async () => {
    expect((await run('keygen', 'A256GCM', '--out-private', 'plain.jwk')).code).toBe(0);
    const jwk = JSON.parse(read('plain.jwk')) as Jwk;
    const content = 'not a JWT: {"a":1}\n\u001b[0m ünïcode\n';
    const token = await new CompactEncrypt(new TextEncoder().encode(content))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(Buffer.from(jwk.k!, 'base64url'));
    const [plain, asJwt, withClaims] = await Promise.all([
      run('decrypt', token, '--key', 'plain.jwk', '--plaintext'),
      run('decrypt', token, '--key', 'plain.jwk'),
      run('decrypt', token, '--key', 'plain.jwk', '--plaintext', '--iss', 'x'),
    ]);
    expect(plain).toEqual({ code: 0, stdout: content, stderr: '' });
    expectRefused(asJwt, 'ERR_JWT_MALFORMED');
    expectUsage(withClaims, '--plaintext prints the content unchecked: --iss', 'webjwt decrypt');

    const nested = await encrypt(await sign({ sub: 'user-1' }, 'a-signing-secret-of-at-least-32-bytes!'), jwk);
    expectRefused(await run('decrypt', nested, '--key', 'plain.jwk', '--plaintext'), 'ERR_JWT_MALFORMED');
  });
});

describe('refusals: exit 1 with the error code and message only', () => {
  it('one line for every failure to decrypt, never the token, key or claims', async () => {
    expect((await run('keygen', 'A256GCM', '--out-private', 'right.jwk')).code).toBe(0);
    expect((await run('keygen', 'A256GCM', '--out-private', 'wrong.jwk')).code).toBe(0);
    const token = (await run('encrypt', '--key', 'right.jwk', '--claim', 'secret-claim=hunter2')).stdout.trim();
    const results = await Promise.all([run('decrypt', token, '--key', 'wrong.jwk'), run('decrypt', tampered(token), '--key', 'right.jwk')]);
    for (const result of results) {
      expectRefused(result, 'ERR_JWE_DECRYPTION');
      expect(result.stderr).toBe('ERR_JWE_DECRYPTION: decryption failed\n');
    }
  });

  it('claims, algorithms, token kinds and keys are refused by code', async () => {
    expect((await run('keygen', 'A256KW', '--out-private', 'kw.jwk')).code).toBe(0);
    expect((await run('keygen', 'A256GCM', '--out-private', 'claims.jwk')).code).toBe(0);
    const key = JSON.parse(read('claims.jwk')) as Jwk;
    const claims: JwtPayload = { sub: 'user-1' };
    const expired = await encrypt(claims, key, { expiresIn: '15m', currentDate: new Date((now() - 20 * 60) * 1000) });
    const fresh = await encrypt({ ...claims, iss: 'https://issuer.example' }, key);
    const kwToken = (await run('encrypt', '--key', 'kw.jwk')).stdout.trim();
    write('short-secret.txt', 'sixteen-byte-key'); // 16 bytes: A128GCM's, not A256GCM's
    write('enc-set.json', JSON.stringify({ keys: [key] }));
    const cases = [
      [run('decrypt', expired, '--key', 'claims.jwk'), 'ERR_JWT_EXPIRED'],
      [run('decrypt', fresh, '--key', 'claims.jwk', '--iss', 'https://other.example'), 'ERR_JWT_CLAIM'],
      // An A256KW token to a dir key, and an enc not accepted.
      [run('decrypt', kwToken, '--key', 'claims.jwk'), 'ERR_JWT_ALGORITHM'],
      [run('decrypt', fresh, '--key', 'claims.jwk', '--enc', 'A128GCM'), 'ERR_JWT_ALGORITHM'],
      // A JWS is never a JWE.
      [run('decrypt', await sign({ sub: 'user-1' }, 'a-signing-secret-of-at-least-32-bytes!'), '--key', 'claims.jwk'), 'ERR_JWT_MALFORMED'],
      [run('encrypt', '--key', 'short-secret.txt', '--alg', 'dir', '--enc', 'A256GCM'), 'ERR_KEY'],
      // A JWK Set does not say whose key encrypts.
      [run('encrypt', '--key', 'enc-set.json'), 'ERR_KEY'],
    ] as const;
    for (const [promise, code] of cases) expectRefused(await promise, code);
  });
});

describe('usage errors: exit 2 with a one-line hint', () => {
  it.each([
    [['encrypt'], '--key is required', 'encrypt'],
    [['encrypt', '--key', 'k.jwk', '--alg', 'RSA1_5'], 'RSA1_5 is not supported', 'encrypt'],
    [['encrypt', '--key', 'k.jwk', '--enc', 'a256gcm'], '--enc must be one of A128GCM', 'encrypt'],
    [
      ['encrypt', '--key', 'k.jwk', '--jwt', 'a.b.c', '--exp', '5m', '--claim', 'a=1'],
      '--jwt encrypts a signed JWT as it is: --exp, --claim',
      'encrypt',
    ],
    [['decrypt', 'token', '--key', 'k.jwk', '--alg', 'HS256'], '--alg must be one of dir, A128KW', 'decrypt'],
    [['decrypt', 'token', '--key', 'k.jwk', '--verify-alg', 'ES256'], '--verify-alg needs --verify-key', 'decrypt'],
    [
      ['decrypt', 'token', '--key', 'k.jwk', '--verify-key', 'k.jwk', '--verify-alg', 'A256KW'],
      '--verify-alg must be one of HS256',
      'decrypt',
    ],
    [['decrypt', '-', '--key', '-'], 'cannot both be read from stdin (-)', 'decrypt'],
    [['decrypt', 'token', '--key', 'missing.jwk'], 'cannot read the key file "missing.jwk" (ENOENT)', 'decrypt'],
    [['keygen', 'dir'], "a dir secret is as long as its content encryption's key", 'keygen'],
    [['keygen', 'A256GCM', '--format', 'pem'], 'A256GCM dir secret has no PEM form', 'keygen'],
    [['keygen', 'A256KW', '--out-public', 'x.jwk', '--out-private', 'y.jwk'], 'A256KW secret has no public key', 'keygen'],
    [['keygen', 'ES256', '--crv', 'P-256'], '--crv is for the ECDH-ES algorithms', 'keygen'],
    [['keygen', 'ECDH-ES', '--crv', 'secp256k1'], '--crv must be one of P-256, P-384, P-521, X25519', 'keygen'],
    [['keygen', 'RSA1_5'], 'RSA1_5 is not supported', 'keygen'],
    [['keygen', 'A256gcm'], '<alg> must be one of HS256', 'keygen'],
  ])('%j', async (args, message, command) => {
    write('k.jwk', '{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","alg":"dir"}');
    expectUsage(await cli.run(args, { stdin: '' }), message, `webjwt ${command}`);
  });
});
