import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveSeverities, readProjectConfig, resolveFactsConfig } from '../src/config.ts';
import { parseSettings } from '../src/settings.ts';
import { FIXTURE_DATASET } from './server-process.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-config-'));
  copyFileSync(FIXTURE_DATASET, join(root, 'facts.json'));
  writeFileSync(join(root, 'verbatim.sqlite'), 'SQLite format 3\u0000 and then pages');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const settings = (raw: unknown = {}) => parseSettings(raw).settings;

describe('.verbatim.yml, read as the CLI reads it', () => {
  // Finding the file and telling SQLite from a dataset are @verbatim/project-config's, tested
  // there; here, that the editor's view of the file keeps what the CLI would use.
  it('locates facts relative to the file and keeps the dollar currency', () => {
    writeFileSync(join(root, '.verbatim.yml'), 'facts: verbatim.sqlite\ndollarCurrency: CAD\n');
    expect(readProjectConfig(join(root, '.verbatim.yml'))).toEqual({
      path: join(root, '.verbatim.yml'),
      facts: { source: 'sqlite', databasePath: join(root, 'verbatim.sqlite') },
      rules: {},
      dollarCurrency: 'CAD',
    });
    writeFileSync(join(root, '.verbatim.yml'), 'facts: facts.json\n');
    expect(readProjectConfig(join(root, '.verbatim.yml')).facts).toEqual({
      source: 'dataset',
      datasetPath: join(root, 'facts.json'),
    });
  });

  it('gives rule severities, which editor settings override rule by rule', () => {
    writeFileSync(
      join(root, '.verbatim.yml'),
      'rules:\n  quote/unverified: error\n  figure/mismatch: off\n',
    );
    const project = readProjectConfig(join(root, '.verbatim.yml'));
    expect(
      effectiveSeverities(settings({ severities: { 'quote/unverified': 'info' } }), project),
    ).toEqual({ 'quote/unverified': 'info', 'figure/mismatch': 'off' });
  });

  it('rejects an unknown rule with the checker’s message, naming the file', () => {
    writeFileSync(join(root, '.verbatim.yml'), 'rules:\n  quote/typo: error\n');
    expect(() => readProjectConfig(join(root, '.verbatim.yml'))).toThrow(
      /\.verbatim\.yml: rules\.quote\/typo: unknown rule/,
    );
  });
});

describe('choosing the facts source', () => {
  const project = {
    path: null,
    facts: { source: 'dataset' as const, datasetPath: '/newsroom/facts.json' },
    rules: {},
  };

  it('"auto" follows .verbatim.yml, else the default SQLite database', () => {
    expect(resolveFactsConfig(settings(), project, '/ws')).toEqual(project.facts);
    expect(resolveFactsConfig(settings(), { path: null, facts: null, rules: {} }, '/ws')).toEqual({
      source: 'sqlite',
      databasePath: null,
    });
  });

  it('an explicit setting wins, relative to the workspace folder', () => {
    expect(
      resolveFactsConfig(
        settings({ facts: { source: 'dataset', datasetPath: 'other.json' } }),
        project,
        '/ws',
      ),
    ).toEqual({ source: 'dataset', datasetPath: '/ws/other.json' });
    expect(() =>
      resolveFactsConfig(settings({ facts: { source: 'graphql' } }), project, '/ws'),
    ).toThrow(/needs a URL/);
  });
});
