/**
 * A sample of Project Wycheproof for every algorithm family, in every runtime.
 *
 * JSON Web Signature files (json_web_signature, json_web_key, json_web_crypto): their tokens go
 * through verify() itself.
 *
 * Signature files (ECDSA P-1363, Ed25519, HMAC, RSASSA-PKCS1-v1_5, RSA-PSS): a vector signs arbitrary
 * bytes, and no `msg` in these files has the shape of a JWS signing input (b64.b64), so they cannot
 * become tokens. Each vector instead checks the two halves webjwt relies on: webjwt imports the key
 * (the group's JWK and PEM through importKey() pinned to the JWS alg, both exported again by
 * exportJWK() to the same key), and this runtime's WebCrypto, given that exported JWK and RFC 7518's
 * parameters, agrees with the vector under JWS's exact-signature-length rule — which is what verify()
 * does with them. test/security/wycheproof.test.ts runs every vector through webjwt's internals on Node.
 *
 * The sample: per file and per result, one vector for each distinct (key size, flags) up to eight,
 * so the edge cases each file is about are all in it.
 */
import ecdsa256 from '../../../vectors/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json' with { type: 'json' };
import ecdsa384 from '../../../vectors/wycheproof/ecdsa_secp384r1_sha384_p1363_test.json' with { type: 'json' };
import ecdsa521 from '../../../vectors/wycheproof/ecdsa_secp521r1_sha512_p1363_test.json' with { type: 'json' };
import ed25519 from '../../../vectors/wycheproof/ed25519_test.json' with { type: 'json' };
import hmac256 from '../../../vectors/wycheproof/hmac_sha256_test.json' with { type: 'json' };
import hmac384 from '../../../vectors/wycheproof/hmac_sha384_test.json' with { type: 'json' };
import hmac512 from '../../../vectors/wycheproof/hmac_sha512_test.json' with { type: 'json' };
import jwcFile from '../../../vectors/wycheproof/json_web_crypto_test.json' with { type: 'json' };
import jwkFile from '../../../vectors/wycheproof/json_web_key_test.json' with { type: 'json' };
import jwsFile from '../../../vectors/wycheproof/json_web_signature_test.json' with { type: 'json' };
import pss2048s256 from '../../../vectors/wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json' with { type: 'json' };
import pss2048s384 from '../../../vectors/wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json' with { type: 'json' };
import pss3072s256 from '../../../vectors/wycheproof/rsa_pss_3072_sha256_mgf1_32_test.json' with { type: 'json' };
import pss4096s256 from '../../../vectors/wycheproof/rsa_pss_4096_sha256_mgf1_32_test.json' with { type: 'json' };
import pss4096s384 from '../../../vectors/wycheproof/rsa_pss_4096_sha384_mgf1_48_test.json' with { type: 'json' };
import pss4096s512 from '../../../vectors/wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json' with { type: 'json' };
import pssMisc from '../../../vectors/wycheproof/rsa_pss_misc_test.json' with { type: 'json' };
import rsa2048s256 from '../../../vectors/wycheproof/rsa_signature_2048_sha256_test.json' with { type: 'json' };
import rsa2048s384 from '../../../vectors/wycheproof/rsa_signature_2048_sha384_test.json' with { type: 'json' };
import rsa2048s512 from '../../../vectors/wycheproof/rsa_signature_2048_sha512_test.json' with { type: 'json' };
import rsa3072s256 from '../../../vectors/wycheproof/rsa_signature_3072_sha256_test.json' with { type: 'json' };
import rsa3072s384 from '../../../vectors/wycheproof/rsa_signature_3072_sha384_test.json' with { type: 'json' };
import rsa3072s512 from '../../../vectors/wycheproof/rsa_signature_3072_sha512_test.json' with { type: 'json' };
import rsa4096s256 from '../../../vectors/wycheproof/rsa_signature_4096_sha256_test.json' with { type: 'json' };
import rsa4096s384 from '../../../vectors/wycheproof/rsa_signature_4096_sha384_test.json' with { type: 'json' };
import rsa4096s512 from '../../../vectors/wycheproof/rsa_signature_4096_sha512_test.json' with { type: 'json' };
import { check, checkJson } from '../harness.js';
import { base64url, expectCode, fromBase64url, hex, outcomeOf, publicPart, tamper, type Jwk, type JwsAlgorithm, type Library, type SuiteContext } from '../support.js';

