import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  effectiveSeverities,
  findConfigFile,
  readProjectConfig,
  resolveFactsConfig,
} from '../src/config.ts';
import { parseSettings } from '../src/settings.ts';
import { FIXTURE_DATASET } from './server-process.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-config-'));
  mkdirSync(join(root, 'drafts/2026'), { recursive: true });
  copyFileSync(FIXTURE_DATASET, join(root, 'facts.json'));
  writeFileSync(join(root, 'verbatim.sqlite'), 'SQLite format 3\u0000 and then pages');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const settings = (raw: unknown = {}) => parseSettings(raw).settings;

describe('.verbatim.yml, read as the CLI reads it', () => {
  it('is found by walking up from the workspace folder', () => {
    writeFileSync(join(root, '.verbatim.yml'), 'facts: facts.json\n');
    expect(findConfigFile(join(root, 'drafts/2026'))).toBe(join(root, '.verbatim.yml'));
  });

  it('names a dataset, a SQLite file (by its header) or a GraphQL URL, relative to itself', () => {
    writeFileSync(join(root, '.verbatim.yml'), 'facts: facts.json\n');
    expect(readProjectConfig(join(root, '.verbatim.yml')).facts).toEqual({
      source: 'dataset',
      datasetPath: join(root, 'facts.json'),
    });
    writeFileSync(join(root, '.verbatim.yml'), 'facts: verbatim.sqlite\n');
    expect(readProjectConfig(join(root, '.verbatim.yml')).facts).toEqual({
      source: 'sqlite',
      databasePath: join(root, 'verbatim.sqlite'),
    });
    writeFileSync(join(root, '.verbatim.yml'), 'facts: https://facts.example/graphql\n');
    expect(readProjectConfig(join(root, '.verbatim.yml')).facts).toEqual({
      source: 'graphql',
      url: 'https://facts.example/graphql',
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
