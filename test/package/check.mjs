// Checks the built package as a user gets it: `npm pack`, install the tarball into a scratch project,
// check what the tarball holds, lint it with publint and @arethetypeswrong/cli, typecheck an ESM and a CJS consumer under
// node16, nodenext and bundler resolution, and run both.
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { installPacked, root, run } from './packed.mjs';

/** The only files the tarball may hold, besides dist/**. */
const TOP_LEVEL_FILES = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];

const { scratch, tarball, dispose } = installPacked('webjwt-package-');
try {
  // npm adds README, LICENSE and package.json whatever `files` says; CHANGELOG.md must be listed there.
  const entries = run('tar', ['-tzf', tarball])
    .trim()
    .split('\n')
    .map((entry) => entry.replace(/^package\//, ''));
  const unexpected = entries.filter((entry) => !entry.startsWith('dist/') && !TOP_LEVEL_FILES.includes(entry));
  const missing = [...TOP_LEVEL_FILES, 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'].filter(
    (file) => !entries.includes(file),
  );
  if (unexpected.length > 0 || missing.length > 0) {
    throw new Error(
      `the tarball must hold dist/**, ${TOP_LEVEL_FILES.join(', ')} and nothing else; unexpected: [${unexpected.join(', ')}], missing: [${missing.join(', ')}]`,
    );
  }
  console.log(`tarball ok: ${entries.length} files (${entries.filter((entry) => entry.startsWith('dist/')).length} in dist/)`);

  const { messages, pkg } = await publint({ pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer }, level: 'suggestion' });
  for (const message of messages) console.log(`publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
  const blocking = messages.filter((message) => message.type !== 'suggestion');
  if (blocking.length > 0) throw new Error(`publint: ${blocking.length} errors or warnings`);
  console.log(`publint ok: no errors or warnings (${messages.length} suggestions)`);

  // @arethetypeswrong/cli: every entry point resolves, under node10, node16 (from CJS and from ESM)
  // and bundler resolution, to declarations of the right module kind. It exits 1 on any problem.
  process.stdout.write(run(join(root, 'node_modules', '.bin', 'attw'), [tarball, '--format', 'table-flipped', '--no-color'], scratch));
  console.log('attw ok: no problems');

  // The subpaths' declarations take the core's types from 'webjwt', as their code takes the core:
  // copies would give an application a second set of the same types.
  for (const file of ['http.d.ts', 'http.d.cts', 'session.d.ts', 'session.d.cts']) {
    const text = readFileSync(join(scratch, 'node_modules', 'webjwt', 'dist', file), 'utf8');
    if (!text.includes("from 'webjwt'") || /declare class (JwtKey|JwtError)\b|interface (VerifyOptions|JwtPayload)\b/.test(text)) {
      throw new Error(`dist/${file} must import the core's types from 'webjwt', not declare copies of them`);
    }
  }
  console.log('declarations ok: webjwt/http and webjwt/session import the core types from webjwt');

  symlinkSync(join(root, 'node_modules', '@types'), join(scratch, 'node_modules', '@types'));
  cpSync(join(root, 'test', 'package', 'consumer.mts'), join(scratch, 'consumer.mts'));
  cpSync(join(root, 'test', 'package', 'consumer.cts'), join(scratch, 'consumer.cts'));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [module, resolution] of [
    ['node16', 'node16'],
    ['nodenext', 'nodenext'],
    ['esnext', 'bundler'],
  ]) {
    run(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--exactOptionalPropertyTypes',
        '--target',
        'es2022',
        '--module',
        module,
        '--moduleResolution',
        resolution,
        '--types',
        'node',
        'consumer.mts',
        ...(resolution === 'bundler' ? [] : ['consumer.cts']),
      ],
      scratch,
    );
    console.log(`types ok: ${module}/${resolution}`);
  }
  run(process.execPath, [tsc, '--target', 'es2022', '--module', 'nodenext', '--types', 'node', 'consumer.mts', 'consumer.cts'], scratch);
  process.stdout.write(run(process.execPath, ['consumer.mjs'], scratch));
  process.stdout.write(run(process.execPath, ['consumer.cjs'], scratch));
  // The bin, through the link npm made, as `npx webjwt` runs it.
  const version = run(join(scratch, 'node_modules', '.bin', 'webjwt'), ['--version'], scratch).trim();
  if (version !== JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version)
    throw new Error(`webjwt --version printed ${version}`);
  console.log(`bin ok: webjwt ${version}`);
} finally {
  dispose();
}
