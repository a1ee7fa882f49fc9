/**
 * Builds the CLI as it ships (one ESM file in dist/, package.json beside dist/) into a scratch
 * folder, and runs it as a child process, the way `npx webjwt` does.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Cli {
  /** The scratch folder, also the working directory of every run. */
  readonly dir: string;
  run(args: readonly string[], options?: { stdin?: string; env?: Record<string, string> }): Promise<Run>;
  remove(): void;
}

export async function buildCli(): Promise<Cli> {
  const dir = mkdtempSync(join(tmpdir(), 'webjwt-cli-'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  const bin = join(dir, 'dist', 'webjwt.mjs');
  await build({ entryPoints: [join(root, 'src/cli.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bin, logLevel: 'silent' });
  return {
    dir,
    run: (args, options = {}) =>
      new Promise((resolve, reject) => {
        // A bare environment: nothing from the test runner's leaks into what the CLI sees.
        const env = { PATH: process.env.PATH ?? '', ...options.env };
        const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env, stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => {
          resolve({ code, stdout, stderr });
        });
        // Always closed, so a command that reads stdin can never hang the test.
        child.stdin.end(options.stdin ?? '');
      }),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
