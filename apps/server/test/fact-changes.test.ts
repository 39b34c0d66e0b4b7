import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSampleDataset } from '@verbatim/store/dataset-file';
import type { FactChangeListener, FactStore, VerificationInput } from '@verbatim/store/fact-store';
import { SqliteFactStore } from '@verbatim/store/sqlite';
import { apiTokenStoreFor } from '@verbatim/store/sqlite-token-store';
import { createPubSub } from 'graphql-yoga';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FactChange, FactPubSub } from '../src/dependencies.ts';
import { feedFactChangesFromStore } from '../src/fact-changes.ts';
import { createVerbatimYoga } from '../src/yoga.ts';
import { globalId } from './helpers.ts';

/**
 * A store that announces its committed verifications, as the PostgreSQL store does with
 * LISTEN/NOTIFY (to every process, this one included), over a real SQLite file.
 */
function announcing(store: SqliteFactStore): FactStore {
  const listeners = new Set<FactChangeListener>();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'subscribeToFactChanges') {
        return async (listener: FactChangeListener) => {
          listeners.add(listener);
          return async () => {
            listeners.delete(listener);
          };
        };
      }
      if (property === 'recordVerification') {
        return async (input: VerificationInput) => {
          const event = await target.recordVerification(input);
          for (const listener of listeners) {
            listener({
              factKind: input.factKind,
              factId: input.factId,
              status: input.status,
              change: 'verified',
            });
          }
          return event;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as FactStore;
}

let directory: string;
let sqlite: SqliteFactStore;
let store: FactStore;
let pubsub: FactPubSub;
let stop: (() => Promise<void>) | null;
const received: FactChange[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'verbatim-feed-'));
  sqlite = await SqliteFactStore.open(join(directory, 'verbatim.sqlite'));
  await sqlite.importDataset(readSampleDataset(), { mode: 'merge' });
  store = announcing(sqlite);
  pubsub = createPubSub();
  stop = await feedFactChangesFromStore(store, pubsub);
  (async () => {
    for await (const change of pubsub.subscribe('factChanged')) received.push(change);
  })();
});
afterAll(async () => {
  await stop?.();
  await sqlite.close();
  rmSync(directory, { recursive: true, force: true });
});

test('a store without a change feed leaves publishing to the mutations', async () => {
  expect(await feedFactChangesFromStore(sqlite, createPubSub())).toBeNull();
});

test('with a change feed, a change made elsewhere reaches subscribers, and an API mutation arrives once', async () => {
  expect(stop).not.toBeNull();
  // Another process verifies a quote: only the database tells us.
  await store.recordVerification({
    factKind: 'quote',
    factId: 'quo_carney_beijing_03',
    status: 'disputed',
    actor: 'Other server',
    note: 'contested',
  });
  await expect.poll(() => received.length).toBe(1);
  expect(received[0]).toMatchObject({
    change: 'status',
    kind: 'quote',
    actor: 'Other server',
    fact: { id: 'quo_carney_beijing_03', status: 'disputed' },
    event: { status: 'disputed', note: 'contested' },
  });

  const tokens = apiTokenStoreFor(sqlite);
  const { token } = await tokens.createApiToken('editor', 'This server');
  const yoga = createVerbatimYoga({
    store,
    tokens,
    pubsub,
    settings: { anonymousRead: true, production: false },
    factChangesFromStore: true,
  });
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation { verify(fact: "${globalId('Quote', 'quo_carney_beijing_04')}") { __typename } }`,
    }),
  });
  expect((await response.json()).data.verify.__typename).toBe('FactStatusChange');
  await expect.poll(() => received.length).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(received).toHaveLength(2); // not published a second time by the mutation
  expect(received[1]).toMatchObject({
    actor: 'This server',
    fact: { id: 'quo_carney_beijing_04', status: 'verified' },
  });
});
