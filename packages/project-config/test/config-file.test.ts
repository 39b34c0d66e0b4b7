import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@verbatim/checker/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigFileCache, findConfigFile, readConfigFile } from '../src/config-file.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-project-config-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder tree under the temp root, so cases do not see each other's files. */
function tree(name: string, ...folders: string[]): string {
  const base = join(root, name);
  for (const folder of ['', ...folders]) mkdirSync(join(base, folder), { recursive: true });
  return base;
}

describe('findConfigFile', () => {
  it('walks up from a folder to the nearest .verbatim.yml', () => {
    const base = tree('walk', 'drafts/2026');
    writeFileSync(join(base, '.verbatim.yml'), 'facts: facts.json\n');
    expect(findConfigFile(join(base, 'drafts/2026'))).toBe(join(base, '.verbatim.yml'));
  });

  it('prefers the nearer file, and also finds .verbatim.yaml', () => {
    const base = tree('nearest', 'desk/drafts');
    writeFileSync(join(base, '.verbatim.yml'), '');
    writeFileSync(join(base, 'desk', '.verbatim.yaml'), '');
    expect(findConfigFile(join(base, 'desk/drafts'))).toBe(join(base, 'desk', '.verbatim.yaml'));
    expect(findConfigFile(base)).toBe(join(base, '.verbatim.yml'));
  });

  it('remembers every folder it passed in the caller’s cache, found or not', () => {
    const base = tree('cache', 'a/b');
    writeFileSync(join(base, '.verbatim.yml'), '');
    const cache: ConfigFileCache = new Map();
    expect(findConfigFile(join(base, 'a/b'), cache)).toBe(join(base, '.verbatim.yml'));
    expect(cache.get(join(base, 'a/b'))).toBe(join(base, '.verbatim.yml'));
    expect(cache.get(join(base, 'a'))).toBe(join(base, '.verbatim.yml'));
    // A file added later is not seen through the cache (one run sees one state of the tree)…
    writeFileSync(join(base, 'a', '.verbatim.yml'), '');
    expect(findConfigFile(join(base, 'a/b'), cache)).toBe(join(base, '.verbatim.yml'));
    // …while a call without a cache looks again.
    expect(findConfigFile(join(base, 'a/b'))).toBe(join(base, 'a', '.verbatim.yml'));
  });

  it('caches "none" for a tree without a config file', () => {
    // The temp folder's ancestors (/tmp, /) may hold a config on some machine; only what this
    // call finds is compared, against what the cache then says.
    const base = tree('none', 'x');
    const cache: ConfigFileCache = new Map();
    const found = findConfigFile(join(base, 'x'), cache);
    expect(found === null || !found.startsWith(base)).toBe(true);
    expect(cache.get(join(base, 'x'))).toBe(found);
    expect(cache.get(base)).toBe(found);
  });
});

describe('readConfigFile', () => {
  it('parses the YAML and validates it with the checker’s schema', () => {
    // The schema's own cases are the checker's tests; this is the file on the way to it.
    const path = join(tree('valid'), '.verbatim.yml');
    writeFileSync(
      path,
      'facts: facts.json\nrules:\n  figure/mismatch: "off"\ninclude: drafts/**/*.md\n',
    );
    expect(readConfigFile(path)).toEqual({
      facts: 'facts.json',
      rules: { 'figure/mismatch': 'off' },
      include: ['drafts/**/*.md'],
    });
  });

  it('reads an empty file as the defaults', () => {
    const path = join(tree('empty'), '.verbatim.yml');
    writeFileSync(path, '');
    expect(readConfigFile(path)).toEqual({});
  });

  it('names the file and the key for a schema error', () => {
    const path = join(tree('unknown-rule'), '.verbatim.yml');
    writeFileSync(path, 'rules:\n  quote/typo: error\n');
    expect(() => readConfigFile(path)).toThrow(ConfigError);
    expect(() => readConfigFile(path)).toThrow(
      `${path}: rules.quote/typo: unknown rule; the rules are quote/misquote`,
    );
  });

  it('names the file for invalid YAML, in one line', () => {
    const path = join(tree('bad-yaml'), '.verbatim.yml');
    writeFileSync(path, 'rules: [quote/unverified\nfacts: x\n');
    const error = catchError(() => readConfigFile(path));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message.startsWith(`${path}: not valid YAML (`)).toBe(true);
    expect(error.message.endsWith(')')).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('names the file when it cannot be read', () => {
    const base = tree('unreadable', '.verbatim.yml');
    // A folder where the file should be: readable by nobody as a file, whoever runs the tests.
    const path = join(base, '.verbatim.yml');
    const error = catchError(() => readConfigFile(path));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message.startsWith(`${path}: cannot be read (EISDIR`)).toBe(true);
    const missing = join(base, 'missing.yml');
    expect(() => readConfigFile(missing)).toThrow(`${missing}: cannot be read (ENOENT`);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}
