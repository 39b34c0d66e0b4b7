import { existsSync, statSync } from 'node:fs';
import { type CheckOptions, checkDraft } from '@verbatim/checker/check';
import { MemoryFactLookup } from '@verbatim/checker/memory-fact-lookup';
import type { FactLookup } from '@verbatim/domain/fact-lookup';
import type { Finding } from '@verbatim/domain/findings';
import { hasSqliteHeader, locateFacts } from '@verbatim/project-config/facts-location';
import { UsageError } from '../cli-error.ts';
import { checkRemotely } from './remote-check.ts';

export interface OpenedFacts {
  /** Checks one draft against these facts. */
  check(text: string, options: CheckOptions): Promise<Finding[]>;
  /** For messages: "dataset facts.json", "SQLite ~/.local/share/verbatim/verbatim.sqlite". */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens the facts a check reads: a SQLite file, a dataset .json, a GraphQL endpoint, or (when
 * no source is given) the embedded database, created with the sample facts on first use.
 */
export async function openFacts(
  source: string | undefined,
  baseDirectory: string,
  options: { token?: string } = {},
): Promise<OpenedFacts> {
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

function local(lookup: FactLookup, description: string, close: () => Promise<void>): OpenedFacts {
  return { check: (text, options) => checkDraft(text, lookup, options), description, close };
}
