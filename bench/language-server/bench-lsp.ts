/**
 * Language server latency: the real server process on stdio (the bin editors start) with the
 * SQLite store of 1M generated quotes, a 2,000-word draft open, and edits sent as an editor sends
 * them. Measures edit → publishDiagnostics (debounce included), the check itself in-process
 * (whole draft without the paragraph cache, and the one edited paragraph with it), and the
 * server's resident memory. Writes docs/bench/language-server.md.
 *
 *   npx tsx bench/language-server/bench-lsp.ts [--sizes 100000,1000000] [--edits 40] [--no-write]
 *
 * The database is the checker benchmark's ($TMPDIR/verbatim-bench/quotes-N.sqlite), built once.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckCache, checkDraft } from '../../packages/checker/src/check.ts';
// The tests' helper: spawns the server's bin on stdio and connects a JSON-RPC client to it.
import { spawnServer } from '../../packages/language-server/test/server-process.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { buildDatabase, figureCountFor, PEOPLE } from '../checker/build-db.ts';
import { draft, people, vocabulary } from '../checker/generate.ts';

const argument = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
const SIZES = argument('sizes', '1000000').split(',').map(Number);
const EDITS = Number(argument('edits', '40'));
const WRITE = !process.argv.includes('--no-write');
const DRAFT_2K = { words: 2000, quotations: 15, numbers: 30 };
const ROOT = new URL('../../', import.meta.url).pathname;
const databasePath = (size: number) => join(tmpdir(), 'verbatim-bench', `quotes-${size}.sqlite`);

interface Stats {
  p50: number;
  p95: number;
  max: number;
  runs: number;
}
function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0, runs: sorted.length };
}
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

async function waitForDatabase(database: string, size: number): Promise<void> {
  // Another benchmark may be building the same database: wait for it instead of racing it.
  while (!existsSync(database) && existsSync(`${database}.partial`)) {
    process.stderr.write(`waiting for ${database}.partial to be finished…\n`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
  const built = await buildDatabase(database, size);
  if (built.built) process.stderr.write(`built ${database} in ${built.seconds.toFixed(0)} s\n`);
}

/** Offsets of each paragraph's end (before its blank line), to edit one paragraph at a time. */
function paragraphEnds(text: string): number[] {
  const ends: number[] = [];
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 2)) ends.push(at);
  return ends;
}

function lspPosition(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function serverLatency(text: string, database: string) {
  const workspace = mkdtempSync(join(tmpdir(), 'verbatim-lsp-bench-'));
  writeFileSync(join(workspace, '.verbatim.yml'), `facts: ${database}\n`);
  const uri = pathToFileURL(join(workspace, 'draft.md')).href;
  const server = spawnServer();
  const { connection, process: child } = server;
  const waiting = new Map<number, (at: number) => void>();
  const published: { version: number; count: number }[] = [];
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: { uri: string; version?: number; diagnostics: unknown[] }) => {
      if (params.uri !== uri || params.version === undefined) return;
      published.push({ version: params.version, count: params.diagnostics.length });
      waiting.get(params.version)?.(performance.now());
    },
  );
  connection.onNotification('window/logMessage', () => {});
  connection.onNotification('verbatim/status', () => {});
  const publishedFor = (version: number) =>
    new Promise<number>((resolve) => waiting.set(version, resolve));

  const startedAt = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    capabilities: {},
  });
  await connection.sendNotification('initialized', {});
  let version = 1;
  const first = publishedFor(version);
  const openedAt = performance.now();
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version, text },
  });
  const firstPublish = (await first) - openedAt;
  const startToFirst = (await first) - startedAt;
  const findings = published.at(-1)?.count ?? 0;

  // One edit at a time, each in a different paragraph: a word typed at its end.
  let current = text;
  const latencies: number[] = [];
  const ends = paragraphEnds(text);
  for (let edit = 0; edit < EDITS; edit++) {
    const paragraph = edit % ends.length;
    const offset = paragraphEnds(current)[paragraph] ?? current.length;
    const inserted = edit % 2 === 0 ? ' Indeed.' : ' Quite.';
    const position = lspPosition(current, offset);
    current = current.slice(0, offset) + inserted + current.slice(offset);
    version += 1;
    const done = publishedFor(version);
    const sentAt = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text: inserted }],
    });
    latencies.push((await done) - sentAt);
  }

  // A burst of keystrokes 30 ms apart: only the last version is published.
  const burstStart = published.length;
  for (let key = 0; key < 5; key++) {
    const offset = paragraphEnds(current)[0] ?? 0;
    const position = lspPosition(current, offset);
    current = `${current.slice(0, offset)}x${current.slice(offset)}`;
    version += 1;
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
    });
    if (key < 4) await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const lastKeyAt = performance.now();
  const burstDone = await publishedFor(version);
  const burstPublishes = published.length - burstStart;

  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const rss = kib('VmRSS') / 1024;
  const peak = kib('VmHWM') / 1024;

  await server.stop();
  rmSync(workspace, { recursive: true, force: true });
  return {
    firstPublish,
    startToFirst,
    findings,
    latencies: stats(latencies),
    burst: { afterLastKey: burstDone - lastKeyAt, publishes: burstPublishes },
    rss,
    peak,
  };
}

