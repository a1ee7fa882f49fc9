/**
 * JWE (RFC 7516) through the public encrypt()/decrypt() in every runtime: the RFC 7516 appendix A,
 * RFC 7518 appendix C, RFC 7520 §5 and §6 examples and Wycheproof's json_web_encryption_test.json,
 * loaded as data from vectors/jwe/; a round trip and tampering for every supported alg × enc; jose
 * interop both ways (where the runner passes jose), an Auth.js-style session cookie among them.
 *
 * Decisions:
 * - Most vectors encrypt text that is no claims set (RFC 7520's prose, Wycheproof's "foo"):
 *   openVector() compares the plaintext decryptCompact() returns byte for byte, and asserts that
 *   decrypt() refuses it for its payload (ERR_JWT_MALFORMED), or returns it where it is a JSON object
 *   (RFC 7520 §5.3's JWK Set).
 * - RSA1_5 (RFC 7520 §5.1, RFC 7516 A.2, Wycheproof's RSA1_5 groups and its RSA1_5 tokens sent to an
 *   RSA-OAEP key) is refused with ERR_JWT_ALGORITHM naming RSA1_5: no WebCrypto implements it.
 * - A key used with an algorithm it is not meant for (Wycheproof's WrongCipher) must be refused for
 *   the algorithm (ERR_JWT_ALGORITHM or ERR_KEY), not because "foo" is no claims set, which a naive
 *   implementation that decrypted it would also say.
 * - The JSON serializations are not supported: their vectors are skipped with that reason, and
 *   decrypt() given one is asserted to refuse it as malformed.
 * - An alg or enc the runtime lacks (supportedEncryption(): AES-192 in Chromium) skips its vector,
 *   and one test asserts that decrypt() refuses every such vector with ERR_KEY.
 */
import rfc7516 from '../../vectors/jwe/rfc7516_appendix_a_jwe.json' with { type: 'json' };
import rfc7518 from '../../vectors/jwe/rfc7518_appendix_c_ecdh_es.json' with { type: 'json' };
import rfc7520 from '../../vectors/jwe/rfc7520_section5_jwe.json' with { type: 'json' };
import rfc7520nested from '../../vectors/jwe/rfc7520_section6_nested_jwt.json' with { type: 'json' };
import wycheproofFile from '../../vectors/jwe/wycheproof/json_web_encryption_test.json' with { type: 'json' };
import { check, checkJson } from './harness.js';
import { base64url, fromBase64url, hex, isJsonObject, publicJwk, type Jose, type Jwk, type Library, type SuiteContext } from './support.js';

type Options = NonNullable<Parameters<Library['decrypt']>[2]>;
type KeyArgument = Parameters<Library['decrypt']>[1];
type EncryptKey = Parameters<Library['encrypt']>[1];
type EncryptOptions = NonNullable<Parameters<Library['encrypt']>[2]>;
type Alg = NonNullable<EncryptOptions['alg']>;
type Enc = NonNullable<EncryptOptions['enc']>;

/** Every key management algorithm webjwt implements (RFC 7518 §4, RFC 8037 §3.2). */
const KEY_MANAGEMENT = [
  'dir',
  'A128KW',
  'A192KW',
  'A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
] as const satisfies readonly Alg[];

/** Every content encryption algorithm (RFC 7518 §5). */
const CONTENT_ENCRYPTION = [
  'A128GCM',
  'A192GCM',
  'A256GCM',
  'A128CBC-HS256',
  'A192CBC-HS384',
  'A256CBC-HS512',
] as const satisfies readonly Enc[];

/** The curves ECDH-ES runs on beyond P-256, tried with one content encryption each. */
const OTHER_CURVES = ['P-384', 'P-521', 'X25519'] as const;

const SEGMENT = { encryptedKey: 1, iv: 2, ciphertext: 3, tag: 4 } as const;

/** A refusal that is about the plaintext: the token authenticated and decrypted, then was no claims set. */
const ABOUT_PAYLOAD = /payload/i;
const NOT_SUPPORTED = 'not supported in this runtime';
const JSON_SERIALIZATION = 'JWE JSON serialization is not supported';

/** The claims every round trip carries: non-ASCII text, nesting, numbers. */
const CLAIMS = { sub: 'user-ü-1', iss: 'https://issuer.example', text: '日本語 ✓', nested: { n: 1.5, ok: true, list: [1, 'two'] } };

