import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SHINGLE_POSTINGS } from '@verbatim/domain/fact-lookup';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations.ts';
import { defaultDatabasePath, openStore } from '../src/open-store.ts';
import { SqliteFactStore } from '../src/sqlite/sqlite-store.ts';
import { contractFixture, describeFactStoreContract } from '../src/testing/fact-store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'verbatim-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileNumber = 0;
const newFile = () => join(directory, `store-${++fileNumber}.sqlite`);

describeFactStoreContract('SQLite', () => SqliteFactStore.open(newFile()));

describe('SQLite specifics', () => {
  it('migrates an empty file once; running again is a no-op', async () => {
    const path = newFile();
    const store = new SqliteFactStore(path);
    expect(store.appliedMigrations()).toEqual([]);
    const versions = migrations.map((migration) => migration.version);
    expect(await store.migrate()).toEqual(versions);
    expect(await store.migrate()).toEqual([]);
    expect(store.appliedMigrations()).toEqual(versions);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['quotes', 'quote_shingles', 'search_fts', 'schema_migrations']),
    );
    await store.close();
    const reopened = await SqliteFactStore.open(path);
    expect(await reopened.migrate()).toEqual([]);
    await reopened.close();
  });

  it('runs in WAL mode with foreign keys on and passes integrity_check after use', async () => {
    const store = await SqliteFactStore.open(newFile());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.importDataset(contractFixture(), { mode: 'replace' });
    await store.mergePeople('per_carney', 'per_saint_jacques');
    await store.updateQuote('quo_1', { text: 'We take the world as it is.' });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      store.db.prepare("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')").run()
        .changes,
    ).toBeGreaterThanOrEqual(0);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    await store.close();
  });

  it('lets a reader see the last committed data while another connection writes', async () => {
    const path = newFile();
    const writer = await SqliteFactStore.open(path);
    await writer.importDataset(contractFixture(), { mode: 'replace' });
    const reader = await SqliteFactStore.open(path);
    const before = await reader.exportDataset();

    writer.db.exec('BEGIN IMMEDIATE');
    await writer.createPerson({ id: 'per_pending', name: 'Pending Person' });
    await writer.recordVerification({
      factKind: 'quote',
      factId: 'quo_1',
      status: 'retracted',
      actor: 'Desk',
    });
    // The write is open: the reader neither waits nor sees half of it.
    expect((await reader.counts()).people).toBe(3);
    expect((await reader.quotesByIds(['quo_1']))[0]?.status).toBe('verified');
    expect(await reader.exportDataset()).toEqual(before);
    expect(await reader.findPeopleByName('Pending Person')).toEqual([]);
    writer.db.exec('COMMIT');

    expect((await reader.counts()).people).toBe(4);
    expect((await reader.quotesByIds(['quo_1']))[0]?.status).toBe('retracted');
    await reader.close();
    await writer.close();
  });

  it('rolls back every row of a failed write', async () => {
    const store = await SqliteFactStore.open(newFile());
    await store.importDataset(contractFixture(), { mode: 'replace' });
    const rows = () =>
      store.db
        .prepare(
          'SELECT (SELECT COUNT(*) FROM quote_speakers) + (SELECT COUNT(*) FROM quote_shingles) + (SELECT COUNT(*) FROM search_documents) AS n',
        )
        .pluck()
        .get();
    const before = rows();
    await expect(
      store.createQuote(
        {
          text: 'A quote with a missing second speaker in it.',
          speakers: [
            { kind: 'person', id: 'per_carney' },
            { kind: 'organisation', id: 'org_missing' },
          ],
          sourceId: 'src_fixture',
          span: { start: 0, end: 44 },
          sentence: '',
          kind: 'full',
        },
        'editor',
      ),
    ).rejects.toThrow('organisation org_missing does not exist');
    expect(rows()).toBe(before);
    await store.close();
  });
});

