import {
  ConflictError,
  type FactStore,
  InvalidInputError,
  NotFoundError,
} from '@verbatim/store/fact-store';
import { defaultDatabasePath, openStore } from '@verbatim/store/open-store';
import { type Command, InvalidArgumentError } from 'commander';
import { UsageError } from './cli-error.ts';

export interface DatabaseOptions {
  db?: string;
}

/** Adds `--db PATH` (a SQLite file, or a postgres:// URL where that backend is built in). */
export function addDatabaseOption(command: Command): Command {
  return command.option(
    '--db <path>',
    'database file (default: $VERBATIM_DB, else $XDG_DATA_HOME/verbatim/verbatim.sqlite, else ~/.local/share/verbatim/verbatim.sqlite)',
  );
}

/** Opens the store named by `--db` (or the per-user default), runs `work`, always closes. */
export async function withStore<T>(
  options: DatabaseOptions,
  work: (store: FactStore, migrationsApplied: number[]) => Promise<T>,
): Promise<T> {
  const target = options.db ?? databaseUrlFromEnvironment();
  let migrationsApplied: number[] = [];
  const onMigrated = (applied: number[]) => {
    migrationsApplied = applied;
  };
  const store = await openStore(
    target && /^postgres(ql)?:\/\//i.test(target)
      ? { databaseUrl: target, onMigrated }
      : { sqlitePath: target ?? defaultDatabasePath(), onMigrated },
  );
  try {
    return await work(store, migrationsApplied);
  } catch (error) {
    throw asUsageError(error);
  } finally {
    await store.close();
  }
}

/**
 * VERBATIM_DATABASE_URL, else DATABASE_URL (what the server reads) when it names PostgreSQL:
 * a DATABASE_URL meant for some other program must not be taken for a SQLite file name.
 */
export function databaseUrlFromEnvironment(env = process.env): string | undefined {
  if (env.VERBATIM_DATABASE_URL) return env.VERBATIM_DATABASE_URL;
  const shared = env.DATABASE_URL;
  return shared && /^postgres(ql)?:\/\//i.test(shared) ? shared : undefined;
}

/** The store's "you asked for something wrong" errors become exit-2 usage errors. */
export function asUsageError(error: unknown, prefix?: string): unknown {
  if (
    error instanceof InvalidInputError ||
    error instanceof NotFoundError ||
    error instanceof ConflictError
  ) {
    return new UsageError(prefix ? `${prefix}: ${error.message}` : error.message);
  }
  return error;
}

/** commander argument parser for counts like `--limit 20`. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('must be a whole number of at least 1');
  }
  return Number(value);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