/** The claims back, beside the `iat` encrypt() adds as sign() does (jose adds none). */
function checkClaims(payload: object, what: string): void {
  const { iat, ...rest } = payload as Record<string, unknown>;
  check(iat === undefined || typeof iat === 'number', `${what}: iat`);
  checkJson(rest, CLAIMS, what);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The compact token with one bit flipped in the middle of one of its segments. */
function tamperSegment(token: string, index: number): string {
  const segments = token.split('.');
  const bytes = fromBase64url(segments[index] ?? '');
  check(bytes.length > 0, `segment ${index} is empty`);
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 1;
  segments[index] = base64url(bytes);
  return segments.join('.');
}

const isAlgorithmName = (name: string | undefined): boolean =>
  KEY_MANAGEMENT.some((alg) => alg === name) || CONTENT_ENCRYPTION.some((enc) => enc === name);

/** The protected header of a compact token, or undefined where it is no JSON object. */
function headerOf(token: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(fromBase64url(token.split('.')[0] ?? '')));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Outcome {
  /** 'resolved', a webjwt error's code, or the name of anything else thrown. */
  code: string;
  message: string;
}

async function outcomeOf(lib: Library, action: Promise<unknown>): Promise<Outcome> {
  try {
    await action;
    return { code: 'resolved', message: '' };
  } catch (error) {
    if (lib.isJwtError(error)) return { code: error.code, message: error.message };
    return error instanceof Error ? { code: error.name, message: error.message } : { code: 'thrown', message: String(error) };
  }
}

/**
 * Asserts that `action` fails with a webjwt error whose code is one of `codes`; with `message`, its
 * message must match it; with `notAbout`, it must not (a refusal of the plaintext proves the token
 * decrypted, which an invalid vector must not).
 */
async function expectRefusal(
  lib: Library,
  action: Promise<unknown>,
  codes: readonly string[],
  what: string,
  { message, notAbout }: { message?: RegExp; notAbout?: RegExp } = {},
): Promise<void> {
  const { code, message: text } = await outcomeOf(lib, action);
  const shown = `${code}${text === '' ? '' : ` (${text})`}`;
  if (!codes.includes(code)) throw new Error(`${what}: expected ${codes.join(' or ')}, got ${shown}`);
  if (message !== undefined && !message.test(text))
    throw new Error(`${what}: expected a message matching ${String(message)}, got ${shown}`);
  if (notAbout !== undefined && notAbout.test(text)) throw new Error(`${what}: refused for its plaintext, so it decrypted: ${shown}`);
}

/**
 * Opens a vector's compact token: decryptCompact() gives its plaintext, compared byte for byte; then
 * decrypt() returns it as claims where it is a JSON object, and otherwise refuses it for its payload
 * (it authenticated and decrypted first); one bit flipped in the tag fails as ERR_JWE_DECRYPTION.
 */
async function openVector(lib: Library, token: string, key: KeyArgument, options: Options, plaintext: string): Promise<void> {
  const opened = await lib.decryptCompact(token, key, options);
  check(
    sameBytes(opened.plaintext, encoder.encode(plaintext)),
    `plaintext: got ${JSON.stringify(decoder.decode(opened.plaintext).slice(0, 80))}`,
  );
  if (isJsonObject(plaintext)) {
    const { payload } = await lib.decrypt(token, key, options);
    checkJson(payload, JSON.parse(plaintext), 'payload');
  } else {
    await expectRefusal(lib, lib.decrypt(token, key, options), ['ERR_JWT_MALFORMED'], 'decrypt() of a text plaintext', {
      message: ABOUT_PAYLOAD,
    });
  }
  await expectRefusal(lib, lib.decryptCompact(tamperSegment(token, SEGMENT.tag), key, options), ['ERR_JWE_DECRYPTION'], 'tampered tag');
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** An RSA1_5 token is refused by its `alg`, whatever the key (RSA1_5 cannot be listed in `algorithms`). */
const refuseRsa15 = (lib: Library, token: string, key: KeyArgument, options: Options, what = 'RSA1_5'): Promise<void> =>
  expectRefusal(lib, lib.decrypt(token, key, options), ['ERR_JWT_ALGORITHM'], what, { message: /RSA1_5/ });

/** The JWK without its `alg`: not pinned. */
const unpinned = ({ alg: _alg, ...jwk }: Jwk): Jwk => jwk;

// ----- the vector files, typed as far as the tests read them -----

/** An RFC 7516 appendix A or RFC 7520 §5 vector: a compact form, JSON forms, or both. */
interface RfcVector {
  id: string;
  alg?: string;
  enc?: string;
  plaintext: string;
  key?: Jwk;
  compact?: string | null;
  [form: string]: unknown;
}
interface WycheproofTest {
  tcId: number;
  comment: string;
  jwe: string;
  pt?: string;
  result: 'valid' | 'invalid' | 'acceptable';
  flags: string[];
}
interface WycheproofGroup {
  comment: string;
  private: Jwk;
  tests: WycheproofTest[];
}

/** Both files' vectors, each with the name its tests carry. */
const rfcVectors: readonly (readonly [string, RfcVector])[] = [
  ...(rfc7516.vectors as unknown as readonly RfcVector[]).map((v) => [`RFC 7516 ${v.id}`, v] as const),
  ...(rfc7520.vectors as unknown as readonly RfcVector[]).map((v) => [`RFC 7520 §${v.id}`, v] as const),
];
const wycheproofGroups = wycheproofFile.testGroups as unknown as readonly WycheproofGroup[];
const JSON_FORMS = ['json_general', 'json_general_with_recipients', 'json_flattened', 'json_flattened_rfc_figure_150'] as const;

/** A compact vector that needs an alg or enc, for the capability test. */
interface Gated {
  name: string;
  token: string;
  key: KeyArgument;
  options: Options;
  needs: readonly string[];
}

const isCanonical = (segment: string): boolean => {
  try {
    return base64url(fromBase64url(segment)) === segment;
  } catch {
    return false;
  }
};

/** Wycheproof's invalid tokens: the codes each may be refused with (the spec's ERR_JWT_MALFORMED list, or one decryption failure). */
function invalidCodes(test: WycheproofTest): readonly string[] {
  const decryption = ['ERR_JWE_DECRYPTION'];
  const malformed = ['ERR_JWT_MALFORMED'];
  // A segment that is not canonical base64url (a modified last character) is malformed before any crypto.
  if (!test.jwe.split('.').every((segment) => isCanonical(segment))) return malformed;
  if (test.flags.includes('Pkcs5Padding')) return decryption;
  if (/^rejectsModified(AuthenticationTag|Ciphertext|Iv|EncryptedKey)/.test(test.comment)) return decryption;
  // Tag length, IV length, segment count, a header without "alg", an epk off the curve, JSON serialization.
  if (
    /TooLong|Truncated|AndSeparator|MissingIv|MissingHeader|MissingAuthenticationTag|InvalidCurvePoint|JsonSerialization/i.test(
      test.comment,
    )
  )
    return malformed;
  // A changed header changes the AAD (or loses "alg"); an empty ciphertext or encrypted key: either is fair.
  return [...decryption, ...malformed];
}

export function registerJwe(context: SuiteContext): void {
  const { lib, test, skip, encryption } = context;
  const missing = (needs: readonly string[]): string[] =>
    [...new Set(needs)].filter((name) => !encryption.algorithms.has(name) && !encryption.encryptions.has(name));
  /** Registers a test needing `needs`, skipped "<alg/enc> not supported in this runtime" where one is missing. */
  const testJwe = (needs: readonly string[], name: string, fn: () => Promise<void>): void => {
    const lacking = missing(needs);
    if (lacking.length === 0) test(name, fn);
    else skip(name, `${lacking.join(', ')} ${NOT_SUPPORTED}`);
  };
  const gated: Gated[] = [];
  const compactVector = (name: string, token: string, key: KeyArgument, options: Options, needs: readonly string[], plaintext: string) => {
    gated.push({ name, token, key, options, needs });
    testJwe(needs, name, () => openVector(lib, token, key, options, plaintext));
  };

  // ----- RFC 7516 appendix A, RFC 7520 §5 -----
  for (const [name, v] of rfcVectors) {
    const { compact, key, alg, enc } = v;
    if (typeof compact === 'string' && key !== undefined && alg !== undefined && enc !== undefined) {
      const options = { algorithms: [alg], encryptions: [enc] } as Options;
      if (alg === 'RSA1_5')
        test(`${name} ${alg} ${enc}: refused, RSA1_5 is not supported`, () =>
          refuseRsa15(lib, compact, key, { encryptions: [enc] } as Options));
      else compactVector(`${name} ${alg} ${enc} (compact)`, compact, key, options, [alg, enc], v.plaintext);
    }
    for (const form of JSON_FORMS) if (typeof v[form] === 'object' && v[form] !== null) skip(`${name} (${form})`, JSON_SERIALIZATION);
  }

  test('JWE JSON serializations (RFC 7520 §5, RFC 7516 A.4/A.5) are refused as malformed', async () => {
    const forms: [string, unknown, Jwk][] = [];
    // Those with one key (RFC 7516 A.4 has two recipients).
    for (const [name, v] of rfcVectors) {
      for (const form of JSON_FORMS)
        if (typeof v[form] === 'object' && v[form] !== null && v.key !== undefined) forms.push([`${name} ${form}`, v[form], v.key]);
    }
    check(forms.length > 10, 'the JSON forms were found');
    for (const [what, form, key] of forms) {
      await expectRefusal(
        lib,
        // The key unpinned: only the serialization is in question here.
        lib.decrypt(JSON.stringify(form), unpinned(key), { encryptions: [...CONTENT_ENCRYPTION] }),
        ['ERR_JWT_MALFORMED'],
        what,
      );
    }
  });

  // ----- RFC 7518 appendix C: ECDH-ES with Concat KDF -----
  const bob = rfc7518.bob_jwk as Jwk;
  const ecdhOptions = { algorithms: ['ECDH-ES'], encryptions: ['A128GCM'] } as Options;
  testJwe(['ECDH-ES', 'A128GCM'], "RFC 7518 appendix C: encrypt to Bob's key with apu/apv, decrypt with his private key", async () => {
    const token = await lib.encrypt(CLAIMS, publicJwk(bob), {
      alg: 'ECDH-ES',
      enc: 'A128GCM',
      apu: encoder.encode(rfc7518.apu_utf8),
      apv: encoder.encode(rfc7518.apv_utf8),
    });
    check(token.split('.')[1] === '', 'ECDH-ES has an empty encrypted key');
    const { header, payload } = await lib.decrypt(token, bob, ecdhOptions);
    checkClaims(payload, 'payload');
    check(header.alg === 'ECDH-ES' && header.enc === 'A128GCM', 'alg, enc');
    checkJson([header.apu, header.apv], [rfc7518.header.apu, rfc7518.header.apv], 'apu, apv');
    const epk = header.epk as Jwk;
    check(epk.kty === 'EC' && epk.crv === 'P-256' && epk.d === undefined, 'epk is a public P-256 key');
  });
  testJwe(['ECDH-ES', 'A128GCM'], "RFC 7518 appendix C: a token under the appendix's derived key decrypts with Bob's key", async () => {
    // The appendix's header (Alice's ephemeral key, apu "Alice", apv "Bob") and its derived key as
    // the CEK: only a decrypt() that agrees and derives exactly as the RFC reads the claims.
    const protectedHeader = base64url(encoder.encode(JSON.stringify(rfc7518.header)));
    const cek = await crypto.subtle.importKey('raw', fromBase64url(rfc7518.derived_key_b64u), 'AES-GCM', false, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(protectedHeader), tagLength: 128 },
        cek,
        encoder.encode(JSON.stringify(CLAIMS)),
      ),
    );
    const token = [protectedHeader, '', base64url(iv), base64url(sealed.subarray(0, -16)), base64url(sealed.subarray(-16))].join('.');
    const { payload } = await lib.decrypt(token, bob, ecdhOptions);
    checkClaims(payload, 'payload');
    await expectRefusal(lib, lib.decrypt(token, rfc7518.alice_ephemeral_jwk, ecdhOptions), ['ERR_JWE_DECRYPTION'], "Alice's key");
  });

  // ----- RFC 7520 §6: a PS256 JWT nested in RSA-OAEP + A128GCM -----
  const nested = rfc7520nested.cookbook_entry;
  const nestedToken = nested.encrypt.output.compact;
  const nestedKey = nested.encrypt.input.key as Jwk;
  const signer = publicJwk(nested.sign.input.key);
  const nestedClaims: unknown = JSON.parse(nested.sign.input.payload);
  const beforeExp = new Date(1300819000 * 1000);
  const atExp = new Date(1300819380 * 1000);
  /** The clock given to decrypt() itself (the inner verify() takes it unless given its own). */
  const nestedOptions = (currentDate: Date, signerKey: Jwk = signer) =>
    ({ encryptions: ['A128GCM'], currentDate, verify: { key: signerKey, algorithms: ['PS256'] } }) as Options;
  testJwe(['RSA-OAEP', 'A128GCM'], 'RFC 7520 §6 nested JWT: decrypts, verifies the inner PS256 JWS, returns its claims', async () => {
    const result = await lib.decrypt(nestedToken, nestedKey, nestedOptions(beforeExp));
    checkJson(result.payload, nestedClaims, 'payload');
    check(result.header.cty === 'JWT' && result.header.alg === 'RSA-OAEP' && result.header.enc === 'A128GCM', 'JWE header');
    checkJson(result.signedHeader, nested.sign.signing.protected, 'signedHeader');
    await expectRefusal(lib, lib.decrypt(nestedToken, nestedKey, nestedOptions(atExp)), ['ERR_JWT_EXPIRED'], 'at exp');
    const noVerify = { encryptions: ['A128GCM'], currentDate: beforeExp } as Options;
    await expectRefusal(lib, lib.decrypt(nestedToken, nestedKey, noVerify), ['ERR_JWT_MALFORMED'], 'no verify', { message: /nested/ });
    await expectRefusal(
      lib,
      lib.decryptCompact(nestedToken, nestedKey, { encryptions: ['A128GCM'] }),
      ['ERR_JWT_MALFORMED'],
      'decryptCompact',
      {
        message: /nested/,
      },
    );
    // The recipient's RSA key is no PS256 signer of this token.
    const otherSigner = publicJwk(nestedKey);
    await expectRefusal(
      lib,
      lib.decrypt(nestedToken, nestedKey, nestedOptions(beforeExp, otherSigner)),
      ['ERR_JWT_SIGNATURE'],
      'another signer',
    );
    const tampered = tamperSegment(nestedToken, SEGMENT.tag);
    await expectRefusal(lib, lib.decrypt(tampered, nestedKey, nestedOptions(beforeExp)), ['ERR_JWE_DECRYPTION'], 'tampered tag');
  });
  testJwe(['RSA-OAEP', 'A128GCM'], 'RFC 7520 §6 nested JWT: the clock given only to options.verify decides the claims', async () => {
    // verify: { key, currentDate } as the spec's VerifyOptions allow: the inner claims are checked
    // with it, and decrypt() must not check the same claims again against another clock.
    const innerClock = (currentDate: Date) =>
      ({ encryptions: ['A128GCM'], verify: { key: signer, algorithms: ['PS256'], currentDate } }) as Options;
    const { payload } = await lib.decrypt(nestedToken, nestedKey, innerClock(beforeExp));
    checkJson(payload, nestedClaims, 'payload');
    await expectRefusal(lib, lib.decrypt(nestedToken, nestedKey, innerClock(atExp)), ['ERR_JWT_EXPIRED'], 'at exp');
  });

  // ----- Wycheproof json_web_encryption_test.json -----
  let wycheproofCount = 0;
  for (const group of wycheproofGroups) {
    for (const t of group.tests) {
      wycheproofCount++;
      const name = `Wycheproof JWE tcId ${t.tcId} ${t.comment} (${t.result}${t.flags.length > 0 ? `, ${t.flags.join(', ')}` : ''})`;
      const key = group.private;
      const header = headerOf(t.jwe);
      const alg = typeof header?.alg === 'string' ? header.alg : undefined;
      const enc = typeof header?.enc === 'string' ? header.enc : undefined;
      const options = { encryptions: [...CONTENT_ENCRYPTION] } as Options;
      // What gating needs: the token's alg and enc where they name an algorithm at all.
      const needs = [alg, enc].filter((name): name is string => isAlgorithmName(name));
      if (alg === 'RSA1_5') {
        // A documented refusal for a valid token, the protection for the invalid ones (Pkcs15WithOaepKey).
        test(name, async () => {
          if (key.alg === 'RSA1_5') {
            // A key pinned to RSA1_5 (the jwe_rsa1_5 groups) is itself refused, naming RSA1_5; the same
            // key unpinned shows the token refused for its alg.
            await expectRefusal(lib, lib.decrypt(t.jwe, key, options), ['ERR_KEY', 'ERR_JWT_ALGORITHM'], 'key pinned to RSA1_5', {
              message: /RSA1_5/,
            });
            await refuseRsa15(lib, t.jwe, unpinned(key), options, 'unpinned key');
          } else await refuseRsa15(lib, t.jwe, key, options);
        });
      } else if (t.flags.includes('WrongCipher')) {
        test(name, async () => {
          await expectRefusal(lib, lib.decrypt(t.jwe, key, options), ['ERR_JWT_ALGORITHM', 'ERR_KEY'], 'the key pins another alg');
          const listing = { ...options, algorithms: [alg] } as Options;
          await expectRefusal(lib, lib.decrypt(t.jwe, key, listing), ['ERR_JWT_ALGORITHM', 'ERR_KEY'], 'with the token alg listed');
        });
      } else if (t.result === 'valid' && t.flags.includes('JsonSerialization')) {
        skip(name, JSON_SERIALIZATION);
      } else if (t.result === 'valid') {
        const plaintext = decoder.decode(hex(t.pt ?? ''));
        compactVector(name, t.jwe, key, options, needs, plaintext);
      } else {
        testJwe(needs, name, () =>
          expectRefusal(lib, lib.decrypt(t.jwe, key, options), invalidCodes(t), 'invalid token', { notAbout: ABOUT_PAYLOAD }),
        );
      }
    }
  }
  test('Wycheproof JWE: every test of the file is registered', () => {
    check(
      wycheproofCount === wycheproofFile.numberOfTests && wycheproofCount === 139,
      `${wycheproofCount} of ${wycheproofFile.numberOfTests}`,
    );
  });

  // ----- capabilities: what the runtime lacks is refused with ERR_KEY -----
  const unsupported = gated.filter((g) => missing(g.needs).length > 0);
  const unsupportedPairs = PAIRS.filter((pair) => missing([pair.alg, pair.enc]).length > 0);
  const capabilityTest = 'JWE algorithms this runtime lacks: its vectors and encrypt() are refused with ERR_KEY';
  if (unsupported.length === 0 && unsupportedPairs.length === 0) skip(capabilityTest, 'every JWE algorithm is supported in this runtime');
  else
    test(capabilityTest, async () => {
      const notSupported = { message: new RegExp(NOT_SUPPORTED) };
      for (const g of unsupported) await expectRefusal(lib, lib.decrypt(g.token, g.key, g.options), ['ERR_KEY'], g.name, notSupported);
      const keysFor = keyMaker(lib, undefined);
      for (const pair of unsupportedPairs) {
        const { encryptKey } = await keysFor(pair);
        await expectRefusal(
          lib,
          lib.encrypt(CLAIMS, encryptKey, pairOptions(pair)),
          ['ERR_KEY'],
          `encrypt ${pairName(pair)}`,
          notSupported,
        );
      }
    });

  registerRoundTrips(context, testJwe);
  registerInterop(context, testJwe);
}

