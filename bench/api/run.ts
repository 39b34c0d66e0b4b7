/**
 * GraphQL API benchmark: wrk against the real server (apps/server/src/main.ts, NODE_ENV=production)
 * on loopback, the server pinned to one core and wrk to the other (taskset), over generated
 * archives of 100k and 1M quotes, a fresh server for each scenario. Each scenario is reported as a
 * ratio to a trivial `{ hello }` served the same way in the same run: the framework's floor here.
 *
 *   npx tsx bench/api/run.ts [--sizes 100000,1000000] [--duration 10] [--only search,person]
 *                            [--profile <folder>] [--no-write]
 *
 * Needs wrk (apt-get install -y wrk) and taskset. Databases are built once under
 * $TMPDIR/verbatim-bench by build-search-db.ts (the checker benchmark's archive with every quote
 * indexed for full-text search; the 1M one takes minutes: build it before taking the bench lock)
 * and copied, so the server's migrations never touch the built files.
 *
 * Searches and people rotate through thousands of different terms and names, each request the
 * next one, so no cache (SQLite's, the OS's or the server's) can answer the same query twice in a
 * row. `--profile <folder>` starts the server with `--cpu-prof` and writes its profile there.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { draft2kFor, PEOPLE } from '../checker/build-db.ts';
import { people } from '../checker/generate.ts';
import { benchCopy } from './build-search-db.ts';
import { benchmarkSearches } from './searches.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
};
const sizes = (option('sizes') ?? '100000,1000000').split(',').map(Number);
const duration = Number(option('duration') ?? 10);
const only = option('only')?.split(',');
const profileFolder = option('profile');
const write = !argv.includes('--no-write') && !only && !profileFolder;
const SERVER_CORE = 1;
const LOAD_CORE = 0;
/** Connections for throughput; one connection for single-client latency. */
const CONNECTIONS = 16;
/** Replaced by a per-request number ("Edit 17.") in drafts that must not be served from cache. */
const MARK = '@@EDIT@@';
const FLOOR = '{ hello }';
const ANALYSIS_MARKER =
  '<!-- Written by hand below: bench/api/run.ts keeps it when it rewrites the table above. -->';
/** Different searches, requested in turn: more than a 10 s run at the floor's rate can repeat. */
const VARIANTS = 5000;
/** Different 2,000-word drafts (28 MB in all), more than the server's check cache keeps. */
const NEW_DRAFTS = 2000;

function requireTool(tool: string, install: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    console.error(`bench/api: ${tool} is required: ${install}`);
    process.exit(2);
  }
}
requireTool('wrk', 'apt-get update && apt-get install -y wrk');
requireTool('taskset', 'apt-get install -y util-linux');

interface Scenario {
  name: string;
  query: string;
  /** One per request in turn (wrk cycles through them); a single one when the query never varies. */
  variables: Record<string, unknown>[];
  /** Fails the run if a response does not look like this (benchmarking errors is worthless). */
  check: (data: Record<string, unknown>, variables: Record<string, unknown>) => boolean;
}

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time (user + system) per request: what the shared machine's load cannot inflate much. */
  cpuPerRequest: number;
}

