import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readSampleDataset } from './dataset-file.ts';
import type { FactStore } from './fact-store.ts';
import { PostgresFactStore } from './postgres/postgres-store.ts';
import { SqliteFactStore } from './sqlite/sqlite-store.ts';

export interface OpenStoreOptions {
  /** A PostgreSQL URL (postgres://…); when absent, SQLite is used. */
  databaseUrl?: string;
  /** The SQLite file; defaults to `defaultDatabasePath()`. */
  sqlitePath?: string;
  /** Import the shipped sample dataset into a newly created database (default true). */
  seedNewDatabase?: boolean;
  /** Told which migrations opening applied (for `verbatim db migrate`). */
  onMigrated?: (applied: number[]) => void;
}

/**
 * The per-user database file: $VERBATIM_DB, else $XDG_DATA_HOME/verbatim/verbatim.sqlite, else
 * ~/.local/share/verbatim/verbatim.sqlite.
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.VERBATIM_DB) return env.VERBATIM_DB;
  const dataHome = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'verbatim', 'verbatim.sqlite');
}

/**
 * Opens the configured backend and brings its schema up to date. A SQLite file that does not
 * exist yet is created (with its folder) and filled with the sample dataset, so Verbatim has
 * facts to show on a fresh clone.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<FactStore> {
  if (options.databaseUrl && /^postgres(ql)?:\/\//i.test(options.databaseUrl)) {
    const store = await PostgresFactStore.open(options.databaseUrl, { migrate: false });
    try {
      const applied = await store.migrate();
      options.onMigrated?.(applied);
      // A database whose first migration ran just now is new: seed it like a new SQLite file.
      if (applied.includes(1) && (options.seedNewDatabase ?? true)) {
        await store.importDataset(readSampleDataset(), { mode: 'merge' });
      }
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }
  if (options.databaseUrl) {
    throw new Error(`unsupported database URL: ${options.databaseUrl.split(':')[0]}:…`);
  }
  const path = options.sqlitePath ?? defaultDatabasePath();
  const isNew = path === ':memory:' || !existsSync(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const store = new SqliteFactStore(path);
  try {
    // Not inside `onMigrated?.(…)`: an optional call skips its arguments when absent.
    const applied = await store.migrate();
    options.onMigrated?.(applied);
    if (isNew && (options.seedNewDatabase ?? true)) {
      await store.importDataset(readSampleDataset(), { mode: 'merge' });
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
