import { randomBytes } from 'node:crypto';
import { readSampleDataset } from '@verbatim/store/dataset-file';
import { PostgresFactStore } from '@verbatim/store/postgres';
import { apiTokenStoreFor } from '@verbatim/store/sqlite-token-store';
import { createPubSub } from 'graphql-yoga';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FactChange, FactPubSub } from '../src/dependencies.ts';
import { feedFactChangesFromStore } from '../src/fact-changes.ts';
import { createVerbatimYoga } from '../src/yoga.ts';
import { globalId } from './helpers.ts';

/**
 * Two API servers on one PostgreSQL database, as a newsroom runs them behind a load balancer:
 * a verification made through one reaches the subscribers of both, once. Needs
 * VERBATIM_TEST_DATABASE_URL (packages/store/scripts/postgres-for-tests.sh); CI always sets it.
 */
const url = process.env.VERBATIM_TEST_DATABASE_URL;
if (!url && process.env.CI && process.env.CI !== 'false') {
  throw new Error('VERBATIM_TEST_DATABASE_URL is not set: in CI the PostgreSQL tests must run');
}

describe.skipIf(!url)('on PostgreSQL, with two server processes', () => {
  const schema = `api_test_${randomBytes(5).toString('hex')}`;
  const servers: {
    store: PostgresFactStore;
    pubsub: FactPubSub;
    stop: (() => Promise<void>) | null;
    received: FactChange[];
    yoga: ReturnType<typeof createVerbatimYoga>;
  }[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('create extension if not exists pg_trgm with schema public');
    await admin.end();
    for (let index = 0; index < 2; index++) {
      const store = await PostgresFactStore.open(url as string, { schema, maxConnections: 4 });
      if (index === 0) await store.importDataset(readSampleDataset(), { mode: 'merge' });
      const pubsub: FactPubSub = createPubSub();
      const stop = await feedFactChangesFromStore(store, pubsub);
      const received: FactChange[] = [];
      (async () => {
        for await (const change of pubsub.subscribe('factChanged')) received.push(change);
      })();
      const yoga = createVerbatimYoga({
        store,
        tokens: apiTokenStoreFor(store),
        pubsub,
        settings: { anonymousRead: false, production: true },
        factChangesFromStore: stop !== null,
      });
      servers.push({ store, pubsub, stop, received, yoga });
    }
  });

  afterAll(async () => {
    for (const server of servers) {
      await server.stop?.();
      await server.store.close();
    }
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  test('a token made on one server works on the other; a verify on one reaches both once', async () => {
    const [first, second] = servers;
    if (!first || !second) throw new Error('servers did not start');
    const { token } = await apiTokenStoreFor(first.store).createApiToken('editor', 'Desk A');
    const ask = (yoga: typeof first.yoga, query: string, bearer?: string) =>
      yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({ query }),
      });

    expect((await ask(second.yoga, '{ hello }')).status).toBe(401); // anonymous reading is off
    const viewer = await (await ask(second.yoga, '{ viewer { role label } }', token)).json();
    expect(viewer.data.viewer).toEqual({ role: 'EDITOR', label: 'Desk A' });

    const fact = globalId('Quote', 'quo_carney_beijing_09');
    const verified = await (
      await ask(
        first.yoga,
        `mutation { verify(fact: "${fact}", method: "tape") { __typename } }`,
        token,
      )
    ).json();
    expect(verified.data.verify.__typename).toBe('FactStatusChange');

    for (const server of servers) {
      await expect.poll(() => server.received.length, { timeout: 5000 }).toBe(1);
    }
    // Give a duplicate (the mutation publishing as well as the database) the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const server of servers) {
      expect(server.received).toHaveLength(1);
      expect(server.received[0]).toMatchObject({
        change: 'status',
        kind: 'quote',
        actor: 'Desk A',
        fact: { id: 'quo_carney_beijing_09', status: 'verified' },
        event: { method: 'tape' },
      });
    }
  });
});
