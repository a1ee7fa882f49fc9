/**
 * Project Wycheproof through webjwt: every vector under vitest, on both backends; every vector or a
 * sample in the other runtimes (ConformanceOptions.wycheproof).
 *
 * Signature files (ECDSA P-1363, Ed25519, HMAC, RSASSA-PKCS1-v1_5, RSA-PSS): a vector signs arbitrary
 * bytes and a compact JWS can only sign ASCII(b64(header).b64(payload)), so the vectors cannot become
 * tokens. Each goes through the signature step instead (ConformanceOptions.signatureStep: webjwt's
 * own under vitest; elsewhere, the runtime's WebCrypto given the key webjwt imported and exported),
 * with the key imported by the public importKey() from the group's JWK and from its PEM, as a user
 * would hand it over.
 *
 * JSON Web Signature files (json_web_signature, json_web_key, json_web_crypto): their tokens go
 * through verify() itself.
 *
 * Decisions:
 * - `acceptable` (only rsa_signature_*: flag MissingNull, a DigestInfo without the NULL parameter):
 *   WebCrypto refuses it and so does webjwt; asserted as refused, so a change shows up.
 * - HMAC groups with truncated tags are not applicable: JWS never truncates (RFC 7518 §3.2). Keys
 *   shorter than the hash run with allowWeakKeys, and are asserted refused without it; an empty key
 *   is refused whatever the opt-in.
 * - PSS (RFC 7518 §3.5): MGF1 over the same hash and a salt as long as the hash. A group with one of
 *   the two is run as PS256/384/512 and its signatures must not verify; a group with neither is not
 *   applicable.
 * - RSA keys under 2048 bits are refused by policy.
 * - json_web_*: a `valid` token whose signature verifies but whose payload ("foo") is not a JWT
 *   claims set counts as accepted: the signature step passed, which is what the vector is about.
 *   DECIDED lists every vector webjwt decides otherwise, each asserted exactly.
 */
import ecdsa256 from '../../vectors/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json' with { type: 'json' };
import ecdsa384 from '../../vectors/wycheproof/ecdsa_secp384r1_sha384_p1363_test.json' with { type: 'json' };
import ecdsa521 from '../../vectors/wycheproof/ecdsa_secp521r1_sha512_p1363_test.json' with { type: 'json' };
import ed25519 from '../../vectors/wycheproof/ed25519_test.json' with { type: 'json' };
import hmac256 from '../../vectors/wycheproof/hmac_sha256_test.json' with { type: 'json' };
import hmac384 from '../../vectors/wycheproof/hmac_sha384_test.json' with { type: 'json' };
import hmac512 from '../../vectors/wycheproof/hmac_sha512_test.json' with { type: 'json' };
import jwcFile from '../../vectors/wycheproof/json_web_crypto_test.json' with { type: 'json' };
import jwkFile from '../../vectors/wycheproof/json_web_key_test.json' with { type: 'json' };
import jwsFile from '../../vectors/wycheproof/json_web_signature_test.json' with { type: 'json' };
import pss2048s256 from '../../vectors/wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json' with { type: 'json' };
import pss2048s384 from '../../vectors/wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json' with { type: 'json' };
import pss3072s256 from '../../vectors/wycheproof/rsa_pss_3072_sha256_mgf1_32_test.json' with { type: 'json' };
import pss4096s256 from '../../vectors/wycheproof/rsa_pss_4096_sha256_mgf1_32_test.json' with { type: 'json' };
import pss4096s384 from '../../vectors/wycheproof/rsa_pss_4096_sha384_mgf1_48_test.json' with { type: 'json' };
import pss4096s512 from '../../vectors/wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json' with { type: 'json' };
import pssMisc from '../../vectors/wycheproof/rsa_pss_misc_test.json' with { type: 'json' };
import rsa2048s256 from '../../vectors/wycheproof/rsa_signature_2048_sha256_test.json' with { type: 'json' };
import rsa2048s384 from '../../vectors/wycheproof/rsa_signature_2048_sha384_test.json' with { type: 'json' };
import rsa2048s512 from '../../vectors/wycheproof/rsa_signature_2048_sha512_test.json' with { type: 'json' };
import rsa3072s256 from '../../vectors/wycheproof/rsa_signature_3072_sha256_test.json' with { type: 'json' };
import rsa3072s384 from '../../vectors/wycheproof/rsa_signature_3072_sha384_test.json' with { type: 'json' };
import rsa3072s512 from '../../vectors/wycheproof/rsa_signature_3072_sha512_test.json' with { type: 'json' };
import rsa4096s256 from '../../vectors/wycheproof/rsa_signature_4096_sha256_test.json' with { type: 'json' };
import rsa4096s384 from '../../vectors/wycheproof/rsa_signature_4096_sha384_test.json' with { type: 'json' };
import rsa4096s512 from '../../vectors/wycheproof/rsa_signature_4096_sha512_test.json' with { type: 'json' };
import { check, checkJson } from './harness.js';
import {
  ALGORITHMS,
  base64url,
  expectCode,
  fromBase64url,
  hex,
  outcomeOf,
  publicJwk,
  tamper,
  type Jwk,
  type JwsAlgorithm,
  type JwtKey,
  type Library,
  type SignatureStep,
  type SuiteContext,
} from './support.js';

