/**
 * API throughput with two server processes on one database, SQLite and PostgreSQL side by side
 * in one run (issue 7). For each backend: a database of N generated quotes (built once, reused),
 * two servers (apps/server/src/main.ts, NODE_ENV=production) on two ports, and wrk driving
 * `{ hello }` (the floor), a quote search and an editor's `verify` mutation — first both wrk
 * processes against ONE server, then one wrk per server — so the client side is the same and
 * only the number of server processes changes.
 *
 *   eval "$(packages/store/scripts/postgres-for-tests.sh start)"
 *   npx tsx bench/store/two-servers.ts [--quotes 100000] [--duration 6] [--no-write]
 *
 * SQLite: $TMPDIR/verbatim-bench-two-servers/quotes-N.sqlite. PostgreSQL: a database of its own,
 * verbatim_bench_two_servers_N, on the server of VERBATIM_BENCH_DATABASE_URL or
 * VERBATIM_TEST_DATABASE_URL. Both are kept for the next run. Nothing is pinned with taskset:
 * the two servers, wrk and (for PostgreSQL) the database server share the machine's cores.
 * Appends a section to docs/bench/store.md.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FactStore } from '../../packages/store/src/fact-store.ts';
import { PostgresFactStore } from '../../packages/store/src/postgres/postgres-store.ts';
import { withPostgresClient } from '../../packages/store/src/postgres/test-database.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { apiTokenStoreFor } from '../../packages/store/src/sqlite/sqlite-token-store.ts';
import { generateArchive } from './generate.ts';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log(
    'usage: npx tsx bench/store/two-servers.ts [--quotes 100000] [--duration 6] [--no-write]',
  );
  process.exit(0);
}
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
};
const QUOTES = Number(option('quotes') ?? 100_000);
const DURATION = Number(option('duration') ?? 6);
const WARMUP = 2;
const write = !argv.includes('--no-write');
/** Per wrk process; two wrk processes in every phase, so 2 × this in all. */
const CONNECTIONS = 8;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const PG_URL = process.env.VERBATIM_BENCH_DATABASE_URL ?? process.env.VERBATIM_TEST_DATABASE_URL;
const execFileAsync = promisify(execFile);

try {
  execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
} catch {
  console.error('bench/store/two-servers: wrk is required: apt-get install -y wrk');
  process.exit(2);
}

function log(message: string) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

interface Backend {
  name: string;
  /** Environment that points a server at the database. */
  env: Record<string, string>;
  version: string;
}

