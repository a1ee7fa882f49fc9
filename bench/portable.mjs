// The WebCrypto benchmark (webcrypto.mjs) as a script, for Node, Deno and Bun: one JSON line per
// measurement on stdout. After `npm run build`: node|deno run|bun bench/portable.mjs [--only jwe|jws]
// (bench/run.mjs runs it so, with Deno and Bun from test/runtimes/node_modules/.bin).
import { measureWebCrypto } from './webcrypto.mjs';

const runtime =
  typeof Deno !== 'undefined' ? `Deno ${Deno.version.deno}` : typeof Bun !== 'undefined' ? `Bun ${Bun.version}` : `Node ${process.version}`;
const args = typeof Deno !== 'undefined' ? Deno.args : process.argv.slice(2);
const only = args[0] === '--only' ? args[1] : undefined;
await measureWebCrypto(runtime, (line) => console.log(line), { only });
