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
import { expect } from 'vitest';

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

/** Asserts a refusal: exit 1, nothing on stdout, and exactly one line `CODE: message` on stderr. */
export function expectRefused(result: Run, code: string): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp(`^${code}: [^\\n]+\\n$`));
  expect(result.code).toBe(1);
}

/** Asserts a usage error: exit 2, nothing on stdout, the message on the first line and `helpCommand`'s hint on the second. */
export function expectUsage(result: Run, message: string, helpCommand: string): void {
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(3); // the error, the hint, and the final newline
  expect(lines[0]).toContain(message);
  expect(lines[1]).toBe(`Run '${helpCommand} --help' for usage.`);
  expect(result.code).toBe(2);
}