// ----- round trips and jose interop for every alg × enc -----

interface Pair {
  alg: Alg;
  enc: Enc;
  crv?: (typeof OTHER_CURVES)[number];
}

/** Every alg × enc, plus ECDH-ES on the other curves with A256GCM. */
const PAIRS: readonly Pair[] = [
  ...KEY_MANAGEMENT.flatMap((alg) => CONTENT_ENCRYPTION.map((enc): Pair => ({ alg, enc }))),
  ...OTHER_CURVES.map((crv): Pair => ({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', crv })),
  ...OTHER_CURVES.map((crv): Pair => ({ alg: 'ECDH-ES', enc: 'A128CBC-HS256', crv })),
];

const pairName = ({ alg, enc, crv }: Pair) => `${alg} ${enc}${crv === undefined ? '' : ` ${crv}`}`;
const PASSWORD = 'correct horse battery staple – ✓';
/** The lowest iteration count encrypt() takes, to keep PBES2 quick (never below RFC 7518 §4.8.1.2's 1000). */
const P2C = 1000;

interface PairKeys {
  encryptKey: EncryptKey;
  decryptKey: KeyArgument;
  /** The same keys for jose. */
  joseEncrypt: CryptoKey | Uint8Array;
  joseDecrypt: CryptoKey | Uint8Array;
}

/** The key argument type generateSecret/generateKeyPair take, whatever they are declared with. */
type SecretName = Parameters<Library['generateSecret']>[0];
type PairName = Parameters<Library['generateKeyPair']>[0];
type PairOptions = NonNullable<Parameters<Library['generateKeyPair']>[1]>;

/** Keys for a pair: generated by webjwt (key pairs extractable, so jose gets the same key as a JWK). */
function keyMaker(lib: Library, jose: Jose | undefined) {
  const pairs = new Map<string, Promise<CryptoKeyPair>>();
  const toJose = async (key: CryptoKey, alg: string): Promise<CryptoKey> => {
    if (jose === undefined) return key;
    const { kty, crv, x, y, n, e, d, p, q, dp, dq, qi } = (await crypto.subtle.exportKey('jwk', key)) as Record<string, string | undefined>;
    const jwk = Object.fromEntries(Object.entries({ kty, crv, x, y, n, e, d, p, q, dp, dq, qi }).filter(([, v]) => v !== undefined));
    return (await jose.importJWK(jwk, alg)) as CryptoKey;
  };
  return async ({ alg, enc, crv }: Pair): Promise<PairKeys> => {
    if (alg.startsWith('PBES2')) {
      return { encryptKey: PASSWORD, decryptKey: PASSWORD, joseEncrypt: encoder.encode(PASSWORD), joseDecrypt: encoder.encode(PASSWORD) };
    }
    if (alg === 'dir' || alg.startsWith('A')) {
      const secret = lib.generateSecret((alg === 'dir' ? enc : alg) as SecretName);
      return { encryptKey: secret, decryptKey: secret, joseEncrypt: secret, joseDecrypt: secret };
    }
    // One key pair per alg and curve: RSA key generation is slow.
    const id = `${alg} ${crv ?? ''}`;
    let pair = pairs.get(id);
    if (pair === undefined) {
      const options = (crv === undefined ? { extractable: true } : { extractable: true, crv }) as PairOptions;
      pair = lib.generateKeyPair(alg as PairName, options);
      pairs.set(id, pair);
    }
    const { privateKey, publicKey } = await pair;
    return {
      encryptKey: publicKey,
      decryptKey: privateKey,
      joseEncrypt: await toJose(publicKey, alg),
      joseDecrypt: await toJose(privateKey, alg),
    };
  };
}

const pairOptions = ({ alg, enc }: Pair): EncryptOptions => ({ alg, enc, ...(alg.startsWith('PBES2') ? { p2c: P2C } : {}) });
const decryptOptions = ({ alg, enc }: Pair): Options => ({ algorithms: [alg], encryptions: [enc] });

type TestJwe = (needs: readonly string[], name: string, fn: () => Promise<void>) => void;

function registerRoundTrips({ lib }: SuiteContext, testJwe: TestJwe): void {
  const keysFor = keyMaker(lib, undefined);
  for (const pair of PAIRS) {
    testJwe([pair.alg, pair.enc], `JWE round trip ${pairName(pair)}: claims back, tampering refused`, async () => {
      const { encryptKey, decryptKey } = await keysFor(pair);
      const token = await lib.encrypt(CLAIMS, encryptKey, pairOptions(pair));
      const options = decryptOptions(pair);
      const { header, payload } = await lib.decrypt(token, decryptKey, options);
      checkClaims(payload, 'payload');
      check(header.alg === pair.alg && header.enc === pair.enc, `header alg/enc: ${header.alg} ${header.enc}`);
      const segments = token.split('.');
      check(segments.length === 5, 'five segments');
      const direct = pair.alg === 'dir' || pair.alg === 'ECDH-ES';
      check((segments[SEGMENT.encryptedKey] === '') === direct, 'an encrypted key exactly where the alg wraps a CEK');
      const tampered = [SEGMENT.ciphertext, SEGMENT.tag, SEGMENT.iv, ...(direct ? [] : [SEGMENT.encryptedKey])];
      for (const index of tampered) {
        await expectRefusal(
          lib,
          lib.decrypt(tamperSegment(token, index), decryptKey, options),
          ['ERR_JWE_DECRYPTION'],
          `segment ${index} tampered`,
        );
      }
      check((await lib.encrypt(CLAIMS, encryptKey, pairOptions(pair))) !== token, 'a second encryption differs (fresh CEK/IV)');
    });
  }
}

const AUTHJS_COOKIE = 'authjs.session-token';

/** Auth.js v5's cookie key: HKDF-SHA-256(secret, salt = cookie name, info = "Auth.js Generated Encryption Key (<salt>)"), 64 bytes. */
async function authjsKey(secret: string, salt: string): Promise<Uint8Array> {
  const ikm = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits']);
  const info = encoder.encode(`Auth.js Generated Encryption Key (${salt})`);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(salt), info }, ikm, 512));
}

