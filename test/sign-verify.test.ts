import { describe, expect, it } from 'vitest';
import { decode, importKey, sign, verify, type Jwk, type JwsAlgorithm } from '../src/index.js';
import { ALL_ALGORITHMS, expectCode, tamper, testKeys } from './support.js';

/** The forms each kind of key comes in: secrets as bytes, key pairs as PEM. */
const formsOf = (alg: string) => ['cryptoKey', 'jwk', alg.startsWith('HS') ? 'bytes' : 'pem'] as const;

describe('round trips', () => {
  for (const alg of ALL_ALGORITHMS) {
    for (const form of formsOf(alg)) {
      it(`${alg} with ${form} keys`, async () => {
        const keys = await testKeys(alg);
        const signing = keys.signing[form]!;
        const verifying = keys.verifying[form]!;
        const token = await sign({ sub: 'user-1', scope: ['read'], n: 1.5, nested: { ok: true } }, signing, { alg, expiresIn: '5m' });
        const { header, payload } = await verify(token, verifying, { algorithms: [alg] });
        expect(header).toEqual({ alg, typ: 'JWT' });
        expect(payload.sub).toBe('user-1');
        expect(payload.nested).toEqual({ ok: true });
        expect(payload.exp! - payload.iat!).toBe(300);
        await expectCode(verify(tamper(token), verifying, { algorithms: [alg] }), 'ERR_JWT_SIGNATURE');
      });
    }
  }
});

describe('algorithm inference and pinning', () => {
  it('infers the algorithm from the key when none is given', async () => {
    const cases: [JwsAlgorithm, JwsAlgorithm][] = [
      ['RS256', 'RS256'],
      ['ES384', 'ES384'],
      ['ES512', 'ES512'],
      ['EdDSA', 'EdDSA'],
    ];
    for (const [generatedFor, expected] of cases) {
      const { signing, verifying } = await testKeys(generatedFor);
      const token = await sign({}, signing.pem!);
      expect(decode(token).header.alg).toBe(expected);
      await verify(token, verifying.pem!);
    }
    const secret = 'a-string-secret-at-least-256-bits-long';
    const token = await sign({}, secret);
    expect(decode(token).header.alg).toBe('HS256');
    await verify(token, secret);
  });

  it('a key pinned by its JWK alg or CryptoKey algorithm signs with exactly that alg', async () => {
    const { signing, verifying } = await testKeys('PS384');
    expect(decode(await sign({}, signing.jwk)).header.alg).toBe('PS384');
    expect(decode(await sign({}, signing.cryptoKey)).header.alg).toBe('PS384');
    await expectCode(sign({}, signing.cryptoKey, { alg: 'RS256' }), 'ERR_KEY');
    await verify(await sign({}, signing.jwk), verifying.jwk);
  });

  it('without algorithms, only the default algorithm of an unpinned key is accepted', async () => {
    const { signing, verifying } = await testKeys('RS256');
    const ps256 = await sign({}, signing.pem!, { alg: 'PS256' });
    await expectCode(verify(ps256, verifying.pem!), 'ERR_JWT_ALGORITHM');
    await verify(ps256, verifying.pem!, { algorithms: ['PS256'] });
    const secret = 'a-string-secret-at-least-256-bits-long-and-longer-than-sixty-four-bytes!!!';
    const hs512 = await sign({}, secret, { alg: 'HS512' });
    await expectCode(verify(hs512, secret), 'ERR_JWT_ALGORITHM');
    await verify(hs512, secret, { algorithms: ['HS512'] });
  });

  it('a listed algorithm that does not fit the key is a configuration error (ERR_KEY)', async () => {
    const { verifying } = await testKeys('ES256');
    const token = await sign({}, 'a-string-secret-at-least-256-bits-long');
    await expectCode(verify(token, verifying.pem!, { algorithms: ['HS256'] }), 'ERR_KEY');
    await expectCode(verify(token, verifying.pem!, { algorithms: ['ES384'] }), 'ERR_KEY');
  });

  it('a header alg outside the allowlist is ERR_JWT_ALGORITHM', async () => {
    const { signing, verifying } = await testKeys('RS256');
    const token = await sign({}, signing.pem!, { alg: 'RS384' });
    await expectCode(verify(token, verifying.pem!, { algorithms: ['RS256'] }), 'ERR_JWT_ALGORITHM');
  });

  it('EdDSA and Ed25519 name the same scheme for an Ed25519 key', async () => {
    const { signing, verifying } = await testKeys('EdDSA');
    const token = await sign({}, signing.pem!, { alg: 'Ed25519' });
    expect(decode(token).header.alg).toBe('Ed25519');
    await verify(token, verifying.pem!);
  });

  it('refuses private keys for verify and public keys for sign', async () => {
    const { signing, verifying } = await testKeys('ES256');
    const token = await sign({}, signing.pem!);
    await expectCode(verify(token, signing.pem!), 'ERR_KEY');
    await expectCode(verify(token, signing.jwk), 'ERR_KEY');
    await expectCode(sign({}, verifying.pem!), 'ERR_KEY');
    await expectCode(sign({}, verifying.cryptoKey), 'ERR_KEY');
  });
});

