// The CommonJS side of the package, compiled and run by test/package/check.mjs.
import { decode, sign } from 'webjwt';

void sign({ sub: 'x' }, 'a-string-secret-at-least-256-bits-long').then((token) => {
  if (decode(token).payload.sub !== 'x') throw new Error('unexpected result');
  console.log('cjs ok');
});