interface Vector {
  tcId: number;
  msg: string;
  sig?: string;
  tag?: string;
  key?: string;
  result: string;
  flags: string[];
}
interface Group {
  sha?: string;
  mgf?: string;
  mgfSha?: string;
  sLen?: number;
  keySize?: number;
  tagSize?: number;
  publicKeyJwk?: Jwk;
  keyJwk?: Jwk;
  publicKeyPem?: string;
  publicKeyDer?: string;
  tests: Vector[];
}
interface SignatureFile {
  algorithm: string;
  testGroups: Group[];
}

/** The sample: per file and per expected result, one vector for each distinct (key size, hash, flags), up to this many. */
const SAMPLE_PER_RESULT = 8;
/** The sample of a JSON file: per group and per result, one vector for each distinct comment, up to this many. */
const JSON_SAMPLE_PER_RESULT = 3;

const HASH_BYTES: Readonly<Record<string, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** The JWS algorithm a group maps to and the result expected under it, or undefined when JWS has no such parameters. */
function jwsMapping(file: SignatureFile, group: Group): { alg: JwsAlgorithm; expect: (vector: Vector) => string } | undefined {
  const bytes = HASH_BYTES[group.sha ?? ''];
  const bits = bytes === undefined ? undefined : String(bytes * 8);
  const asIs = (vector: Vector) => vector.result;
  switch (file.algorithm) {
    case 'ECDSA':
      return bits === undefined ? undefined : { alg: `ES${bits}` as JwsAlgorithm, expect: asIs };
    case 'EDDSA':
      return { alg: 'EdDSA', expect: asIs };
    case 'RSASSA-PKCS1-v1_5':
      return bits === undefined ? undefined : { alg: `RS${bits}` as JwsAlgorithm, expect: asIs };
    case 'RSASSA-PSS': {
      if (bits === undefined) return undefined;
      // RFC 7518 §3.5: MGF1 with the same hash and a salt as long as the hash. A signature made with
      // other parameters (rsa_pss_misc) must not verify as PS256/384/512.
      const sameMgf = group.mgf === 'MGF1' && group.mgfSha === group.sha;
      const jwsSalt = Number(group.sLen) === bytes;
      if (!sameMgf && !jwsSalt) return undefined;
      return { alg: `PS${bits}` as JwsAlgorithm, expect: sameMgf && jwsSalt ? asIs : () => 'invalid' };
    }
    default: {
      // HMACSHA256 etc.; JWS never truncates the tag (RFC 7518 §3.2).
      const size = file.algorithm.slice(-3);
      return Number(group.tagSize) === Number(size) ? { alg: `HS${size}` as JwsAlgorithm, expect: asIs } : undefined;
    }
  }
}

