/** C33 — empty or falsy keys (resolver fallbacks). Safe: refused loudly, never "no verification". */
import { describe, expect, it } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { expectCode } from '../support.js';
import { forge } from './fixtures.js';

const token = forge({ alg: 'HS256' }, { sub: 'admin' }, { alg: 'HS256', key: '' });

describe('C33 empty keys', () => {
  it.each([
    ['empty string', ''],
    ['empty bytes', new Uint8Array(0)],
    ['empty JWK k', { kty: 'oct', k: '' }],
  ])('%s is ERR_KEY, with and without allowWeakKeys', async (_name, key) => {
    await expectCode(verify(token, key), 'ERR_KEY');
    await expectCode(verify(token, key, { allowWeakKeys: true }), 'ERR_KEY');
    await expectCode(
      verify(token, () => key),
      'ERR_KEY',
    );
    await expectCode(sign({}, key, { allowWeakKeys: true }), 'ERR_KEY');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['false', false],
    ['0', 0],
  ])('%s as the key is a TypeError', async (_name, key) => {
    await expect(verify(token, key as never)).rejects.toBeInstanceOf(TypeError);
    await expect(sign({}, key as never)).rejects.toBeInstanceOf(TypeError);
    await expect(verify(token, () => key as never)).rejects.toBeInstanceOf(TypeError);
  });
});
