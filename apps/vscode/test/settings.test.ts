import { readFileSync } from 'node:fs';
import {
  contributedConfiguration,
  DEFAULT_SETTINGS,
  parseSettings,
} from '@verbatim/language-server/settings';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('settings have one source of truth', () => {
  it('package.json contributes exactly what the zod schema generates (run `pnpm generate:settings`)', () => {
    expect(manifest.contributes.configuration).toEqual(contributedConfiguration());
  });

  it('every setting has a default and a description', () => {
    for (const [key, property] of Object.entries(contributedConfiguration().properties)) {
      expect(property.default, key).toEqual(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS]);
      expect(property.markdownDescription, key).toBeTruthy();
    }
  });

  it('reads the nested section VS Code sends, and reports a bad value instead of failing', () => {
    const { settings, problems } = parseSettings({
      facts: { source: 'dataset', datasetPath: 'facts.json' },
      severities: { 'quote/unverified': 'off' },
      server: { url: 42 },
    });
    expect(settings['verbatim.facts.source']).toBe('dataset');
    expect(settings['verbatim.facts.datasetPath']).toBe('facts.json');
    expect(settings['verbatim.severities']).toEqual({ 'quote/unverified': 'off' });
    expect(settings['verbatim.server.url']).toBe('');
    expect(problems).toEqual([expect.stringContaining('verbatim.server.url')]);
  });
});

describe('the manifest', () => {
  it('activates narrowly and names the bundled entry point', () => {
    expect(manifest.main).toBe('./dist/extension.cjs');
    expect(manifest.activationEvents).toEqual([
      'onLanguage:markdown',
      'onLanguage:plaintext',
      'workspaceContains:**/.verbatim.yml',
    ]);
  });

  it('declares every command the extension registers', () => {
    const source = readFileSync(new URL('../src/extension.ts', import.meta.url), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    const declared = manifest.contributes.commands
      .map((c: { command: string }) => c.command)
      .sort();
    expect(declared).toEqual(registered);
  });
});