/** WebCrypto parameters for import and verify (RFC 7518 §3, RFC 8037 §3.1). */
function webCryptoParams(alg: JwsAlgorithm): {
  key: RsaHashedImportParams | EcKeyImportParams | HmacImportParams | Algorithm;
  verify: RsaPssParams | EcdsaParams | Algorithm;
} {
  const hash = `SHA-${alg.slice(2)}`;
  switch (alg.slice(0, 2)) {
    case 'HS':
      return { key: { name: 'HMAC', hash }, verify: { name: 'HMAC' } };
    case 'RS':
      return { key: { name: 'RSASSA-PKCS1-v1_5', hash }, verify: { name: 'RSASSA-PKCS1-v1_5' } };
    case 'PS':
      return { key: { name: 'RSA-PSS', hash }, verify: { name: 'RSA-PSS', saltLength: HASH_BYTES[hash] ?? 0 } };
    case 'ES':
      return {
        key: { name: 'ECDSA', namedCurve: { ES256: 'P-256', ES384: 'P-384' }[alg as string] ?? 'P-521' },
        verify: { name: 'ECDSA', hash },
      };
    default:
      return { key: { name: 'Ed25519' }, verify: { name: 'Ed25519' } };
  }
}

/** The one signature length JWS allows (RFC 7518 §3.2–3.5, RFC 8037 §3.1). */
function signatureBytes(alg: JwsAlgorithm, key: CryptoKey): number {
  if (alg.startsWith('HS')) return Number(alg.slice(2)) / 8;
  if (alg.startsWith('ES')) return { ES256: 64, ES384: 96 }[alg as string] ?? 132;
  if (alg === 'EdDSA') return 64;
  return Math.ceil((key.algorithm as RsaHashedKeyAlgorithm).modulusLength / 8);
}

/**
 * The signature step where webjwt's own is out of reach (the packed package exports no such thing):
 * the key webjwt imported, exported again by exportJWK(), and this runtime's WebCrypto given it with
 * RFC 7518's parameters under JWS's exact-signature-length rule, which is what verify() does with them.
 */
function webCryptoStep(lib: Library): SignatureStep {
  return {
    checksKeyStrength: false,
    verify: async (key, alg, data, signature) => {
      const params = webCryptoParams(alg);
      const cryptoKey = await crypto.subtle.importKey('jwk', (await lib.exportJWK(key)) as JsonWebKey, params.key, false, ['verify']);
      return (
        signature.length === signatureBytes(alg, cryptoKey) &&
        crypto.subtle.verify(params.verify, cryptoKey, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>)
      );
    },
  };
}

/** Up to `limit` items per result, one for each distinct trait, in file order. */
function sample<T>(items: readonly T[], result: (item: T) => string, trait: (item: T) => string, limit: number): T[] {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  return items.filter((item) => {
    const key = `${result(item)} ${trait(item)}`;
    if (seen.has(key) || (counts.get(result(item)) ?? 0) >= limit) return false;
    seen.add(key);
    counts.set(result(item), (counts.get(result(item)) ?? 0) + 1);
    return true;
  });
}

const SIGNATURE_FILES: Readonly<Record<string, unknown>> = {
  ecdsa_secp256r1_sha256_p1363: ecdsa256,
  ecdsa_secp384r1_sha384_p1363: ecdsa384,
  ecdsa_secp521r1_sha512_p1363: ecdsa521,
  ed25519,
  hmac_sha256: hmac256,
  hmac_sha384: hmac384,
  hmac_sha512: hmac512,
  rsa_signature_2048_sha256: rsa2048s256,
  rsa_signature_2048_sha384: rsa2048s384,
  rsa_signature_2048_sha512: rsa2048s512,
  rsa_signature_3072_sha256: rsa3072s256,
  rsa_signature_3072_sha384: rsa3072s384,
  rsa_signature_3072_sha512: rsa3072s512,
  rsa_signature_4096_sha256: rsa4096s256,
  rsa_signature_4096_sha384: rsa4096s384,
  rsa_signature_4096_sha512: rsa4096s512,
  rsa_pss_2048_sha256_mgf1_32: pss2048s256,
  rsa_pss_2048_sha384_mgf1_48: pss2048s384,
  rsa_pss_3072_sha256_mgf1_32: pss3072s256,
  rsa_pss_4096_sha256_mgf1_32: pss4096s256,
  rsa_pss_4096_sha384_mgf1_48: pss4096s384,
  rsa_pss_4096_sha512_mgf1_64: pss4096s512,
  rsa_pss_misc: pssMisc,
};

/**
 * The group's public key, imported by webjwt for `alg` from its JWK and from its PEM (both the same
 * key once exported); undefined for an RSA key under 2048 bits, refused by policy.
 */
