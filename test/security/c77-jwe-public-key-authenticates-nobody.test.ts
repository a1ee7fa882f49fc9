/**
 * C77 — a JWE made with a public key authenticates nobody. ECDH-ES and RSA-OAEP encrypt to the
 * recipient's public key, which is public: anyone can make a token that decrypt() accepts, with any
 * claims. Encryption gives confidentiality, not origin (RFC 7516 §11.5; the json-jwt and go-jose
 * "encrypted means trusted" bugs). This is not a bug to fix but a property to document: the README's
 * "Encrypted tokens (JWE)" section ("A JWE made with a public key authenticates nobody", and the same
 * point under "Security") says to nest a signature (sign, then encrypt; decrypt with `options.verify`)
 * whenever the recipient must know who made the token.
 * This file asserts the behaviour, so the documentation cannot drift from it, and that nesting closes
 * the hole: with `options.verify`, the attacker's token — plain or nested with its own signature — is
 * refused.
 * Broken by (the nesting half): returning a non-nested token's claims when `options.verify` was given
 * — the caller asked for a signature and gets none; or verifying the inner token with any key but
 * options.verify.key.
 */
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, generateKeyPair, sign } from '../../src/index.js';
import { expectCode } from '../support.js';
import { expectOneOf } from './jwe-fixtures.js';

const forged = { sub: 'admin', iss: 'https://issuer', aud: 'api', role: 'superuser' };

describe('C77 a JWE made with a public key authenticates nobody', () => {
  it.each(['RSA-OAEP-256', 'ECDH-ES', 'ECDH-ES+A256KW'] as const)(
    'documented: anyone holding the public key makes a %s token decrypt() accepts',
    async (alg) => {
      const recipient = await generateKeyPair(alg);
      // The attacker has only the public key (published, e.g. in a JWK Set).
      const token = await encrypt(forged, recipient.publicKey, { alg });
      const { payload } = await decrypt(token, recipient.privateKey, { issuer: 'https://issuer', audience: 'api', algorithms: [alg] });
      expect(payload).toMatchObject(forged);
    },
  );

  it('nesting a signature closes it: with options.verify, the attacker’s tokens are refused', async () => {
    const recipient = await generateKeyPair('ECDH-ES');
    const issuer = await generateKeyPair('ES256');
    const attacker = await generateKeyPair('ES256');
    const verifyOptions = { verify: { key: issuer.publicKey, issuer: 'https://issuer', audience: 'api' } };
    // The genuine sign-then-encrypt token.
    const genuine = await encrypt(await sign(forged, issuer.privateKey), recipient.publicKey);
    expect((await decrypt(genuine, recipient.privateKey, verifyOptions)).payload).toMatchObject(forged);
    // The attacker nests a token signed with their own key: the signature does not verify.
    const nested = await encrypt(await sign(forged, attacker.privateKey), recipient.publicKey);
    await expectCode(decrypt(nested, recipient.privateKey, verifyOptions), 'ERR_JWT_SIGNATURE');
    // The attacker sends a plain (not nested) JWE: the caller asked for a signature, so it is refused.
    const plain = await encrypt(forged, recipient.publicKey);
    await expectOneOf(decrypt(plain, recipient.privateKey, verifyOptions), ['ERR_JWT_MALFORMED', 'ERR_JWT_CLAIM']);
  });
});
