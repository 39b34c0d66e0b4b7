import type { EditorFacts } from './editor-facts.ts';

/**
 * Stands in for sqlite-facts.ts in bundles without better-sqlite3 (the VS Code extension, see
 * docs/decisions/060): choosing the SQLite source there explains what to do instead.
 */
export async function openSqliteFacts(databasePath: string | null): Promise<EditorFacts> {
  throw new Error(
    `the SQLite facts source${databasePath ? ` (${databasePath})` : ''} is not available in the server bundled with the extension: use a dataset file (verbatim export) or the GraphQL server, or set verbatim.server.command to ["npx", "verbatim", "lsp", "--stdio"] (docs/editor.md)`,
  );
}
