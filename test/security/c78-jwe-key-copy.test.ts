/**
 * C78 — JWE key material changed after it was remembered. decrypt() remembers the key it imported for
 * a string or a byte container (for speed); a cache keyed by the container's identity, or a "copy"
 * that is a view (Buffer#slice), keeps decrypting with the old bytes after the caller refilled or
 * wiped the buffer: a token for tenant A is then accepted by a call made with tenant B's key, and a
 * wiped buffer (32 zero bytes, a key anyone has) may still decrypt — or start to. Safe (as C54 for
 * verify()): the key is remembered only while the container still holds the same bytes, and what is
 * remembered is a real copy.
 * Broken by: remembering the key by the container alone (a WeakMap on the Buffer without comparing
 * the kept copy), or keeping a view: the reused-buffer and wiped-buffer tests then decrypt. Likewise
 * for the parsed protected headers decrypt() remembers by segment: handing the caller the kept object
 * lets one caller's change (zip, cty, crit) steer how later tokens are read.
 */
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../src/index.js';
import { byteContainers } from '../support.js';
import { expectDecryptionFailure, forgeJwe, randomBytes } from './jwe-fixtures.js';

const claims = { sub: 'alice' };

/** Overwrites every byte a container shows, as a caller reusing or wiping a key buffer would. */
function overwrite(container: ArrayBufferView | ArrayBuffer, bytes: Uint8Array): void {
  const view =
    container instanceof ArrayBuffer
      ? new Uint8Array(container)
      : new Uint8Array(container.buffer, container.byteOffset, container.byteLength);
  view.set(bytes);
}

describe('C78 JWE keys follow the bytes, not the container', () => {
  it('a buffer refilled with another tenant’s key no longer decrypts the first tenant’s tokens', async () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const forA = await encrypt(claims, a);
    const forB = await encrypt(claims, b);
    for (let i = 0; i < byteContainers(a).length; i++) {
      const container = byteContainers(a)[i]!;
      expect((await decrypt(forA, container as Uint8Array)).payload).toMatchObject(claims);
      overwrite(container, b);
      await expectDecryptionFailure(decrypt(forA, container as Uint8Array));
      expect((await decrypt(forB, container as Uint8Array)).payload).toMatchObject(claims);
    }
  });

  it('a wiped buffer is 32 zero bytes: it decrypts what zeros encrypt, not what the old key did', async () => {
    const secret = randomBytes(32);
    const token = await encrypt(claims, secret);
    const underZeros = forgeJwe({ header: { alg: 'dir', enc: 'A256GCM' }, cek: new Uint8Array(32), plaintext: { sub: 'zero' } });
    for (let i = 0; i < byteContainers(secret).length; i++) {
      const container = byteContainers(secret)[i]!;
      await decrypt(token, container as Uint8Array);
      overwrite(container, new Uint8Array(32));
      await expectDecryptionFailure(decrypt(token, container as Uint8Array));
      // The library holds no stale key: the zeroed buffer is now simply the zero key.
      expect((await decrypt(underZeros, container as Uint8Array)).payload).toEqual({ sub: 'zero' });
    }
  });

  it('the same for A256KW with options, and for a key set held as bytes', async () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const token = await encrypt(claims, a, { alg: 'A256KW' });
    const buffer = Buffer.from(a);
    expect((await decrypt(token, buffer, { algorithms: ['A256KW'] })).payload).toMatchObject(claims);
    buffer.set(b);
    await expectDecryptionFailure(decrypt(token, buffer, { algorithms: ['A256KW'] }));
    const set = (k: Uint8Array) =>
      JSON.stringify({ keys: [{ kty: 'oct', k: Buffer.from(k).toString('base64url'), alg: 'dir', use: 'enc' }] });
    const text = Buffer.from(set(a));
    const dirToken = await encrypt(claims, a);
    expect((await decrypt(dirToken, text)).payload).toMatchObject(claims);
    text.set(Buffer.from(set(b)));
    await expectDecryptionFailure(decrypt(dirToken, text));
  });

  it('a returned header changed by the caller does not change how the next token with that header is read', async () => {
    // decrypt() remembers parsed protected headers by their segment: the caller must get a copy.
    const key = randomBytes(32);
    const first = await decrypt(await encrypt(claims, key), key);
    Object.assign(first.header as Record<string, unknown>, { zip: 'DEF', enc: 'A128GCM', crit: ['x'], cty: 'JWT' });
    const second = await decrypt(await encrypt({ sub: 'bob' }, key), key);
    expect(second.header).toEqual({ alg: 'dir', enc: 'A256GCM', typ: 'JWT' });
    expect(second.payload).toMatchObject({ sub: 'bob' });
  });
});
