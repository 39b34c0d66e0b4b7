/**
 * The API benchmark's databases: the checker benchmark's archive (bench/checker/build-db.ts) with
 * every quote indexed for full-text search, so quote search finds what it should at every size.
 *
 * At 1M quotes the checker's builder skips search documents (it fills quotes, speakers and
 * shingles directly; the checker never searches). Here a copy of it gets them: one
 * search_documents row and one search_fts row per quote, with the same text the store's
 * `quoteDocument` indexes (main text: the quote; context: its sentence and printed attribution).
 * Plain SQL over the whole table, the full-text rows in rowid order (decision 090), is minutes,
 * not the hour the store's per-quote import would take.
 *
 *   npx tsx bench/api/build-search-db.ts 100000,1000000
 *
 * Run it outside the bench lock, before the benchmark: it is I/O and CPU for minutes. It also
 * prepares (copies and migrates) the copies the benchmark's server opens.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { buildDatabase } from '../checker/build-db.ts';

export const benchFolder = join(tmpdir(), 'verbatim-bench');

/** Where the API benchmark's database of `size` quotes lives (not the checker's shared file). */
export function searchDatabasePath(size: number): string {
  return join(benchFolder, `api-search-quotes-${size}.sqlite`);
}

/** Quotes without a search document: 0 when the database is complete. */
export function unindexedQuotes(path: string): number {
  const store = new SqliteFactStore(path, { readonly: true });
  try {
    const row = store.db
      .prepare(
        `SELECT COUNT(*) AS n FROM quotes q
         WHERE NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.kind = 'quote' AND d.entity_id = q.id)`,
      )
      .get() as { n: number };
    return row.n;
  } finally {
    store.db.close();
  }
}

export async function buildSearchDatabase(size: number): Promise<{ path: string; built: boolean }> {
  const path = searchDatabasePath(size);
  if (existsSync(path)) return { path, built: false };
  const shared = join(benchFolder, `quotes-${size}.sqlite`);
  if (!existsSync(shared) && existsSync(`${shared}.partial`)) {
    throw new Error(`${shared} is being built by another run; try again when it is done`);
  }
  await buildDatabase(shared, size);
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  copyFileSync(shared, partial);
  // Opening through the store applies any newer migrations before the rows go in.
  const store = await SqliteFactStore.open(partial);
  const db = store.db;
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const started = performance.now();
    db.transaction(() => {
      const before = (
        db.prepare('SELECT COALESCE(MAX(doc_id), 0) AS n FROM search_documents').get() as {
          n: number;
        }
      ).n;
      db.prepare(
        `INSERT INTO search_documents (kind, entity_id, snippet)
         SELECT 'quote', q.id, q.text FROM quotes q
         WHERE NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.kind = 'quote' AND d.entity_id = q.id)
         ORDER BY q.id`,
      ).run();
      db.prepare(
        `INSERT INTO search_fts (rowid, main_text, context_text)
         SELECT d.doc_id, q.text, q.sentence || ' ' || COALESCE(q.speaker_text, '')
         FROM search_documents d JOIN quotes q ON q.id = d.entity_id
         WHERE d.kind = 'quote' AND d.doc_id > ? ORDER BY d.doc_id`,
      ).run(before);
    })();
    db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('optimize')`).run();
    process.stderr.write(
      `  search documents written in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
  const missing = unindexedQuotes(partial);
  if (missing > 0) throw new Error(`${missing} quotes still have no search document`);
  renameSync(partial, path);
  return { path, built: true };
}

/** Where the benchmark's server gets its own copy, so its writes never touch the built file. */
export const copiesFolder = join(tmpdir(), 'verbatim-bench-api');

/**
 * The copy the benchmark's server opens, built and copied if needed and migrated now: a new
 * store migration (a table rebuilt at 1M quotes can take minutes) must not run inside a timed,
 * locked run.
 */
export async function benchCopy(size: number): Promise<string> {
  const built = await buildSearchDatabase(size);
  mkdirSync(copiesFolder, { recursive: true });
  const copy = join(copiesFolder, basename(built.path));
  if (!existsSync(copy)) copyFileSync(built.path, copy);
  const store = await SqliteFactStore.open(copy);
  await store.close();
  return copy;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const size of (process.argv[2] ?? '100000,1000000').split(',').map(Number)) {
    const started = performance.now();
    const copy = await benchCopy(size);
    console.log({ size, copy, seconds: Math.round((performance.now() - started) / 1000) });
  }
}
