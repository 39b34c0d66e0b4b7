// Builds the bundles and packages them with `vsce package --no-dependencies`. vsce reads the
// manifest's devDependencies and cannot parse pnpm's "catalog:" versions, so it runs on a staged
// copy: the manifest without devDependencies and scripts, the bundles, the README.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const app = new URL('..', import.meta.url).pathname;
const stage = join(app, 'dist/stage');
const out = join(app, 'dist/verbatim.vsix');

execFileSync(process.execPath, ['--import', 'tsx', join(app, 'scripts/build.ts'), '--production'], {
  stdio: 'inherit',
  cwd: app,
});
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
const {
  devDependencies: _dev,
  scripts: _scripts,
  ...manifest
} = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
for (const file of ['README.md', '.vscodeignore', 'dist/extension.cjs', 'dist/server.cjs']) {
  copyFileSync(join(app, file), join(stage, file));
}
execFileSync(
  join(app, 'node_modules/.bin/vsce'),
  ['package', '--no-dependencies', '--skip-license', '--out', out],
  { cwd: stage, stdio: 'inherit' },
);
rmSync(stage, { recursive: true, force: true });
console.log(`packaged ${out}`);
