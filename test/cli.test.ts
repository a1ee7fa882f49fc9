/**
 * The `webjwt` command-line tool, run as a real binary: bundled from src/cli.ts with esbuild and
 * spawned with Node, arguments, environment and stdin as a shell would give them.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, exportJWK, generateKeyPair, sign, thumbprint, verify, type Jwk } from '../src/index.js';
import { buildCli, expectRefused, expectUsage, type Cli, type Run } from './cli/run.js';
import { hmacToken, rawToken, tamper } from './support.js';

let cli: Cli;
const file = (name: string): string => join(cli.dir, name);
const read = (name: string): string => readFileSync(file(name), 'utf8');
const write = (name: string, content: string | Uint8Array): void => {
  writeFileSync(file(name), content);
};
const run = (...args: string[]): Promise<Run> => cli.run(args);

const SECRET = 'cli-test-secret-of-at-least-32-bytes!';
const now = (): number => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  cli = await buildCli();
});

afterAll(() => {
  cli.remove();
});

describe('help and version', () => {
  it('prints the tool help with every command, and the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const [help, short, version, helpTopic] = await Promise.all([run('--help'), run('-h'), run('--version'), run('help', 'keygen')]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: webjwt <command>/);
    for (const command of ['decode', 'verify', 'sign', 'keygen', 'jwks']) expect(help.stdout).toContain(`  ${command} `);
    expect(short.stdout).toBe(help.stdout);
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(helpTopic.stdout).toMatch(/^Usage: webjwt keygen <alg>/);
  });

  it.each([
    ['decode', ['NOT verified', '<token|->']],
    ['verify', ['--key <file|env:NAME>', '--alg', '--iss', '--aud', '--sub', '--clock-tolerance', 'ONE', 'never taken as a secret']],
    ['sign', ['--exp', '--nbf', '--kid', '--claim', 'parses as JSON', '--json']],
    ['keygen', ['--format pem|jwk', '--out-private', '--out-public', 'base64url', "readFileSync(file, 'utf8')"]],
    ['jwks', ['--alg', 'thumbprint', 'JWK Set', 'HMAC secrets are refused']],
  ])('%s --help documents its options, and wins over the rest of the line', async (command, mentions) => {
    const result = await run(command, '--unknown-option', '--help');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`^Usage: webjwt ${command}`));
    for (const mention of mentions) expect(result.stdout).toContain(mention);
  });
});

describe('usage errors: exit 2 with a one-line hint', () => {
  it.each([
    [[], 'webjwt: missing command', 'webjwt'],
    [['frobnicate'], 'unknown command frobnicate', 'webjwt'],
    [['decode'], 'missing <token|->', 'webjwt decode'],
    [['verify', 'token', '--key', 'k', '--frob'], "Unknown option '--frob'", 'webjwt verify'],
    [['verify', 'token'], '--key is required', 'webjwt verify'],
    [['verify', 'token', '--key', 'k', '--alg', 'hs256'], '--alg must be one of HS256', 'webjwt verify'],
    [['sign', '--key'], "Option '--key <value>' argument missing", 'webjwt sign'],
    [['sign', '--key', 'env:S', '--exp', '60'], 'expiresIn must be seconds or a duration', 'webjwt sign'],
    [['sign', '--key', 'env:S', '--claim', 'no-equals-sign'], '--claim takes name=value', 'webjwt sign'],
    [['sign', '--key', 'env:S', '--claim', 'a=1', '--json', '{"a":2}'], 'the claim "a" is given twice', 'webjwt sign'],
    [['sign', '--key', 'env:S', '--sub', 'a', '--sub', 'b'], '--sub is given 2 times', 'webjwt sign'],
    [
      ['sign', '--key', 'env:S', '--kid', '--sub', 'a'],
      '--kid is missing its value (a value that starts with a dash is written --kid=VALUE)',
      'webjwt sign',
    ],
    [['verify', 'token', '--key', 'k', '--aud', '--iss=x'], '--aud is missing its value', 'webjwt verify'],
    [['sign', '--key', 'env:S', '--json', '[1]'], '--json must be a JSON object', 'webjwt sign'],
    [['keygen'], 'missing <alg>', 'webjwt keygen'],
    [['keygen', 'HS256', '--format', 'pem'], 'HS256 secret has no PEM form', 'webjwt keygen'],
    [['keygen', 'ES256', '--out-private', 'only-one.pem'], 'give both --out-private and --out-public', 'webjwt keygen'],
    // A key file or variable that is not there is missing input, not a refused key.
    [['verify', 'token', '--key', 'missing-file.pem'], 'cannot read the key file "missing-file.pem" (ENOENT)', 'webjwt verify'],
    [['sign', '--key', 'env:UNSET'], 'the environment variable UNSET is not set', 'webjwt sign'],
    [['jwks'], 'missing <key file>', 'webjwt jwks'],
    [['jwks', 'missing-file.pem'], 'cannot read the key file "missing-file.pem" (ENOENT)', 'webjwt jwks'],
  ])('%j', async (args, message, helpCommand) => {
    expectUsage(await cli.run(args, { env: { S: SECRET } }), message, helpCommand);
  });

  it('never echoes an argument that may be a token or a secret put in the wrong place', async () => {
    const [stray, first] = await Promise.all([
      cli.run(['sign', '--key', 'env:S', 'hunter2-Secret'], { env: { S: SECRET } }),
      run('hunter2-Secret'),
    ]);
    for (const result of [stray, first]) {
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('hunter2');
    }
    expect(stray.stderr).toContain('1 unexpected argument');
  });
});

describe('HMAC secrets', () => {
  it('keygen HS256 → sign with every claim option → verify, from a file, an env:VAR and stdin', async () => {
    const keygen = await run('keygen', 'HS256', '--out-private', 'hs256.txt');
    expect(keygen).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file('hs256.txt')).mode & 0o777).toBe(0o600);
    // 32 random bytes, base64url, and nothing else: the file's text is the secret, read back as it is.
    const secret = read('hs256.txt');
    expect(secret).toMatch(/^[\w-]{43}$/);

    const signed = await run(
      'sign',
      '--key',
      'hs256.txt',
      '--exp',
      '15m',
      '--iss',
      'https://auth.example.com',
      '--aud',
      'api',
      '--aud',
      'web',
      '--sub',
      'user-1',
      '--kid',
      'k1',
      '--claim',
      'role=admin',
      '--claim',
      'n=42',
      '--claim',
      'scope=["read","write"]',
      '--claim',
      'id="007"',
      '--claim',
      'zip=007',
      '--claim',
      'ok=true',
      '--json',
      '{"org":{"id":1},"__proto__":{"x":1}}',
    );
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(signed.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = signed.stdout.trim();
    // readFileSync(file, 'utf8') is the secret the CLI signed with.
    const { header, payload } = await verify(token, secret, { issuer: 'https://auth.example.com', audience: 'api' });
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    expect(payload).toMatchObject({
      sub: 'user-1',
      aud: ['api', 'web'],
      role: 'admin',
      n: 42,
      scope: ['read', 'write'],
      id: '007',
      zip: '007',
      ok: true,
      org: { id: 1 },
    });
    expect(Object.hasOwn(payload, '__proto__')).toBe(true);
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(Math.abs(payload.iat! - now())).toBeLessThanOrEqual(5);

    const checks = ['--iss', 'https://auth.example.com', '--aud', 'api', '--sub', 'user-1'];
    const [fromFile, fromEnvAndStdin] = await Promise.all([
      run('verify', token, '--key', 'hs256.txt', ...checks),
      cli.run(['verify', '-', '--key', 'env:JWT_SECRET', ...checks], { env: { JWT_SECRET: secret }, stdin: `  ${token}\n\n` }),
    ]);
    for (const result of [fromFile, fromEnvAndStdin]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(payload)));
    }
  });

  it('reads a secret file as its exact bytes, minus one trailing line break; non-UTF-8 bytes are used unchanged', async () => {
    write('crlf.txt', `${SECRET}\r\n`);
    write('two-newlines.txt', `${SECRET}\n\n`);
    // Random bytes that are not UTF-8 (0xff never is) and end in a newline byte, which must be kept.
    const binary = new Uint8Array(40).map((_, i) => (i * 37 + 11) & 0xff);
    binary[0] = 0xff;
    binary[39] = 0x0a;
    write('binary.key', binary);
    const [crlf, twoNewlines, raw] = await Promise.all(
      ['crlf.txt', 'two-newlines.txt', 'binary.key'].map((name) => run('sign', '--key', name)),
    );
    await expect(verify(crlf!.stdout.trim(), SECRET)).resolves.toBeDefined();
    await expect(verify(twoNewlines!.stdout.trim(), `${SECRET}\n`)).resolves.toBeDefined();
    await expect(verify(raw!.stdout.trim(), binary)).resolves.toBeDefined();
  });

  it("keygen HS256 to stdout, redirected to a file, is the secret as it is: readFileSync(file, 'utf8') verifies", async () => {
    const printed = await run('keygen', 'HS256');
    expect(printed.stdout).toMatch(/^[\w-]{43}$/); // not a terminal: no line break
    write('redirected.txt', printed.stdout);
    const token = (await run('sign', '--key', 'redirected.txt')).stdout.trim();
    await expect(verify(token, read('redirected.txt'))).resolves.toBeDefined();
  });

  it('keygen HS512 --format jwk makes an oct JWK that signs and verifies as HS512', async () => {
    expect((await run('keygen', 'HS512', '--format', 'jwk', '--out-private', 'hs512.jwk')).code).toBe(0);
    const jwk = JSON.parse(read('hs512.jwk')) as Jwk;
    expect(jwk).toMatchObject({ kty: 'oct', alg: 'HS512' });
    expect(Buffer.from(jwk.k!, 'base64url')).toHaveLength(64);
    const token = (await run('sign', '--key', 'hs512.jwk')).stdout.trim();
    expect(decode(token).header.alg).toBe('HS512');
    expect(await run('verify', token, '--key', 'hs512.jwk')).toMatchObject({ code: 0 });
  });

  it('never takes JSON text as an HMAC secret', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    const jwkText = JSON.stringify(await exportJWK(publicKey));
    write('rsa-public.jwk', `${jwkText}\n`);
    // Broken JSON without "kty": only the CLI's own rule (text starting with { must be JSON) refuses it.
    write('broken.json', '{"k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA", "alg": "HS256"\n');
    // The HS/RS confusion: an HS256 token whose MAC key is the public JWK's text (with and without the newline).
    const forged = [
      hmacToken('{"alg":"HS256"}', '{"sub":"admin"}', jwkText),
      hmacToken('{"alg":"HS256"}', '{"sub":"admin"}', `${jwkText}\n`),
    ];
    const results = await Promise.all([
      ...forged.map((token) => run('verify', token, '--key', 'rsa-public.jwk', '--alg', 'HS256')),
      run('sign', '--key', 'broken.json'),
    ]);
    for (const result of results) expectRefused(result, 'ERR_KEY');
    expect(results[2]!.stderr).not.toContain('c2VjcmV0');
  });
});

describe('key pairs: keygen → sign → verify', () => {
  it.each([
    ['RS256', 'pem'],
    ['RS256', 'jwk'],
    ['ES256', 'pem'],
    ['ES256', 'jwk'],
    ['EdDSA', 'pem'],
    ['EdDSA', 'jwk'],
  ] as const)('%s with %s key files', async (alg, format) => {
    const [privateFile, publicFile] = [`${alg}-private.${format}`, `${alg}-public.${format}`];
    const keygen = await run('keygen', alg, '--format', format, '--out-private', privateFile, '--out-public', publicFile);
    expect(keygen).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file(privateFile)).mode & 0o777).toBe(0o600);
    const [privateText, publicText] = [read(privateFile), read(publicFile)];
    if (format === 'pem') {
      expect(privateText).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/);
      expect(publicText).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    } else {
      const [privateJwk, publicJwk] = [JSON.parse(privateText) as Jwk, JSON.parse(publicText) as Jwk];
      expect(privateJwk).toMatchObject({ alg });
      expect(typeof privateJwk.d).toBe('string');
      expect(publicJwk).toMatchObject({ alg });
      expect(publicJwk.d).toBeUndefined();
    }

    const signed = await run('sign', '--key', privateFile, '--exp', '5m', '--sub', 'user-2');
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    const token = signed.stdout.trim();
    expect(decode(token).header.alg).toBe(alg);
    // The public file also verifies in code, read as the CLI reads it.
    await expect(verify(token, format === 'pem' ? publicText : (JSON.parse(publicText) as Jwk))).resolves.toBeDefined();

    const verified = await run('verify', token, '--key', publicFile, '--sub', 'user-2');
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(verified.stdout)).toMatchObject({ sub: 'user-2' });
  });

  it('prints a new key pair to stdout as PEM or as JWK', async () => {
    const [pem, jwk] = await Promise.all([run('keygen', 'ES256'), run('keygen', 'EdDSA', '--format', 'jwk')]);
    expect(pem.code).toBe(0);
    expect(pem.stdout).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/,
    );
    expect(jwk.code).toBe(0);
    const pair = JSON.parse(jwk.stdout) as { privateKey: Jwk; publicKey: Jwk };
    expect(pair.privateKey).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(pair.publicKey.x).toBe(pair.privateKey.x);
    expect(pair.publicKey.d).toBeUndefined();
  });

  it('never overwrites a key file', async () => {
    write('existing.pem', 'keep me');
    const result = await run('keygen', 'ES256', '--out-private', 'existing.pem', '--out-public', 'new-public.pem');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('existing.pem already exists');
    expect(read('existing.pem')).toBe('keep me');
    expect(() => statSync(file('new-public.pem'))).toThrow();
  });

  it('jwks makes a JWK Set of public keys from PEM and JWK files, kid = RFC 7638 thumbprint, that verify --key reads', async () => {
    expect((await run('keygen', 'ES256', '--out-private', 'set-es.pem', '--out-public', 'set-es-public.pem')).code).toBe(0);
    expect((await run('keygen', 'EdDSA', '--format', 'jwk', '--out-private', 'set-ed.jwk', '--out-public', 'set-ed-public.jwk')).code).toBe(
      0,
    );
    // Private and public files alike; the same key twice is written once.
    const made = await run('jwks', 'set-es-public.pem', 'set-ed.jwk', 'set-es.pem');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    write('jwks.json', made.stdout);
    const { keys } = JSON.parse(made.stdout) as { keys: Jwk[] };
    expect(keys.map((k) => [k.kty, k.alg, k.use])).toEqual([
      ['EC', 'ES256', 'sig'],
      ['OKP', 'EdDSA', 'sig'],
    ]);
    for (const key of keys) {
      expect(key.d).toBeUndefined();
      expect(key.kid).toBe(await thumbprint(key)); // RFC 7638 §3.2: the required members only
    }
    for (const [privateFile, index] of [
      ['set-es.pem', 0],
      ['set-ed.jwk', 1],
    ] as const) {
      const signed = await run('sign', '--key', privateFile, '--kid', keys[index]!.kid!, '--sub', 'user-4');
      expect(signed).toMatchObject({ code: 0, stderr: '' });
      const verified = await run('verify', signed.stdout.trim(), '--key', 'jwks.json');
      expect(verified).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(verified.stdout)).toMatchObject({ sub: 'user-4' });
    }
    // A thumbprint starts with '-' once in 64: `--kid -…` is that kid, as getopt would take it, and so
    // is `--kid=--…`; a kid that is one of the command's options is a forgotten value instead.
    const dashed = keys.map((key, index) => ({ ...key, kid: `${'-'.repeat(index + 1)}${key.kid!.slice(index + 1)}` }));
    write('jwks-dashed.json', JSON.stringify({ keys: dashed }));
    for (const [privateFile, kidArgs] of [
      ['set-es.pem', ['--kid', dashed[0]!.kid]],
      ['set-ed.jwk', ['--kid', dashed[1]!.kid]],
      ['set-ed.jwk', [`--kid=${dashed[1]!.kid}`]],
    ] as const) {
      const signed = await run('sign', '--key', privateFile, ...kidArgs, '--sub', 'user-5');
      expect(signed).toMatchObject({ code: 0, stderr: '' });
      const verified = await run('verify', signed.stdout.trim(), '--key', 'jwks-dashed.json');
      expect(verified).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(verified.stdout)).toMatchObject({ sub: 'user-5' });
    }
    // A secret never goes into a JWK Set, which is published.
    write('set-secret.txt', SECRET);
    expectRefused(await run('jwks', 'set-secret.txt'), 'ERR_KEY');
  });

  it('jwks gives a key whose PEM names id-RSASSA-PSS (RFC 4055) "alg": "PS256", the algorithm sign uses for it, not RS256', async () => {
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 2048 });
    write('pss.pem', pss.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    write('pss-public.pem', pss.publicKey.export({ type: 'spki', format: 'pem' }));
    const made = await run('jwks', 'pss-public.pem');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const { keys } = JSON.parse(made.stdout) as { keys: Jwk[] };
    expect(keys.map((k) => [k.kty, k.alg])).toEqual([['RSA', 'PS256']]);
    write('jwks-pss.json', made.stdout);
    const signed = await run('sign', '--key', 'pss.pem', '--kid', keys[0]!.kid!, '--sub', 'user-6');
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    expect(decode(signed.stdout.trim()).header.alg).toBe('PS256');
    const verified = await run('verify', signed.stdout.trim(), '--key', 'jwks-pss.json');
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    // A plain RSA PEM still defaults to RS256.
    write('rsa-public.pem', generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect(JSON.parse((await run('jwks', 'rsa-public.pem')).stdout)).toMatchObject({ keys: [{ kty: 'RSA', alg: 'RS256' }] });
  });

  it('verifies with a JWK Set file, picking the key by kid', async () => {
    const keys = await Promise.all([generateKeyPair('ES256'), generateKeyPair('ES256')]);
    const jwks = await Promise.all(keys.map(async ({ publicKey }, i) => ({ ...(await exportJWK(publicKey)), kid: `key-${i}` })));
    write('jwks.json', JSON.stringify({ keys: jwks }));
    const token = await sign({ sub: 'user-3' }, keys[1].privateKey, { header: { kid: 'key-1' } });
    const result = await run('verify', token, '--key', 'jwks.json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ sub: 'user-3' });
  });
});

describe('refusals: exit 1 with the error code and message only', () => {
  it('an expired token fails with ERR_JWT_EXPIRED, and passes within --clock-tolerance', async () => {
    const token = await sign({ sub: 'user-1' }, SECRET, { expiresIn: '15m', currentDate: new Date((now() - 15 * 60 - 60) * 1000) });
    write('secret.txt', `${SECRET}\n`);
    const [expired, tolerated] = await Promise.all([
      run('verify', token, '--key', 'secret.txt'),
      run('verify', token, '--key', 'secret.txt', '--clock-tolerance', '5m'),
    ]);
    expectRefused(expired, 'ERR_JWT_EXPIRED');
    expect(expired.stderr).toBe('ERR_JWT_EXPIRED: token has expired\n');
    expect(tolerated).toMatchObject({ code: 0, stderr: '' });
  });

  it('reports claim, algorithm, signature and key failures by code, never with the secret or token', async () => {
    const token = await sign({ sub: 'user-1', iss: 'https://issuer.example' }, SECRET);
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    write('es-private.jwk', JSON.stringify(await exportJWK(privateKey)));
    write('es-public.jwk', JSON.stringify(await exportJWK(publicKey)));
    const env = { env: { S: SECRET, SHORT: 'short-secret-value' } };
    const cases = [
      [cli.run(['verify', token, '--key', 'env:S', '--iss', 'https://other.example'], env), 'ERR_JWT_CLAIM'],
      [cli.run(['verify', token, '--key', 'env:S', '--alg', 'HS512'], env), 'ERR_JWT_ALGORITHM'],
      [cli.run(['verify', tamper(token), '--key', 'env:S'], env), 'ERR_JWT_SIGNATURE'],
      [cli.run(['sign', '--key', 'env:SHORT'], env), 'ERR_KEY'],
      [cli.run(['sign', '--key', 'es-public.jwk'], env), 'ERR_KEY'],
      [cli.run(['verify', await sign({}, privateKey), '--key', 'es-private.jwk'], env), 'ERR_KEY'],
    ] as const;
    const results = await Promise.all(cases.map(([result]) => result));
    for (const [index, result] of results.entries()) {
      expectRefused(result, cases[index]![1]);
      expect(result.stderr).not.toContain(SECRET);
      expect(result.stderr).not.toContain('short-secret-value');
      expect(result.stderr).not.toContain(token.split('.')[1]);
    }
  });
});

describe('decode', () => {
  it('shows header, payload and times with relative dates, and says the signature was NOT verified', async () => {
    const t = now();
    const iat = t - 3 * 86_400 - 3_600;
    const nbf = t - 3_600 - 60;
    const exp = t + 14 * 60 + 30;
    const token = await sign({ sub: 'user-1', iat, nbf, exp }, SECRET, { header: { kid: 'k1' } });
    const result = await run('decode', token);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    expect(result.stdout).toBe(
      [
        'Header:',
        '{\n  "alg": "HS256",\n  "typ": "JWT",\n  "kid": "k1"\n}',
        'Payload:',
        JSON.stringify({ sub: 'user-1', iat, nbf, exp }, null, 2),
        'Times:',
        `  iat  ${iso(iat)}  (3 days ago)`,
        `  nbf  ${iso(nbf)}  (1 hour ago)`,
        `  exp  ${iso(exp)}  (in 14 minutes)`,
        "Signature NOT verified: these claims are unchecked. Use 'webjwt verify' with the key before trusting them.",
        '',
      ].join('\n'),
    );
  });

  it('reads the token from stdin, and marks an expired or not-yet-valid token', async () => {
    const token = await sign({ nbf: now() + 2 * 3_600 + 60, exp: now() - 5 * 60 - 30 }, SECRET);
    const result = await cli.run(['decode', '-'], { stdin: `\n${token}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(in 2 hours, not valid yet)');
    expect(result.stdout).toContain('(5 minutes ago, expired)');
    expect(result.stdout).toContain('Signature NOT verified');
  });

  it('escapes characters a terminal would act on, and shows dates a Date cannot hold as out of range', async () => {
    const token = rawToken('{"alg":"HS256"}', JSON.stringify({ name: 'a\u009b31mred\u202eevil\u001b[0m', exp: 1e13 }));
    const result = await run('decode', token);
    expect(result.code).toBe(0);
    for (const raw of ['\u001b', '\u009b', '\u202e']) expect(result.stdout).not.toContain(raw);
    expect(result.stdout).toContain('"name": "a\\u009b31mred\\u202eevil\\u001b[0m"');
    expect(result.stdout).toContain('exp  out of range');
  });

  it('exits 1 with ERR_JWT_MALFORMED for a malformed token', async () => {
    const [twoSegments, notJson] = await Promise.all([run('decode', 'abc.def'), run('decode', 'e30.bm90LWpzb24.')]);
    expectRefused(twoSegments, 'ERR_JWT_MALFORMED');
    expectRefused(notJson, 'ERR_JWT_MALFORMED');
  });
});