describe('openStore', () => {
  it('creates the folder and a new database holding the sample dataset', async () => {
    const path = join(directory, 'fresh', 'nested', 'verbatim.sqlite');
    const store = await openStore({ sqlitePath: path });
    expect(store.backend).toBe('sqlite');
    const counts = await store.counts();
    expect(counts.quotes).toBe(30);
    await store.close();
    // Opening it again neither re-imports nor loses anything.
    const again = await openStore({ sqlitePath: path });
    expect(await again.counts()).toEqual(counts);
    await again.close();
  });

  it('leaves an existing database without the sample', async () => {
    const path = newFile();
    await (await SqliteFactStore.open(path)).close();
    const store = await openStore({ sqlitePath: path });
    expect((await store.counts()).quotes).toBe(0);
    await store.close();
  });

  it('refuses a database URL it has no backend for', async () => {
    await expect(openStore({ databaseUrl: 'mysql://localhost/verbatim' })).rejects.toThrow(
      /unsupported database URL: mysql/,
    );
  });

  it('reports the migrations it applied', async () => {
    const applied: number[][] = [];
    const path = newFile();
    await (
      await openStore({ sqlitePath: path, onMigrated: (versions) => applied.push(versions) })
    ).close();
    await (
      await openStore({ sqlitePath: path, onMigrated: (versions) => applied.push(versions) })
    ).close();
    expect(applied).toEqual([migrations.map((migration) => migration.version), []]);
  });

  it('finds the per-user database path', () => {
    expect(defaultDatabasePath({ VERBATIM_DB: '/data/v.sqlite' })).toBe('/data/v.sqlite');
    expect(defaultDatabasePath({ XDG_DATA_HOME: '/xdg' })).toBe('/xdg/verbatim/verbatim.sqlite');
    expect(defaultDatabasePath({ HOME: '/home/someone' })).toBe(
      '/home/someone/.local/share/verbatim/verbatim.sqlite',
    );
  });
});

describe('SQLite candidate look-ups', () => {
  const shinglesOf = (text: string) => quoteShingles(quoteWords(text));

  it('finds a quote whose shingles include a very common one, and skips that one', async () => {
    const store = await SqliteFactStore.open(newFile());
    const fixture = contractFixture();
    const template = fixture.quotes[0];
    if (!template) throw new Error('the fixture has quotes');
    // More quotes than MAX_SHINGLE_POSTINGS open with "at the end of the day": stop-shingles.
    const common = Array.from({ length: MAX_SHINGLE_POSTINGS + 1 }, (_, n) => ({
      ...template,
      id: `quo_common_${String(n).padStart(5, '0')}`,
      text: `At the end of the day ${n} boats sailed.`,
      kind: 'fragment' as const,
    }));
    const harbour = {
      ...template,
      id: 'quo_harbour',
      text: 'At the end of the day the harbour reopened to fishing boats.',
    };
    await store.importDataset(
      { ...fixture, quotes: [...fixture.quotes, ...common, harbour] },
      { mode: 'replace' },
    );
    const found = await store.quoteCandidates(
      shinglesOf('“At the end of the day the harbour reopened,” she said.'),
      3,
    );
    expect(found.map((quote) => quote.id)).toEqual(['quo_harbour']);
    // Only stop-shingles: nothing is said about which quote it is.
    expect(await store.quoteCandidates(shinglesOf('at the end of the day'), 10)).toEqual([]);
    // Below the cap a shingle still counts: ties go by id.
    const sailed = await store.quoteCandidates(shinglesOf('day 7 boats sailed'), 2);
    expect(sailed.map((quote) => quote.id)).toEqual(['quo_common_00007']);
    await store.close();
  });

  it('never offers a figure sharing no word with the sentence, even with room to spare', async () => {
    const store = await SqliteFactStore.open(newFile());
    await store.importDataset(contractFixture(), { mode: 'replace' });
    // fig_1 and fig_3 are both percentages; only fig_3 measures canola prices.
    expect(
      (await store.figureCandidates(['percent'], ['canola', 'harvest'], 50)).map((f) => f.id),
    ).toEqual(['fig_3']);
    expect(await store.figureCandidates(['percent'], ['harvest', 'tonnes'], 50)).toEqual([]);
    // figure_words holds "exports" as written; the checker passes the stem "export" of "exported".
    expect(
      (await store.figureCandidates(['percent'], ['exported', 'export'], 50)).map((f) => f.id),
    ).toEqual(['fig_1']);
    await store.close();
  });
});
