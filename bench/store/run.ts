/**
 * The store benchmark (issue 7): SQLite and PostgreSQL side by side on the same generated archive,
 * all four measurements in one run — ingest rate, quote search latency, `checkDraft` latency and
 * API throughput with two server processes.
 *
 *   eval "$(packages/store/scripts/postgres-for-tests.sh start)"
 *   NODE_OPTIONS=--max-old-space-size=10240 npx tsx bench/store/run.ts --quotes 1000000
 *
 * 1. Builds the databases that are missing (bench/store/databases.ts), OUTSIDE the bench lock:
 *    a 1M-quote build takes minutes per backend. The build is the bulk-import measurement; its
 *    time, CPU and load average are kept with the database and reported by every run reusing it.
 * 2. Measures under `flock /tmp/verbatim-bench.lock` (a few minutes): searches, candidate
 *    look-ups and `checkDraft` against each store in process, article-at-a-time ingest (50
 *    articles of 20 new quotes, added to the database: each run adds 1,000 quotes with ids of
 *    its own), then two API servers per backend under wrk (bench/store/two-servers.ts).
 * 3. Writes its section of docs/bench/store.md (between markers, so the notes around it stay).
 *
 * Options: --quotes N (default 1000000), --duration S per wrk phase (default 6), --out FILE,
 * --no-api (skip the servers). PostgreSQL comes from VERBATIM_BENCH_DATABASE_URL or
 * VERBATIM_TEST_DATABASE_URL; without one only SQLite is measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkDraft } from '../../packages/checker/src/check.ts';
import { quoteShingles, quoteWords } from '../../packages/domain/src/quote-text.ts';
import type { FactStore } from '../../packages/store/src/fact-store.ts';
import { withPostgresClient } from '../../packages/store/src/postgres/test-database.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { mulberry32 } from '../checker/generate.ts';
import {
  type BenchDatabase,
  type BuildRecord,
  ensureDatabases,
  postgresAdminUrl,
} from './databases.ts';
import {
  composeDraft,
  type DraftQuote,
  draftQuoteIndexes,
  generateArchive,
  quoteId,
  VOCABULARY,
} from './generate.ts';
import { type ApiResult, apiTable, measureApi, requireWrk } from './two-servers.ts';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
};
const QUOTES = Number(option('quotes') ?? 1_000_000);
const DURATION = Number(option('duration') ?? 6);
const OUT = option('out') ?? join(import.meta.dirname, '../../docs/bench/store.md');
const WITH_API = !argv.includes('--no-api');
const LOCK = '/tmp/verbatim-bench.lock';
const SEARCHES = 200;
const DRAFTS = 10;
const INGEST_ARTICLES = 50;
const QUOTES_PER_ARTICLE = 20;

interface Timing {
  mean: number;
  p50: number;
  p95: number;
}

interface StoreResult {
  backend: string;
  build: BuildRecord;
  quotesBefore: number;
  articleIngestQuotesPerSecond: number;
  search: Timing;
  quoteCandidates: Timing;
  checkDraft: Timing;
  /** CPU seconds of this process for the searches, candidate look-ups and checks. */
  readCpuSeconds: number;
}

function log(message: string) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
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

/** The drafts of the earlier runs (same seeds), with their quotes read from the store. */
async function drafts(store: FactStore): Promise<string[]> {
  const seeds = Array.from({ length: DRAFTS }, (_, n) => 500 + n);
  const indexes = [...new Set(seeds.flatMap((seed) => draftQuoteIndexes(seed, QUOTES)))];
  const quotes = await store.quotesByIds(indexes.map(quoteId));
  const speakerIds = [...new Set(quotes.map((quote) => quote?.speakers[0]?.id ?? ''))];
  const people = await store.peopleByIds(speakerIds);
  const names = new Map(speakerIds.map((id, n) => [id, people[n]?.name ?? 'A minister']));
  const byIndex = new Map<number, DraftQuote>();
  indexes.forEach((index, n) => {
    const quote = quotes[n];
    if (!quote) throw new Error(`the archive has no ${quoteId(index)}: rebuild the database`);
    const speakerName = names.get(quote.speakers[0]?.id ?? '') ?? 'A minister';
    byIndex.set(index, { text: quote.text, speakerName });
  });
  return seeds.map((seed) => composeDraft(seed, QUOTES, (index) => byIndex.get(index)));
}

