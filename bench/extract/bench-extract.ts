/**
 * Extraction and ingest speed (issue 5):
 *   - extraction: 1,000 generated ~800-word articles through extractArticle, one core;
 *   - storing: their quotes and figures written with every index maintained, batched transactions
 *     (one importDataset per 100 articles), and the ingest path (one transaction per article);
 *   - bulk load (--bulk N, 0 to skip): N generated quotes with all indexes in ONE importDataset
 *     into an empty store, as bench/store/bulk-load-sqlite.ts does; the archive is generated
 *     before the clock starts.
 * Every step reports wall and CPU time (this process: user + system, V8's helper threads
 * included), because the machine is shared.
 *
 *   NODE_OPTIONS=--max-old-space-size=10240 \
 *     flock /tmp/verbatim-bench.lock npx tsx bench/extract/bench-extract.ts --articles 1000 --bulk 1000000
 *
 * Rewrites the measured part of docs/bench/extract.md (or --out FILE); the hand-written reading
 * of the numbers, from ANALYSIS_MARKER on, is kept.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../../packages/domain/src/dataset.ts';
import { toDatasetFragment } from '../../packages/extract/src/dataset-fragment.ts';
import { extractArticle } from '../../packages/extract/src/extract.ts';
import type { ExtractedArticle } from '../../packages/extract/src/types.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { generateArchive } from '../store/generate.ts';
import { generateArticle } from './generate-articles.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) {
  args.set(process.argv[i]?.replace(/^--/, '') ?? '', process.argv[i + 1] ?? '');
}
const ARTICLES = Number(args.get('articles') ?? 1000);
const BULK = Number(args.get('bulk') ?? 1_000_000);
const BATCH = 100;
const INGEST = Math.min(ARTICLES, 300);
const OUT = args.get('out') ?? join(import.meta.dirname, '../../docs/bench/extract.md');
const ANALYSIS_MARKER = '<!-- analysis: kept when the benchmark rewrites this file -->';

const load = () => os.loadavg()[0] ?? 0;
const utc = () => new Date().toISOString().slice(11, 19);
const startedAt = { load: load(), time: utc(), date: new Date().toISOString().slice(0, 10) };

/** Runs `work`, returning its wall and CPU seconds. */
async function timed(work: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - wallStart) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}
const rate = (count: number, time: { wall: number; cpu: number }) =>
  `${(count / time.wall).toFixed(0)} / ${(count / time.cpu).toFixed(0)}`;

const work = mkdtempSync(join(os.tmpdir(), 'verbatim-bench-extract-'));

function hash(n: number): string {
  return `sha256:${n.toString(16).padStart(64, '0')}`;
}

function merge(fragments: Dataset[]): Dataset {
  const first = fragments[0] as Dataset;
  return {
    ...first,
    sources: fragments.flatMap((f) => f.sources),
    organisations: fragments.flatMap((f) => f.organisations),
    people: fragments.flatMap((f) => f.people),
    quotes: fragments.flatMap((f) => f.quotes),
    figures: fragments.flatMap((f) => f.figures),
    events: fragments.flatMap((f) => f.events),
  };
}

// 1. Extraction.
const texts = Array.from({ length: ARTICLES }, (_, i) => generateArticle(i));
const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
for (const text of texts.slice(0, 50)) extractArticle({ text }); // warm-up
let extracted: ExtractedArticle[] = [];
const extraction = await timed(() => {
  extracted = texts.map((text) => extractArticle({ text }));
});
const quotesExtracted = extracted.reduce((n, a) => n + a.quotes.length, 0);
const figuresExtracted = extracted.reduce((n, a) => n + a.figures.length, 0);
console.log(`extraction: ${rate(ARTICLES, extraction)} articles/s (wall / CPU)`);

// 2a. Storing in batched transactions (a fresh store, no warm-up: the first batch pays for
// preparing statements, as a real first batch does).
const fragments = extracted.map(
  (article, i) =>
    toDatasetFragment(article, { people: [], organisations: [] }, { contentHash: hash(i) }).dataset,
);
const batches: Dataset[] = [];
for (let i = 0; i < fragments.length; i += BATCH)
  batches.push(merge(fragments.slice(i, i + BATCH)));
const storedQuotes = fragments.reduce((n, f) => n + f.quotes.length, 0);
const storedFigures = fragments.reduce((n, f) => n + f.figures.length, 0);
const batchedStore = await SqliteFactStore.open(join(work, 'batched.sqlite'));
const batched = await timed(async () => {
  for (const batch of batches) await batchedStore.importDataset(batch, { mode: 'merge' });
});
await batchedStore.close();
console.log(`storing, batched: ${rate(storedQuotes, batched)} quotes/s (wall / CPU)`);

