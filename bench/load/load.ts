/**
 * Load: the GraphQL server (apps/server's main, its own process, a fresh SQLite file) under
 * autocannon on loopback — by default 50 connections for two minutes — with a mix of reads,
 * `checkDraft` calls (a draft with one paragraph edited each time, so the check cache cannot
 * answer) and verifications by an editor. It passes when there is no 5xx (nor any other non-2xx),
 * no verification acknowledged to the editor is missing from the verification history, and the
 * server's resident memory at the end is within 20% of what it was after the warm-up (medians of
 * ten one-second samples each: RSS saws up and down with garbage collection).
 *
 *   node --import tsx bench/load/load.ts [--duration 120] [--connections 50] [--warmup 15]
 *
 * Results (and the machine) go to stdout as Markdown and JSON; docs/robustness.md records a run.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '120' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '15' },
  },
});
const DURATION_S = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const WARMUP_S = Number(options.warmup);
const RSS_GROWTH_LIMIT = 0.2;

const root = fileURLToPath(new URL('../../', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'verbatim-load-'));
const database = join(directory, 'verbatim.sqlite');

function cli(...args: string[]): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/cli/src/main.ts'), ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, VERBATIM_DB: database } },
  );
}

/** Starts apps/server's main on a free loopback port; resolves with its URL once it listens. */
function startServer(): Promise<{ child: ChildProcess; url: string; stderr: string[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/server/src/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        VERBATIM_DB: database,
        VERBATIM_ANONYMOUS_READ: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(http:\/\/\S+\/graphql)/.exec(out)?.[1];
      if (url) resolve({ child, url, stderr });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr.join('')}`)));
  });
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

// biome-ignore lint/suspicious/noExplicitAny: the bench reads a few known fields of each answer
async function graphql(url: string, query: string, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A draft of some 2,000 words built from the sample article's facts, misquotes included. */
function draftParagraphs(quotes: { text: string }[]): string[] {
  const paragraphs: string[] = [];
  for (let index = 0; paragraphs.join(' ').length < 12_000; index++) {
    const quote = quotes[index % quotes.length]?.text ?? '';
    const altered = index % 3 === 0 ? quote.replace(/\b(the|a|is)\b/, 'every') : quote;
    paragraphs.push(
      `The prime minister’s visit was the first in nearly two decades, officials said. “${altered}” said Mark Carney on Friday. Canada sends about 70% of its exports to the US, and the deal lets up to 49,000 Chinese electric vehicles in.`,
    );
  }
  return paragraphs;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  // The database, seeded with the sample, and an editor token made the way an admin would.
  cli('db', 'migrate');
  const editorToken = cli('token', 'create', '--role', 'editor', '--label', 'Load editor').trim();
  const { child, url, stderr } = await startServer();
  const pid = child.pid as number;
  try {
    const seeded = await graphql(url, '{ quotes(first: 100) { edges { node { id text } } } }');
    const quotes: { id: string; text: string }[] = seeded.quotes.edges.map(
      (edge: { node: { id: string; text: string } }) => edge.node,
    );
    const paragraphs = draftParagraphs(quotes);
    const checkQuery =
      'query ($text: String!) { checkDraft(text: $text) { rule severity range { start end } replacement } }';
    const readQuery =
      'query ($name: String!) { person(nameOrAlias: $name) { name quotes(first: 10) { totalCount edges { node { text status source { title } } } } } search(q: "trade deal", first: 5) { snippet } }';
    const verifyQuery =
      'mutation ($fact: ID!, $note: String!) { verify(fact: $fact, method: "load test", note: $note) { __typename ... on FactStatusChange { event { id } } ... on Error { message } } }';
    const names = ['Carney', 'Lynette Ong', 'Xi Jinping', 'Vina Nadjibulla', 'Doug Ford'];

    let sequence = 0;
    let verificationsSent = 0;
    const acknowledged = new Set<string>();
    const refusedVerifications: string[] = [];
    const statusCounts = new Map<number, number>();
    const rssSamples: { at: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(
      () => rssSamples.push({ at: (Date.now() - started) / 1000, rss: rssBytes(pid) }),
      1_000,
    );
    const countStatus = (status: number) =>
      statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);

    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections: CONNECTIONS,
          duration: DURATION_S,
          // Generous: on a shared 2-core machine a request can wait seconds for the CPU.
          timeout: 30,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                body: JSON.stringify({
                  query: readQuery,
                  variables: { name: names[sequence++ % names.length] },
                }),
              }),
              onResponse: (status) => countStatus(status),
            },
            {
              // One paragraph changes per request, as when a writer edits: that paragraph is
              // checked anew, the rest comes from the server's check cache.
              setupRequest: (request) => {
                const edit = sequence++;
                const text = paragraphs
                  .map((paragraph, index) =>
                    index === edit % paragraphs.length ? `${paragraph} Edit ${edit}.` : paragraph,
                  )
                  .join('\n\n');
                return {
                  ...request,
                  body: JSON.stringify({ query: checkQuery, variables: { text } }),
                };
              },
              onResponse: (status) => countStatus(status),
            },
            {
              setupRequest: (request) => {
                const fact = quotes[sequence % quotes.length]?.id;
                const note = `load ${sequence++}`;
                verificationsSent++;
                return {
                  ...request,
                  headers: { ...request.headers, authorization: `Bearer ${editorToken}` },
                  body: JSON.stringify({ query: verifyQuery, variables: { fact, note } }),
                };
              },
              onResponse: (status, body) => {
                countStatus(status);
                if (status !== 200) return;
                const verify = JSON.parse(body).data?.verify;
                if (verify?.__typename === 'FactStatusChange') acknowledged.add(verify.event.id);
                else refusedVerifications.push(body.slice(0, 200));
              },
            },
          ],
        },
        (error, finished) => (error ? reject(error) : resolve(finished)),
      );
      autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
    });
    clearInterval(sampler);
    const rssEnd = rssBytes(pid);

    // Every acknowledged verification must be in the history, and no more than were sent.
    const history = await graphql(
      url,
      '{ quotes(first: 100) { edges { node { verificationHistory { id note actor } } } } }',
    );
    const stored = new Set<string>();
    for (const edge of history.quotes.edges as {
      node: { verificationHistory: { id: string; note: string | null; actor: string }[] };
    }[])
      for (const event of edge.node.verificationHistory)
        if (event.note?.startsWith('load ')) stored.add(event.id);
    const lost = [...acknowledged].filter((id) => !stored.has(id));

    // RSS saws up and down with garbage collection: compare the median of ten one-second samples
    // right after the warm-up with the median of the last ten.
    const median = (samples: { rss: number }[]) => {
      const sorted = samples.map((sample) => sample.rss).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    };
    const afterWarmup = median(
      rssSamples.filter((sample) => sample.at >= WARMUP_S && sample.at < WARMUP_S + 10),
    );
    const atEnd = median(rssSamples.slice(-10));
    const peak = Math.max(...rssSamples.map((sample) => sample.rss), rssEnd);
    const growth = afterWarmup > 0 ? atEnd / afterWarmup - 1 : 0;
    const fiveHundreds = [...statusCounts].filter(([status]) => status >= 500);
    const non2xx = [...statusCounts].filter(([status]) => status < 200 || status >= 300);
    const checks = {
      'no 5xx': fiveHundreds.length === 0,
      'no other non-2xx': non2xx.length === 0 && result.non2xx === 0,
      'no errors or timeouts': result.errors === 0 && result.timeouts === 0,
      'no lost verification': lost.length === 0 && stored.size <= verificationsSent,
      'every verification accepted': refusedVerifications.length === 0,
      [`RSS at the end within ${RSS_GROWTH_LIMIT * 100}% of after warm-up`]:
        growth <= RSS_GROWTH_LIMIT,
    };
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${mb(totalmem())} RAM (${mb(freemem())} free), Node ${process.version}, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`;
    const summary = {
      date: new Date().toISOString(),
      machine,
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      statusCounts: Object.fromEntries(statusCounts),
      errors: result.errors,
      timeouts: result.timeouts,
      verifications: {
        sent: verificationsSent,
        acknowledged: acknowledged.size,
        stored: stored.size,
        lost: lost.length,
        refused: refusedVerifications.length,
      },
      rss: {
        afterWarmup: mb(afterWarmup),
        end: mb(atEnd),
        atExit: mb(rssEnd),
        peak: mb(peak),
        growthPercent: Number((growth * 100).toFixed(1)),
        every10s: rssSamples
          .filter((_, index) => index % 10 === 9)
          .map((sample) => `${sample.at.toFixed(0)} s: ${mb(sample.rss)}`),
      },
      checks,
      serverStderr: stderr.join('').slice(0, 2_000),
    };
    console.log(JSON.stringify(summary, null, 2));
    console.log(`
| ${summary.date.slice(0, 16)} UTC | ${CONNECTIONS} connections, ${DURATION_S} s |
| --- | --- |
| machine | ${machine} |
| requests | ${summary.requests} (${summary.requestsPerSecond.toFixed(0)}/s), status ${JSON.stringify(summary.statusCounts)} |
| latency | p50 ${summary.latencyMs.p50} ms, p90 ${summary.latencyMs.p90} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms |
| verifications | ${verificationsSent} sent, ${acknowledged.size} acknowledged, ${stored.size} stored, ${lost.length} lost |
| server RSS | median ${summary.rss.afterWarmup} in the 10 s after the ${WARMUP_S} s warm-up → median ${summary.rss.end} in the last 10 s (${summary.rss.growthPercent}%), peak ${summary.rss.peak} |
${Object.entries(checks)
  .map(([name, ok]) => `| ${ok ? 'pass' : 'FAIL'} | ${name} |`)
  .join('\n')}`);
    process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
