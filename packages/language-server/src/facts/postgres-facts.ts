import { withoutPassword } from '@verbatim/project-config/facts-location';
import { PostgresFactStore } from '@verbatim/store/postgres';
import type { EditorFacts } from './editor-facts.ts';
import { storeFacts } from './store-facts.ts';

/** A newsroom's PostgreSQL store (`facts: postgres://…` in .verbatim.yml), read as it is. */
export async function openPostgresFacts(url: string): Promise<EditorFacts> {
  const shown = withoutPassword(url);
  const failed = (error: unknown) =>
    new Error(
      `cannot read Verbatim facts from PostgreSQL ${shown}: ${error instanceof Error ? error.message : String(error)}`,
    );
  let store: PostgresFactStore;
  try {
    store = await PostgresFactStore.open(url, { migrate: false });
  } catch (error) {
    throw failed(error);
  }
  try {
    await store.counts();
  } catch (error) {
    await store.close();
    throw failed(error);
  }
  return storeFacts(store, `PostgreSQL ${shown}`);
}
