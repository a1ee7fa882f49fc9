/**
 * C47 — decode() mistaken for verify(), fail-open handling. Safe: verify() throws on every failure
 * and has no skip-signature switch; decode() is documented as unverified and never checks a signature.
 */
import { describe, expect, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { expectCode, tamper } from '../support.js';
import { forge, hmacJwk, hmacSecret } from './fixtures.js';

describe('C47 decode and verify', () => {
  const token = forge({ alg: 'HS256' }, { sub: 'user' }, { alg: 'HS256', key: hmacSecret });
  const forged = forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: 'attacker-secret-attacker-secret!!' });

  it('decode() reads a forged token without complaint: it is not verification', () => {
    expect(decode(forged).payload.sub).toBe('admin');
  });

  it('verify() rejects it, and no option switches the signature check off', async () => {
    await expectCode(verify(forged, hmacJwk), 'ERR_JWT_SIGNATURE');
    // Other libraries' switches are not options here: naming one is a TypeError, never a skipped check.
    for (const options of [{ verifySignature: false }, { ignoreSignature: true }, { complete: true }]) {
      await expect(verify(forged, hmacJwk, options as never)).rejects.toThrow(TypeError);
      await expect(verify(tamper(token), hmacJwk, options as never)).rejects.toThrow(/unknown option/);
    }
    await expectCode(verify(forged, hmacJwk, { algorithms: undefined } as never), 'ERR_JWT_SIGNATURE');
    await expectCode(verify(tamper(token), hmacJwk, { algorithms: undefined } as never), 'ERR_JWT_SIGNATURE');
  });

  it('verify() rejects, it never resolves with an error value', async () => {
    await expect(verify(forged, hmacJwk)).rejects.toBeInstanceOf(Error);
  });
});
