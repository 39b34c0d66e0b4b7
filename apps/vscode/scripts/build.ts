// Bundles the extension and the language server into dist/, so the .vsix needs nothing at run
// time: no node_modules, no download. See docs/decisions/060-extension-bundles-the-server.md.
import { build, type Plugin } from 'esbuild';

/** The bundled server has no better-sqlite3: swap the SQLite source for one that explains. */
const withoutSqlite: Plugin = {
  name: 'without-sqlite',
  setup(builder) {
    builder.onResolve({ filter: /\/sqlite-facts\.ts$/ }, () => ({
      path: new URL(
        '../../../packages/language-server/src/facts/sqlite-unavailable.ts',
        import.meta.url,
      ).pathname,
    }));
  },
};

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // CommonJS has no import.meta; give modules that read import.meta.url the file's URL.
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': 'importMetaUrl' },
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
    plugins: [withoutSqlite],
  }),
]);
console.log('built dist/extension.cjs and dist/server.cjs');
