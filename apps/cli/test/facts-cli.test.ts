import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialiseDataset } from '@verbatim/store/dataset-file';
import { openStore } from '@verbatim/store/open-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const home = mkdtempSync(join(tmpdir(), 'verbatim-cli-'));
const db = join(home, 'facts.sqlite');
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** What the database holds, read in-process (the CLI's own export is tested separately). */
async function snapshot(path: string): Promise<string> {
  const store = await openStore({ sqlitePath: path, seedNewDatabase: false });
  try {
    return serialiseDataset(await store.exportDataset());
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  // The first use of a database file creates it with the sample facts.
  const migrate = await runCli(['db', 'migrate', '--db', db], { home });
  expect(migrate.stderr).toBe('');
  expect(migrate.stdout).toMatch(/^Applied migrations 1(, \d+)*; the database holds 30 quotes/);
}, 120_000);

// Each run starts a Node process (about a second on a busy machine), hence the generous limits.
const slow = { timeout: 120_000 };

describe('verbatim facts', slow, () => {
  it('lists quotes with speaker and status, and figures', async () => {
    const { code, stdout } = await runCli(['facts', 'list', '--db', db], { home });
    expect(code).toBe(0);
    expect(stdout).toContain('“preliminary but landmark”\n    — Mark Carney · verified');
    expect(stdout).toContain('— Wang Wen and Jin Zhen');
    expect(stdout).toContain(
      'about 70%\n    — share of Canada’s exports that go to the US · verified',
    );
  });

  it('lists as JSON, filtered by speaker alias', async () => {
    const all = await runCli(['facts', 'list', '--json', '--db', db], { home });
    const parsed = JSON.parse(all.stdout);
    expect(parsed.quotes).toHaveLength(30);
    expect(parsed.figures).toHaveLength(5);
    const carney = await runCli(
      ['facts', 'list', '--kind', 'quote', '--speaker', 'mr carney', '--json', '--db', db],
      { home },
    );
    const quotes = JSON.parse(carney.stdout).quotes as { speakers: { id: string }[] }[];
    expect(quotes.length).toBeGreaterThanOrEqual(5);
    expect(quotes.every((quote) => quote.speakers[0]?.id === 'per_mark_carney')).toBe(true);
  });

  it('searches, and shows one fact with its history', async () => {
    const search = await runCli(['facts', 'search', 'Nadjibulla bold move', '--db', db], { home });
    expect(search.code).toBe(0);
    expect(search.stdout).toMatch(/^quote +“And it’s a bold move/m);
    const hostile = await runCli(
      ['facts', 'search', '"NEAR( AND \'; DROP TABLE quotes; --', '--db', db],
      { home },
    );
    expect(hostile.code).toBe(0);
    const show = await runCli(['facts', 'show', 'quo_carney_beijing_17', '--db', db], { home });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('— Doug Ford · verified');
    expect(show.stdout).toContain(
      'attribution: The Ontario premier, Doug Ford, criticised the move',
    );
    expect(show.stdout).toMatch(/history:\n {2}\S+ +verified +Verbatim seed — published article/);
    const json = JSON.parse(
      (await runCli(['facts', 'show', 'fig_carney_beijing_03', '--json', '--db', db], { home }))
        .stdout,
    );
    expect(json.figure).toMatchObject({ value: 49000, qualifier: 'up-to' });
    expect(json.history).toHaveLength(1);
  });

  it('rejects an unknown id, an unknown flag and a bad value with exit 2 and one line', async () => {
    const fresh = join(home, 'never-created.sqlite');
    const [unknownId, unknownFlag, badLimit, badStatus] = await Promise.all([
      runCli(['facts', 'show', 'quo_nope', '--db', db], { home }),
      runCli(['facts', 'list', '--bogus', '--db', fresh], { home }),
      runCli(['facts', 'list', '--limit', 'many', '--db', fresh], { home }),
      runCli(['facts', 'list', '--status', 'true', '--db', fresh], { home }),
    ]);
    expect(unknownId).toMatchObject({ code: 2, stdout: '' });
    expect(unknownId.stderr).toBe(
      'verbatim: no quote, figure, person, organisation or source has the id "quo_nope"\n',
    );
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknownFlag.stderr).toContain("unknown option '--bogus'");
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toContain('--limit');
    expect(badStatus.code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('verbatim export and import', slow, () => {
  it('round-trips byte for byte through a new database', async () => {
    const out = join(home, 'export.json');
    const exported = await runCli(['export', '--out', out, '--db', db], { home });
    expect(exported.code).toBe(0);
    const stdout = await runCli(['export', '--db', db], { home });
    expect(stdout.stdout).toBe(readFileSync(out, 'utf8'));

    const other = join(home, 'other.sqlite');
    const imported = await runCli(['import', out, '--replace', '--db', other], { home });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('30 quotes, 5 figures');
    expect(await snapshot(other)).toBe(readFileSync(out, 'utf8'));
  });

  it('rejects an invalid dataset with one line naming the problem, and writes nothing', async () => {
    const before = await snapshot(db);
    const dataset = JSON.parse(before);
    dataset.quotes[3].span = { start: 9, end: 3 };
    const invalid = join(home, 'invalid.json');
    writeFileSync(invalid, JSON.stringify(dataset));

    const result = await runCli(['import', invalid, '--replace', '--db', db], { home });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(
      `verbatim: ${invalid}: quotes[3].span: span end must not precede its start\n`,
    );
    expect(await snapshot(db)).toBe(before);

    const fresh = join(home, 'untouched.sqlite');
    const intoNew = await runCli(['import', invalid, '--db', fresh], { home });
    expect(intoNew.code).toBe(2);
    expect(existsSync(fresh)).toBe(false);
  });

  it('rejects a dataset whose references dangle, leaving the database as it was', async () => {
    const before = await snapshot(db);
    const dataset = JSON.parse(before);
    dataset.quotes[0].speakers = [{ kind: 'person', id: 'per_nobody' }];
    const dangling = join(home, 'dangling.json');
    writeFileSync(dangling, JSON.stringify(dataset));
    const result = await runCli(['import', dangling, '--replace', '--db', db], { home });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `verbatim: ${dangling}: quotes[0].speakers[0].id: person per_nobody does not exist\n`,
    );
    expect(await snapshot(db)).toBe(before);
  });

  it('names a missing file and a file that is not JSON', async () => {
    const missing = await runCli(['import', join(home, 'missing.json'), '--db', db], { home });
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`verbatim: ${join(home, 'missing.json')}: no such file\n`);
    const notJson = join(home, 'not.json');
    writeFileSync(notJson, '{ "format": ');
    const broken = await runCli(['import', notJson, '--db', db], { home });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^verbatim: .*not\.json: not valid JSON/);
    const noFolder = await runCli(
      ['export', '--out', join(home, 'no', 'such', 'x.json'), '--db', db],
      {
        home,
      },
    );
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('no such folder');
  });
});

describe('verbatim db migrate', slow, () => {
  it('says the schema is up to date the second time', async () => {
    const { code, stdout } = await runCli(['db', 'migrate', '--db', db], { home });
    expect(code).toBe(0);
    expect(stdout).toBe('The schema is up to date; the database holds 30 quotes and 5 figures.\n');
  });

  it('uses the per-user default database when --db is absent', async () => {
    const { code } = await runCli(['db', 'migrate'], { home });
    expect(code).toBe(0);
    expect(existsSync(join(home, '.local', 'share', 'verbatim', 'verbatim.sqlite'))).toBe(true);
  });
});