function registerInterop({ lib, options, skip }: SuiteContext, testJwe: TestJwe): void {
  const jose = options.jose;
  if (jose === undefined) {
    for (const pair of PAIRS) skip(`JWE jose interop ${pairName(pair)}`, 'jose not given to this runner');
    skip('JWE jose interop: Auth.js session cookie (dir, A256CBC-HS512, HKDF key)', 'jose not given to this runner');
    return;
  }
  const keysFor = keyMaker(lib, jose);
  for (const pair of PAIRS) {
    testJwe(
      [pair.alg, pair.enc],
      `JWE jose interop ${pairName(pair)}: jose EncryptJWT -> decrypt, encrypt -> jose jwtDecrypt`,
      async () => {
        const keys = await keysFor(pair);
        const fromJose = new jose.EncryptJWT(CLAIMS).setProtectedHeader({ alg: pair.alg, enc: pair.enc });
        if (pair.alg.startsWith('PBES2')) fromJose.setKeyManagementParameters({ p2c: P2C });
        const joseToken = await fromJose.encrypt(keys.joseEncrypt);
        const ours = await lib.decrypt(joseToken, keys.decryptKey, decryptOptions(pair));
        checkClaims(ours.payload, 'webjwt decrypt of jose');
        const token = await lib.encrypt(CLAIMS, keys.encryptKey, pairOptions(pair));
        const theirs = await jose.jwtDecrypt(token, keys.joseDecrypt, {
          keyManagementAlgorithms: [pair.alg],
          contentEncryptionAlgorithms: [pair.enc],
        });
        checkClaims(theirs.payload, 'jose jwtDecrypt of webjwt');
        check(theirs.protectedHeader.alg === pair.alg && theirs.protectedHeader.enc === pair.enc, 'alg/enc as jose read them');
      },
    );
  }

  testJwe(['dir', 'A256CBC-HS512'], 'JWE jose interop: Auth.js session cookie (dir, A256CBC-HS512, HKDF key) both ways', async () => {
    const key = await authjsKey('an AUTH_SECRET of at least 32 characters, for tests', AUTHJS_COOKIE);
    check(key.length === 64, 'a 64-byte key');
    // As Auth.js v5's encode(): kid the key's thumbprint, iat, exp 30 days, a jti.
    const kid = await jose.calculateJwkThumbprint({ kty: 'oct', k: base64url(key) }, 'sha512');
    const session = { name: 'Ada', email: 'ada@example.com', picture: null, sub: 'user-1' };
    const now = Math.floor(Date.now() / 1000);
    const cookie = await new jose.EncryptJWT(session)
      .setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512', kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 30 * 24 * 60 * 60)
      .setJti(crypto.randomUUID())
      .encrypt(key);
    const { header, payload } = await lib.decrypt(cookie, key, { encryptions: ['A256CBC-HS512'] });
    checkJson(
      { ...payload, iat: undefined, exp: undefined, jti: undefined },
      { ...session, iat: undefined, exp: undefined, jti: undefined },
      'payload',
    );
    check(header.kid === kid && header.alg === 'dir' && header.enc === 'A256CBC-HS512', 'header');
    // And back: a cookie webjwt makes with the same key, read as Auth.js's decode() reads it.
    const token = await lib.encrypt(session, key, { expiresIn: '30d', jwtId: crypto.randomUUID(), header: { kid } });
    const read = await jose.jwtDecrypt(token, key, {
      clockTolerance: 15,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256CBC-HS512', 'A256GCM'],
    });
    check(
      read.protectedHeader.alg === 'dir' && read.protectedHeader.enc === 'A256CBC-HS512',
      'a 64-byte secret defaults to dir + A256CBC-HS512',
    );
    check(read.protectedHeader.kid === kid, 'kid');
    for (const [name, value] of Object.entries(session)) checkJson(read.payload[name], value, name);
    check(typeof read.payload.exp === 'number' && typeof read.payload.jti === 'string', 'exp, jti');
    await expectRefusal(
      lib,
      lib.decrypt(cookie, await authjsKey('another secret of at least 32 characters!!', AUTHJS_COOKIE), {}),
      ['ERR_JWE_DECRYPTION'],
      'another secret',
    );
  });
}
