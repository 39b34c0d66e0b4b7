import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresFactStore, type PostgresOpenOptions } from './postgres-store.ts';

/**
 * For tests and benchmarks that need a real PostgreSQL server. The URL comes from
 * VERBATIM_TEST_DATABASE_URL (packages/store/scripts/postgres-for-tests.sh prints one). Without
 * it, tests skip with a loud message on a developer machine and fail in CI, where a skipped
 * backend would pass unnoticed.
 */
export const TEST_DATABASE_URL_VARIABLE = 'VERBATIM_TEST_DATABASE_URL';

export function postgresTestUrl(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = console.warn,
): string | null {
  const url = env[TEST_DATABASE_URL_VARIABLE];
  if (url) return url;
  if (env.CI && env.CI !== 'false' && env.CI !== '0') {
    throw new Error(
      `${TEST_DATABASE_URL_VARIABLE} is not set: in CI the PostgreSQL tests must run, not skip ` +
        '(.ci/run starts a server with packages/store/scripts/postgres-for-tests.sh)',
    );
  }
  warn(
    `\n${'!'.repeat(78)}\n!! SKIPPING the PostgreSQL store tests: ${TEST_DATABASE_URL_VARIABLE} is not set.\n` +
      '!! Start a server with: eval "$(packages/store/scripts/postgres-for-tests.sh start)"\n' +
      `${'!'.repeat(78)}\n`,
  );
  return null;
}

/**
 * Opens stores each in a schema of their own on one test database, so tests do not see each
 * other's data and need no database of their own; `dropAll` removes every schema made.
 */
export class TestSchemas {
  private readonly schemas: string[] = [];
  private reusable: string | null = null;
  private extensionReady: Promise<void> | null = null;

  constructor(readonly url: string) {}

  /**
   * An empty, migrated store. Stores opened one after another share one schema, emptied each
   * time (much faster than migrating a new schema per test); `fresh` gives a schema of its own.
   */
  async openEmptyStore(
    options: PostgresOpenOptions & { fresh?: boolean } = {},
  ): Promise<PostgresFactStore & { schemaName: string }> {
    const { fresh, ...storeOptions } = options;
    if (fresh) return this.openStoreInSchema(this.newSchemaName(), storeOptions);
    this.reusable ??= this.newSchemaName();
    const store = await this.openStoreInSchema(this.reusable, storeOptions);
    await withPostgresClient(this.url, async (client) => {
      const { rows } = await client.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = $1 and tablename <> 'schema_migrations'`,
        [this.reusable],
      );
      const tables = rows.map((row) => `${this.reusable}.${row.tablename}`);
      if (tables.length > 0) await client.query(`truncate ${tables.join(', ')}`);
    });
    return store;
  }

  newSchemaName(): string {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    this.schemas.push(schema);
    return schema;
  }

  async openStoreInSchema(
    schema: string,
    options: PostgresOpenOptions = {},
  ): Promise<PostgresFactStore & { schemaName: string }> {
    await this.ensureExtension();
    const store = await PostgresFactStore.open(this.url, { maxConnections: 4, ...options, schema });
    return Object.assign(store, { schemaName: schema });
  }

  async dropAll(): Promise<void> {
    if (this.schemas.length === 0) return;
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      this.reusable = null;
      for (const schema of this.schemas.splice(0)) {
        await client.query(`drop schema if exists ${schema} cascade`);
      }
    } finally {
      await client.end();
    }
  }

  /** pg_trgm once in `public`, where every test schema's search path finds it. */
  private ensureExtension(): Promise<void> {
    this.extensionReady ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      await client.connect();
      try {
        await client.query('create extension if not exists pg_trgm with schema public');
      } finally {
        await client.end();
      }
    })();
    return this.extensionReady;
  }
}

/** Runs `work` on a one-off connection (for set-up outside any store: schemas, versions). */
export async function withPostgresClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
