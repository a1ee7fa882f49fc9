/**
 * C54 — key material changed after it was bound. `Buffer#slice()` is a view, not a copy: a library
 * that "copies" a Buffer with slice() and imports it lazily lets `buf.fill(0)` (a common way to wipe
 * a secret) turn the bound key into 32 zero bytes, which anyone can sign with. Safe: every byte
 * container is really copied when bound, and a key remembered for a buffer is reused only while the
 * buffer still holds the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { createSigner, createVerifier, importKey, sign, verify, type KeyInput } from '../../src/index.js';
import { createBearerAuth } from '../../src/http.js';
import { createSessions } from '../../src/session.js';
import { byteContainers, expectCode } from '../support.js';

const secret = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));
const zeros = new Uint8Array(32);

/** Each container kind in turn, made afresh (some kinds share one buffer, which a wipe would reach). */
function* freshContainers(bytes: Uint8Array): Generator<ArrayBufferView | ArrayBuffer> {
  const kinds = byteContainers(bytes).length;
  for (let i = 0; i < kinds; i++) yield byteContainers(bytes)[i]!;
}

/** Overwrites every byte a container shows with zeros, as a caller wiping a secret would. */
function wipe(container: ArrayBufferView | ArrayBuffer): void {
  const view =
    container instanceof ArrayBuffer
      ? new Uint8Array(container)
      : new Uint8Array(container.buffer, container.byteOffset, container.byteLength);
  view.fill(0);
}

/** Every factory that binds a key, as a verification of `token` after the binding. */
const binders: [string, (key: KeyInput) => (token: string) => Promise<unknown>][] = [
  ['createVerifier', (key) => createVerifier(key)],
  [
    'importKey',
    (key) => {
      const bound = importKey(key);
      return (token) => verify(token, bound);
    },
  ],
  [
    'createBearerAuth',
    (key) => {
      const auth = createBearerAuth({ key });
      return (token) => auth(`Bearer ${token}`);
    },
  ],
  [
    'createSessions',
    (key) => {
      const sessions = createSessions({ key });
      return (token) => sessions.verifyAccess(token);
    },
  ],
];

describe('C54 key material is copied when bound', () => {
  for (const [name, bind] of binders) {
    it(`${name}: wiping the caller's buffer afterwards changes nothing`, async () => {
      const original = secret();
      const forgedWithZeros = name === 'createSessions' ? await createSessions({ key: zeros }).issueTokens({ sub: 'admin' }) : undefined;
      const forged = forgedWithZeros?.accessToken ?? (await sign({ sub: 'admin' }, zeros));
      const genuine =
        name === 'createSessions'
          ? (await createSessions({ key: original }).issueTokens({ sub: 'user' })).accessToken
          : await sign({ sub: 'user' }, original);
      for (const container of freshContainers(original)) {
        const check = bind(container);
        wipe(container);
        await expect(check(forged)).rejects.toThrow();
        await expect(check(genuine)).resolves.toBeDefined();
      }
    });
  }

  it('createSigner: wiping the buffer afterwards still signs with the original secret', async () => {
    const original = secret();
    for (const container of freshContainers(original)) {
      const signer = createSigner(container);
      wipe(container);
      const token = await signer({ sub: 'u' });
      expect((await verify(token, original)).payload.sub).toBe('u');
      await expectCode(verify(token, zeros), 'ERR_JWT_SIGNATURE');
    }
  });

  it('verify(token, buffer) follows the buffer when it changes in place', async () => {
    const first = secret();
    const second = secret();
    const [tokenFirst, tokenSecond] = await Promise.all([sign({ sub: 'first' }, first), sign({ sub: 'second' }, second)]);
    for (const container of freshContainers(first)) {
      expect((await verify(tokenFirst, container)).payload.sub).toBe('first');
      const view =
        container instanceof ArrayBuffer
          ? new Uint8Array(container)
          : new Uint8Array(container.buffer, container.byteOffset, container.byteLength);
      view.set(second);
      await expectCode(verify(tokenFirst, container), 'ERR_JWT_SIGNATURE');
      expect((await verify(tokenSecond, container)).payload.sub).toBe('second');
    }
  });
});
