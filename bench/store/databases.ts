/**
 * The store benchmark's databases: one SQLite file and one PostgreSQL database per archive size,
 * built once (outside the bench lock: a 1M-quote build takes minutes) and reused by every later
 * run. A build's cost is the bulk-import measurement, so it is recorded next to the database
 * (wall and CPU seconds, load average, date) and reported by the run that reuses it.
 *
 *   NODE_OPTIONS=--max-old-space-size=10240 npx tsx bench/store/databases.ts --quotes 1000000
 *
 * SQLite: /tmp/verbatim-bench/store-bench-N.sqlite. PostgreSQL: the database
 * verbatim_bench_store_N on the server of VERBATIM_BENCH_DATABASE_URL or
 * VERBATIM_TEST_DATABASE_URL. A build is complete when its record (…build.json) exists; a killed
 * build leaves none and is redone.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FactStore } from '../../packages/store/src/fact-store.ts';
import { PostgresFactStore } from '../../packages/store/src/postgres/postgres-store.ts';
import { withPostgresClient } from '../../packages/store/src/postgres/test-database.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { generateArchive } from './generate.ts';

export const BENCH_FOLDER = '/tmp/verbatim-bench';

export interface BuildRecord {
  backend: 'SQLite' | 'PostgreSQL';
  quotes: number;
  /** ISO time the import started. */
  at: string;
  wallSeconds: number;
  /** CPU seconds of the importing Node process (PostgreSQL's own processes are not included). */
  cpuSeconds: number;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  /** The commit of the store that built it. */
  commit: string;
}

export interface BenchDatabase {
  backend: 'SQLite' | 'PostgreSQL';
  /** Environment that points a server at the database. */
  env: Record<string, string>;
  open(): Promise<FactStore>;
  build: BuildRecord;
}

function log(message: string) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function currentCommit(): string {
  try {
    const head = readFileSync(join(import.meta.dirname, '../../.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 7);
    return readFileSync(join(import.meta.dirname, '../../.git', head.slice(5)), 'utf8')
      .trim()
      .slice(0, 7);
  } catch {
    return 'unknown';
  }
}

async function timedImport(
  store: FactStore,
  backend: BuildRecord['backend'],
  quotes: number,
): Promise<BuildRecord> {
  const commit = currentCommit(); // the code this process loaded, not a later HEAD
  log(`${backend}: generating ${quotes} quotes`);
  const archive = generateArchive({ quotes });
  const loadAverageAtStart = os.loadavg()[0] ?? 0;
  const at = new Date().toISOString();
  log(`${backend}: importing (load average ${loadAverageAtStart.toFixed(1)})`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await store.importDataset(archive, { mode: 'replace' });
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  log(`${backend}: imported in ${wallSeconds.toFixed(0)} s`);
  return {
    backend,
    quotes,
    at,
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg()[0] ?? 0,
    commit,
  };
}

function readRecord(path: string): BuildRecord | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as BuildRecord) : null;
}

function missing(what: string): Error {
  return new Error(
    `${what} is not built: run bench/store/run.ts (or databases.ts) without --measure`,
  );
}

export async function sqliteDatabase(quotes: number, build = true): Promise<BenchDatabase> {
  mkdirSync(BENCH_FOLDER, { recursive: true });
  const path = join(BENCH_FOLDER, `store-bench-${quotes}.sqlite`);
  const recordPath = `${path}.build.json`;
  let record = existsSync(path) ? readRecord(recordPath) : null;
  if (!record) {
    if (!build) throw missing(path);
    // Built under a temporary name and renamed, so a killed build is never reused.
    const partial = `${path}.partial`;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    const store = await SqliteFactStore.open(partial);
    record = await timedImport(store, 'SQLite', quotes);
    await store.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    renameSync(partial, path);
    writeFileSync(recordPath, JSON.stringify(record, null, 2));
  }
  return {
    backend: 'SQLite',
    env: { VERBATIM_DB: path },
    open: () => SqliteFactStore.open(path),
    build: record,
  };
}

export function postgresDatabaseUrl(adminUrl: string, quotes: number): string {
  const url = new URL(adminUrl);
  url.pathname = `/verbatim_bench_store_${quotes}`;
  return url.href;
}

export async function postgresDatabase(
  adminUrl: string,
  quotes: number,
  build = true,
): Promise<BenchDatabase> {
  const name = `verbatim_bench_store_${quotes}`;
  const url = postgresDatabaseUrl(adminUrl, quotes);
  const recordPath = join(BENCH_FOLDER, `store-bench-${quotes}.postgres.build.json`);
  const exists = await withPostgresClient(adminUrl, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    return (found.rowCount ?? 0) > 0;
  });
  let record = exists ? readRecord(recordPath) : null;
  if (!record) {
    if (!build) throw missing(`PostgreSQL database ${name}`);
    rmSync(recordPath, { force: true });
    await withPostgresClient(adminUrl, async (client) => {
      await client.query(`drop database if exists ${name}`);
      await client.query(`create database ${name}`);
    });
    const store = await PostgresFactStore.open(url);
    try {
      record = await timedImport(store, 'PostgreSQL', quotes);
    } finally {
      await store.close();
    }
    mkdirSync(BENCH_FOLDER, { recursive: true });
    writeFileSync(recordPath, JSON.stringify(record, null, 2));
  }
  return {
    backend: 'PostgreSQL',
    env: { DATABASE_URL: url },
    open: () => PostgresFactStore.open(url),
    build: record,
  };
}

export function postgresAdminUrl(): string | undefined {
  return process.env.VERBATIM_BENCH_DATABASE_URL ?? process.env.VERBATIM_TEST_DATABASE_URL;
}

/**
 * The databases for `quotes`, building whatever is missing (SQLite, then PostgreSQL: one at a
 * time, each build is timed) unless `build: false`, which fails instead.
 */
export async function ensureDatabases(
  quotes: number,
  options: { build?: boolean } = {},
): Promise<BenchDatabase[]> {
  const build = options.build ?? true;
  const databases = [await sqliteDatabase(quotes, build)];
  const adminUrl = postgresAdminUrl();
  if (adminUrl) databases.push(await postgresDatabase(adminUrl, quotes, build));
  else log('PostgreSQL skipped: set VERBATIM_BENCH_DATABASE_URL or VERBATIM_TEST_DATABASE_URL');
  if (build) {
    // Opening applies pending migrations; a new one can rewrite a 1M-quote table for a minute
    // or two, which belongs here, not in the locked measuring phase.
    for (const database of databases) await (await database.open()).close();
  }
  return databases;
}

if (import.meta.filename === process.argv[1]) {
  const index = process.argv.indexOf('--quotes');
  const quotes = Number(index > 0 ? process.argv[index + 1] : 1_000_000);
  for (const database of await ensureDatabases(quotes)) {
    console.log(JSON.stringify(database.build));
  }
}