describe('sign() options', () => {
  const secret = 'a-string-secret-at-least-256-bits-long';
  const now = new Date('2026-01-01T00:00:00Z');
  const nowSeconds = now.getTime() / 1000;

  it('sets registered claims from options', async () => {
    const token = await sign({ role: 'admin' }, secret, {
      currentDate: now,
      expiresIn: '1h',
      notBefore: 30,
      issuer: 'https://auth.example',
      subject: 'user-1',
      audience: ['api', 'web'],
      jwtId: 'id-1',
      header: { kid: 'k1', cty: 'json', 'x-extra': 1 },
    });
    const { header, payload } = decode(token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1', cty: 'json', 'x-extra': 1 });
    expect(payload).toEqual({
      role: 'admin',
      iss: 'https://auth.example',
      sub: 'user-1',
      aud: ['api', 'web'],
      jti: 'id-1',
      iat: nowSeconds,
      exp: nowSeconds + 3600,
      nbf: nowSeconds + 30,
    });
  });

  it('issuedAt: a number sets iat, false omits it', async () => {
    expect(decode(await sign({}, secret, { issuedAt: 1_700_000_000 })).payload.iat).toBe(1_700_000_000);
    expect('iat' in decode(await sign({}, secret, { issuedAt: false })).payload).toBe(false);
  });

  it('typ can be replaced through header', async () => {
    expect(decode(await sign({}, secret, { header: { typ: 'at+jwt' } })).header.typ).toBe('at+jwt');
  });

  it.each([
    ['payload is an array', () => sign([] as never, secret)],
    ['payload is a string', () => sign('x' as never, secret)],
    ['payload is a class instance', () => sign(new Date() as never, secret)],
    ['header alg overrides', () => sign({}, secret, { header: { alg: 'none' } })],
    ['header crit', () => sign({}, secret, { header: { crit: ['x'] } })],
    ['header kid not a string', () => sign({}, secret, { header: { kid: 1 as never } })],
    ['alg none', () => sign({}, secret, { alg: 'none' as never })],
    ['payload iss and issuer option', () => sign({ iss: 'a' }, secret, { issuer: 'b' })],
    ['payload exp and expiresIn', () => sign({ exp: 1 }, secret, { expiresIn: 60 })],
    ['bare numeric string duration', () => sign({}, secret, { expiresIn: '60' })],
    ['unknown duration unit', () => sign({}, secret, { expiresIn: '5 fortnights' })],
    ['negative duration', () => sign({}, secret, { expiresIn: -5 })],
    ['exp in milliseconds', () => sign({ exp: Date.now() }, secret)],
    ['exp a string', () => sign({ exp: '1700000000' as never }, secret)],
    ['aud a number', () => sign({ aud: 5 as never }, secret)],
    ['issuedAt NaN', () => sign({}, secret, { issuedAt: Number.NaN })],
    ['audience option not strings', () => sign({}, secret, { audience: [1] as never })],
    ['invalid currentDate', () => sign({}, secret, { currentDate: new Date('x') })],
  ])('%s is a TypeError', async (_name, call) => {
    await expect(call()).rejects.toBeInstanceOf(TypeError);
  });

  it('accepts every duration spelling', async () => {
    const spellings: [string, number][] = [
      ['30s', 30],
      ['15m', 900],
      ['1h', 3600],
      ['7d', 604800],
      ['2 days', 172800],
      ['1.5 hours', 5400],
      ['1w', 604800],
    ];
    const units: [string[], number][] = [
      [['s', 'sec', 'secs', 'second', 'seconds'], 1],
      [['m', 'min', 'mins', 'minute', 'minutes'], 60],
      [['h', 'hr', 'hrs', 'hour', 'hours'], 3600],
      [['d', 'day', 'days'], 86_400],
      [['w', 'week', 'weeks'], 604_800],
      [['y', 'yr', 'yrs', 'year', 'years'], 31_557_600],
    ];
    for (const [names, unit] of units)
      for (const name of names) spellings.push([`2${name}`, 2 * unit], [`3 ${name.toUpperCase()}`, 3 * unit]);
    for (const [text, seconds] of spellings) {
      const { payload } = decode(await sign({}, secret, { currentDate: now, expiresIn: text }));
      expect(payload.exp, text).toBe(nowSeconds + seconds);
    }
  });

  it.each(['2ms', '2 mo', '2months', '2 secss', '2hs', '2  h', '-2h', '2e3s', 's', '2 dayss', '2yearly'])(
    'refuses the duration %j',
    async (text) => {
      await expect(sign({}, secret, { expiresIn: text })).rejects.toThrow(TypeError);
    },
  );
});

describe('resolvers', () => {
  it('calls the resolver with the header and verifies with the key it returns', async () => {
    const a = await testKeys('ES256');
    const b = await testKeys('RS256');
    const token = await sign({ sub: 'x' }, b.signing.pem!, { header: { kid: 'b' } });
    const keys: Record<string, Jwk> = { a: a.verifying.jwk, b: b.verifying.jwk };
    const { payload } = await verify(token, (header) => keys[header.kid!]!);
    expect(payload.sub).toBe('x');
    const async = await verify(token, (header) => Promise.resolve(keys[header.kid!]!));
    expect(async.payload.sub).toBe('x');
  });

  it('a resolver key must fit the header alg and be strong enough', async () => {
    const b = await testKeys('RS256');
    const token = await sign({}, b.signing.pem!);
    await expectCode(
      verify(token, () => 'a-string-secret-at-least-256-bits-long'),
      'ERR_JWT_ALGORITHM',
    );
    const hs = await sign({}, 'x'.repeat(32), { header: { kid: '../../dev/null' } });
    await expectCode(
      verify(hs, () => ''),
      'ERR_KEY',
    );
    await expectCode(
      verify(hs, () => 'short'),
      'ERR_KEY',
    );
  });
});

describe('importKey()', () => {
  it('returns a reusable key object with its type and family', async () => {
    const { verifying, signing } = await testKeys('ES256');
    const pub = importKey(verifying.pem!);
    expect([pub.type, pub.kty, pub.crv, pub.alg]).toEqual(['public', 'EC', 'P-256', undefined]);
    const priv = importKey(signing.jwk);
    expect([priv.type, priv.kty, priv.crv]).toEqual(['private', 'EC', 'P-256']);
    const token = await sign({}, priv);
    await verify(token, pub);
    expect(importKey('a-string-secret-at-least-256-bits-long', 'HS256').alg).toBe('HS256');
    expect(importKey('a-string-secret-at-least-256-bits-long').crv).toBeUndefined();
  });
});
