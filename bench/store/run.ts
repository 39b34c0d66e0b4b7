/**
 * The store benchmark: SQLite and PostgreSQL side by side on the same generated archive.
 *
 *   eval "$(packages/store/scripts/postgres-for-tests.sh start)"
 *   npx tsx bench/store/run.ts --quotes 100000          # writes docs/bench/store.md
 *
 * PostgreSQL comes from VERBATIM_BENCH_DATABASE_URL or VERBATIM_TEST_DATABASE_URL; the run
 * works in a schema of its own (bench_store) and drops it at the end.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkDraft } from '../../packages/checker/src/check.ts';
import { quoteShingles, quoteWords } from '../../packages/domain/src/quote-text.ts';
import type { FactStore } from '../../packages/store/src/fact-store.ts';
import { PostgresFactStore } from '../../packages/store/src/postgres/postgres-store.ts';
import { withPostgresClient } from '../../packages/store/src/postgres/test-database.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { generateArchive, generateDraft, random, VOCABULARY } from './generate.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) {
  args.set(process.argv[i]?.replace(/^--/, '') ?? '', process.argv[i + 1] ?? '');
}
const QUOTES = Number(args.get('quotes') ?? 100_000);
const OUT = args.get('out') ?? join(import.meta.dirname, '../../docs/bench/store.md');
const SEARCHES = 200;
const DRAFTS = 10;
const INGEST_ARTICLES = 50;
const PG_URL = process.env.VERBATIM_BENCH_DATABASE_URL ?? process.env.VERBATIM_TEST_DATABASE_URL;
const SCHEMA = 'bench_store';

interface Timing {
  mean: number;
  p50: number;
  p95: number;
}

interface Result {
  backend: string;
  bulkImportSeconds: number;
  bulkQuotesPerSecond: number;
  articleIngestQuotesPerSecond: number;
  search: Timing;
  quoteCandidates: Timing;
  checkDraft: Timing;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    mean: samples.reduce((sum, x) => sum + x, 0) / samples.length,
    p50: at(0.5),
    p95: at(0.95),
  };
}

async function timeEach<T>(inputs: readonly T[], run: (input: T) => Promise<unknown>) {
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await run(input);
    samples.push(performance.now() - start);
  }
  return summarise(samples);
}

function log(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function measure(name: string, store: FactStore): Promise<Result> {
  const archive = generateArchive({ quotes: QUOTES });
  log(`${name}: bulk import of ${QUOTES} quotes`);
  let start = performance.now();
  await store.importDataset(archive, { mode: 'replace' });
  const bulkImportSeconds = (performance.now() - start) / 1000;

  // One article at a time, as `verbatim ingest` adds them: a merge of one source and its quotes.
  log(`${name}: ingest of ${INGEST_ARTICLES} articles`);
  const articles = Array.from({ length: INGEST_ARTICLES }, (_, n) =>
    generateArchive({ quotes: 20, firstQuote: QUOTES + n * 20, archiveQuotes: QUOTES }),
  );
  start = performance.now();
  for (const article of articles) await store.importDataset(article, { mode: 'merge' });
  const articleIngestQuotesPerSecond =
    (INGEST_ARTICLES * 20) / ((performance.now() - start) / 1000);

  const next = random(42);
  const queries = Array.from({ length: SEARCHES }, (_, n) => {
    const count = 1 + (n % 3);
    return Array.from(
      { length: count },
      () => VOCABULARY[Math.floor(VOCABULARY.length * next() ** 2)] ?? 'bala',
    ).join(' ');
  });
  log(`${name}: ${SEARCHES} quote searches`);
  const search = await timeEach(queries, (query) =>
    store.search(query, { first: 20, kinds: ['quote'] }),
  );

  const drafts = Array.from({ length: DRAFTS }, (_, n) => generateDraft(archive, 500 + n));
  log(`${name}: quoteCandidates for ${DRAFTS} drafts of 2,000 words`);
  const quoteCandidates = await timeEach(drafts, (draft) =>
    store.quoteCandidates(quoteShingles(quoteWords(draft)), 50),
  );
  log(`${name}: checkDraft for ${DRAFTS} drafts of 2,000 words`);
  const check = await timeEach(drafts, (draft) => checkDraft(draft, store));
  return {
    backend: name,
    bulkImportSeconds,
    bulkQuotesPerSecond: QUOTES / bulkImportSeconds,
    articleIngestQuotesPerSecond,
    search,
    quoteCandidates,
    checkDraft: check,
  };
}

async function postgresVersion(url: string): Promise<string> {
  return withPostgresClient(url, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
}

async function dropSchema(url: string) {
  await withPostgresClient(url, (client) =>
    client.query(`drop schema if exists ${SCHEMA} cascade`),
  );
}

function milliseconds(timing: Timing): string {
  return `${timing.p50.toFixed(1)} / ${timing.p95.toFixed(1)} / ${timing.mean.toFixed(1)}`;
}

async function main() {
  const loadBefore = os.loadavg()[1] ?? 0;
  const results: Result[] = [];
  const folder = mkdtempSync(join(os.tmpdir(), 'verbatim-bench-'));
  const sqlite = await SqliteFactStore.open(join(folder, 'bench.sqlite'));
  const sqliteVersion = String(sqlite.db.prepare('select sqlite_version()').pluck().get());
  try {
    results.push(await measure('SQLite', sqlite));
  } finally {
    await sqlite.close();
    rmSync(folder, { recursive: true, force: true });
  }
  let pgVersion = 'not run';
  if (PG_URL) {
    pgVersion = await postgresVersion(PG_URL);
    await dropSchema(PG_URL);
    const postgres = await PostgresFactStore.open(PG_URL, { schema: SCHEMA });
    try {
      results.push(await measure('PostgreSQL', postgres));
    } finally {
      await postgres.close();
      await dropSchema(PG_URL);
    }
  } else {
    log('PostgreSQL skipped: set VERBATIM_BENCH_DATABASE_URL or VERBATIM_TEST_DATABASE_URL');
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = `${loadBefore.toFixed(1)} at the start, ${(os.loadavg()[1] ?? 0).toFixed(1)} at the end`;
  const lines = [
    '# Store benchmark: SQLite and PostgreSQL side by side',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npx tsx bench/store/run.ts --quotes ${QUOTES}\`.`,
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores (shared with other work: 5-minute load average ${load}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}. ` +
      `SQLite ${sqliteVersion} (WAL, one file on local disk); PostgreSQL ${pgVersion} on the same ` +
      'machine over loopback TCP (the throwaway test cluster: fsync off, default memory settings).',
    '',
    `Archive: ${QUOTES.toLocaleString('en')} generated quotes (deterministic: bench/store/generate.ts), ` +
      `${(QUOTES / 20).toLocaleString('en')} sources, ${(QUOTES / 10).toLocaleString('en')} figures, ` +
      `${Math.max(10, Math.floor(QUOTES / 50)).toLocaleString('en')} people.`,
    '',
    `| | ${results.map((r) => r.backend).join(' | ')} |`,
    `|---|${results.map(() => '---:').join('|')}|`,
    `| Bulk import (one \`importDataset\`, replace), s | ${results.map((r) => r.bulkImportSeconds.toFixed(1)).join(' | ')} |`,
    `| Bulk import, quotes/s | ${results.map((r) => Math.round(r.bulkQuotesPerSecond).toLocaleString('en')).join(' | ')} |`,
    `| Ingest one article at a time (merge of 20 quotes), quotes/s | ${results.map((r) => Math.round(r.articleIngestQuotesPerSecond).toLocaleString('en')).join(' | ')} |`,
    `| Quote search (\`search\`, 1–3 words, first 20), ms p50 / p95 / mean | ${results.map((r) => milliseconds(r.search)).join(' | ')} |`,
    `| \`quoteCandidates\` for a 2,000-word draft (limit 50), ms p50 / p95 / mean | ${results.map((r) => milliseconds(r.quoteCandidates)).join(' | ')} |`,
    `| \`checkDraft\` of a 2,000-word draft with 20 quotations, ms p50 / p95 / mean | ${results.map((r) => milliseconds(r.checkDraft)).join(' | ')} |`,
    '',
    `Searches: ${SEARCHES} queries; drafts: ${DRAFTS}, each with 20 quotations from the archive (half misquoted by a word).`,
    'Latencies are single-client, measured in the benchmark process (they include node-postgres',
    'round trips for PostgreSQL, and nothing else for SQLite, which runs in process).',
    '',
  ];
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, lines.join('\n'));
  console.log(lines.join('\n'));
}

await main();
