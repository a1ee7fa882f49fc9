/**
 * Runs every ```ts block of README.md as a module, with `from 'webjwt'` pointing at src/index.ts and
 * `from 'webjwt/<name>'` at src/<name>.ts. A block passes when it runs to the end: each one asserts
 * what it shows.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const dir = `${root}test/.readme/`;

describe('README examples', () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it.each(blocks.map((code, i) => [i + 1, code] as const))('block %i runs', async (index, code) => {
    expect(code).toMatch(/from 'webjwt(\/\w+)?'/);
    const file = `${dir}block-${index}.ts`;
    writeFileSync(file, code.replace(/from 'webjwt(?:\/(\w+))?'/g, (_, sub: string | undefined) => `from '../../src/${sub ?? 'index'}.js'`));
    await import(pathToFileURL(file).href);
  });
});
