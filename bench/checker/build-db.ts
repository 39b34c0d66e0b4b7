/**
 * Builds (once) the benchmark's SQLite databases of generated quotes through the real store's
 * import, in chunks so a million quotes never sit in memory at once.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Dataset } from '../../packages/domain/src/dataset.ts';
import { shinglesOfQuoteText } from '../../packages/store/src/fact-index.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { BENCH_SOURCE, draft, figureAt, people, quoteAt, vocabulary } from './generate.ts';

export const PEOPLE = 2000;
export const CHUNK = 20_000;

/** Above this size the quotes go in by bulk insert (see `bulkInsertQuotes`). */
export const BULK_FROM = 200_000;

export function figureCountFor(quotes: number): number {
  return Math.max(10, Math.floor(quotes / 100));
}

/** The 2,000-word draft (15 quotations, 30 numbers) the benchmarks check against `size` quotes. */
export function draft2kFor(size: number, seed?: number): string {
  return draft(
    { words: 2000, quotations: 15, numbers: 30, seed },
    size,
    figureCountFor(size),
    people(PEOPLE),
    vocabulary(),
  );
}

/** The checker benchmark's database of `size` quotes (built by buildDatabase), read-only. */
export function openBenchDatabase(size: number): Promise<SqliteFactStore> {
  return SqliteFactStore.open(join(tmpdir(), 'verbatim-bench', `quotes-${size}.sqlite`), {
    readonly: true,
  });
}

export async function buildDatabase(
  path: string,
  quotes: number,
): Promise<{ seconds: number; built: boolean }> {
  if (existsSync(path)) return { seconds: 0, built: false };
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const started = performance.now();
  const store = await SqliteFactStore.open(partial);
  const words = vocabulary();
  const peopleList = people(PEOPLE);
  const empty: Omit<Dataset, 'quotes'> = {
    format: 'verbatim-dataset',
    version: 1,
    sources: [BENCH_SOURCE],
    organisations: [],
    people: peopleList,
    figures: Array.from({ length: figureCountFor(quotes) }, (_, index) => figureAt(index, words)),
    events: [],
  };
  await store.importDataset({ ...empty, quotes: [] }, { mode: 'replace' });
  if (quotes >= BULK_FROM) {
    bulkInsertQuotes(store, quotes, words, started);
  } else {
    for (let from = 0; from < quotes; from += CHUNK) {
      const chunk = [];
      for (let index = from; index < Math.min(quotes, from + CHUNK); index++)
        chunk.push(quoteAt(index, words, PEOPLE));
      await store.importDataset(
        { ...empty, sources: [], people: [], figures: [], quotes: chunk },
        { mode: 'merge' },
      );
    }
  }
  await store.close();
  renameSync(partial, path);
  return { seconds: (performance.now() - started) / 1000, built: true };
}

/**
 * The store's import writes each quote's search document too and took ~70 minutes for 1M quotes
 * on a loaded 2-core machine. The checker only reads quotes, their speakers and the shingle index,
 * so at 1M those three tables are filled directly, in the store's own schema (created by its
 * migrations) and with its own shingle function, the shingle rows in key order.
 */
function bulkInsertQuotes(
  store: SqliteFactStore,
  count: number,
  words: readonly string[],
  started: number,
): void {
  const db = store.db;
  const insertQuote = db.prepare(
    `INSERT INTO quotes (id, text, speaker_text, source_id, span_start, span_end, sentence, kind, said_when, said_where, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSpeaker = db.prepare(
    'INSERT INTO quote_speakers (quote_id, position, speaker_kind, person_id, organisation_id) VALUES (?, 0, ?, ?, NULL)',
  );
  const insertShingle = db.prepare(
    'INSERT OR IGNORE INTO quote_shingles (shingle, quote_id) VALUES (?, ?)',
  );
  const keys: number[] = [];
  const QUOTE_BITS = 2 ** 21;
  const batch = 50_000;
  for (let from = 0; from < count; from += batch) {
    db.transaction(() => {
      for (let index = from; index < Math.min(count, from + batch); index++) {
        const quote = quoteAt(index, words, PEOPLE);
        insertQuote.run(
          quote.id,
          quote.text,
          null,
          quote.sourceId,
          0,
          quote.text.length,
          quote.sentence,
          'full',
          null,
          null,
          'verified',
          quote.createdAt,
          quote.updatedAt,
        );
        insertSpeaker.run(quote.id, 'person', quote.speakers[0]?.id ?? null);
        for (const shingle of shinglesOfQuoteText(quote.text))
          keys.push(shingle * QUOTE_BITS + index);
      }
    })();
  }
  process.stderr.write(
    `  quotes written in ${((performance.now() - started) / 1000).toFixed(0)} s; ${keys.length} shingles\n`,
  );
  const sorted = Float64Array.from(keys);
  keys.length = 0;
  sorted.sort();
  for (let from = 0; from < sorted.length; from += 500_000) {
    db.transaction(() => {
      for (let position = from; position < Math.min(sorted.length, from + 500_000); position++) {
        const key = sorted[position] as number;
        const index = key % QUOTE_BITS;
        insertShingle.run((key - index) / QUOTE_BITS, `quo_${index.toString().padStart(7, '0')}`);
      }
    })();
  }
  process.stderr.write(
    `  shingles written in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quotes = Number(process.argv[3] ?? 1000);
  const result = await buildDatabase(process.argv[2] as string, quotes);
  console.log(result);
}