async function measureStore(database: BenchDatabase): Promise<StoreResult> {
  const name = database.backend;
  const store = await database.open();
  try {
    const quotesBefore = (await store.counts()).quotes;
    const next = mulberry32(42);
    const queries = Array.from({ length: SEARCHES }, (_, n) =>
      Array.from(
        { length: 1 + (n % 3) },
        () => VOCABULARY[Math.floor(VOCABULARY.length * next() ** 2)] ?? 'bala',
      ).join(' '),
    );
    const texts = await drafts(store);
    const cpu = process.cpuUsage();
    log(`${name}: ${SEARCHES} quote searches`);
    const search = await timeEach(queries, (query) =>
      store.search(query, { first: 20, kinds: ['quote'] }),
    );
    log(`${name}: quoteCandidates for ${DRAFTS} drafts of 2,000 words`);
    const quoteCandidates = await timeEach(texts, (draft) =>
      store.quoteCandidates(quoteShingles(quoteWords(draft)), 50),
    );
    log(`${name}: checkDraft for ${DRAFTS} drafts of 2,000 words`);
    const check = await timeEach(texts, (draft) => checkDraft(draft, store));
    const used = process.cpuUsage(cpu);

    // One article at a time, as `verbatim ingest` adds them: a merge of one source and its
    // quotes. New ids after whatever earlier runs added, so every run inserts.
    log(`${name}: ingest of ${INGEST_ARTICLES} articles`);
    const articles = Array.from({ length: INGEST_ARTICLES }, (_, n) =>
      generateArchive({
        quotes: QUOTES_PER_ARTICLE,
        firstQuote: quotesBefore + n * QUOTES_PER_ARTICLE,
        archiveQuotes: QUOTES,
      }),
    );
    const start = performance.now();
    for (const article of articles) await store.importDataset(article, { mode: 'merge' });
    const articleIngestQuotesPerSecond =
      (INGEST_ARTICLES * QUOTES_PER_ARTICLE) / ((performance.now() - start) / 1000);
    return {
      backend: name,
      build: database.build,
      quotesBefore,
      articleIngestQuotesPerSecond,
      search,
      quoteCandidates,
      checkDraft: check,
      readCpuSeconds: (used.user + used.system) / 1e6,
    };
  } finally {
    await store.close();
  }
}

async function versions(databases: readonly BenchDatabase[]): Promise<string> {
  const found: string[] = [];
  for (const database of databases) {
    if (database.backend === 'SQLite') {
      const store = await SqliteFactStore.open(':memory:');
      found.push(`SQLite ${store.db.prepare('select sqlite_version()').pluck().get()}`);
      await store.close();
    } else {
      const url = database.env.DATABASE_URL ?? '';
      const version = await withPostgresClient(url, async (client) => {
        const { rows } = await client.query<{ server_version: string }>('show server_version');
        return rows[0]?.server_version ?? 'unknown';
      });
      found.push(`PostgreSQL ${version}`);
    }
  }
  return found.join(', ');
}

const ms = (timing: Timing) =>
  `${timing.p50.toFixed(1)} / ${timing.p95.toFixed(1)} / ${timing.mean.toFixed(1)}`;
