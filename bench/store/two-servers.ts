/**
 * API throughput with two server processes on one database (issue 7). For each backend: two
 * servers (apps/server/src/main.ts, NODE_ENV=production) on two ports over the benchmark's
 * database (bench/store/databases.ts), and wrk driving `{ hello }` (the floor), a quote search
 * and an editor's `verify` mutation — first both wrk processes against ONE server, then one wrk
 * per server — so the client side is the same and only the number of server processes changes.
 * Before timing, a verification made through one server must reach the other's `factChanged`
 * subscribers (server-sent events): on PostgreSQL through LISTEN/NOTIFY.
 *
 * bench/store/run.ts runs this as part of the store benchmark (under the bench lock) and writes
 * the docs; alone it prints its table:
 *
 *   eval "$(packages/store/scripts/postgres-for-tests.sh start)"
 *   flock /tmp/verbatim-bench.lock npx tsx bench/store/two-servers.ts [--quotes 100000] [--duration 6]
 *
 * Nothing is pinned with taskset: the two servers, wrk and (for PostgreSQL) the database server
 * share the machine's cores.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiTokenStoreFor } from '../../packages/store/src/sqlite/sqlite-token-store.ts';
import { type BenchDatabase, ensureDatabases } from './databases.ts';

/** Per wrk process; two wrk processes in every phase, so 2 × this in all. */
export const CONNECTIONS = 8;
export const WARMUP = 2;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const execFileAsync = promisify(execFile);

