/**
 * C09 — embedded jwk / x5c headers trusted. The attacker signs with their own key and embeds its
 * public half. Safe: header keys are never used; only the caller's key verifies. BCP-3.10-1.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'vitest';
import { verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256, rsa } from './fixtures.js';

const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const attackerJwk = attacker.publicKey.export({ format: 'jwk' });
const attackerDer = attacker.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

describe('C09 embedded keys', () => {
  it.each([
    ['jwk', { alg: 'ES256', jwk: attackerJwk }],
    ['x5c', { alg: 'ES256', x5c: [attackerDer] }],
    ['jwk and kid', { alg: 'ES256', kid: 'attacker', jwk: attackerJwk }],
  ])('a token carrying its own key in %s fails against the real key', async (_name, header) => {
    const token = forge(header, { sub: 'admin' }, { alg: 'ES256', key: attacker.privateKey });
    await expectCode(verify(token, p256.publicJwk), 'ERR_JWT_SIGNATURE');
    await expectCode(verify(token, { keys: [{ ...p256.publicJwk, kid: 'attacker' }] }), 'ERR_JWT_SIGNATURE');
    await expectCode(verify(token, rsa.publicPem), 'ERR_JWT_ALGORITHM');
  });
});
