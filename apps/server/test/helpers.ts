import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSampleDataset } from '@verbatim/store/dataset-file';
import type { ApiTokenRole, ApiTokenStore, FactStore } from '@verbatim/store/fact-store';
import { SqliteFactStore } from '@verbatim/store/sqlite';
import { apiTokenStoreFor } from '@verbatim/store/sqlite-token-store';
import { createPubSub } from 'graphql-yoga';
import type { SharedCheckCache } from '../src/check-cache.ts';
import type { FactPubSub, ServerSettings } from '../src/dependencies.ts';
import { type RunningServer, startServer } from '../src/main.ts';
import { createVerbatimYoga } from '../src/yoga.ts';

export type Caller = 'anonymous' | ApiTokenRole;

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
  body: any;
}

export interface TestServer {
  yoga: ReturnType<typeof createVerbatimYoga>;
  /** The real store, unwrapped (for arranging and checking state). */
  store: FactStore;
  tokens: ApiTokenStore;
  pubsub: FactPubSub;
  tokenFor: Record<ApiTokenRole, string>;
  gql(
    query: string,
    options?: { variables?: Record<string, unknown>; as?: Caller; token?: string },
  ): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

/**
 * A real server over a fresh SQLite file seeded with the sample dataset, with one token per role.
 * `wrapStore` lets a test put a proxy (call counting, failure injection) between API and store.
 */
export async function createTestServer(
  options: {
    settings?: Partial<ServerSettings>;
    wrapStore?: (store: FactStore) => FactStore;
    checkCache?: SharedCheckCache;
  } = {},
): Promise<TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'verbatim-server-'));
  const store = await SqliteFactStore.open(join(directory, 'verbatim.sqlite'));
  await store.importDataset(readSampleDataset(), { mode: 'merge' });
  const tokens = apiTokenStoreFor(store);
  const pubsub: FactPubSub = createPubSub();
  const yoga = createVerbatimYoga({
    store: options.wrapStore ? options.wrapStore(store) : store,
    tokens,
    pubsub,
    settings: { anonymousRead: true, production: false, ...options.settings },
    checkCache: options.checkCache,
  });
  const tokenFor = {
    reader: (await tokens.createApiToken('reader', 'Test reader')).token,
    editor: (await tokens.createApiToken('editor', 'Test editor')).token,
    admin: (await tokens.createApiToken('admin', 'Test admin')).token,
  };
  return {
    yoga,
    store,
    tokens,
    pubsub,
    tokenFor,
    async gql(query, { variables, as = 'anonymous', token } = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const bearer = token ?? (as === 'anonymous' ? undefined : tokenFor[as]);
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON (e.g. a plain-text 413); the test sees the raw text
      }
      return { status: response.status, headers: response.headers, body };
    },
    async close() {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Global IDs as the API hands them out ("Quote:quo_…" in base64). */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

export const FIXTURE_SOURCE_ID = 'src_fixture_budget';
export const FIXTURE_CANDIDATE_QUOTE_ID = 'quo_fixture_candidate';
export const FIXTURE_DISPUTED_QUOTE_ID = 'quo_fixture_disputed';

/**
 * A second article, dated (the sample one is not), with one candidate and one disputed quote by
 * Mark Carney and a candidate figure: what the date, status and source filters need.
 */
export async function addFixtureSource(store: FactStore): Promise<void> {
  const at = '2025-06-02T10:00:00.000Z';
  const text =
    'The prime minister said the budget would “restore balance by 2028”. He added: “We will not raise taxes on the middle class.” Spending rises by 4.5% next year.';
  const quoteAt = (quote: string) => {
    const start = text.indexOf(quote);
    return { start, end: start + quote.length };
  };
  await store.importDataset(
    {
      format: 'verbatim-dataset',
      version: 1,
      sources: [
        {
          id: FIXTURE_SOURCE_ID,
          title: 'Budget promises balance by 2028',
          outlet: 'The Test Gazette',
          byline: 'A. Reporter',
          url: 'https://example.com/budget',
          publishedOn: '2025-06-01',
          language: 'en',
          contentHash: `sha256:${'a'.repeat(64)}`,
          createdAt: at,
          updatedAt: at,
        },
      ],
      organisations: [],
      people: [],
      quotes: [
        {
          id: FIXTURE_CANDIDATE_QUOTE_ID,
          text: 'restore balance by 2028',
          speakers: [{ kind: 'person', id: 'per_mark_carney' }],
          speakerText: 'The prime minister',
          sourceId: FIXTURE_SOURCE_ID,
          span: quoteAt('restore balance by 2028'),
          sentence: 'The prime minister said the budget would “restore balance by 2028”.',
          kind: 'fragment',
          saidWhen: null,
          saidWhere: null,
          status: 'candidate',
          createdAt: at,
          updatedAt: at,
        },
        {
          id: FIXTURE_DISPUTED_QUOTE_ID,
          text: 'We will not raise taxes on the middle class.',
          speakers: [{ kind: 'person', id: 'per_mark_carney' }],
          speakerText: 'He',
          sourceId: FIXTURE_SOURCE_ID,
          span: quoteAt('We will not raise taxes on the middle class.'),
          sentence: 'He added: “We will not raise taxes on the middle class.”',
          kind: 'full',
          saidWhen: null,
          saidWhere: null,
          status: 'disputed',
          createdAt: at,
          updatedAt: at,
        },
      ],
      figures: [
        {
          id: 'fig_fixture_spending',
          value: 4.5,
          valueMax: null,
          unit: 'percent',
          qualifier: 'exact',
          text: '4.5%',
          measures: 'rise in federal spending next year',
          sourceId: FIXTURE_SOURCE_ID,
          span: quoteAt('4.5%'),
          sentence: 'Spending rises by 4.5% next year.',
          status: 'candidate',
          createdAt: at,
          updatedAt: at,
        },
      ],
      events: [
        {
          id: 'evt_fixture_disputed',
          factKind: 'quote',
          factId: FIXTURE_DISPUTED_QUOTE_ID,
          status: 'disputed',
          actor: 'Fixture',
          at,
          method: null,
          note: 'The recording says "middle-class families".',
        },
      ],
    },
    { mode: 'merge' },
  );
}

/** A listening server and the database file it was started over. */
export type ListeningServer = RunningServer & { database: string };

/**
 * The real thing: main.ts's startServer on port 0 over a fresh database file in a folder of its
 * own, spoken to over TCP. `close()` also removes the folder.
 */
export async function startListeningServer(env: NodeJS.ProcessEnv = {}): Promise<ListeningServer> {
  const directory = mkdtempSync(join(tmpdir(), 'verbatim-server-'));
  const database = join(directory, 'verbatim.sqlite');
  const server = await startServer({ VERBATIM_DB: database, PORT: '0', ...env });
  return {
    ...server,
    database,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