/** User + system CPU time of a process so far, in milliseconds (Linux /proc). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function scenarios(size: number): Scenario[] {
  const peopleList = people(PEOPLE);
  const searches = benchmarkSearches(size, VARIANTS).map((text) => ({ text }));
  const persons = Array.from({ length: PEOPLE }, (_, index) => {
    const person = peopleList[(index * 7919) % peopleList.length];
    if (!person) throw new Error('no generated people');
    return { name: person.aliases[0] ?? person.name, expected: person.name };
  });
  const draft2k = draft2kFor(size);
  const draftParagraphs = draft2k.trimEnd().split('\n\n');
  // The edited paragraph holds a quotation: the expensive kind to re-check.
  const editedParagraph = Math.max(
    0,
    draftParagraphs.findIndex((paragraph) => paragraph.includes('“')),
  );
  const checkQuery = `query ($text: String!) { checkDraft(text: $text) { rule severity range { start end from { line column } } replacement } }`;
  const hasFindings = (data: Record<string, unknown>) =>
    Array.isArray(data.checkDraft) && (data.checkDraft as unknown[]).length > 0;
  const hello: Scenario = {
    name: '{ hello }',
    query: '{ hello }',
    variables: [{}],
    check: (data) => data.hello === 'Hello from Verbatim',
  };
  return [
    hello,
    {
      name: 'quote search',
      query: `query ($text: String!) { quotes(text: $text, first: 10) { totalCount edges { node { id text speakers { ... on Person { name } } source { title } } } } }`,
      variables: searches,
      check: (data) => ((data.quotes as { edges: unknown[] }).edges.length ?? 0) > 0,
    },
    {
      name: 'person with quotes',
      query: `query ($name: String!) { person(nameOrAlias: $name) { name quotes(first: 10) { totalCount edges { node { id text source { title } } } } } }`,
      variables: persons.map(({ name }) => ({ name })),
      check: (data, variables) => {
        const person = data.person as { name: string; quotes: { edges: unknown[] } } | null;
        const expected = persons.find(({ name }) => name === variables.name)?.expected;
        return person?.name === expected && person.quotes.edges.length > 0;
      },
    },
    {
      // Different drafts in turn, more than the check cache holds: none of their paragraphs,
      // sentences or quotations has been checked before (an appended sentence per paragraph
      // no longer made a draft new once readings were cached by the text they read).
      name: 'checkDraft, 2,000 words, a new draft each request',
      query: checkQuery,
      variables: Array.from({ length: NEW_DRAFTS }, (_, index) => ({
        text: draft2kFor(size, 1_000 + index),
      })),
      check: hasFindings,
    },
    {
      name: 'checkDraft, 2,000 words, one paragraph edited',
      query: checkQuery,
      variables: [
        {
          text: draftParagraphs
            .map((paragraph, index) =>
              index === editedParagraph ? `${paragraph} ${MARK}` : paragraph,
            )
            .join('\n\n'),
        },
      ],
      check: hasFindings,
    },
    {
      name: 'checkDraft, 2,000 words, unchanged',
      query: checkQuery,
      variables: [{ text: draft2k }],
      check: hasFindings,
    },
    // The floor again: the machine is shared, and its load drifts during a run.
    { ...hello, name: `${FLOOR} again, at the end` },
  ];
}

function startServer(database: string): Promise<{ url: string; process: ChildProcess }> {
  const profile = profileFolder ? ['--cpu-prof', '--cpu-prof-dir', profileFolder] : [];
  const child = spawn(
    'taskset',
    [
      '-c',
      String(SERVER_CORE),
      process.execPath,
      ...profile,
      '--import',
      'tsx',
      'apps/server/src/main.ts',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, VERBATIM_DB: database, PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Verbatim GraphQL API: (\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], process: child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** How many of a scenario's variants are checked for a right answer before it is timed. */
const VERIFIED_VARIANTS = 50;

async function verify(url: string, scenario: Scenario): Promise<void> {
  for (const variables of scenario.variables.slice(0, VERIFIED_VARIANTS)) {
    // A fresh connection each time: an idle keep-alive socket from before the last wrk run may
    // have been closed by the server (keepAliveTimeout), which fetch reports as "fetch failed".
    const response = await fetch(url, {
      keepalive: false,
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ query: scenario.query, variables }).replaceAll(MARK, 'Edit 0.'),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (
      response.status !== 200 ||
      body.errors ||
      !body.data ||
      !scenario.check(body.data, variables)
    ) {
      throw new Error(
        `${scenario.name} ${JSON.stringify(variables).slice(0, 100)}: unexpected response ${JSON.stringify(body).slice(0, 500)}`,
      );
    }
  }
}

function toMilliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!match?.[1]) return Number.NaN;
  const number = Number(match[1]);
  return match[2] === 'us' ? number / 1000 : match[2] === 's' ? number * 1000 : number;
}

