import { describe, expect, it } from 'vitest';
import { decode, sign, verify } from '../src/index.js';
import { expectCode, hmacSign, hmacToken, rawToken, utf8 } from './support.js';

const secret = 'a-string-secret-at-least-256-bits-long';
const H = utf8('{"alg":"HS256"}');
const P = utf8('{"sub":"a"}');

describe('decode()', () => {
  it('returns header and payload without verifying', async () => {
    const token = await sign({ sub: 'user-1' }, secret, { issuedAt: 1 });
    expect(decode(token)).toEqual({ header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'user-1', iat: 1 } });
    // An empty signature segment decodes: decode() is not verification.
    expect(decode(`${H}.${P}.`).payload).toEqual({ sub: 'a' });
  });

  const malformed: [string, unknown][] = [
    ['not a string', 42],
    ['undefined', undefined],
    ['empty', ''],
    ['one segment', H],
    ['two segments', `${H}.${P}`],
    ['four segments', `${H}.${P}.c2ln.c2ln`],
    ['JWE (five segments)', `${H}.a.b.c.d`],
    ['six segments', `${H}.${P}.a.b.c.d`],
    ['empty header', `.${P}.c2ln`],
    ['empty payload', `${H}..c2ln`],
    ['padding', `${H}=.${P}.c2ln`],
    ['standard base64 +', `${H}.${P}.c2+l`],
    ['standard base64 /', `${H}.${P}.c2/l`],
    ['whitespace', `${H}. ${P}.c2ln`],
    ['newline', `${H}.${P}.c2ln\n`],
    ['non-ASCII', `${H}.${P}.c2lné`],
    ['length 1 mod 4', `${H}.${P}.c2lnA`],
    ['non-zero unused bits', `${H}.${P}.c2l`],
    ['header is an array', rawToken('[{"alg":"HS256"}]', '{}')],
    ['header is null', rawToken('null', '{}')],
    ['header is a string', rawToken('"HS256"', '{}')],
    ['header is a number', rawToken('1', '{}')],
    ['header not JSON', rawToken('{alg:HS256}', '{}')],
    ['header with BOM', rawToken('\uFEFF{"alg":"HS256"}', '{}')],
    ['header with trailing data', rawToken('{"alg":"HS256"}x', '{}')],
    ['header alg missing', rawToken('{"typ":"JWT"}', '{}')],
    ['header alg a number', rawToken('{"alg":256}', '{}')],
    ['header kid not a string', rawToken('{"alg":"HS256","kid":{"$ne":null}}', '{}')],
    ['header kid huge', rawToken(`{"alg":"HS256","kid":"${'k'.repeat(2000)}"}`, '{}')],
    ['header typ not a string', rawToken('{"alg":"HS256","typ":1}', '{}')],
    ['header crit', rawToken('{"alg":"HS256","crit":["exp"],"exp":1}', '{}')],
    ['header crit empty', rawToken('{"alg":"HS256","crit":[]}', '{}')],
    ['header b64', rawToken('{"alg":"HS256","b64":false}', '{}')],
    ['header enc', rawToken('{"alg":"HS256","enc":"A128GCM"}', '{}')],
    ['header zip', rawToken('{"alg":"HS256","zip":"DEF"}', '{}')],
    ['nested JWT', rawToken('{"alg":"HS256","cty":"JWT"}', '{}')],
    ['payload is an array', hmacToken('{"alg":"HS256"}', '[]', secret)],
    ['payload is null', hmacToken('{"alg":"HS256"}', 'null', secret)],
    ['payload is a number', hmacToken('{"alg":"HS256"}', '1', secret)],
    ['payload is a string', hmacToken('{"alg":"HS256"}', '"sub"', secret)],
    ['payload not JSON', hmacToken('{"alg":"HS256"}', 'hello', secret)],
    ['payload invalid UTF-8', hmacSign(`${H}.__4`, secret)],
    ['deep nesting', hmacToken('{"alg":"HS256"}', `${'['.repeat(20000)}${']'.repeat(20000)}`, secret)],
    ['over 64 KiB', rawToken('{"alg":"HS256"}', `{"a":"${'x'.repeat(70_000)}"}`)],
  ];

  it.each(malformed)('%s → ERR_JWT_MALFORMED', async (_name, token) => {
    await expectCode(() => decode(token as string), 'ERR_JWT_MALFORMED');
    await expectCode(verify(token as string, secret), 'ERR_JWT_MALFORMED');
  });

  it('refuses a 10 MB token quickly, before any parsing', async () => {
    const huge = `${H}.${'A'.repeat(10_000_000)}.c2ln`;
    // Refused for its length, the first check: parsed, its payload would be 7.5 MB of zero bytes, no JSON.
    const error = (await expectCode(verify(huge, secret), 'ERR_JWT_MALFORMED')) as Error;
    expect(error.message).toContain('the limit (maxTokenLength) is 65536');
    // What the refusal costs is the quickest of a few tries: a busy machine can hold up any one of
    // them for 50 ms (a loaded 2-core CI runner does), and parsing 10 MB would slow them all.
    let quickest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await expectCode(verify(huge, secret), 'ERR_JWT_MALFORMED');
      quickest = Math.min(quickest, performance.now() - started);
    }
    expect(quickest).toBeLessThan(50);
  });

  it('maxTokenLength is configurable', async () => {
    const token = await sign({ sub: 'user-1' }, secret);
    await expectCode(verify(token, secret, { maxTokenLength: token.length - 1 }), 'ERR_JWT_MALFORMED');
    await verify(token, secret, { maxTokenLength: token.length });
  });

  it('duplicate member names: the last one wins, for alg selection and for the caller alike', () => {
    const parsed = decode(rawToken('{"alg":"none","alg":"HS256"}', '{"sub":"user","sub":"admin"}'));
    expect(parsed.header.alg).toBe('HS256');
    expect(parsed.payload.sub).toBe('admin');
  });
});
