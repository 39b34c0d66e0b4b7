import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasSqliteHeader,
  isSqliteFile,
  locateFacts,
  withoutPassword,
} from '../src/facts-location.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-facts-location-'));
  writeFileSync(join(root, 'facts.json'), '{"format":"verbatim-dataset"}');
  // Named like neither: only the header says it is SQLite.
  writeFileSync(join(root, 'newsroom.facts'), 'SQLite format 3\u0000 and then pages');
  writeFileSync(join(root, 'short.facts'), 'SQLite');
  writeFileSync(join(root, 'misnamed.sqlite'), '{}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('locateFacts', () => {
  it('takes an http(s) URL as a GraphQL server', () => {
    expect(locateFacts('https://facts.example/graphql', root)).toEqual({
      source: 'graphql',
      url: 'https://facts.example/graphql',
    });
    expect(locateFacts('HTTP://localhost:4000/graphql', root).source).toBe('graphql');
  });

  it('takes a postgres:// or postgresql:// URL as a PostgreSQL database', () => {
    expect(locateFacts('postgres://desk@db.example/verbatim', root)).toEqual({
      source: 'postgres',
      url: 'postgres://desk@db.example/verbatim',
    });
    expect(locateFacts('PostgreSQL://db.example/verbatim', root).source).toBe('postgres');
  });

  it('resolves a relative path against the config file’s folder', () => {
    expect(locateFacts('facts.json', root)).toEqual({
      source: 'dataset',
      datasetPath: join(root, 'facts.json'),
    });
    expect(locateFacts('../elsewhere/facts.json', join(root, 'desk'))).toEqual({
      source: 'dataset',
      datasetPath: join(root, 'elsewhere/facts.json'),
    });
  });

  it('keeps an absolute path as it is', () => {
    const path = join(root, 'facts.json');
    expect(locateFacts(path, '/somewhere/else')).toEqual({ source: 'dataset', datasetPath: path });
  });

  it('says SQLite for a SQLite header or a SQLite extension, even before the file exists', () => {
    expect(locateFacts('newsroom.facts', root)).toEqual({
      source: 'sqlite',
      databasePath: join(root, 'newsroom.facts'),
    });
    expect(locateFacts('not-yet.sqlite', root)).toEqual({
      source: 'sqlite',
      databasePath: join(root, 'not-yet.sqlite'),
    });
  });
});

describe('isSqliteFile', () => {
  it('knows the extensions, case-insensitively', () => {
    for (const name of ['a.sqlite', 'a.sqlite3', 'a.db', 'A.SQLITE'])
      expect(isSqliteFile(join(root, name))).toBe(true);
  });

  it('reads the 16-byte header, and is false for short, other or missing files', () => {
    expect(isSqliteFile(join(root, 'newsroom.facts'))).toBe(true);
    expect(isSqliteFile(join(root, 'short.facts'))).toBe(false);
    expect(isSqliteFile(join(root, 'facts.json'))).toBe(false);
    expect(isSqliteFile(join(root, 'missing.facts'))).toBe(false);
    expect(isSqliteFile(root)).toBe(false);
  });

  it('tells a file named like SQLite from one that is SQLite', () => {
    expect(isSqliteFile(join(root, 'misnamed.sqlite'))).toBe(true);
    expect(hasSqliteHeader(join(root, 'misnamed.sqlite'))).toBe(false);
    expect(hasSqliteHeader(join(root, 'newsroom.facts'))).toBe(true);
  });
});

describe('withoutPassword', () => {
  it('hides a password and keeps everything else', () => {
    expect(withoutPassword('postgres://desk:s3cret@db.example:5432/verbatim?sslmode=require')).toBe(
      'postgres://desk:***@db.example:5432/verbatim?sslmode=require',
    );
    expect(withoutPassword('postgres://desk@db.example/verbatim')).toBe(
      'postgres://desk@db.example/verbatim',
    );
  });
});
