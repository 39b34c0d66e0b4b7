/**
 * The batched storing step of bench-extract.ts alone, for profiling and quick A/B runs: extracts
 * the generated articles (not timed), then times `importDataset` per 100 articles and closing the
 * store (its last checkpoint), wall and CPU, `--repeat` times, each into a fresh store.
 *
 *   npx tsx bench/extract/profile-store.ts [--articles 1000] [--repeat 3]
 *   node --cpu-prof --cpu-prof-dir /tmp/prof --import tsx bench/extract/profile-store.ts --repeat 1
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../../packages/domain/src/dataset.ts';
import { toDatasetFragment } from '../../packages/extract/src/dataset-fragment.ts';
import { extractArticle } from '../../packages/extract/src/extract.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { generateArticle } from './generate-articles.ts';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ARTICLES = option('articles', 1000);
const REPEAT = option('repeat', 3);
const BATCH = 100;

const fragments = Array.from({ length: ARTICLES }, (_, i) => {
  const article = extractArticle({ text: generateArticle(i) });
  const contentHash = `sha256:${i.toString(16).padStart(64, '0')}`;
  return toDatasetFragment(article, { people: [], organisations: [] }, { contentHash }).dataset;
});
const batches: Dataset[] = [];
for (let i = 0; i < fragments.length; i += BATCH) {
  const slice = fragments.slice(i, i + BATCH);
  const first = slice[0] as Dataset;
  batches.push({
    ...first,
    sources: slice.flatMap((f) => f.sources),
    organisations: slice.flatMap((f) => f.organisations),
    people: slice.flatMap((f) => f.people),
    quotes: slice.flatMap((f) => f.quotes),
    figures: slice.flatMap((f) => f.figures),
    events: slice.flatMap((f) => f.events),
  });
}
const quotes = fragments.reduce((n, f) => n + f.quotes.length, 0);

const work = mkdtempSync(join(os.tmpdir(), 'verbatim-profile-store-'));
try {
  for (let run = 0; run < REPEAT; run++) {
    const store = await SqliteFactStore.open(join(work, `run-${run}.sqlite`));
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (const batch of batches) await store.importDataset(batch, { mode: 'merge' });
    // Closing checkpoints what is left in the WAL: part of the cost of the writes.
    await store.close();
    const wall = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `run ${run + 1}: ${quotes} quotes, wall ${wall.toFixed(2)} s (${(quotes / wall).toFixed(0)}/s), CPU ${cpuSeconds.toFixed(2)} s (${(quotes / cpuSeconds).toFixed(0)}/s), load ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