async function groupKeys(lib: Library, group: Group, alg: JwsAlgorithm): Promise<JwtKey[] | undefined> {
  const sources = [group.publicKeyJwk ?? group.keyJwk, group.publicKeyPem].filter((source) => source !== undefined);
  check(sources.length > 0, 'the group has no key');
  // The DER form of the key is key material, never an HMAC secret.
  if (group.publicKeyDer !== undefined)
    await expectCode(lib, () => lib.importKey(hex(group.publicKeyDer!)), 'ERR_KEY', 'the DER key as a secret');
  if (alg.startsWith('RS') || alg.startsWith('PS')) {
    if (Number(group.keySize) < 2048) {
      for (const source of sources)
        await expectCode(lib, () => lib.importKey(source, alg), 'ERR_KEY', `a ${String(group.keySize)}-bit RSA key`);
      return undefined;
    }
  }
  const keys = sources.map((source) => lib.importKey(source, alg));
  const exported: Jwk[] = [];
  for (const key of keys) {
    check(key.type === 'public', `imported as ${key.type}`);
    exported.push(publicJwk(await lib.exportJWK(key)));
  }
  for (const jwk of exported.slice(1)) checkJson(jwk, exported[0], 'JWK and PEM import to the same key');
  return keys;
}

/**
 * An HMAC vector's key: refused when empty whatever the opt-in (undefined), and when shorter than the
 * hash unless allowWeakKeys (then imported with it, `weak`).
 */
async function vectorSecret(lib: Library, vector: Vector, alg: JwsAlgorithm): Promise<{ key: JwtKey; weak: boolean } | undefined> {
  const bytes = hex(vector.key ?? '');
  if (bytes.length === 0) {
    await expectCode(lib, () => lib.importKey(bytes, alg, { allowWeakKeys: true }), 'ERR_KEY', 'an empty HMAC key');
    return undefined;
  }
  if (bytes.length * 8 >= Number(alg.slice(2))) return { key: lib.importKey(bytes, alg), weak: false };
  await expectCode(lib, () => lib.importKey(bytes, alg), 'ERR_KEY', 'a short HMAC key without allowWeakKeys');
  return { key: lib.importKey(bytes, alg, { allowWeakKeys: true }), weak: true };
}

/** The step's answer; a key it refuses (a JwtError) counts as a refused signature, anything else fails the test. */
async function signatureVerifies(
  lib: Library,
  step: SignatureStep,
  key: JwtKey,
  alg: JwsAlgorithm,
  vector: Vector,
  allowWeakKeys: boolean,
): Promise<boolean> {
  try {
    return await step.verify(key, alg, hex(vector.msg), hex(vector.sig ?? vector.tag ?? ''), allowWeakKeys);
  } catch (error) {
    if (!lib.isJwtError(error)) throw error;
    return false;
  }
}

function registerSignatureFile({ lib, options, test, testWith }: SuiteContext, name: string, file: SignatureFile): void {
  const step = options.signatureStep ?? webCryptoStep(lib);
  const applicable = file.testGroups.flatMap((group, index) => {
    const mapping = jwsMapping(file, group);
    return mapping === undefined
      ? []
      : group.tests.map((vector) => ({ group, index, vector, alg: mapping.alg, expected: mapping.expect(vector) }));
  });
  const picked =
    options.wycheproof === 'all'
      ? applicable
      : sample(
          applicable,
          (c) => c.expected,
          (c) => `${String(c.group.keySize)} ${String(c.group.sha)} ${c.vector.flags.join(',')}`,
          SAMPLE_PER_RESULT,
        );
  test(`Wycheproof ${name}: ${picked.length} of ${applicable.length} applicable vectors, valid and invalid among them`, () => {
    check(
      picked.some((c) => c.expected === 'valid') && picked.some((c) => c.expected !== 'valid'),
      `picked: ${picked.map((c) => c.expected).join(' ')}`,
    );
  });
  const byGroup = new Map<number, typeof picked>();
  for (const c of picked) byGroup.set(c.index, [...(byGroup.get(c.index) ?? []), c]);
  for (const [index, cases] of byGroup) {
    const { group, alg } = cases[0]!;
    testWith([alg], `Wycheproof ${name} group ${index} as ${alg}: ${cases.length} vectors`, async () => {
      const keys = alg.startsWith('HS') ? [] : await groupKeys(lib, group, alg);
      if (keys === undefined) return;
      for (const { vector, expected } of cases) {
        const label = `tcId ${vector.tcId} ${vector.result}${expected === vector.result ? '' : ` (${expected} as ${alg})`} [${vector.flags.join(', ')}]`;
        const secret = alg.startsWith('HS') ? await vectorSecret(lib, vector, alg) : undefined;
        if (alg.startsWith('HS') && secret === undefined) continue;
        for (const key of secret === undefined ? keys : [secret.key]) {
          const verified = await signatureVerifies(lib, step, key, alg, vector, secret?.weak ?? false);
          check(verified === (expected === 'valid'), `${label}: signature ${verified ? 'verified' : 'refused'}`);
          if (secret?.weak === true && step.checksKeyStrength && expected === 'valid') {
            await expectCode(
              lib,
              () => step.verify(key, alg, hex(vector.msg), hex(vector.tag ?? ''), false),
              'ERR_KEY',
              `${label} without allowWeakKeys`,
            );
          }
        }
      }
    });
  }
}

