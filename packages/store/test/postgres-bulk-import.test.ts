import type { Dataset } from '@verbatim/domain/dataset';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { afterAll, describe, expect, it } from 'vitest';
import { serialiseDataset } from '../src/dataset-file.ts';
import { InvalidInputError } from '../src/fact-store.ts';
import type { PostgresFactStore } from '../src/postgres/postgres-store.ts';
import { postgresTestUrl, TestSchemas, withPostgresClient } from '../src/postgres/test-database.ts';
import {
  contractFixture,
  GENERATED_WORDS,
  generatedDataset,
} from '../src/testing/fact-store-contract.ts';

// A replacing import of many facts drops the big tables' secondary indexes (and the shingles'
// primary key) and builds them after the load (decision 111). A low threshold takes that path
// with a few hundred quotes.
const url = postgresTestUrl();
const schemas = url ? new TestSchemas(url) : null;
const BULK = { bulkImportRows: 100, fresh: true };

afterAll(async () => {
  await schemas?.dropAll();
});

/** Every index and constraint of the store's schema, by name, with its definition. */
async function schemaIndexes(store: PostgresFactStore & { schemaName: string }) {
  return withPostgresClient(url as string, async (client) => {
    const indexes = await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
        where schemaname = $1 order by indexname`,
      [store.schemaName],
    );
    const constraints = await client.query<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(k.oid) as definition
         from pg_constraint k join pg_namespace n on n.oid = k.connamespace
        where n.nspname = $1 order by conname`,
      [store.schemaName],
    );
    return { indexes: indexes.rows, constraints: constraints.rows };
  });
}

/** The object id of an index: a rebuilt index gets a new one. */
async function indexOid(store: PostgresFactStore & { schemaName: string }, index: string) {
  return withPostgresClient(url as string, async (client) => {
    const { rows } = await client.query<{ oid: number }>(
      `select to_regclass($1)::oid::int as oid`,
      [`${store.schemaName}.${index}`],
    );
    return rows[0]?.oid;
  });
}

async function rowCount(store: PostgresFactStore & { schemaName: string }, table: string) {
  return withPostgresClient(url as string, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from ${store.schemaName}.${table}`,
    );
    return rows[0]?.n;
  });
}

describe.skipIf(!schemas)('PostgreSQL bulk import (indexes built after the load)', () => {
  it('leaves every index, the search and the shingles as row-by-row writes do', async () => {
    if (!schemas) return;
    const dataset = generatedDataset(300);
    // Reference: a small import, then a merge of the rest, which never takes the bulk path.
    const reference = await schemas.openEmptyStore({ fresh: true });
    await reference.importDataset(contractFixture(), { mode: 'replace' });
    await reference.importDataset(dataset, { mode: 'merge' });
    const bulk = await schemas.openEmptyStore(BULK);
    const before = await schemaIndexes(bulk);
    expect(before.indexes.length).toBeGreaterThan(20);
    const vectorIndex = await indexOid(bulk, 'search_documents_vector');
    const quotesKey = await indexOid(bulk, 'quotes_pkey');
    await bulk.importDataset(dataset, { mode: 'replace' });

    expect(await schemaIndexes(bulk)).toEqual(before);
    // The bulk path ran: the search index was built anew; primary keys stayed.
    expect(await indexOid(bulk, 'search_documents_vector')).not.toBe(vectorIndex);
    expect(await indexOid(bulk, 'quotes_pkey')).toBe(quotesKey);
    for (const table of ['quote_shingles', 'figure_words', 'quote_speakers', 'search_documents']) {
      expect(await rowCount(bulk, table)).toBe(await rowCount(reference, table));
    }
    expect(serialiseDataset(await bulk.exportDataset())).toBe(
      serialiseDataset(await reference.exportDataset()),
    );
    const shingles = quoteShingles(
      quoteWords(`Quote 110 says ${GENERATED_WORDS[110 % 12]} anything`),
    );
    const candidates = await bulk.quoteCandidates(shingles, 3);
    expect(candidates[0]?.id).toBe('quo_gen_00110');
    expect((await reference.quoteCandidates(shingles, 3)).map((quote) => quote.id)).toEqual(
      candidates.map((quote) => quote.id),
    );
    expect((await bulk.search('number150', { first: 20 })).map((hit) => hit.id)).toContain(
      'quo_gen_00150',
    );
    const figureIds = async (store: PostgresFactStore) =>
      (await store.figureCandidates(['percent', 'count'], ['widgets'], 100)).map((f) => f.id);
    expect(await figureIds(bulk)).toContain('fig_gen_7');
    expect(await figureIds(bulk)).toEqual(await figureIds(reference));
    await reference.close();
    await bulk.close();
  });

  it('a failed bulk import leaves the store, its indexes and its search as they were', async () => {
    if (!schemas) return;
    const store = await schemas.openEmptyStore(BULK);
    await store.importDataset(contractFixture(), { mode: 'replace' });
    const before = await schemaIndexes(store);
    const countsBefore = await store.counts();
    const dataset = generatedDataset(200);
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
    expect(await schemaIndexes(store)).toEqual(before);

    // A failure inside PostgreSQL after the indexes were dropped and most rows written (a valid
    // dataset cannot cause one, so a trigger aborts the last figure's insert).
    await withPostgresClient(url as string, async (client) => {
      await client.query(
        `create function ${store.schemaName}.fail_last() returns trigger language plpgsql as
         $$ begin if new.id = 'fig_gen_49' then raise exception 'forced failure'; end if;
            return new; end $$`,
      );
      await client.query(
        `create trigger fail_last before insert on ${store.schemaName}.figures
         for each row execute function ${store.schemaName}.fail_last()`,
      );
    });
    await expect(store.importDataset(dataset, { mode: 'replace' })).rejects.toThrow(
      'forced failure',
    );
    await withPostgresClient(url as string, (client) =>
      client.query(`drop trigger fail_last on ${store.schemaName}.figures`),
    );
    expect(await schemaIndexes(store)).toEqual(before);
    expect(await store.counts()).toEqual(countsBefore);
    expect(await store.search('number105', { first: 20 })).toEqual([]);

    // And the store still takes the import afterwards.
    await store.importDataset(dataset, { mode: 'replace' });
    expect((await store.search('number105', { first: 20 })).map((hit) => hit.id)).toContain(
      'quo_gen_00105',
    );
    expect(await schemaIndexes(store)).toEqual(before);
    await store.close();
  });
});