function log(message: string) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export function requireWrk(): string {
  try {
    return execFileSync('sh', ['-c', 'wrk -v 2>&1 | head -1'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('bench/store/two-servers: wrk is required: apt-get install -y wrk');
  }
}

async function editorToken(database: BenchDatabase): Promise<string> {
  const store = await database.open();
  try {
    return (await apiTokenStoreFor(store).createApiToken('editor', 'two-servers bench')).token;
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

async function scenarios(
  url: string,
  token: string,
): Promise<{ scenarios: Scenario[]; searchWords: string }> {
  // The archive's first 100 quotes (the oldest): the same on both backends, whatever earlier
  // runs' ingest added since (the newest quotes differ).
  const seeded = await graphql(
    url,
    '{ quotes(first: 100, orderBy: OLDEST) { edges { node { id text } } } }',
  );
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
  return { scenarios: result, searchWords };
}

export interface Measurement {
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

export interface Row {
  backend: string;
  scenario: string;
  one: Measurement;
  two: Measurement;
}

export interface ApiResult {
  backend: string;
  rows: Row[];
  /**
   * Milliseconds from sending a verify to server A until server B's `factChanged` subscriber
   * had it, or null when B's subscribers never hear of it (SQLite: no cross-process feed).
   */
  crossServerMilliseconds: number | null;
  /** The words of the quote-search scenario. */
  searchWords: string;
}

/**
 * Subscribes to `factChanged` on `subscriberUrl` (server-sent events), verifies a quote through
 * `writerUrl` with a unique note, and waits up to `timeoutMs` for B to deliver that verification.
 */
async function crossServerDelivery(
  writerUrl: string,
  subscriberUrl: string,
  token: string,
  quoteId: string,
  timeoutMs = 5000,
): Promise<number | null> {
  const note = `cross-server ${Date.now()} ${Math.random().toString(36).slice(2)}`;
  const abort = new AbortController();
  const response = await fetch(subscriberUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: 'subscription { factChanged { change event { note } } }' }),
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`factChanged subscription answered ${response.status}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let sentAt = 0;
  const delivered = (async () => {
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      text += decoder.decode(value, { stream: true });
      if (text.includes(note)) return performance.now() - sentAt;
    }
  })().catch(() => null);
  // The stream is open once its first bytes (headers) have arrived; give the server a moment
  // to register the subscription before the write it must hear about.
  await new Promise((resolve) => setTimeout(resolve, 300));
  sentAt = performance.now();
  const verifyQuery =
    'mutation ($fact: ID!, $note: String!) { verify(fact: $fact, method: "bench", note: $note) { __typename } }';
  const verified = await graphql(writerUrl, verifyQuery, { fact: quoteId, note }, token);
  if (verified.verify.__typename !== 'FactStatusChange') {
    throw new Error(`verify answered ${JSON.stringify(verified)}`);
  }
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const result = await Promise.race([delivered, timeout]);
  abort.abort();
  return result;
}

/** Two servers over `database`; every scenario with both wrk processes on one server, then on two. */
export async function measureApi(database: BenchDatabase, duration: number): Promise<ApiResult> {
  const token = await editorToken(database);
  const servers = [await startServer(database.env), await startServer(database.env)];
  const [first, second] = servers;
  if (!first || !second) throw new Error('servers did not start');
  log(`${database.backend}: servers at ${first.url} and ${second.url}`);
  const rows: Row[] = [];
  try {
    await graphql(second.url, '{ hello }');
    const seeded = await graphql(first.url, '{ quotes(first: 1) { edges { node { id } } } }');
    const crossServerMilliseconds = await crossServerDelivery(
      first.url,
      second.url,
      token,
      seeded.quotes.edges[0].node.id,
    );
    log(
      `${database.backend}: a verify through server A reached server B's factChanged subscriber: ` +
        (crossServerMilliseconds === null
          ? 'no'
          : `after ${crossServerMilliseconds.toFixed(0)} ms`),
    );
    const { scenarios: list, searchWords } = await scenarios(first.url, token);
    for (const scenario of list) {
      await phase([first.url, second.url], scenario, WARMUP); // JIT, caches, on both servers
      const one = await phase([first.url, first.url], scenario, duration);
      const two = await phase([first.url, second.url], scenario, duration);
      rows.push({ backend: database.backend, scenario: scenario.name, one, two });
      log(
        `${database.backend} ${scenario.name}: one server ${one.requestsPerSecond.toFixed(0)} req/s (p50 ${one.p50} ms, p99 ${one.p99} ms, ${one.errors} errors); ` +
          `two servers ${two.requestsPerSecond.toFixed(0)} req/s (p50 ${two.p50} ms, p99 ${two.p99} ms, ${two.errors} errors)`,
      );
    }
    return { backend: database.backend, rows, crossServerMilliseconds, searchWords };
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
}

const format = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';

/** The markdown table of one or more backends' results, with how it was measured. */
export function apiTable(results: readonly ApiResult[], duration: number): string[] {
  const cell = (m: Measurement) =>
    `${format(m.requestsPerSecond, 0)} | ${format(m.p50, 2)} / ${format(m.p99, 2)} | ${m.errors}`;
  return [
    `Two servers (\`apps/server/src/main.ts\`, \`NODE_ENV=production\`) on one database, two ports. In every`,
    `phase two wrk processes run at once (${CONNECTIONS} connections each, ${duration} s, after a ${WARMUP} s warm-up):`,
    '"one server" sends both to the same server, "two servers" one to each, so only the number of server',
    'processes changes. Nothing is pinned: servers, wrk and PostgreSQL share all cores. Requests/s is the',
    'sum of both wrk processes; p50 / p99 is the worse of the two; errors are non-200 answers, answers',
    'without the expected data, and socket errors. Quote search: `quotes(text:, first: 10)` with',
    `\`totalCount\`, two words of the archive's 43rd quote ("${[...new Set(results.map((r) => r.searchWords))].join('", "')}"). Verify: the`,
    "`verify` mutation by an editor token on the archive's first 100 quotes in turn.",
    '',
    '| backend | scenario | one server req/s | p50 / p99 ms | errors | two servers req/s | p50 / p99 ms | errors | two ÷ one |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.flatMap((result) =>
      result.rows.map(
        (row) =>
          `| ${row.backend} | ${row.scenario} | ${cell(row.one)} | ${cell(row.two)} | ${format(row.two.requestsPerSecond / row.one.requestsPerSecond, 2)} |`,
      ),
    ),
    '',
    ...results.map(
      (result) =>
        `- ${result.backend}: a verification through server A ` +
        (result.crossServerMilliseconds === null
          ? "did not reach server B's `factChanged` subscriber within 5 s."
          : `reached server B's \`factChanged\` subscriber (server-sent events) ${result.crossServerMilliseconds.toFixed(0)} ms after it was sent.`),
    ),
  ];
}

if (import.meta.filename === process.argv[1]) {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const quotes = Number(option('quotes') ?? 100_000);
  const duration = Number(option('duration') ?? 6);
  const wrkVersion = requireWrk();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const results: ApiResult[] = [];
  for (const database of await ensureDatabases(quotes)) {
    results.push(await measureApi(database, duration));
  }
  console.log(
    [
      `${quotes.toLocaleString('en')} quotes, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${wrkVersion}; ` +
        `1-minute load average ${loadAtStart.toFixed(1)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(1)} at the end.`,
      '',
      ...apiTable(results, duration),
    ].join('\n'),
  );
}