interface JsonVector {
  tcId: number;
  jws?: unknown;
  result: string;
  comment?: string;
}
interface JsonGroup {
  comment?: string;
  private?: Jwk & { keys?: Jwk[] };
  tests: JsonVector[];
}

type JsonOutcome = 'accepted' | 'not a claims set' | 'refused';

/**
 * Where webjwt decides otherwise than the vector, by design, and why. Asserted exactly (and always in
 * the sample), so any change in behaviour shows up, in every runtime.
 */
const DECIDED: Readonly<Record<string, Readonly<Record<number, JsonOutcome>>>> = {
  json_web_crypto: {
    // invalid, rejectsKeyWithRocaVulnerability: recognising ROCA-generated moduli (CVE-2017-15361)
    // needs a fingerprint test webjwt does not ship. The signature verifies; "foo" is no claims set.
    46: 'not a claims set',
  },
  json_web_key: {
    // invalid, rejectsDuplicateKid: the second "kid-aes-sign" key's "k" ends in non-zero unused bits
    // (not base64url webjwt reads), so the set skips it, and a skipped key never makes a kid ambiguous
    // (test/security/c60): the one usable key verifies, and "foo" is no claims set.
    4: 'not a claims set',
    // invalid, rejectsKeyWithRocaVulnerability: as json_web_crypto 46.
    7: 'not a claims set',
  },
  json_web_signature: {
    // valid, emptyPayload: a JWT always has a claims set; an empty payload segment is refused before
    // any key is used.
    259: 'refused',
    264: 'refused',
    268: 'refused',
    272: 'refused',
    320: 'refused',
    325: 'refused',
    // valid, Figure20/27/13/20/27: keys pinned by their JWK to another algorithm (PS256 key, PS384
    // token), with the unregistered alg "ES521", or with key_ops ["sign, verify"] (one string, so no
    // "verify"): refused by design (RFC 8725 §3.1).
    346: 'refused',
    347: 'refused',
    349: 'refused',
    350: 'refused',
    351: 'refused',
    // invalid, invalidBase64Padding(InPayload): the stored tokens carry no padding any more ("VGVzdA"
    // is canonical) and their MAC recomputes over the text as stored; "Test" is no claims set.
    367: 'not a claims set',
    370: 'not a claims set',
    // valid, InvalidCharacterInserted(InHeader|InPayload): a "?" inside a segment is refused by the
    // strict format check (rfc8725bis: only letters, digits, "-", "_", ".").
    372: 'refused',
    373: 'refused',
  },
};

function isCanonicalBase64url(segment: string): boolean {
  try {
    return segment.length > 0 && base64url(fromBase64url(segment)) === segment;
  } catch {
    return false;
  }
}

/**
 * How verify() ends for a token. A payload that is not a claims set is refused after the signature
 * verified, which shows as: refused as malformed, while a copy with a flipped signature bit is refused
 * on its signature. Only for canonical payload and signature segments: otherwise the refusal is for
 * the encoding, whenever it came.
 */
