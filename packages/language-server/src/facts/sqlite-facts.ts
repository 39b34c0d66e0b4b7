import { defaultDatabasePath, openStore } from '@verbatim/store/open-store';
import type { EditorFacts } from './editor-facts.ts';
import { storeFacts } from './store-facts.ts';

export async function openSqliteFacts(databasePath: string | null): Promise<EditorFacts> {
  const path = databasePath ?? defaultDatabasePath();
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({ sqlitePath: path });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the SQLite database ${path}: ${reason}`);
  }
  return storeFacts(store, `SQLite ${path}`);
}
