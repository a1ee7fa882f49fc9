// Checks the built package as a user gets it: `npm pack`, install the tarball into a scratch project,
// typecheck an ESM and a CJS consumer under node16, nodenext and bundler resolution, and run both.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'webjwt-package-'));
const run = (command, args, cwd = scratch) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', scratch], root).trim().split('\n').at(-1);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline', join(scratch, tarball)]);
  symlinkSync(join(root, 'node_modules', '@types'), join(scratch, 'node_modules', '@types'));
  cpSync(join(root, 'test', 'package', 'consumer.mts'), join(scratch, 'consumer.mts'));
  cpSync(join(root, 'test', 'package', 'consumer.cts'), join(scratch, 'consumer.cts'));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [module, resolution] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
    run(process.execPath, [tsc, '--noEmit', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--module', module,
      '--moduleResolution', resolution, '--types', 'node', 'consumer.mts', ...(resolution === 'bundler' ? [] : ['consumer.cts'])]);
    console.log(`types ok: ${module}/${resolution}`);
  }
  run(process.execPath, [tsc, '--target', 'es2022', '--module', 'nodenext', '--types', 'node', 'consumer.mts', 'consumer.cts']);
  process.stdout.write(run(process.execPath, ['consumer.mjs']));
  process.stdout.write(run(process.execPath, ['consumer.cjs']));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