async function jsonOutcome(lib: Library, token: string, key: unknown): Promise<JsonOutcome> {
  const first = await outcomeOf(lib, lib.verify(token, key as Jwk));
  if (first === 'resolved') return 'accepted';
  check(first.startsWith('ERR_'), `verify() failed with something other than a JwtError: ${first}`);
  const segments = token.split('.');
  if (first !== 'ERR_JWT_MALFORMED' || segments.length !== 3 || !segments.slice(1).every(isCanonicalBase64url)) return 'refused';
  return (await outcomeOf(lib, lib.verify(tamper(token), key as Jwk))) === 'ERR_JWT_SIGNATURE' ? 'not a claims set' : 'refused';
}

/** The algorithms webjwt implements that a compact token's header names (none for anything unreadable). */
function tokenAlgorithms(jws: unknown): string[] {
  if (typeof jws !== 'string') return [];
  try {
    const header: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(jws.split('.')[0]!)));
    const alg = typeof header === 'object' && header !== null ? (header as { alg?: unknown }).alg : undefined;
    return (ALGORITHMS as readonly unknown[]).includes(alg) ? [alg as string] : [];
  } catch {
    return [];
  }
}

const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);
const withoutPrivateMembers = (jwk: Jwk): Jwk =>
  Object.fromEntries(Object.entries(jwk).filter(([member]) => !PRIVATE_MEMBERS.has(member))) as Jwk;
/** JWS vectors only: the JWE ones (no `jws`) do not apply, webjwt being JWS only. */
const isJws = (vector: JsonVector): boolean => typeof vector.jws === 'string' || (typeof vector.jws === 'object' && vector.jws !== null);

function registerJsonFile({ lib, options, test, testWith }: SuiteContext, name: string, groups: readonly JsonGroup[]): void {
  const decided = DECIDED[name] ?? {};
  test(`Wycheproof ${name}: every decided vector is a JWS vector of the file`, () => {
    const jws = new Set(groups.flatMap((group) => group.tests.filter(isJws).map((vector) => vector.tcId)));
    checkJson(
      Object.keys(decided)
        .map(Number)
        .filter((tcId) => !jws.has(tcId)),
      [],
      'decided but absent',
    );
  });
  // The key the verifier holds: the group's private key (or key set) without its private members,
  // kid, alg, use and key_ops kept.
  const held = (group: JsonGroup): unknown =>
    group.private === undefined
      ? undefined
      : group.private.keys === undefined
        ? withoutPrivateMembers(group.private)
        : { keys: group.private.keys.map(withoutPrivateMembers) };
  groups.forEach((group, index) => {
    const vectors = group.tests.filter(isJws);
    const picked =
      options.wycheproof === 'all'
        ? vectors
        : sample(
            vectors,
            (v) => v.result,
            (v) => v.comment ?? '',
            JSON_SAMPLE_PER_RESULT,
          )
            .concat(vectors.filter((v) => Object.hasOwn(decided, v.tcId)))
            .filter((v, i, all) => all.indexOf(v) === i);
    if (picked.length === 0) return;
    testWith(
      picked.flatMap((vector) => tokenAlgorithms(vector.jws)),
      `Wycheproof ${name} group ${index} (${group.comment ?? ''}): ${picked.length} vectors`,
      async () => {
        for (const vector of picked) {
          const expected: JsonOutcome | undefined = decided[vector.tcId];
          const token = typeof vector.jws === 'string' ? vector.jws : JSON.stringify(vector.jws);
          const outcome = await jsonOutcome(lib, token, held(group));
          const label = `tcId ${vector.tcId} ${vector.result}${expected === undefined ? '' : ` (decided: ${expected})`} [${vector.comment ?? ''}]`;
          if (expected !== undefined) check(outcome === expected, `${label}: got ${outcome}`);
          else if (vector.result === 'valid') check(outcome !== 'refused', `${label}: a valid token was refused`);
          else check(outcome === 'refused', `${label}: an invalid token: ${outcome}`);
        }
      },
    );
  });
}

export function registerWycheproof(context: SuiteContext): void {
  for (const [name, file] of Object.entries(SIGNATURE_FILES)) registerSignatureFile(context, name, file as SignatureFile);
  const jsonFiles = { json_web_signature: jwsFile, json_web_key: jwkFile, json_web_crypto: jwcFile };
  for (const [name, file] of Object.entries(jsonFiles))
    registerJsonFile(context, name, (file as unknown as { testGroups: JsonGroup[] }).testGroups);
}
