import { MemoryFactLookup } from '@verbatim/checker/memory-fact-lookup';
import { readDatasetFile } from '@verbatim/store/dataset-file';
import type { FactsConfig } from '../config.ts';
import { datasetFacts } from './dataset-facts.ts';
import type { EditorFacts } from './editor-facts.ts';

export interface OpenFactsOptions {
  /** The GraphQL bearer token, from the editor's secret storage. */
  graphqlToken?: string | null;
}

/** Opens the configured facts source. Errors say which file or URL failed and why. */
export async function openFacts(
  config: FactsConfig,
  options: OpenFactsOptions = {},
): Promise<EditorFacts> {
  switch (config.source) {
    case 'dataset':
      return openDatasetFile(config.datasetPath);
    case 'sqlite': {
      // Loaded only when chosen: better-sqlite3 is native and absent from the VS Code bundle.
      let module: typeof import('./sqlite-facts.ts');
      try {
        module = await import('./sqlite-facts.ts');
      } catch (error) {
        throw new Error(
          `the SQLite facts source needs better-sqlite3, which this build of the server does not include (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); use a dataset file or the GraphQL server, or run \`verbatim lsp\` (setting verbatim.server.command), see docs/editor.md`,
        );
      }
      return module.openSqliteFacts(config.databasePath);
    }
    case 'graphql': {
      const { openGraphqlFacts } = await import('./graphql-facts.ts');
      return openGraphqlFacts(config.url, options.graphqlToken ?? null);
    }
    case 'postgres': {
      const { openPostgresFacts } = await import('./postgres-facts.ts');
      return openPostgresFacts(config.url);
    }
  }
}

export async function openDatasetFile(path: string): Promise<EditorFacts> {
  // The store's reader: the same validation and messages as `verbatim import`.
  const dataset = readDatasetFile(path);
  return datasetFacts(dataset, new MemoryFactLookup(dataset), `dataset ${path}`);
}
