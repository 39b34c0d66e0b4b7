import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteShingles, tokenizeWords } from '@verbatim/domain/quote-text';
import { afterAll, describe, expect, it } from 'vitest';
import { readSampleDataset, serialiseDataset } from '../src/dataset-file.ts';
import type { FactChange } from '../src/fact-store.ts';
import { migrations } from '../src/migrations.ts';
import { openStore } from '../src/open-store.ts';
import { PostgresFactStore } from '../src/postgres/postgres-store.ts';
import { postgresTestUrl, TestSchemas, withPostgresClient } from '../src/postgres/test-database.ts';
import { SqliteFactStore } from '../src/sqlite/sqlite-store.ts';

// What only the PostgreSQL backend has: several processes on one database, its own migration
// bookkeeping, and the SQLite → PostgreSQL move. The shared behaviour is in postgres-store.test.ts.
const url = postgresTestUrl();
const schemas = url ? new TestSchemas(url) : null;

afterAll(async () => {
  await schemas?.dropAll();
});

function shinglesOf(text: string): number[] {
  return quoteShingles(
    tokenizeWords(text)
      .filter((word) => word.kind === 'word')
      .map((word) => word.norm),
  );
}

/** Resolves with the first change `store` hears that matches, or rejects after a while. */
function nextChange(
  store: PostgresFactStore,
  matches: (change: FactChange) => boolean,
): Promise<{ change: Promise<FactChange>; stop: () => Promise<void> }> {
  let resolve!: (change: FactChange) => void;
  const change = new Promise<FactChange>((done) => {
    resolve = done;
  });
  return store
    .subscribeToFactChanges((heard) => {
      if (matches(heard)) resolve(heard);
    })
    .then((stop) => ({ change, stop }));
}

describe('the PostgreSQL test switch', () => {
  it('fails in CI without a database, rather than skipping', () => {
    expect(() => postgresTestUrl({ CI: 'true' })).toThrow(/must run, not skip/);
    expect(postgresTestUrl({ CI: 'true', VERBATIM_TEST_DATABASE_URL: 'postgres://x/y' })).toBe(
      'postgres://x/y',
    );
  });

  it('skips on a developer machine without a database', () => {
    const warnings: string[] = [];
    expect(postgresTestUrl({}, (message) => warnings.push(message))).toBeNull();
    expect(warnings.join('')).toMatch(/SKIPPING the PostgreSQL store tests/);
  });
});

