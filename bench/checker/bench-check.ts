/**
 * Checker benchmark: a 2,000-word draft (15 quotations, 30 numbers) and a 5,000-word draft
 * against 1k/10k/100k/1M generated quotes, warm (p50/p99) and cold (open + prepare + first
 * check, in a fresh process), resident memory; beside it a naive baseline (every quotation
 * against every verified quote by word edit distance) and a scan floor (tokenise + hash the draft,
 * no look-ups). Writes docs/bench/checker.md.
 *
 *   npx tsx bench/checker/bench-check.ts [--sizes 1000,10000,100000,1000000] [--no-write]
 *
 * SQLite databases are built once under $TMPDIR/verbatim-bench (the 1M one takes minutes).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckCache, checkDraft } from '../../packages/checker/src/check.ts';
import { MemoryFactLookup } from '../../packages/checker/src/memory-fact-lookup.ts';
import type { FactLookup } from '../../packages/domain/src/fact-lookup.ts';
import { quoteShingles, quoteWords, tokenizeWords } from '../../packages/domain/src/quote-text.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { buildDatabase, figureCountFor, PEOPLE } from './build-db.ts';
import { BENCH_SOURCE, draft, figureAt, people, quoteAt, vocabulary } from './generate.ts';

const DRAFT_2K = { words: 2000, quotations: 15, numbers: 30 };
const DRAFT_5K = { words: 5000, quotations: 38, numbers: 75 };
const MEMORY_MAX = 100_000;
const ANALYSIS_MARKER = '<!-- analysis: kept when the benchmark rewrites this file -->';
const here = fileURLToPath(new URL('.', import.meta.url));
const databaseFolder = join(tmpdir(), 'verbatim-bench');
const databasePath = (size: number) => join(databaseFolder, `quotes-${size}.sqlite`);

type Backend = 'sqlite' | 'memory';

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  runs: number;
  /** Median CPU time (user + system) of a run: what contention from other processes does not inflate. */
  cpuP50?: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return {
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    runs: sorted.length,
  };
}

async function time(
  run: () => Promise<unknown> | unknown,
  runs: number,
  warmup: number,
): Promise<Stats> {
  for (let index = 0; index < warmup; index++) await run();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < runs; index++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ...stats(samples), cpuP50: stats(cpu).p50 };
}

async function openLookup(
  backend: Backend,
  size: number,
): Promise<{ lookup: FactLookup; close: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const store = await SqliteFactStore.open(databasePath(size), { readonly: true });
    return { lookup: store, close: () => store.close() };
  }
  const words = vocabulary();
  const quotes = Array.from({ length: size }, (_, index) => quoteAt(index, words, PEOPLE));
  const figures = Array.from({ length: figureCountFor(size) }, (_, index) =>
    figureAt(index, words),
  );
  const lookup = new MemoryFactLookup({
    quotes,
    figures,
    people: people(PEOPLE),
    sources: [BENCH_SOURCE],
  });
  return { lookup, close: async () => {} };
}

function drafts(size: number): { small: string; large: string } {
  const words = vocabulary();
  const list = people(PEOPLE);
  return {
    small: draft(DRAFT_2K, size, figureCountFor(size), list, words),
    large: draft(DRAFT_5K, size, figureCountFor(size), list, words),
  };
}

function scanFloor(text: string): number {
  const words: string[] = [];
  for (const token of tokenizeWords(text)) if (token.kind === 'word') words.push(token.norm);
  return quoteShingles(words).length;
}

