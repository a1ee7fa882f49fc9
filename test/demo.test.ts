/**
 * `npm run demo`, run for real without a build: examples/demo.mjs bundled with esbuild, its imports
 * of 'webjwt', 'webjwt/http' and 'webjwt/session' pointed at src/, and run by Node as a child
 * process in a bare environment. It waits out a 2-second access token, so each run takes ~3 s.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

/** The package's entry points, as the package's self-reference resolves them after `npm run build`. */
const SOURCES: Record<string, string> = { webjwt: 'src/index.ts', 'webjwt/http': 'src/http.ts', 'webjwt/session': 'src/session.ts' };

/** Bundles the demo into the scratch folder; `replace` swaps an entry point for another file. */
async function bundleDemo(name: string, replace: Record<string, string> = {}): Promise<string> {
  const sources = { ...SOURCES, ...replace };
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [join(root, 'examples/demo.mjs')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
    // Only the --browser mode loads it, to bundle the page (test/demo-browser.test.ts runs that mode).
    external: ['esbuild'],
    plugins: [
      {
        name: 'webjwt-from-source',
        setup(b) {
          b.onResolve({ filter: /^webjwt(\/[a-z]+)?$/ }, ({ path }) => {
            const source = sources[path];
            return source === undefined ? undefined : { path: join(root, source) };
          });
        },
      },
    ],
  });
  return outfile;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a bundle with only PATH in its environment: the demo needs no setup. */
async function runNode(file: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], {
      env: { PATH: process.env.PATH ?? '' },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: unknown; stdout: string; stderr: string };
    return { code: typeof code === 'number' ? code : -1, stdout, stderr };
  }
}

/** Each step's heading, and the statuses of the answers printed under it, in order. */
const STEPS: readonly (readonly [string, readonly number[]])[] = [
  ['alice logs in with a wrong password: refused', [400]],
  ['alice logs in: an access token and a refresh token', [200]],
  ['alice reads her profile with the access token: 200', [200]],
  ['alice tries the admin route: 403 insufficient_scope, she lacks the admin role', [403]],
  ['admin logs in and opens the admin route: 200', [200, 200]],
  ["alice's access token expires (it lives 3 s): 401 expired", [401]],
  ['alice refreshes: a new pair, the old refresh token spent (rotation)', [200]],
  ['the new access token works, in the same session', [200]],
  ['the old refresh token is used again: reuse detected, the session revoked', [400]],
  ['so the newest refresh token of that session is refused too', [400]],
  ['alice logs in again: a new session', [200]],
  ['alice logs out: 204', [204]],
  ['after logout, her refresh token is refused', [400]],
  ['and so is her access token, before it expires: the routes check revocations', [401]],
];

/** The output cut at each numbered heading: the text before the first, then one section per step. */
function sections(stdout: string): { headings: string[]; bodies: string[] } {
  const parts = stdout.split(/^\d+\. (.*)$/m);
  const headings: string[] = [];
  const bodies: string[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    headings.push(parts[i]!);
    bodies.push(parts[i + 1]!);
  }
  return { headings, bodies };
}

const statuses = (text: string): number[] => [...text.matchAll(/^ {3}← (\d{3})/gm)].map((m) => Number(m[1]));

/** Three base64url segments from `eyJ` on: a whole JWT. */
const WHOLE_TOKEN = /eyJ[\w-]*\.[\w-]+\.[\w-]+/;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'webjwt-demo-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('walks the whole login flow, prints every step and exits 0', async () => {
    const run = await runNode(await bundleDemo('demo'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const { headings, bodies } = sections(run.stdout);
    expect(headings).toEqual(STEPS.map(([heading]) => heading));
    expect(bodies.map(statuses)).toEqual(STEPS.map(([, answers]) => answers));
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`demo complete: ${STEPS.length} steps`);

    // What each refusal says, and that the server saw the reuse.
    expect(bodies[3]).toContain('WWW-Authenticate: Bearer error="insufficient_scope"');
    expect(bodies[5]).toContain('{"error":"invalid_token","error_description":"The access token expired"}');
    expect(bodies[8]).toContain('server: ERR_JWT_REVOKED: this refresh token was already used');
    for (const index of [8, 9, 12]) expect(bodies[index]).toContain('"error":"invalid_grant"');

    // Tokens are printed shortened, never whole.
    expect(run.stdout).toMatch(/"access_token":"eyJ[\w-]{5}…[\w-]{6}"/);
    expect(run.stdout).not.toMatch(WHOLE_TOKEN);
  });

  it('fails with exit code 1 when a step does not go as shown', async () => {
    const run = await runNode(await bundleDemo('lenient', { 'webjwt/http': 'test/demo/lenient-http.ts' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('AssertionError');
    const { headings, bodies } = sections(run.stdout);
    // It stops at the admin route, which the broken guard answers with 200 instead of 403.
    expect(headings).toEqual(STEPS.slice(0, 4).map(([heading]) => heading));
    expect(statuses(bodies[3]!)).toEqual([200]);
    expect(run.stdout).not.toContain('demo complete');
  });
});