const count = (value: number) => Math.round(value).toLocaleString('en');
const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function section(
  stores: readonly StoreResult[],
  apis: readonly ApiResult[],
  context: { started: string; loads: number[]; versions: string; wrk: string },
): string[] {
  const column = (cell: (result: StoreResult) => string) => stores.map(cell).join(' | ');
  const api = (backend: string, scenario: string, which: 'one' | 'two') => {
    const row = apis
      .find((result) => result.backend === backend)
      ?.rows.find((r) => r.scenario === scenario);
    return row ? `${count(row[which].requestsPerSecond)} (p99 ${row[which].p99.toFixed(0)})` : '—';
  };
  const [loadStart = 0, loadEnd = 0] = context.loads;
  return [
    `## ${QUOTES.toLocaleString('en')} quotes: all four measurements in one run`,
    '',
    `Run ${minute(context.started)} with \`npx tsx bench/store/run.ts --quotes ${QUOTES}\` ` +
      `(measuring phase under \`flock ${LOCK}\`).`,
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores (shared with other ` +
      `work), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, ` +
      `Node ${process.version}, ${context.wrk}. ${context.versions}. SQLite: WAL, one file on local ` +
      'disk; PostgreSQL on the same machine over loopback TCP (the throwaway test cluster: fsync ' +
      'off, default memory settings). 1-minute load average ' +
      `${loadStart.toFixed(2)} at the start of the measuring phase, ${loadEnd.toFixed(2)} at its end.`,
    '',
    `Archive: ${QUOTES.toLocaleString('en')} generated quotes (bench/store/generate.ts), ` +
      `${count(QUOTES / 20)} sources, ${count(QUOTES / 10)} figures, ` +
      `${count(Math.max(10, Math.floor(QUOTES / 50)))} people` +
      ` (plus ${stores.map((s) => `${count(s.quotesBefore - QUOTES)} on ${s.backend}`).join(', ')} ` +
      'added by earlier runs’ ingest).',
    '',
    `| | ${stores.map((s) => s.backend).join(' | ')} |`,
    `|---|${stores.map(() => '---:').join('|')}|`,
    `| **Ingest**: bulk import (one \`importDataset\`, replace, into an empty database), s | ${column((s) => s.build.wallSeconds.toFixed(0))} |`,
    `| Bulk import, quotes/s | ${column((s) => count(QUOTES / s.build.wallSeconds))} |`,
    `| Bulk import, CPU s of the importing Node process | ${column((s) => s.build.cpuSeconds.toFixed(0))} |`,
    `| Bulk import: when, 1-minute load average at start / end | ${column((s) => `${minute(s.build.at)}, ${s.build.loadAverageAtStart.toFixed(1)} / ${s.build.loadAverageAtEnd.toFixed(1)}`)} |`,
    `| **Ingest** one article at a time (merge of ${QUOTES_PER_ARTICLE} quotes, ${INGEST_ARTICLES} articles), quotes/s | ${column((s) => count(s.articleIngestQuotesPerSecond))} |`,
    `| **Quote search** (\`search\`, 1–3 words, first 20, ${SEARCHES} queries), ms p50 / p95 / mean | ${column((s) => ms(s.search))} |`,
    `| \`quoteCandidates\` for a 2,000-word draft (limit 50), ms p50 / p95 / mean | ${column((s) => ms(s.quoteCandidates))} |`,
    `| **\`checkDraft\`** of a 2,000-word draft with 20 quotations (${DRAFTS} drafts), ms p50 / p95 / mean | ${column((s) => ms(s.checkDraft))} |`,
    `| CPU s of the benchmark process for the searches, look-ups and checks | ${column((s) => s.readCpuSeconds.toFixed(1))} |`,
    ...(apis.length > 0
      ? [
          `| **API**, quote search, req/s (p99 ms): one server / two servers | ${column((s) => `${api(s.backend, 'quote search', 'one')} / ${api(s.backend, 'quote search', 'two')}`)} |`,
          `| **API**, verify (editor token), req/s (p99 ms): one server / two servers | ${column((s) => `${api(s.backend, 'verify (editor token)', 'one')} / ${api(s.backend, 'verify (editor token)', 'two')}`)} |`,
          `| **API**, \`{ hello }\` (no store), req/s: one server / two servers | ${column((s) => `${api(s.backend, '{ hello }', 'one')} / ${api(s.backend, '{ hello }', 'two')}`)} |`,
        ]
      : []),
    '',
    'Store latencies are single-client, measured in the benchmark process (they include',
    'node-postgres round trips for PostgreSQL, and nothing else for SQLite, which runs in process);',
    'the drafts are the same as in the earlier runs (seeds 500–509, half the quotations misquoted by a',
    'word). The bulk import is the build of the database this run reused (commit ' +
      `${stores.map((s) => `${s.build.commit} for ${s.backend}`).join(', ')}); its wall time depends on the`,
    'load at the time, so the CPU seconds of the importing process are given too (PostgreSQL’s own',
    'backend processes do work the Node process does not count).',
    ...(apis.length > 0
      ? ['', '### API throughput with two server processes', '', ...apiTable(apis, DURATION)]
      : []),
    '',
  ];
}

/** Replaces this size's section of the docs between its markers, or adds it after the intro. */
function writeSection(lines: readonly string[]) {
  const begin = `<!-- bench/store/run.ts ${QUOTES} begin -->`;
  const end = `<!-- bench/store/run.ts ${QUOTES} end -->`;
  const block = [begin, ...lines, end].join('\n');
  const existing = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  let text: string;
  const from = existing.indexOf(begin);
  const to = existing.indexOf(end);
  if (from !== -1 && to > from) {
    text = existing.slice(0, from) + block + existing.slice(to + end.length);
  } else {
    const firstSection = existing.indexOf('\n## ');
    text =
      firstSection === -1
        ? `${existing}\n${block}\n`
        : `${existing.slice(0, firstSection + 1)}${block}\n\n${existing.slice(firstSection + 1)}`;
  }
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
}

async function measureAll() {
  const started = new Date().toISOString();
  const loadStart = os.loadavg()[0] ?? 0;
  const wrk = WITH_API ? requireWrk() : 'no wrk';
  const databases = await ensureDatabases(QUOTES, { build: false });
  const stores: StoreResult[] = [];
  for (const database of databases) stores.push(await measureStore(database));
  const apis: ApiResult[] = [];
  if (WITH_API) for (const database of databases) apis.push(await measureApi(database, DURATION));
  const lines = section(stores, apis, {
    started,
    loads: [loadStart, os.loadavg()[0] ?? 0],
    versions: await versions(databases),
    wrk,
  });
  writeSection(lines);
  console.log(lines.join('\n'));
  log(`written to ${OUT}`);
}

if (argv.includes('--measure')) {
  await measureAll();
} else {
  if (!postgresAdminUrl()) {
    log('PostgreSQL skipped: set VERBATIM_BENCH_DATABASE_URL or VERBATIM_TEST_DATABASE_URL');
  }
  await ensureDatabases(QUOTES); // outside the lock: builds what is missing
  log(`measuring under ${LOCK} (waits while someone else benchmarks)`);
  const measured = spawnSync(
    'flock',
    [LOCK, process.execPath, '--import', 'tsx', import.meta.filename, ...argv, '--measure'],
    { stdio: 'inherit', cwd: join(import.meta.dirname, '../..') },
  );
  process.exit(measured.status ?? 1);
}