interface Vector { tcId: number; msg: string; sig?: string; tag?: string; key?: string; result: string; flags: string[] }
interface Group {
  sha?: string; mgf?: string; mgfSha?: string; sLen?: number; keySize?: number; tagSize?: number;
  publicKeyJwk?: Jwk; keyJwk?: Jwk; publicKeyPem?: string; tests: Vector[];
}
interface SignatureFile { algorithm: string; testGroups: Group[] }

const SAMPLE_PER_RESULT = 8;

const HASH_BYTES: Readonly<Record<string, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };

/** The JWS algorithm a group maps to, and the result expected under it, or undefined when JWS has no such parameters. */
function jwsMapping(file: SignatureFile, group: Group): { alg: JwsAlgorithm; expect: (vector: Vector) => string } | undefined {
  const bytes = HASH_BYTES[group.sha ?? ''];
  const bits = bytes === undefined ? undefined : String(bytes * 8);
  const asIs = (vector: Vector) => vector.result;
  switch (file.algorithm) {
    case 'ECDSA': return bits === undefined ? undefined : { alg: `ES${bits === '512' ? '512' : bits}` as JwsAlgorithm, expect: asIs };
    case 'EDDSA': return { alg: 'EdDSA', expect: asIs };
    case 'RSASSA-PKCS1-v1_5': return bits === undefined ? undefined : { alg: `RS${bits}` as JwsAlgorithm, expect: asIs };
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

/** WebCrypto parameters for import and verify (RFC 7518 §3). */
function webCryptoParams(alg: JwsAlgorithm): { key: RsaHashedImportParams | EcKeyImportParams | HmacImportParams | Algorithm; verify: RsaPssParams | EcdsaParams | Algorithm } {
  const hash = `SHA-${alg.slice(2)}`;
  switch (alg.slice(0, 2)) {
    case 'HS': return { key: { name: 'HMAC', hash }, verify: { name: 'HMAC' } };
    case 'RS': return { key: { name: 'RSASSA-PKCS1-v1_5', hash }, verify: { name: 'RSASSA-PKCS1-v1_5' } };
    case 'PS': return { key: { name: 'RSA-PSS', hash }, verify: { name: 'RSA-PSS', saltLength: HASH_BYTES[hash] ?? 0 } };
    case 'ES': return { key: { name: 'ECDSA', namedCurve: { ES256: 'P-256', ES384: 'P-384' }[alg as string] ?? 'P-521' }, verify: { name: 'ECDSA', hash } };
    default: return { key: { name: 'Ed25519' }, verify: { name: 'Ed25519' } };
  }
}

/** The one signature length JWS allows (RFC 7518 §3.2–3.5, RFC 8037 §3.1). */
function signatureBytes(alg: JwsAlgorithm, key: CryptoKey): number {
  if (alg.startsWith('HS')) return Number(alg.slice(2)) / 8;
  if (alg.startsWith('ES')) return { ES256: 64, ES384: 96 }[alg as string] ?? 132;
  if (alg === 'EdDSA') return 64;
  return Math.ceil((key.algorithm as RsaHashedKeyAlgorithm).modulusLength / 8);
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
  ecdsa_secp256r1_sha256_p1363: ecdsa256, ecdsa_secp384r1_sha384_p1363: ecdsa384, ecdsa_secp521r1_sha512_p1363: ecdsa521,
  ed25519, hmac_sha256: hmac256, hmac_sha384: hmac384, hmac_sha512: hmac512,
  rsa_signature_2048_sha256: rsa2048s256, rsa_signature_2048_sha384: rsa2048s384, rsa_signature_2048_sha512: rsa2048s512,
  rsa_signature_3072_sha256: rsa3072s256, rsa_signature_3072_sha384: rsa3072s384, rsa_signature_3072_sha512: rsa3072s512,
  rsa_signature_4096_sha256: rsa4096s256, rsa_signature_4096_sha384: rsa4096s384, rsa_signature_4096_sha512: rsa4096s512,
  rsa_pss_2048_sha256_mgf1_32: pss2048s256, rsa_pss_2048_sha384_mgf1_48: pss2048s384, rsa_pss_3072_sha256_mgf1_32: pss3072s256,
  rsa_pss_4096_sha256_mgf1_32: pss4096s256, rsa_pss_4096_sha384_mgf1_48: pss4096s384, rsa_pss_4096_sha512_mgf1_64: pss4096s512,
  rsa_pss_misc: pssMisc,
};

/** The group's key, imported by webjwt from its JWK and its PEM, as the JWK webjwt exports (the same from both). */
async function exportedGroupKey(lib: Library, group: Group, alg: JwsAlgorithm): Promise<Jwk> {
  const sources = [group.publicKeyJwk ?? group.keyJwk, group.publicKeyPem].filter((source) => source !== undefined);
  check(sources.length > 0, 'the group has no key');
  const exported: Jwk[] = [];
  for (const source of sources) {
    const key = lib.importKey(source, alg);
    check(key.type === 'public', `imported as ${key.type}`);
    exported.push(await lib.exportJWK(key));
  }
  for (const jwk of exported.slice(1)) checkJson(publicPart(jwk), publicPart(exported[0]!), 'JWK and PEM import to the same key');
  return exported[0]!;
}

/** An HMAC vector's key, imported by webjwt (refused when shorter than the hash unless allowWeakKeys) and exported as JWK. */
async function exportedSecret(lib: Library, vector: Vector, alg: JwsAlgorithm): Promise<Jwk> {
  const bytes = hex(vector.key ?? '');
  if (bytes.length * 8 < Number(alg.slice(2))) {
    await expectCode(lib, () => lib.importKey(bytes, alg), 'ERR_KEY', 'a short HMAC key without allowWeakKeys');
    return lib.exportJWK(lib.importKey(bytes, alg, { allowWeakKeys: true }));
  }
  return lib.exportJWK(lib.importKey(bytes, alg));
}

function registerSignatureFile({ test, lib }: SuiteContext, name: string, file: SignatureFile): void {
  const applicable = file.testGroups.flatMap((group) => {
    const mapping = jwsMapping(file, group);
    return mapping === undefined ? [] : group.tests.map((vector) => ({ group, vector, ...mapping, expected: mapping.expect(vector) }));
  });
  const picked = sample(applicable, (c) => c.expected, (c) => `${String(c.group.keySize)} ${String(c.group.sha)} ${c.vector.flags.join(',')}`, SAMPLE_PER_RESULT);
  test(`Wycheproof ${name}: the sample has valid and invalid vectors`, () => {
    check(picked.some((c) => c.expected === 'valid') && picked.some((c) => c.expected !== 'valid'), `sample: ${picked.map((c) => c.expected).join(' ')}`);
  });
  const keys = new Map<Group, Promise<Jwk>>();
  for (const { group, vector, alg, expected } of picked) {
    // `acceptable` (a DigestInfo without its NULL): WebCrypto refuses it, and webjwt wants it refused.
    const wanted = expected === 'valid';
    test(`Wycheproof ${name} tcId ${vector.tcId} ${vector.result}${expected === vector.result ? '' : ` (${expected} as ${alg})`} [${vector.flags.join(', ')}]`, async () => {
      let jwk: Promise<Jwk>;
      if (alg.startsWith('HS')) jwk = exportedSecret(lib, vector, alg);
      else {
        jwk = keys.get(group) ?? exportedGroupKey(lib, group, alg);
        keys.set(group, jwk);
      }
      const params = webCryptoParams(alg);
      const cryptoKey = await crypto.subtle.importKey('jwk', (await jwk) as JsonWebKey, params.key, false, ['verify']);
      const signature = hex(vector.sig ?? vector.tag ?? '');
      const verified = signature.length === signatureBytes(alg, cryptoKey) && (await crypto.subtle.verify(params.verify, cryptoKey, signature, hex(vector.msg)));
      check(verified === wanted, `${alg}: signature ${verified ? 'verified' : 'refused'}`);
    });
  }
}

interface JsonVector { tcId: number; jws?: unknown; result: string; comment?: string }
interface JsonGroup { comment?: string; private?: Jwk & { keys?: Jwk[] }; tests: JsonVector[] }

type JsonOutcome = 'accepted' | 'not a claims set' | 'refused';

/**
 * Where webjwt decides otherwise than the vector, by design (test/security/wycheproof.test.ts says
 * why for each). Always in the sample, so every runtime agrees on them too.
 */
const DECIDED: Readonly<Record<string, Readonly<Record<number, JsonOutcome>>>> = {
  // ROCA moduli (CVE-2017-15361) are not fingerprinted: the signature verifies, "foo" is no claims set.
  json_web_crypto: { 46: 'not a claims set' },
  // tcId 4: the second "kid-aes-sign" key has non-canonical base64url, so the set skips it and the
  // one usable key verifies; "foo" is no claims set. tcId 7: ROCA, as above.
  json_web_key: { 4: 'not a claims set', 7: 'not a claims set' },
  json_web_signature: {
    // Empty payloads: a JWT always has a claims set.
    259: 'refused', 264: 'refused', 268: 'refused', 272: 'refused', 320: 'refused', 325: 'refused',
    // Keys pinned by their JWK to another alg, "ES521", key_ops ["sign, verify"] (RFC 8725 §3.1).
    346: 'refused', 347: 'refused', 349: 'refused', 350: 'refused', 351: 'refused',
    // The stored tokens are canonical; their MAC verifies; "Test" is no claims set.
    367: 'not a claims set', 370: 'not a claims set',
    // A "?" inside a segment: the strict format check refuses it.
    372: 'refused', 373: 'refused',
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

const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);
const withoutPrivateMembers = (jwk: Jwk): Jwk => Object.fromEntries(Object.entries(jwk).filter(([member]) => !PRIVATE_MEMBERS.has(member))) as Jwk;

function registerJsonFile({ test, lib }: SuiteContext, name: string, groups: readonly JsonGroup[]): void {
  const decided = DECIDED[name] ?? {};
  // The key the verifier holds: the group's private key (or key set) without its private members,
  // kid, alg, use and key_ops kept.
  const held = (group: JsonGroup): unknown =>
    group.private === undefined ? undefined : group.private.keys === undefined ? withoutPrivateMembers(group.private) : { keys: group.private.keys.map(withoutPrivateMembers) };
  const cases = groups.flatMap((group) =>
    sample(group.tests.filter((v) => typeof v.jws === 'string' || (typeof v.jws === 'object' && v.jws !== null)), (v) => v.result, (v) => v.comment ?? '', 3)
      .concat(group.tests.filter((v) => Object.hasOwn(decided, v.tcId)))
      .filter((v, i, all) => all.indexOf(v) === i)
      .map((vector) => ({ group, vector })),
  );
  for (const { group, vector } of cases) {
    const expected: JsonOutcome | undefined = decided[vector.tcId];
    test(`Wycheproof ${name} tcId ${vector.tcId} ${vector.result}${expected === undefined ? '' : ` (decided: ${expected})`} [${vector.comment ?? ''}]`, async () => {
      const token = typeof vector.jws === 'string' ? vector.jws : JSON.stringify(vector.jws);
      const outcome = await jsonOutcome(lib, token, held(group));
      if (expected !== undefined) check(outcome === expected, `got ${outcome}`);
      else if (vector.result === 'valid') check(outcome !== 'refused', 'a valid token was refused');
      else check(outcome === 'refused', `an invalid token: ${outcome}`);
    });
  }
}

export function registerWycheproof(context: SuiteContext): void {
  for (const [name, file] of Object.entries(SIGNATURE_FILES)) registerSignatureFile(context, name, file as SignatureFile);
  const jsonFiles = { json_web_signature: jwsFile, json_web_key: jwkFile, json_web_crypto: jwcFile };
  for (const [name, file] of Object.entries(jsonFiles)) registerJsonFile(context, name, (file as unknown as { testGroups: JsonGroup[] }).testGroups);
}