async function fill(store: FactStore, name: string): Promise<void> {
  log(`${name}: importing ${QUOTES} generated quotes (once; reused by later runs)`);
  const started = performance.now();
  await store.importDataset(generateArchive({ quotes: QUOTES }), { mode: 'replace' });
  log(`${name}: imported in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** The SQLite file, built under a temporary name and renamed so a killed build is not reused. */
async function sqliteBackend(): Promise<{ backend: Backend; token: string }> {
  const folder = join(os.tmpdir(), 'verbatim-bench-two-servers');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `quotes-${QUOTES}.sqlite`);
  if (!existsSync(path)) {
    const partial = `${path}.partial`;
    rmSync(partial, { force: true });
    const store = await SqliteFactStore.open(partial);
    await fill(store, 'SQLite');
    await store.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    renameSync(partial, path);
  }
  const store = await SqliteFactStore.open(path);
  const version = String(store.db.prepare('select sqlite_version()').pluck().get());
  const { token } = await apiTokenStoreFor(store).createApiToken('editor', 'two-servers bench');
  await store.close();
  return { backend: { name: 'SQLite', env: { VERBATIM_DB: path }, version }, token };
}

/** A database of its own on the test server; refilled when it does not hold the archive. */
async function postgresBackend(adminUrl: string): Promise<{ backend: Backend; token: string }> {
  const name = `verbatim_bench_two_servers_${QUOTES}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const version = await withPostgresClient(adminUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
  const store = await PostgresFactStore.open(url.href);
  try {
    const counts = await store.counts();
    if (counts.quotes !== QUOTES) await fill(store, 'PostgreSQL');
    const { token } = await apiTokenStoreFor(store).createApiToken('editor', 'two-servers bench');
    return {
      backend: { name: 'PostgreSQL', env: { DATABASE_URL: url.href }, version },
      token,
    };
  } finally {
    await store.close();
  }
}

function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      VERBATIM_DB: '',
      DATABASE_URL: '',
      ...env,
      PORT: '0',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Verbatim GraphQL API: (\S+)/.exec(output);
      if (match?.[1]) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the bench reads a few known fields of each answer
async function graphql(url: string, query: string, variables = {}, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      connection: 'close',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || body.errors) {
    throw new Error(`unexpected response ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body.data;
}

interface Scenario {
  name: string;
  /** The Lua that sets wrk.body or defines request(). */
  request: string;
  /** A response without this text counts as an error (wrong answers are not throughput). */
  expect: string;
  token?: string;
}

function lua(text: string): string {
  return JSON.stringify(text);
}

async function scenarios(url: string, token: string): Promise<Scenario[]> {
  const seeded = await graphql(url, '{ quotes(first: 100) { edges { node { id text } } } }');
  const quotes: { id: string; text: string }[] = seeded.quotes.edges.map(
    (edge: { node: { id: string; text: string } }) => edge.node,
  );
  // Two of the longer words of a real quote, as a reporter searches for a phrase they remember.
  const searchWords = (quotes[42]?.text ?? '')
    .toLowerCase()
    .replace(/[^\p{L} ]/gu, '')
    .split(' ')
    .filter((word) => word.length >= 6)
    .slice(0, 2)
    .join(' ');
  const search = JSON.stringify({
    query: `query ($text: String!) { quotes(text: $text, first: 10) { totalCount edges { node { id text speakers { ... on Person { name } } source { title } } } } }`,
    variables: { text: searchWords },
  });
  const verifyQuery =
    'mutation ($fact: ID!, $note: String!) { verify(fact: $fact, method: "bench", note: $note) { __typename ... on FactStatusChange { event { id } } ... on Error { message } } }';
  const ids = quotes.map((quote) => quote.id);
  const result: Scenario[] = [
    {
      name: '{ hello }',
      request: `wrk.body = ${lua(JSON.stringify({ query: '{ hello }' }))}\n`,
      expect: 'Hello from Verbatim',
    },
    { name: 'quote search', request: `wrk.body = ${lua(search)}\n`, expect: '"edges":[{' },
    {
      name: 'verify (editor token)',
      token,
      // Each request verifies one of 100 quotes in turn with its own note: a real write each time.
      request:
        `local ids = {${ids.map(lua).join(', ')}}\nlocal counter = 0\n` +
        'function request()\n  counter = counter + 1\n' +
        `  local body = string.format(${lua(`{"query":${JSON.stringify(verifyQuery)},"variables":{"fact":"%s","note":"bench %s %d"}}`)}, ids[(counter % #ids) + 1], prefix, counter)\n` +
        '  return wrk.format(nil, nil, nil, body)\nend\n',
      expect: '"FactStatusChange"',
    },
  ];
  // Each scenario once by hand first: timing errors would mislead.
  await graphql(url, '{ hello }');
  const found = await graphql(url, JSON.parse(search).query, { text: searchWords });
  if (found.quotes.edges.length === 0) throw new Error(`search "${searchWords}" found nothing`);
  const verified = await graphql(url, verifyQuery, { fact: ids[0], note: 'bench check' }, token);
  if (verified.verify.__typename !== 'FactStatusChange') {
    throw new Error(`verify answered ${JSON.stringify(verified)}`);
  }
  return result;
}

interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

function toMilliseconds(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!match?.[1]) return Number.NaN;
  const number = Number(match[1]);
  return match[2] === 'us' ? number / 1000 : match[2] === 's' ? number * 1000 : number;
}

async function wrk(url: string, scenario: Scenario, prefix: string, seconds: number) {
  const script = join(os.tmpdir(), `verbatim-two-servers-${process.pid}-${prefix}.lua`);
  writeFileSync(
    script,
    `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n` +
      (scenario.token
        ? `wrk.headers["Authorization"] = ${lua(`Bearer ${scenario.token}`)}\n`
        : '') +
      `prefix = ${lua(prefix)}\n` +
      scenario.request +
      'local bad = 0\n' +
      `function response(status, headers, body) if status ~= 200 or not string.find(body, ${lua(scenario.expect)}, 1, true) then bad = bad + 1 end end\n` +
      'function done(summary, latency, requests) io.write(string.format("bad %d\\n", bad)) end\n',
  );
  const { stdout } = await execFileAsync(
    'wrk',
    ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', script, url],
    { encoding: 'utf8' },
  );
  rmSync(script, { force: true });
  const socketErrors = /Socket errors: (.*)/.exec(stdout)?.[1] ?? '';
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]),
    p50: toMilliseconds(/^\s+50%\s+(\S+)/m.exec(stdout)?.[1] ?? ''),
    p99: toMilliseconds(/^\s+99%\s+(\S+)/m.exec(stdout)?.[1] ?? ''),
    requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0),
    errors:
      Number(/bad (\d+)/.exec(stdout)?.[1] ?? 0) +
      (socketErrors.match(/\d+/g) ?? []).reduce((sum, count) => sum + Number(count), 0),
  };
}

/**
 * Two wrk processes at once, one per URL. Requests/s and errors add up; the latency percentiles
 * cannot be merged from wrk's summaries, so the worse of the two is reported.
 */