async function checkTimings(text: string, database: string) {
  const store = await SqliteFactStore.open(database, { readonly: true });
  const full: number[] = [];
  for (let run = 0; run < 25; run++) {
    const started = performance.now();
    await checkDraft(text, store, { cache: new CheckCache() });
    if (run >= 5) full.push(performance.now() - started);
  }
  const cache = new CheckCache();
  await checkDraft(text, store, { cache });
  const ends = paragraphEnds(text);
  const afterEdit: number[] = [];
  const paragraphOnly: number[] = [];
  let current = text;
  for (let run = 0; run < 60; run++) {
    const paragraph = run % ends.length;
    const offset = paragraphEnds(current)[paragraph] ?? 0;
    current = `${current.slice(0, offset)} Indeed.${current.slice(offset)}`;
    // What the server runs after an edit: the whole text, all but one paragraph from the cache.
    let started = performance.now();
    await checkDraft(current, store, { cache });
    if (run >= 10) afterEdit.push(performance.now() - started);
    // The edited paragraph alone, new to the cache: the cost of re-checking one paragraph.
    const start = current.lastIndexOf('\n\n', offset - 1) + 2;
    const edited = `${current.slice(start, offset)} Again.`;
    started = performance.now();
    await checkDraft(edited, store, { cache });
    if (run >= 10) paragraphOnly.push(performance.now() - started);
  }
  await store.close();
  return { full: stats(full), afterEdit: stats(afterEdit), paragraph: stats(paragraphOnly) };
}

const words = vocabulary();
const results: {
  size: number;
  words: number;
  checks: Awaited<ReturnType<typeof checkTimings>>;
  server: Awaited<ReturnType<typeof serverLatency>>;
}[] = [];
for (const size of SIZES) {
  const database = databasePath(size);
  await waitForDatabase(database, size);
  const text = draft(DRAFT_2K, size, figureCountFor(size), people(PEOPLE), words);
  const checks = await checkTimings(text, database);
  const server = await serverLatency(text, database);
  results.push({ size, words: text.split(/\s+/).filter(Boolean).length, checks, server });
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
const date = new Date().toISOString().slice(0, 10);
const verdict = (value: number, budget: number) => (value <= budget ? '✅' : '❌');
const quotes = (size: number) => `${size.toLocaleString('en')} quotes`;
const row = (label: string, budget: string, cell: (result: (typeof results)[number]) => string) =>
  `| ${label} | ${budget} | ${results.map(cell).join(' | ')} |`;
const triple = (value: Stats, budget?: number) =>
  `${ms(value.p50)} / ${ms(value.p95)} / ${ms(value.max)}${budget === undefined ? '' : ` ${verdict(value.p50, budget)}`}`;
const report = `# Language server latency

${date} — ${machine}. A shared machine: other benchmarks were running at the same time, so the
p95 and max columns carry their noise; p50 is the figure to compare with the budgets.

\`npx tsx bench/language-server/bench-lsp.ts --sizes ${SIZES.join(',')} --edits ${EDITS}\`: the real
server process on stdio (started by its bin, as editors start it), its facts the SQLite store of
generated quotes (the checker benchmark's databases), a ${results[0]?.words.toLocaleString('en')}-word
Markdown draft with 15 quotations and 30 numbers open; ${EDITS} edits, each a word typed at the end of a
different paragraph, sent as incremental didChange notifications one after the other.

Times are p50 / p95 / max.

| Measure | Budget | ${results.map((result) => quotes(result.size)).join(' | ')} |
| --- | --- | ${results.map(() => '---').join(' | ')} |
${row('Edit → publishDiagnostics (debounce of 100 ms included)', '≤ 150 ms', (r) => triple(r.server.latencies, 150))}
${row('The check after an edit (whole draft; unchanged paragraphs from the cache)', '≤ 20 ms', (r) => triple(r.checks.afterEdit, 20))}
${row('Re-checking the one edited paragraph', '≤ 3 ms', (r) => triple(r.checks.paragraph, 3))}
${row('For comparison: whole draft without the paragraph cache (warm database)', '—', (r) => triple(r.checks.full))}
${row('Server resident memory after the edits (VmRSS)', '≤ 300 MB', (r) => `${r.server.rss.toFixed(0)} MB ${verdict(r.server.rss, 300)}`)}
${row('Server peak resident memory (VmHWM)', '—', (r) => `${r.server.peak.toFixed(0)} MB`)}
${row('didOpen → first diagnostics (cold server, facts just opened)', '—', (r) => ms(r.server.firstPublish))}
${row('Process start → first diagnostics (includes tsx compiling the server)', '—', (r) => ms(r.server.startToFirst))}
${row('Findings in the draft', '—', (r) => String(r.server.findings))}
${row('Burst of 5 keystrokes 30 ms apart: publishes; last key → diagnostics', '—', (r) => `${r.server.burst.publishes}; ${ms(r.server.burst.afterLastKey)}`)}

The edit latency is the debounce (100 ms after the last keystroke) plus the check of the edited
paragraph plus two trips over stdio; the burst row shows the debounce at work (one publish for
five keystrokes). The check timings run in the benchmark process with the same checker and
database the server uses. Facts stay on disk in SQLite, so the server's memory does not grow with
their number.
`;
console.log(report);
if (WRITE) {
  writeFileSync(join(ROOT, 'docs/bench/language-server.md'), report);
  console.log('wrote docs/bench/language-server.md');
}
