import { existsSync, statSync } from 'node:fs';
import { type CheckOptions, checkDraft } from '@verbatim/checker/check';
import { MemoryFactLookup } from '@verbatim/checker/memory-fact-lookup';
import type { FactLookup } from '@verbatim/domain/fact-lookup';
import type { Finding } from '@verbatim/domain/findings';
import {
  hasSqliteHeader,
  locateFacts,
  withoutPassword,
} from '@verbatim/project-config/facts-location';
import { UsageError } from '../cli-error.ts';
import { databaseUrlFromEnvironment } from '../store-access.ts';
import { checkRemotely } from './remote-check.ts';

export interface OpenedFacts {
  /** Checks one draft against these facts. */
  check(text: string, options: CheckOptions): Promise<Finding[]>;
  /** For messages: "dataset facts.json", "SQLite ~/.local/share/verbatim/verbatim.sqlite". */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens the facts a check reads: a SQLite file, a dataset .json, a GraphQL endpoint, a
 * PostgreSQL database, or (when no source is given) the database the other commands use:
 * VERBATIM_DATABASE_URL's PostgreSQL, else the embedded SQLite file, created with the sample
 * facts on first use.
 */
export async function openFacts(
  source: string | undefined,
  baseDirectory: string,
  options: { token?: string } = {},
): Promise<OpenedFacts> {
  const environmentUrl = source ? undefined : databaseUrlFromEnvironment();
  if (environmentUrl) return openPostgres(environmentUrl, 'VERBATIM_DATABASE_URL');
  if (!source) {
    // Loaded on demand: a check against a dataset file never loads SQLite.
    const { defaultDatabasePath, openStore } = await import('@verbatim/store/open-store');
    const path = defaultDatabasePath();
    const store = await openStore({ sqlitePath: path });
    return local(store, `SQLite ${path}`, () => store.close());
  }
  const location = locateFacts(source, baseDirectory);
  if (location.source === 'graphql') {
    // The server runs this same checker against its own store: send the draft, not the facts.
    return {
      check: (text, checkOptions) => checkRemotely(location.url, text, checkOptions, options.token),
      description: `GraphQL ${location.url}`,
      close: async () => {},
    };
  }
  if (location.source === 'postgres') return openPostgres(location.url, `--facts`);
  const path = location.source === 'sqlite' ? location.databasePath : location.datasetPath;
  if (!existsSync(path) || !statSync(path).isFile())
    throw new UsageError(`--facts ${source}: no such file`);
  if (location.source === 'sqlite') {
    // Named like a database is not enough here: the CLI only reads, and an empty or foreign file
    // would otherwise be checked against as if it held no facts.
    if (!hasSqliteHeader(path))
      throw new UsageError(
        `--facts ${source}: not a SQLite database (expected a SQLite file or a Verbatim dataset .json)`,
      );
    const { SqliteFactStore } = await import('@verbatim/store/sqlite');
    const store = await SqliteFactStore.open(path, { readonly: true });
    return local(store, `SQLite ${path}`, () => store.close());
  }
  const { readDatasetFile } = await import('@verbatim/store/dataset-file');
  const { InvalidInputError } = await import('@verbatim/store/fact-store');
  try {
    const dataset = readDatasetFile(path);
    return local(MemoryFactLookup.fromDataset(dataset), `dataset ${path}`, async () => {});
  } catch (error) {
    if (error instanceof InvalidInputError)
      throw new UsageError(
        `--facts: ${error.message} (expected a SQLite file or a Verbatim dataset .json)`,
      );
    throw error;
  }
}

/** A PostgreSQL store, read as it is: a check neither migrates nor seeds it. */
async function openPostgres(url: string, origin: string): Promise<OpenedFacts> {
  const shown = withoutPassword(url);
  const { PostgresFactStore } = await import('@verbatim/store/postgres');
  let store: Awaited<ReturnType<typeof PostgresFactStore.open>>;
  try {
    store = await PostgresFactStore.open(url, { migrate: false });
  } catch (error) {
    throw new UsageError(
      `${origin} ${shown}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    await store.counts();
  } catch {
    await store.close();
    throw new UsageError(
      `${origin} ${shown}: no Verbatim facts there (run \`verbatim db migrate\` and import them first)`,
    );
  }
  return local(store, `PostgreSQL ${shown}`, () => store.close());
}

function local(lookup: FactLookup, description: string, close: () => Promise<void>): OpenedFacts {
  return { check: (text, options) => checkDraft(text, lookup, options), description, close };
}
