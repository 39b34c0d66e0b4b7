// Bundles the extension and the language server into dist/, so the .vsix needs nothing at run
// time: no node_modules, no download. See docs/decisions/060-extension-bundles-the-server.md.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
} as const;

await Promise.all([
  build({
    ...common,
    entryPoints: [new URL('../src/extension.ts', import.meta.url).pathname],
    outfile: new URL('../dist/extension.cjs', import.meta.url).pathname,
    external: ['vscode'],
  }),
  build({
    ...common,
    entryPoints: [
      new URL('../../../packages/language-server/src/main.ts', import.meta.url).pathname,
    ],
    outfile: new URL('../dist/server.cjs', import.meta.url).pathname,
    // Native or server-only: reached only when the "sqlite" source is chosen, which the bundled
    // server reports as unsupported (use verbatim.server.command to run `verbatim lsp`).
    external: ['better-sqlite3', 'pg', 'pg-native'],
  }),
]);
console.log('built dist/extension.cjs and dist/server.cjs');