async function phase(urls: [string, string], scenario: Scenario, seconds: number) {
  const [a, b] = await Promise.all([
    wrk(urls[0], scenario, 'a', seconds),
    wrk(urls[1], scenario, 'b', seconds),
  ]);
  return {
    requestsPerSecond: a.requestsPerSecond + b.requestsPerSecond,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    errors: a.errors + b.errors,
    requests: a.requests + b.requests,
  } satisfies Measurement;
}

interface Row {
  backend: string;
  scenario: string;
  one: Measurement;
  two: Measurement;
}

async function measure(backend: Backend, token: string): Promise<Row[]> {
  const servers = [await startServer(backend.env), await startServer(backend.env)];
  const [first, second] = servers;
  if (!first || !second) throw new Error('servers did not start');
  log(`${backend.name}: servers at ${first.url} and ${second.url}`);
  const rows: Row[] = [];
  try {
    await graphql(second.url, '{ hello }');
    for (const scenario of await scenarios(first.url, token)) {
      await phase([first.url, second.url], scenario, WARMUP); // JIT, caches, on both servers
      const one = await phase([first.url, first.url], scenario, DURATION);
      const two = await phase([first.url, second.url], scenario, DURATION);
      rows.push({ backend: backend.name, scenario: scenario.name, one, two });
      log(
        `${backend.name} ${scenario.name}: one server ${one.requestsPerSecond.toFixed(0)} req/s (p50 ${one.p50} ms, p99 ${one.p99} ms, ${one.errors} errors); ` +
          `two servers ${two.requestsPerSecond.toFixed(0)} req/s (p50 ${two.p50} ms, p99 ${two.p99} ms, ${two.errors} errors)`,
      );
    }
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
  return rows;
}

async function main() {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const backends: { backend: Backend; token: string }[] = [await sqliteBackend()];
  if (PG_URL) backends.push(await postgresBackend(PG_URL));
  else log('PostgreSQL skipped: set VERBATIM_BENCH_DATABASE_URL or VERBATIM_TEST_DATABASE_URL');
  const loadBeforeWrk = os.loadavg()[0] ?? 0;
  const rows: Row[] = [];
  for (const { backend, token } of backends) rows.push(...(await measure(backend, token)));

  const format = (value: number, digits = 1) =>
    Number.isFinite(value) ? value.toFixed(digits) : '—';
  const cell = (m: Measurement) =>
    `${format(m.requestsPerSecond, 0)} | ${format(m.p50, 2)} / ${format(m.p99, 2)} | ${m.errors}`;
  const wrkVersion = execFileSync('sh', ['-c', 'wrk -v 2>&1 | head -1'], {
    encoding: 'utf8',
  }).trim();
  const lines = [
    '',
    `## API throughput with two server processes (${QUOTES.toLocaleString('en')} quotes)`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npx tsx bench/store/two-servers.ts --quotes ${QUOTES}\`.`,
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.cpus().length}, Node ${process.version}, ${wrkVersion}; ` +
      backends.map(({ backend }) => `${backend.name} ${backend.version}`).join(', ') +
      '. 1-minute load average ' +
      `${loadAtStart.toFixed(1)} at the start, ${loadBeforeWrk.toFixed(1)} before the first wrk phase, ` +
      `${(os.loadavg()[0] ?? 0).toFixed(1)} at the end (the machine is shared with other work).`,
    '',
    `Two servers (\`apps/server/src/main.ts\`, \`NODE_ENV=production\`) on one database, two ports. In every`,
    `phase two wrk processes run at once (${CONNECTIONS} connections each, ${DURATION} s, after a ${WARMUP} s warm-up):`,
    '"one server" sends both to the same server, "two servers" one to each, so only the number of server',
    'processes changes. Nothing is pinned: servers, wrk and PostgreSQL share all cores. Requests/s is the',
    'sum of both wrk processes; p50 / p99 is the worse of the two; errors are non-200 answers, answers',
    'without the expected data, and socket errors. Quote search: `quotes(text:, first: 10)` with two words',
    'of a real quote. Verify: the `verify` mutation by an editor token on 100 quotes in turn.',
    '',
    '| backend | scenario | one server req/s | p50 / p99 ms | errors | two servers req/s | p50 / p99 ms | errors | two ÷ one |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.backend} | ${row.scenario} | ${cell(row.one)} | ${cell(row.two)} | ${format(row.two.requestsPerSecond / row.one.requestsPerSecond, 2)} |`,
    ),
    '',
    '',
  ];
  const report = lines.join('\n');
  console.log(report);
  if (write) {
    const target = fileURLToPath(new URL('../../docs/bench/store.md', import.meta.url));
    appendFileSync(target, report);
    log(`appended to ${target}`);
  }
}

await main();
