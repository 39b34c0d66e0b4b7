import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@verbatim/domain/dataset';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { afterAll, describe, expect, it } from 'vitest';
import { serialiseDataset } from '../src/dataset-file.ts';
import { InvalidInputError } from '../src/fact-store.ts';
import { BULK_LOAD_MIN_FACTS, SqliteFactStore } from '../src/sqlite/sqlite-store.ts';
import {
  contractFixture,
  GENERATED_WORDS,
  generatedDataset,
} from '../src/testing/fact-store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'verbatim-bulk-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileNumber = 0;
const newFile = () => join(directory, `bulk-${++fileNumber}.sqlite`);

const tableIndexes = (store: SqliteFactStore) =>
  store.db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .pluck()
    .all();

describe('SQLite bulk import (into a store without facts)', () => {
  it('leaves every index, the full-text search and the shingles as row-by-row writes do', async () => {
    const dataset = generatedDataset(BULK_LOAD_MIN_FACTS + 200);
    // Reference: the same rows written by a small import followed by a merge of the rest,
    // which never takes the bulk path.
    const reference = await SqliteFactStore.open(newFile());
    await reference.importDataset(contractFixture(), { mode: 'replace' });
    await reference.importDataset(dataset, { mode: 'merge' });
    const bulk = await SqliteFactStore.open(newFile());
    const indexesBefore = tableIndexes(bulk);
    await bulk.importDataset(dataset, { mode: 'replace' });

    expect(tableIndexes(bulk)).toEqual(indexesBefore);
    for (const table of ['quote_shingles', 'figure_words', 'quote_speakers', 'search_documents']) {
      const count = `SELECT COUNT(*) FROM ${table}`;
      expect(bulk.db.prepare(count).pluck().get()).toBe(reference.db.prepare(count).pluck().get());
    }
    expect(bulk.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(bulk.db.pragma('foreign_key_check')).toEqual([]);
    expect(serialiseDataset(await bulk.exportDataset())).toBe(
      serialiseDataset(await reference.exportDataset()),
    );

    const text = 'Quote 1100 says';
    const shingles = quoteShingles(quoteWords(`${text} ${GENERATED_WORDS[1100 % 12]} anything`));
    const candidates = await bulk.quoteCandidates(shingles, 3);
    expect(candidates[0]?.id).toBe('quo_gen_01100');
    expect((await reference.quoteCandidates(shingles, 3)).map((quote) => quote.id)).toEqual(
      candidates.map((quote) => quote.id),
    );
    const hits = await bulk.search('number1150', { first: 20 });
    expect(hits.map((hit) => hit.id)).toContain('quo_gen_01150');
    const figureIds = async (store: SqliteFactStore) =>
      (await store.figureCandidates(['percent', 'count'], ['widgets'], 100)).map((f) => f.id);
    expect(await figureIds(bulk)).toContain('fig_gen_7');
    expect(await figureIds(bulk)).toEqual(await figureIds(reference));
    await reference.close();
    await bulk.close();
  });

  it('a failed bulk import leaves the store, its indexes and its search exactly as they were', async () => {
    const store = await SqliteFactStore.open(newFile());
    const indexesBefore = tableIndexes(store);
    const dataset = generatedDataset(BULK_LOAD_MIN_FACTS + 10);
    const broken: Dataset = {
      ...dataset,
      events: [
        ...dataset.events,
        { ...(dataset.events[0] as Dataset['events'][number]), factId: 'quo_missing' },
      ],
    };
    await expect(store.importDataset(broken, { mode: 'replace' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(tableIndexes(store)).toEqual(indexesBefore);
    expect(await store.counts()).toMatchObject({ quotes: 0, figures: 0 });

    // A failure inside SQLite after the indexes were dropped and most rows written (a valid
    // dataset cannot cause one, so a trigger aborts the last figure's insert).
    store.db.exec(
      `CREATE TEMP TRIGGER fail_last BEFORE INSERT ON figures WHEN NEW.id = 'fig_gen_49'
       BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
    );
    await expect(store.importDataset(dataset, { mode: 'replace' })).rejects.toThrow(
      'forced failure',
    );
    store.db.exec('DROP TRIGGER fail_last');
    expect(tableIndexes(store)).toEqual(indexesBefore);
    expect(await store.counts()).toMatchObject({ quotes: 0, figures: 0 });
    expect(store.db.prepare('SELECT COUNT(*) FROM quote_shingles').pluck().get()).toBe(0);
    expect(await store.search('number1005', { first: 20 })).toEqual([]);

    // And the store still takes the import afterwards.
    await store.importDataset(dataset, { mode: 'replace' });
    expect((await store.search('number1005', { first: 20 })).map((hit) => hit.id)).toContain(
      'quo_gen_01005',
    );
    await store.close();
  });
});
