/**
 * Where a quote search's server time goes, in process: the same Yoga server the benchmark runs
 * (createVerbatimYoga, production settings), called through `yoga.fetch` with the benchmark's
 * rotating two-word searches, measured as process CPU per request.
 *
 *   npx tsx bench/api/decompose-search.ts [--sizes 100000,1000000] [--searches 2000] [--rounds 5]
 *
 * These, interleaved round by round so the machine's drifting load hits each alike:
 *   - `{ hello }`, the floor;
 *   - the search with the store answering from memory (every answer computed once beforehand):
 *     the floor plus GraphQL execution and serialisation of the same pages — the best ratio any
 *     store could give this query on this server;
 *   - the search with the real SQLite store;
 *   - the store's calls for the same searches alone, in a loop (listQuotes, then the speakers and
 *     sources the page needs), and listQuotes alone;
 *   - FTS5 alone: the two words' postings intersected, matched whole, without ranking or counting —
 *     what any search over this index costs at least.
 * Then listQuotes's wall-clock p50 / p99 / max, one call at a time.
 * Uses the API benchmark's databases (bench/api/build-search-db.ts) and never writes to them.
 */
import { createRequire } from 'node:module';
import { createVerbatimYoga } from '../../apps/server/src/yoga.ts';
import type { FactStore } from '../../packages/store/src/fact-store.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';
import { apiTokenStoreFor } from '../../packages/store/src/sqlite/sqlite-token-store.ts';
import { benchCopy } from './build-search-db.ts';
import { benchmarkSearches } from './searches.ts';

// The server's own copy of graphql-yoga (the repository root does not depend on it).
const { createPubSub } = createRequire(new URL('../../apps/server/package.json', import.meta.url))(
  'graphql-yoga',
) as typeof import('graphql-yoga');

const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
};
const sizes = (option('sizes') ?? '100000,1000000').split(',').map(Number);
const searchCount = Number(option('searches') ?? 2000);
const rounds = Number(option('rounds') ?? 5);
const QUERY = `query ($text: String!) { quotes(text: $text, first: 10) { totalCount edges { node { id text speakers { ... on Person { name } } source { title } } } } }`;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** A store whose answers were all computed once: what is left is the server's own work. */
function fromMemory(store: FactStore): FactStore {
  const answers = new Map<string, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const key = `${String(property)} ${JSON.stringify(args)}`;
        if (!answers.has(key)) answers.set(key, value.apply(target, args));
        return answers.get(key);
      };
    },
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

for (const size of sizes) {
  const path = await benchCopy(size);
  const store = await SqliteFactStore.open(path);
  const searches = benchmarkSearches(size, searchCount);
  const serverOver = (facts: FactStore) => {
    const yoga = createVerbatimYoga({
      store: facts,
      tokens: apiTokenStoreFor(store),
      pubsub: createPubSub(),
      settings: { anonymousRead: true, production: true },
    });
    return (body: string) =>
      yoga
        .fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
        .then((response) => response.text());
  };
  // The floor under any FTS5 search: the postings of both words intersected, nothing else.
  const bareIntersection = store.db.prepare(
    'SELECT rowid FROM search_fts WHERE search_fts MATCH ?',
  );
  const wholeWordMatches = searches.map((text) =>
    text
      .split(' ')
      .map((word) => `"${word}"`)
      .join(' AND '),
  );
  const real = serverOver(store);
  const memory = serverOver(fromMemory(store));
  const bodies = searches.map((text) => JSON.stringify({ query: QUERY, variables: { text } }));
  const hello = JSON.stringify({ query: '{ hello }' });
  const scenarios: [string, () => Promise<unknown>][] = [
    [
      '{ hello }',
      async () => {
        for (let index = 0; index < bodies.length; index++) await real(hello);
      },
    ],
    [
      'quote search, store answering from memory',
      async () => {
        for (const body of bodies) await memory(body);
      },
    ],
    [
      'quote search, SQLite',
      async () => {
        for (const body of bodies) await real(body);
      },
    ],
    [
      'the store calls alone (listQuotes, speakers, sources)',
      async () => {
        for (const text of searches) {
          const page = await store.listQuotes({ text }, { first: 10 });
          const speakers = page.items.flatMap((quote) =>
            quote.speakers.map((speaker) => speaker.id),
          );
          await store.peopleByIds([...new Set(speakers)]);
          await store.sourcesByIds([...new Set(page.items.map((quote) => quote.sourceId))]);
        }
      },
    ],
    [
      'listQuotes alone',
      async () => {
        for (const text of searches) await store.listQuotes({ text }, { first: 10 });
      },
    ],
    [
      'FTS5 alone: both words, whole, no ranking, no count',
      async () => {
        for (const words of wholeWordMatches) bareIntersection.all(words);
      },
    ],
  ];
  // A first pass fills the memory store, warms the JIT and SQLite's page cache.
  for (const [, run] of scenarios) await run();
  const samples = new Map(scenarios.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of scenarios) {
      const before = cpuMs();
      await run();
      samples.get(name)?.push((cpuMs() - before) / searches.length);
    }
  }
  const floor = median(samples.get('{ hello }') ?? []);
  console.log(
    `\n${size.toLocaleString('en')} quotes, ${searches.length} searches, median of ${rounds} rounds (CPU ms a request; × floor = floor / it)`,
  );
  for (const [name, values] of samples) {
    const cost = median(values);
    // The store's parts are parts of a request, not requests: no ratio.
    const ratio =
      name.startsWith('quote search') || name === '{ hello }'
        ? `   ${(floor / cost).toFixed(2)}×`
        : '';
    console.log(`  ${name.padEnd(56)} ${cost.toFixed(3)} ms${ratio}`);
  }
  // The tail: one listQuotes at a time, wall clock (what a waiting client feels).
  const walls: number[] = [];
  for (const text of searches) {
    const started = performance.now();
    await store.listQuotes({ text }, { first: 10 });
    walls.push(performance.now() - started);
  }
  walls.sort((a, b) => a - b);
  const at = (share: number) => walls[Math.floor(share * (walls.length - 1))]?.toFixed(2);
  console.log(
    `  listQuotes alone, wall ms: p50 ${at(0.5)}, p99 ${at(0.99)}, max ${at(1)} (one call at a time)`,
  );
  await store.close();
}