describe.skipIf(!url)('PostgreSQL backend', () => {
  it('migrates once, even when two processes start at the same time', async () => {
    if (!schemas) return;
    const schema = schemas.newSchemaName();
    const [first, second] = await Promise.all([
      schemas.openStoreInSchema(schema, { migrate: false }),
      schemas.openStoreInSchema(schema, { migrate: false }),
    ]);
    try {
      const applied = await Promise.all([first.migrate(), second.migrate()]);
      // One of them applied every version; the other found nothing left to do.
      expect(applied.map((versions) => versions.length).sort()).toEqual([0, migrations.length]);
      expect(await first.migrate()).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('tells every store on the database about a verification made through one of them', async () => {
    if (!schemas) return;
    const writer = await schemas.openEmptyStore({ fresh: true });
    const reader = await schemas.openStoreInSchema(writer.schemaName);
    try {
      await writer.importDataset(readSampleDataset(), { mode: 'replace' });
      const quote = (await writer.listQuotes({}, { first: 1 })).items[0];
      if (!quote) throw new Error('the sample has quotes');
      const heard = await nextChange(reader, (change) => change.factId === quote.id);
      await writer.recordVerification({
        factKind: 'quote',
        factId: quote.id,
        status: 'disputed',
        actor: 'Desk editor',
      });
      expect(await heard.change).toEqual({
        factKind: 'quote',
        factId: quote.id,
        status: 'disputed',
        change: 'verified',
      });
      await heard.stop();
      // And the reader sees the new status straight away.
      const [reread] = await reader.quotesByIds([quote.id]);
      expect(reread?.status).toBe('disputed');
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });

  it('keeps every verification when two processes verify one fact at once', async () => {
    if (!schemas) return;
    const first = await schemas.openEmptyStore({ fresh: true });
    const second = await schemas.openStoreInSchema(first.schemaName);
    try {
      await first.importDataset(readSampleDataset(), { mode: 'replace' });
      const quote = (await first.listQuotes({}, { first: 1 })).items[0];
      if (!quote) throw new Error('the sample has quotes');
      const before = (await first.verificationHistory('quote', quote.id)).length;
      const statuses = ['verified', 'disputed', 'retracted', 'verified'] as const;
      await Promise.all(
        statuses.flatMap((status, n) =>
          [first, second].map((store, which) =>
            store.recordVerification({
              factKind: 'quote',
              factId: quote.id,
              status,
              actor: `Editor ${which}`,
              at: `2099-03-0${n + 1}T10:00:00.00${which}Z`,
            }),
          ),
        ),
      );
      const history = await second.verificationHistory('quote', quote.id);
      expect(history).toHaveLength(before + 8);
      // The status is the latest event's, whichever transaction committed last.
      const [reread] = await first.quotesByIds([quote.id]);
      expect(reread?.status).toBe(history.at(-1)?.status);
      expect(history.at(-1)?.at).toBe('2099-03-04T10:00:00.001Z');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('keeps listening after losing its connection', async () => {
    if (!schemas || !url) return;
    const store = await schemas.openEmptyStore({ fresh: true, onBackgroundError: () => {} });
    try {
      await store.importDataset(readSampleDataset(), { mode: 'replace' });
      const quote = (await store.listQuotes({}, { first: 1 })).items[0];
      if (!quote) throw new Error('the sample has quotes');
      const heard: FactChange[] = [];
      const stop = await store.subscribeToFactChanges((change) => heard.push(change));
      // Kill the listening session from outside, as a failover or an idle timeout would.
      const channel = `verbatim_fact_changed_${store.schemaName}`;
      const killed = await withPostgresClient(url, async (client) => {
        const { rows } = await client.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where query = $1`,
          [`listen "${channel}"`],
        );
        return rows.length;
      });
      expect(killed).toBe(1);
      // Changes made while it reconnects are lost; keep verifying until one is heard again.
      const deadline = Date.now() + 15_000;
      while (heard.length === 0 && Date.now() < deadline) {
        await store.recordVerification({
          factKind: 'quote',
          factId: quote.id,
          status: 'verified',
          actor: 'Desk editor',
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(heard[0]).toMatchObject({ factId: quote.id, change: 'verified' });
      await stop();
    } finally {
      await store.close();
    }
  });

  it('moves a SQLite database to PostgreSQL losslessly: export, import, export again', async () => {
    if (!schemas) return;
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-move-'));
    const sqlite = await SqliteFactStore.open(join(folder, 'verbatim.sqlite'));
    const postgres = await schemas.openEmptyStore();
    try {
      await sqlite.importDataset(readSampleDataset(), { mode: 'replace' });
      const quote = (await sqlite.listQuotes({}, { first: 1 })).items[0];
      if (!quote) throw new Error('the sample has quotes');
      // History made after the import travels too.
      await sqlite.recordVerification({
        factKind: 'quote',
        factId: quote.id,
        status: 'verified',
        actor: 'Desk editor',
        method: 'checked against the recording',
        at: '2026-02-01T10:00:00.000+01:00',
      });
      await sqlite.addAlias(quote.speakers[0]?.id ?? '', 'The Élysée’s “guest”');
      const fromSqlite = serialiseDataset(await sqlite.exportDataset());
      await postgres.importDataset(JSON.parse(fromSqlite), { mode: 'replace' });
      const fromPostgres = serialiseDataset(await postgres.exportDataset());
      expect(fromPostgres).toBe(fromSqlite);
      expect(await postgres.counts()).toEqual(await sqlite.counts());
    } finally {
      await Promise.all([sqlite.close(), postgres.close()]);
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('finds the same quote candidates and search hits as SQLite for the same data', async () => {
    if (!schemas) return;
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-same-'));
    const sqlite = await SqliteFactStore.open(join(folder, 'verbatim.sqlite'));
    const postgres = await schemas.openEmptyStore();
    try {
      const sample = readSampleDataset();
      await sqlite.importDataset(sample, { mode: 'replace' });
      await postgres.importDataset(sample, { mode: 'replace' });
      const longQuotes = sample.quotes.filter((quote) => quote.text.split(' ').length >= 8);
      expect(longQuotes.length).toBeGreaterThan(3);
      for (const quote of longQuotes.slice(0, 5)) {
        // A draft that misquotes the last word still shares the leading shingles.
        const draft = `${quote.text.split(' ').slice(0, -1).join(' ')} tomorrow`;
        const ids = async (store: SqliteFactStore | PostgresFactStore) =>
          (await store.quoteCandidates(shinglesOf(draft), 3)).map((candidate) => candidate.id);
        const [fromSqlite, fromPostgres] = [await ids(sqlite), await ids(postgres)];
        expect(fromPostgres).toEqual(fromSqlite);
        expect(fromPostgres[0]).toBe(quote.id);
      }
      const person = sample.people[0];
      if (!person) throw new Error('the sample has people');
      const surname = person.name.split(' ').at(-1) ?? person.name;
      for (const query of [surname, surname.slice(0, 4), 'tariffs canada']) {
        const hits = async (store: SqliteFactStore | PostgresFactStore) =>
          new Set((await store.search(query, { first: 50 })).map((hit) => `${hit.kind}:${hit.id}`));
        expect(await hits(postgres)).toEqual(await hits(sqlite));
      }
    } finally {
      await Promise.all([sqlite.close(), postgres.close()]);
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps API tokens in the database, hashed, for every server process', async () => {
    if (!schemas) return;
    const store = await schemas.openEmptyStore();
    const other = await schemas.openStoreInSchema(store.schemaName);
    try {
      const { token, apiToken } = await store
        .apiTokenStore()
        .createApiToken('editor', ' Newsdesk ');
      expect(apiToken).toMatchObject({ role: 'editor', label: 'Newsdesk', revokedAt: null });
      // Another process (another pool) accepts the same token.
      expect(await other.apiTokenStore().authenticateApiToken(token)).toEqual(apiToken);
      expect(await other.apiTokenStore().authenticateApiToken(`${token}x`)).toBeNull();
      const revoked = await other.apiTokenStore().revokeApiToken(apiToken.id);
      expect(revoked.revokedAt).not.toBeNull();
      expect(await store.apiTokenStore().authenticateApiToken(token)).toBeNull();
      expect(await store.apiTokenStore().listApiTokens()).toEqual([revoked]);
      await expect(store.apiTokenStore().revokeApiToken('tok_missing')).rejects.toThrow(
        /does not exist/,
      );
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });

  it('finds a misspelt name by trigram similarity when no word matches', async () => {
    if (!schemas) return;
    const store = await schemas.openEmptyStore();
    try {
      const person = await store.createPerson({ name: 'Mark Carney', aliases: ['Carney'] });
      const hits = await store.search('Carnie', { first: 5, kinds: ['person'] });
      expect(hits.map((hit) => hit.id)).toEqual([person.id]);
    } finally {
      await store.close();
    }
  });

  it('opens a postgres:// URL through openStore: a new database gets the sample, once', async () => {
    if (!url) return;
    const database = `verbatim_open_${process.pid}_${Date.now()}`;
    await withPostgresClient(url, (client) => client.query(`create database ${database}`));
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${database}`;
    try {
      const applied: number[][] = [];
      for (let run = 0; run < 2; run++) {
        const store = await openStore({
          databaseUrl: databaseUrl.toString(),
          onMigrated: (versions) => applied.push(versions),
        });
        expect(store.backend).toBe('postgres');
        expect((await store.counts()).quotes).toBe(readSampleDataset().quotes.length);
        await store.close();
      }
      expect(applied[0]?.length).toBeGreaterThan(0);
      expect(applied[1]).toEqual([]);
    } finally {
      await withPostgresClient(url, (client) =>
        client.query(`drop database if exists ${database} with (force)`),
      );
    }
  });

  it('orders text bytewise, as SQLite does, even in a database with a linguistic locale', async () => {
    if (!url) return;
    // en-US collation ignores punctuation and case at first: "o'brien" sorts near "obama".
    const database = `verbatim_icu_${process.pid}_${Date.now()}`;
    await withPostgresClient(url, (client) =>
      client.query(
        `create database ${database} template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
      ),
    );
    const databaseUrl = new URL(url);
    databaseUrl.pathname = `/${database}`;
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-order-'));
    const sqlite = await SqliteFactStore.open(join(folder, 'verbatim.sqlite'));
    const postgres = await PostgresFactStore.open(databaseUrl.toString());
    try {
      const people = [
        ['per_b', 'obama'],
        ["per_o'b", "o'brien"],
        ['per_B', 'Obama Jr'],
        ['per_-a', 'de Gaulle'],
        ['per_a', 'Zoë'],
        ['per_ä', 'adam'],
      ] as const;
      for (const store of [sqlite, postgres]) {
        for (const [id, name] of people) await store.createPerson({ id, name });
      }
      const order = async (store: SqliteFactStore | PostgresFactStore) =>
        (await store.listPeople({}, { first: 10 })).items.map((person) => person.id);
      expect(await order(postgres)).toEqual(await order(sqlite));
      const ids = async (store: SqliteFactStore | PostgresFactStore) =>
        (await store.exportDataset()).people.map((person) => person.id);
      expect(await ids(postgres)).toEqual(await ids(sqlite));
      expect(await ids(postgres)).toEqual([
        'per_-a',
        'per_B',
        'per_a',
        'per_b',
        "per_o'b",
        'per_ä',
      ]);
    } finally {
      await Promise.all([sqlite.close(), postgres.close()]);
      rmSync(folder, { recursive: true, force: true });
      await withPostgresClient(url, (client) =>
        client.query(`drop database if exists ${database} with (force)`),
      );
    }
  });

  it('explains an unreachable server instead of hanging', async () => {
    await expect(
      PostgresFactStore.open('postgres://nobody@127.0.0.1:1/none', { migrate: false }),
    ).rejects.toThrow(/cannot connect to PostgreSQL/);
  });
});
