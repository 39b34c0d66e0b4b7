/**
 * One `importDataset` (replace) of a generated archive into an empty SQLite store: the bulk-load
 * path of decisions 090, 100 and 101. Prints wall and CPU seconds and the load average (the machine
 * is shared). bench/extract/bench-extract.ts --bulk N measures the same and writes the docs.
 *
 *   NODE_OPTIONS=--max-old-space-size=10240 npx tsx bench/store/bulk-load-sqlite.ts --quotes 1000000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { generateArchive } from './generate.ts';

const quotesArg = process.argv.indexOf('--quotes');
const QUOTES = Number(quotesArg > 0 ? process.argv[quotesArg + 1] : 1_000_000);
const load = () => (os.loadavg()[0] ?? 0).toFixed(1);
const work = mkdtempSync(join(os.tmpdir(), 'verbatim-bulk-load-'));
try {
  const archive = generateArchive({ quotes: QUOTES });
  const store = await SqliteFactStore.open(join(work, 'bulk.sqlite'));
  console.log(`generated ${archive.quotes.length} quotes; 1-minute load average ${load()}`);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await store.importDataset(archive, { mode: 'replace' });
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  console.log(
    `importDataset (replace) of ${QUOTES} quotes: wall ${wall.toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; 1-minute load average ${load()}`,
  );
  console.log(await store.counts());
  await store.close();
} finally {
  rmSync(work, { recursive: true, force: true });
}
