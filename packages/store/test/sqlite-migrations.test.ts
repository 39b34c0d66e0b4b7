import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MIGRATIONS_TABLE,
  migrations,
  renderMigration,
  renderMigrationsTable,
} from '../src/migrations.ts';
import { SqliteFactStore } from '../src/sqlite/sqlite-store.ts';
import { contractFixture } from '../src/testing/fact-store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'verbatim-migrations-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A store file at an older schema version, as a store of that time left it. */
function storeAtVersion(version: number): SqliteFactStore {
  const store = new SqliteFactStore(
    join(directory, `v${version}-${Date.now()}-${Math.random()}.sqlite`),
  );
  store.db.exec(renderMigrationsTable());
  for (const migration of migrations.filter((m) => m.version <= version)) {
    for (const statement of renderMigration(migration, 'sqlite')) store.db.exec(statement);
    store.db
      .prepare(
        `INSERT INTO ${MIGRATIONS_TABLE} (version, description, applied_at) VALUES (?, ?, ?)`,
      )
      .run(migration.version, migration.description, new Date().toISOString());
  }
  return store;
}

/**
 * Version 2, with the table today's store code writes the words it indexes into (migration 4),
 * so the tests can import into it; migration 4 keeps a table that is already there.
 */
function storeAtVersion2(): SqliteFactStore {
  const store = storeAtVersion(2);
  store.db.exec('CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID');
  return store;
}

const shingleForeignKeys = (store: SqliteFactStore) =>
  store.db.pragma('foreign_key_list(quote_shingles)') as unknown[];
const orphanShingles = (store: SqliteFactStore) =>
  store.db
    .prepare('SELECT COUNT(*) FROM quote_shingles WHERE quote_id NOT IN (SELECT id FROM quotes)')
    .pluck()
    .get();

describe('migration 3: quote_shingles without a foreign key', () => {
  it('rebuilds an existing SQLite table with every row, without the quote_id index, and candidates still match', async () => {
    const store = storeAtVersion2();
    await store.importDataset(contractFixture(), { mode: 'replace' });
    expect(shingleForeignKeys(store)).toHaveLength(1);
    const rowsBefore = store.db
      .prepare('SELECT shingle, quote_id FROM quote_shingles ORDER BY shingle, quote_id')
      .all();
    expect(rowsBefore.length).toBeGreaterThan(10);

    expect(await store.migrate()).toEqual([3, 4]);

    expect(shingleForeignKeys(store)).toEqual([]);
    expect(
      store.db
        .prepare('SELECT shingle, quote_id FROM quote_shingles ORDER BY shingle, quote_id')
        .all(),
    ).toEqual(rowsBefore);
    const indexes = store.db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'quote_shingles'",
      )
      .pluck()
      .all();
    // The quote_id index is gone in SQLite (shingles are deleted by primary key).
    expect(indexes).not.toContain('quote_shingles_quote');
    // Still clustered on (shingle, quote_id).
    expect(
      store.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'quote_shingles'").pluck().get(),
    ).toMatch(/WITHOUT ROWID$/);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    const shingles = quoteShingles(quoteWords('We take the world as it is'));
    expect((await store.quoteCandidates(shingles, 3))[0]?.id).toBe('quo_1');
    await store.close();
  });

  it('leaves no orphan shingle: the store rewrites them with the text and a replace clears them', async () => {
    const store = await SqliteFactStore.open(join(directory, 'latest.sqlite'));
    expect(shingleForeignKeys(store)).toEqual([]);
    await store.importDataset(contractFixture(), { mode: 'replace' });
    const count = () =>
      store.db
        .prepare("SELECT COUNT(*) FROM quote_shingles WHERE quote_id = 'quo_1'")
        .pluck()
        .get() as number;
    const before = count();
    await store.updateQuote('quo_1', { text: 'A much shorter quote now.' });
    expect(count()).toBeLessThan(before);
    expect(count()).toBe(new Set(quoteShingles(quoteWords('A much shorter quote now.'))).size);
    await store.importDataset(contractFixture(), { mode: 'replace' });
    expect(count()).toBe(before);
    expect(orphanShingles(store)).toBe(0);
    await store.importDataset(
      { ...contractFixture(), quotes: [], events: [] },
      { mode: 'replace' },
    );
    expect(store.db.prepare('SELECT COUNT(*) FROM quote_shingles').pluck().get()).toBe(0);
    await store.close();
  });

  it('renders for PostgreSQL as a drop of the named constraint that is harmless when already gone', () => {
    const third = migrations.find((migration) => migration.version === 3);
    // PostgreSQL keeps the quote_id index: its store deletes a quote's shingles by it.
    expect(third && renderMigration(third, 'postgres')).toEqual([
      'ALTER TABLE quote_shingles DROP CONSTRAINT IF EXISTS quote_shingles_quote_id_fkey',
    ]);
  });
});

describe('migration 4: search_terms', () => {
  it('fills the words of a store indexed before it, so prefix search finds them', async () => {
    const store = storeAtVersion(3);
    try {
      // A document as the store wrote them before migration 4: no words recorded.
      store.db.exec(
        `INSERT INTO search_documents (doc_id, kind, entity_id, snippet) VALUES (1, 'source', 'src_x', 'x');
         INSERT INTO search_fts (rowid, main_text, context_text) VALUES (1, 'Potash mines', 'Saskatchewan');`,
      );
      expect(await store.migrate()).toEqual([4]);
      const words = store.db.prepare('SELECT term FROM search_terms ORDER BY term').pluck().all();
      expect(words).toEqual(['mines', 'potash', 'saskatchewan']);
      const found = await store.search('sask', { first: 5 });
      expect(found.map((hit) => hit.id)).toEqual(['src_x']);
    } finally {
      await store.close();
    }
  });
});