function wordDistance(a: readonly string[], b: readonly string[], row: Int32Array): number {
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** Every quotation against every verified quote: what a checker without an index does. */
function naiveCheck(text: string, verified: readonly string[][]): number {
  const row = new Int32Array(256);
  let close = 0;
  for (const match of text.matchAll(/“([^”]+)”/g)) {
    const quotation = quoteWords(match[1] ?? '');
    for (const words of verified) {
      if (wordDistance(quotation, words, row) <= Math.max(2, quotation.length / 4)) close++;
    }
  }
  return close;
}

async function child(backend: Backend, size: number): Promise<void> {
  const opened = await openLookup(backend, size);
  const { small, large } = drafts(size);
  const result: Record<string, unknown> = { backend, size };
  const findings = await checkDraft(small, opened.lookup);
  result.findings2k = findings.length;
  result.warm2k = await time(() => checkDraft(small, opened.lookup), 200, 20);
  result.warm5k = await time(() => checkDraft(large, opened.lookup), 80, 10);
  // An editor re-checking after one paragraph changed: the other paragraphs come from the cache.
  const cache = new CheckCache();
  const paragraphs = small.split('\n\n');
  await checkDraft(small, opened.lookup, { cache });
  let edit = 0;
  result.editedParagraph2k = await time(
    () => {
      edit++;
      const index = edit % paragraphs.length;
      const edited = paragraphs.map((paragraph, position) =>
        position === index ? `${paragraph} Edit ${edit}.` : paragraph,
      );
      return checkDraft(edited.join('\n\n'), opened.lookup, { cache });
    },
    200,
    10,
  );
  result.floor2k = await time(() => scanFloor(small), 200, 20);
  result.floor5k = await time(() => scanFloor(large), 80, 10);
  if (backend === 'sqlite' && size <= MEMORY_MAX) {
    const store = opened.lookup as SqliteFactStore;
    const verified = (store.db.prepare('SELECT text FROM quotes').all() as { text: string }[]).map(
      (row) => quoteWords(row.text),
    );
    result.naive2k = await time(() => naiveCheck(small, verified), size <= 10_000 ? 5 : 1, 0);
  }
  const memory = process.memoryUsage();
  result.rssMb = memory.rss / 2 ** 20;
  result.heapMb = memory.heapUsed / 2 ** 20;
  await opened.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function cold(backend: Backend, size: number): Promise<void> {
  const { small } = drafts(size);
  const started = performance.now(); // since process start: module loading is before this
  const opened = await openLookup(backend, size);
  const openedAt = performance.now();
  await checkDraft(small, opened.lookup);
  const done = performance.now();
  process.stdout.write(
    `${JSON.stringify({ loadMs: started, openMs: openedAt - started, firstCheckMs: done - openedAt, totalMs: done - started, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`,
  );
  await opened.close();
}

function spawnSelf(args: string[]): unknown {
  const tsx = join(here, '../../node_modules/.bin/tsx');
  const output = execFileSync(tsx, [fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').pop() as string);
}

function machine(): string {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  return `${nproc} × ${model}, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

async function orchestrate(sizes: number[], write: boolean): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  const colds: Record<string, unknown>[] = [];
  for (const size of sizes) {
    const build = await buildDatabase(databasePath(size), size);
    if (build.built)
      process.stderr.write(`built ${size} quotes in ${build.seconds.toFixed(0)} s\n`);
    for (const backend of ['sqlite', 'memory'] as Backend[]) {
      if (backend === 'memory' && size > MEMORY_MAX) continue;
      process.stderr.write(`${backend} ${size}: warm\n`);
      rows.push(spawnSelf(['--child', backend, String(size)]) as Record<string, unknown>);
      const runs = Array.from(
        { length: 5 },
        () => spawnSelf(['--cold', backend, String(size)]) as Record<string, number>,
      );
      const pick = (key: string) => stats(runs.map((run) => run[key] as number));
      colds.push({
        backend,
        size,
        total: pick('totalMs'),
        open: pick('openMs'),
        first: pick('firstCheckMs'),
        load: pick('loadMs'),
        rss: pick('rssMb'),
      });
    }
  }
  const report = renderReport(rows, colds);
  process.stdout.write(report);
  if (write) {
    // Keep the hand-written reading of the numbers (from the marker on) across re-runs.
    const target = join(here, '../../docs/bench/checker.md');
    let analysis = '';
    try {
      const previous = readFileSync(target, 'utf8');
      const marker = previous.indexOf(ANALYSIS_MARKER);
      if (marker >= 0) analysis = `\n${previous.slice(marker)}`;
    } catch {
      analysis = '';
    }
    writeFileSync(target, `${report}${analysis}`);
  }
}

const ms = (value: unknown) =>
  typeof value === 'number' ? (value < 10 ? value.toFixed(2) : value.toFixed(0)) : '–';

function renderReport(rows: Record<string, unknown>[], colds: Record<string, unknown>[]): string {
  const stat = (row: Record<string, unknown>, key: string) => row[key] as Stats | undefined;
  const lines = [
    '# Checker benchmark',
    '',
    `Machine: ${machine()}, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(
        ' / ',
      )} when the report was written. Generated by \`npx tsx bench/checker/bench-check.ts\`; the numbers below are from one run.`,
    '',
    'Drafts: 2,000 words with 15 quotations and 30 numbers; 5,000 words with 38 quotations and 75 numbers (filler prose from a 6,000-word generated vocabulary, Zipf-skewed; quotations mostly verified quotes, 1 in 8 misquoted, 1 in 8 misattributed, 1 in 8 unverified). Facts: N generated quotes (10–28 words), N/100 figures, 2,000 people. `sqlite` is the real store (`SqliteFactStore`, read-only, shingle index); `memory` is `MemoryFactLookup` (sorted Float64Array of shingle keys), built from the generated quotes in the process.',
    '',
    '## Warm (same process, after warm-up; milliseconds)',
    '',
    'Wall-clock times include waiting for the CPU when other processes run (this machine is shared); "CPU" is the median CPU time of one check, which they do not inflate.',
    '',
    '| facts | backend | 2k p50 | 2k p99 | 2k CPU p50 | 5k p50 | 5k p99 | one paragraph edited (2k, cache) p50 / p99 | scan floor 2k p50 | 2k ÷ floor | naive baseline 2k | RSS MB |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => {
      const warm2k = stat(row, 'warm2k');
      const floor = stat(row, 'floor2k');
      const edit = stat(row, 'editedParagraph2k');
      const naive = stat(row, 'naive2k');
      return `| ${(row.size as number).toLocaleString('en')} | ${row.backend} | ${ms(warm2k?.p50)} | ${ms(warm2k?.p99)} | ${ms(warm2k?.cpuP50)} | ${ms(stat(row, 'warm5k')?.p50)} | ${ms(stat(row, 'warm5k')?.p99)} | ${ms(edit?.p50)} / ${ms(edit?.p99)} | ${ms(floor?.p50)} | ${warm2k && floor ? (warm2k.p50 / floor.p50).toFixed(1) : '–'}× | ${naive ? `${ms(naive.p50)} (${naive.runs} run${naive.runs === 1 ? '' : 's'})` : 'not run'} | ${ms(row.rssMb)} |`;
    }),
    '',
    '## Cold (fresh process: open + prepare + first 2k check; 5 processes; milliseconds)',
    '',
    '| facts | backend | total p50 | total max | open | first check | module loading before (not counted) | RSS MB |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...colds.map((row) => {
      const total = row.total as Stats;
      return `| ${(row.size as number).toLocaleString('en')} | ${row.backend} | ${ms(total.p50)} | ${ms(total.p99)} | ${ms((row.open as Stats).p50)} | ${ms((row.first as Stats).p50)} | ${ms((row.load as Stats).p50)} | ${ms((row.rss as Stats).p50)} |`;
    }),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(args[1] as Backend, Number(args[2]));
else if (args[0] === '--cold') await cold(args[1] as Backend, Number(args[2]));
else {
  const sizesArgument = args.indexOf('--sizes');
  const sizes =
    sizesArgument >= 0
      ? (args[sizesArgument + 1] ?? '').split(',').map(Number)
      : [1000, 10_000, 100_000, 1_000_000];
  await orchestrate(sizes, !args.includes('--no-write'));
}