// 2b. The ingest path: person look-ups and one transaction per article.
const perArticleStore = await SqliteFactStore.open(join(work, 'per-article.sqlite'));
const perArticle = await timed(async () => {
  for (let i = 0; i < INGEST; i++) {
    const article = extracted[i] as ExtractedArticle;
    const people = (
      await Promise.all(article.people.map((p) => perArticleStore.findPeopleByName(p.name)))
    ).flat();
    const fragment = toDatasetFragment(
      article,
      { people, organisations: [] },
      { contentHash: hash(i) },
    );
    await perArticleStore.importDataset(fragment.dataset, { mode: 'merge' });
  }
});
const perArticleCounts = await perArticleStore.counts();
await perArticleStore.close();
console.log(`ingest path: ${rate(INGEST, perArticle)} articles/s (wall / CPU)`);

// 3. Bulk load: one import of the whole archive into an empty store.
let bulkRow = '';
if (BULK > 0) {
  const archive = generateArchive({ quotes: BULK });
  const bulkStore = await SqliteFactStore.open(join(work, 'bulk.sqlite'));
  const loadBefore = load();
  const bulk = await timed(() => bulkStore.importDataset(archive, { mode: 'replace' }));
  const counts = await bulkStore.counts();
  await bulkStore.close();
  console.log(
    `bulk: ${BULK} quotes in ${bulk.wall.toFixed(1)} s wall, ${bulk.cpu.toFixed(1)} s CPU`,
  );
  bulkRow = `| Bulk load of ${BULK.toLocaleString('en')} quotes with all indexes (one \`importDataset\` into an empty store; ${counts.figures.toLocaleString('en')} figures, ${counts.sources.toLocaleString('en')} sources, ${counts.people.toLocaleString('en')} people, ${counts.events.toLocaleString('en')} events; 1-minute load ${loadBefore.toFixed(1)} → ${load().toFixed(1)}), s wall / s CPU | ${bulk.wall.toFixed(1)} / ${bulk.cpu.toFixed(1)} | ≤ 180 |\n`;
}
rmSync(work, { recursive: true, force: true });

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const report = `# Extraction and ingest speed

Measured ${startedAt.date}, ${startedAt.time}–${utc()} UTC, on ${cpu} (${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB), Node ${process.version};
1-minute load average ${startedAt.load.toFixed(1)} at the start and ${load().toFixed(1)} at the end (the machine is shared),
by \`npx tsx bench/extract/bench-extract.ts --articles ${ARTICLES} --bulk ${BULK}\` under \`flock /tmp/verbatim-bench.lock\`.
Articles are generated (bench/extract/generate-articles.ts): about ${Math.round(words / ARTICLES)} words, ${(quotesExtracted / ARTICLES).toFixed(1)} quotes
and ${(figuresExtracted / ARTICLES).toFixed(1)} figures each. Everything runs in one Node thread.
Rates are given as wall / CPU: "wall" divides by elapsed time, "CPU" by this process's CPU time
(user + system, V8's helper threads included), which other processes on a busy machine disturb
much less.

| What | Result (wall / CPU) | Target |
| --- | --- | --- |
| Extraction (\`extractArticle\`), articles/s | ${rate(ARTICLES, extraction)} | ≥ 500 |
| Extraction, words/s | ${(words / extraction.wall / 1000).toFixed(0)}k / ${(words / extraction.cpu / 1000).toFixed(0)}k | |
| Storing with every index, batched (one \`importDataset\` per ${BATCH} articles, ${storedQuotes} quotes and ${storedFigures} figures, ${batched.wall.toFixed(2)} s wall, ${batched.cpu.toFixed(2)} s CPU), quotes/s | ${rate(storedQuotes, batched)} | ≥ 5,000 |
| Ingest path (person look-ups, one transaction per article, ${INGEST} articles, ${perArticleCounts.quotes} quotes), articles/s | ${rate(INGEST, perArticle)} | |
${bulkRow}
Storing counts only the database writes (extraction and building the fragments are measured
separately above). The bulk load uses the store benchmark's generated archive
(bench/store/generate.ts); every index, the full-text tables and the quote shingles are written
in the import's one transaction.
`;
let analysis = '';
try {
  const previous = readFileSync(OUT, 'utf8');
  const marker = previous.indexOf(ANALYSIS_MARKER);
  if (marker >= 0) analysis = `\n${previous.slice(marker)}`;
} catch {
  analysis = '';
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${report}${analysis}`);
console.log(report);
