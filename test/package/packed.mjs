// The package as a user gets it: `npm pack` (what `npm publish` would upload, from the current dist/),
// then the tarball installed into a scratch project. Shared by check.mjs, size.mjs and
// test/runtimes/run.mjs, so all of them test the same thing. Run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs a command to completion and returns its stdout; its stderr goes to ours. */
export function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
}

/**
 * Packs the repository into a new scratch directory and installs the tarball there (offline: webjwt
 * has no dependencies). `dispose()` removes the directory.
 */
export function installPacked(prefix) {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  const dispose = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const tarball = join(scratch, run('npm', ['pack', '--silent', '--pack-destination', scratch], root).trim().split('\n').at(-1));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline', tarball], scratch);
    return { scratch, tarball, packageDir: join(scratch, 'node_modules', 'webjwt'), dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
