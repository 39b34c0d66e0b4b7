// Writes contributes.configuration into package.json from the language server's settings schema,
// the one source of truth (test/settings.test.ts fails when they drift).
import { readFileSync, writeFileSync } from 'node:fs';
import { contributedConfiguration } from '@verbatim/language-server/settings';

const path = new URL('../package.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));
manifest.contributes.configuration = contributedConfiguration();
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`wrote ${Object.keys(manifest.contributes.configuration.properties).length} settings`);
