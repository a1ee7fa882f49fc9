/**
 * Every ```ts block of README.md, run and type-checked. Run: as a module, with `from 'webjwt'`
 * pointing at src/index.ts and `from 'webjwt/<name>'` at src/<name>.ts; a block passes when it runs to
 * the end, each one asserting what it shows. Type-checked: as written, with the project's strict
 * compiler options (tsconfig.json) and 'webjwt' and 'webjwt/<name>' mapped to src/ by `paths`, as
 * a user's project would resolve the package; any error fails.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const dir = `${root}test/.readme/`;

/** Line numbers in README.md where each block's code starts, for the messages. */
const startLines = [...readme.matchAll(/^```ts\n/gm)].map((m) => readme.slice(0, m.index).split('\n').length + 1);

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
    writeFileSync(
      file,
      code.replace(/from 'webjwt(?:\/(\w+))?'/g, (_, sub: string | undefined) => `from '../../src/${sub ?? 'index'}.js'`),
    );
    await import(pathToFileURL(file).href);
  });

  it("every block type-checks as written, under the project's strict options", () => {
    const typed = `${dir}typed/`;
    mkdirSync(typed, { recursive: true });
    const files = blocks.map((code, i) => {
      const file = `${typed}block-${i + 1}.ts`;
      writeFileSync(file, code);
      return file;
    });
    const { config } = ts.readConfigFile(`${root}tsconfig.json`, (path) => ts.sys.readFile(path));
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const program = ts.createProgram(files, {
      ...options,
      noEmit: true,
      // Application code, not a library's declarations: isolatedDeclarations needs `declaration`.
      declaration: false,
      isolatedDeclarations: false,
      types: ['node'],
      rootDir: root,
      // Other packages' declarations are theirs to check; the README's code and src/ are checked in full.
      skipLibCheck: true,
      paths: { webjwt: [`${root}src/index.ts`], 'webjwt/*': [`${root}src/*.ts`] },
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file === undefined ? '' : d.file.fileName.replace(typed, '');
      const block = /block-(\d+)\.ts$/.exec(where);
      const line = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const at = block === null ? where : `README.md:${startLines[Number(block[1]) - 1]! + line} (block ${block[1]!})`;
      return `${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);
});
