/**
 * C34 — PEM and key-string parsing laxity. Safe: strict armour, a base64 body, one key per PEM,
 * classification by the parsed ASN.1; any string with a PEM header is never an HMAC secret.
 */
import { describe, it } from 'vitest';
import { importKey, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge, p256, PKCS1_PUBLIC_PEM, rsa } from './fixtures.js';

const lines = rsa.publicPem.trim().split('\n');
const body = lines.slice(1, -1).join('\n');

describe('C34 PEM strictness', () => {
  it.each([
    ['junk inside the body', `${lines[0]!}\n${body}\n!!!!\n${lines.at(-1)!}`],
    ['mismatched END label', `${lines[0]!}\n${body}\n-----END PRIVATE KEY-----`],
    ['no END line', `${lines[0]!}\n${body}\n`],
    ['lowercase label', rsa.publicPem.replace(/PUBLIC KEY/g, 'public key')],
    ['unknown label', rsa.publicPem.replace(/PUBLIC KEY/g, 'SECRET KEY')],
    ['two public keys', `${rsa.publicPem}${p256.publicPem}`],
    ['a key and a certificate-labelled key', `${rsa.publicPem}${rsa.publicPem.replace(/PUBLIC KEY/g, 'CERTIFICATE')}`],
    ['truncated body', `${lines[0]!}\n${body.slice(0, 100)}\n${lines.at(-1)!}`],
    ['SPKI body under the PKCS#1 label', `-----BEGIN RSA PUBLIC KEY-----\n${body}\n-----END RSA PUBLIC KEY-----`],
    ['PKCS#1 body under the SPKI label', PKCS1_PUBLIC_PEM.replace(/RSA PUBLIC KEY/g, 'PUBLIC KEY')],
    [
      'legacy encrypted headers',
      `-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n${body}\n-----END RSA PRIVATE KEY-----`,
    ],
    ['only the BEGIN marker', '-----BEGIN PUBLIC KEY-----'],
    ['BEGIN marker in the middle of a secret', `my-secret-is-long-enough-to-be-used-----BEGIN PUBLIC KEY-----`],
  ])('%s is ERR_KEY and never an HMAC secret', async (_name, text) => {
    await expectCode(() => importKey(text), 'ERR_KEY');
    const hs = forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: text });
    await expectCode(verify(hs, text), 'ERR_KEY');
  });
});