function runWrk(
  url: string,
  serverPid: number,
  scenario: Scenario,
  connections: number,
  seconds: number,
): Measurement {
  const script = join(tmpdir(), `verbatim-wrk-${process.pid}.lua`);
  const bodies = scenario.variables.map((variables) =>
    JSON.stringify({ query: scenario.query, variables }),
  );
  const lua = (text: string) => JSON.stringify(text); // a JSON string is a valid Lua string here
  const parts = bodies[0]?.split(MARK) ?? [];
  writeFileSync(
    script,
    `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n` +
      (parts.length > 1
        ? // Each request gets its own number in every marked paragraph: never a cache hit.
          `local parts = {${parts.map(lua).join(', ')}}\n` +
          'local counter = 0\nfunction request()\n  counter = counter + 1\n' +
          '  return wrk.format(nil, nil, nil, table.concat(parts, "Edit " .. counter .. "."))\nend\n'
        : bodies.length === 1
          ? `wrk.body = ${lua(bodies[0] ?? '')}\n`
          : // The next variant each request, from a different starting point each run.
            `local bodies = {${bodies.map(lua).join(',\n')}}\n` +
            `local counter = ${Math.floor(Math.random() * bodies.length)}\n` +
            'function request()\n  counter = counter % #bodies + 1\n' +
            '  return wrk.format(nil, nil, nil, bodies[counter])\nend\n') +
      // Count non-200 answers: wrk only reports socket errors by itself.
      'local bad = 0\nfunction response(status, headers, body) if status ~= 200 then bad = bad + 1 end end\n' +
      'function done(summary, latency, requests) io.write(string.format("non200 %d\\n", bad)) end\n',
  );
  const cpuBefore = processCpuMs(serverPid);
  const output = execFileSync(
    'taskset',
    [
      '-c',
      String(LOAD_CORE),
      'wrk',
      '-t1',
      `-c${connections}`,
      `-d${seconds}s`,
      // A slow answer is latency, not a socket error: wrk's default (2 s) would drop it from p99.
      '--timeout',
      '60s',
      '--latency',
      '-s',
      script,
      url,
    ],
    { encoding: 'utf8' },
  );
  const cpuMs = processCpuMs(serverPid) - cpuBefore;
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p50 = toMilliseconds(/^\s+50%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const p99 = toMilliseconds(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const socketErrors = /Socket errors: (.*)/.exec(output)?.[1] ?? '';
  const non200 = Number(/non200 (\d+)/.exec(output)?.[1] ?? 0);
  const errors =
    non200 + (socketErrors.match(/\d+/g) ?? []).reduce((sum, count) => sum + Number(count), 0);
  return { requestsPerSecond, p50, p99, errors, cpuPerRequest: cpuMs / requests };
}

interface Row {
  size: number;
  scenario: string;
  loaded: Measurement;
  single: Measurement;
}

const rows: Row[] = [];
const skipped: { size: number; scenario: string; reason: string }[] = [];
const loadAtStart = loadavg()[0] ?? 0;
const runStarted = new Date();

for (const size of sizes) {
  const database = await benchCopy(size);
  for (const scenario of scenarios(size)) {
    if (
      only &&
      !only.some((name) => scenario.name.includes(name)) &&
      !scenario.name.startsWith(FLOOR)
    )
      continue;
    // Each scenario on a server of its own: what one left behind (a heap full of 2,000 drafts, a
    // churned check cache) must not be charged to the next.
    const server = await startServer(database);
    try {
      try {
        await verify(server.url, scenario);
      } catch (error) {
        // Reported as not measured, with the reason: timing a wrong answer would mislead.
        skipped.push({ size, scenario: scenario.name, reason: (error as Error).message });
        console.error(`${size} ${scenario.name}: NOT MEASURED: ${(error as Error).message}`);
        continue;
      }
      const pid = server.process.pid as number;
      runWrk(server.url, pid, scenario, CONNECTIONS, 2); // warm up: JIT, page cache, statement cache
      const loaded = runWrk(server.url, pid, scenario, CONNECTIONS, duration);
      const single = runWrk(server.url, pid, scenario, 1, Math.max(3, duration / 2));
      rows.push({ size, scenario: scenario.name, loaded, single });
      console.error(
        `${size} ${scenario.name}: ${loaded.requestsPerSecond.toFixed(0)} req/s, p50 ${loaded.p50} ms, p99 ${loaded.p99} ms; one client p50 ${single.p50} ms; server CPU ${loaded.cpuPerRequest.toFixed(3)} ms/request` +
          (loaded.errors + single.errors ? ` — ${loaded.errors + single.errors} errors` : ''),
      );
    } finally {
      const exited = new Promise((resolve) => server.process.once('exit', resolve));
      server.process.kill('SIGTERM');
      await exited; // a --cpu-prof profile is written as the process exits
    }
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const wrkVersion = execFileSync('sh', ['-c', 'wrk -v 2>&1 | head -1'], { encoding: 'utf8' }).trim();
const startedAt = `${runStarted.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const format = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';
const lines = [
  '# GraphQL API: throughput and latency',
  '',
  `Machine: ${cpu} (${cpus().length} cores), Node ${process.version}, ${wrkVersion}; run started ${startedAt}.`,
  `The server (\`NODE_ENV=production\`, SQLite) runs pinned to core ${SERVER_CORE} and wrk to core ${LOAD_CORE}`,
  `(\`taskset\`), over loopback, a fresh server for each scenario; ${CONNECTIONS} connections for ${duration} s after a 2 s warm-up, then one`,
  'connection for the single-client latency. "× floor" is requests/s divided by `{ hello }`’s on',
  'a server started the same way in the same run (the mean of its two runs, first and last). "CPU ms/req" is the',
  'server process’s CPU time (user + system, from /proc) over the loaded run divided by the requests',
  'served, and "× floor by CPU" is `{ hello }`’s CPU per request divided by the scenario’s: the same',
  'ratio, less disturbed by other work on the machine (decision 107).',
  '',
  `Searches rotate through ${VARIANTS.toLocaleString('en')} different two-word searches taken from quotes anywhere in`,
  `the archive, the person scenario through all ${PEOPLE.toLocaleString('en')} people, each request the next one.`,
  `“A new draft each request” rotates through ${NEW_DRAFTS.toLocaleString('en')} different generated drafts, more than the check cache keeps.`,
  'Generated archives: the checker benchmark’s quotes (10–28 words, 2,000 people, every quote indexed',
  'for full-text search by bench/api/build-search-db.ts); the draft has 2,000 words, 15 quotations',
  'and 30 numbers. Reproduce: `npx tsx bench/api/build-search-db.ts` (outside the bench lock: it',
  'builds, copies and migrates the databases), then',
  '`flock /tmp/verbatim-bench.lock npx tsx bench/api/run.ts` (needs `apt-get install -y wrk`).',
  '',
  '| quotes | scenario | req/s | × floor | p50 ms | p99 ms | one client p50 ms | CPU ms/req | × floor by CPU | errors |',
  '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const size of new Set(rows.map((row) => row.size))) {
  // The floor is the mean of the two { hello } runs, at the start and at the end.
  const floors = rows.filter((row) => row.size === size && row.scenario.startsWith(FLOOR));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const floorRate = mean(floors.map((row) => row.loaded.requestsPerSecond));
  const floorCpu = mean(floors.map((row) => row.loaded.cpuPerRequest));
  for (const row of rows.filter((candidate) => candidate.size === size)) {
    const ratio = row.loaded.requestsPerSecond / floorRate;
    const cpuRatio = floorCpu / row.loaded.cpuPerRequest;
    lines.push(
      `| ${size.toLocaleString('en')} | ${row.scenario} | ${format(row.loaded.requestsPerSecond, 0)} | ${format(ratio, 2)} | ${format(row.loaded.p50, 2)} | ${format(row.loaded.p99, 2)} | ${format(row.single.p50, 2)} | ${format(row.loaded.cpuPerRequest, 3)} | ${format(cpuRatio, 2)} | ${row.loaded.errors + row.single.errors} |`,
    );
  }
}
for (const { size, scenario, reason } of skipped) {
  lines.push(
    `| ${size.toLocaleString('en')} | ${scenario} | not measured: ${reason.replaceAll('|', '\\|')} | | | | | | | |`,
  );
}
lines.push(
  '',
  `Load average (1 min) ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end of the run (ended ${new Date().toISOString().slice(11, 16)} UTC): on a`,
  'shared machine the server gets less than its core, so compare the ratios, not the absolute rates.',
  '',
  'Targets (issue 4): quote search ≥ 0.5× the floor with p99 ≤ 25 ms; `checkDraft` ≥ 0.2× the floor',
  'with p50 ≤ 3 ms for one client.',
  '',
);
const generated = lines.join('\n');
console.log(generated);
if (write) {
  const target = fileURLToPath(new URL('../../docs/bench/api.md', import.meta.url));
  // The reading of the numbers below the marker is written by hand and kept across re-runs.
  const previous = existsSync(target) ? readFileSync(target, 'utf8') : '';
  const analysis = previous.includes(ANALYSIS_MARKER)
    ? previous.slice(previous.indexOf(ANALYSIS_MARKER))
    : `${ANALYSIS_MARKER}\n`;
  writeFileSync(target, `${generated}\n${analysis}`);
  console.error(`wrote ${target}`);
}
