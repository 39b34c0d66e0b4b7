import type { FactStore } from '@verbatim/store/fact-store';
import type { FactPubSub } from './dependencies.ts';

/**
 * When the store can tell us about committed changes itself (PostgreSQL's LISTEN/NOTIFY; see
 * docs/decisions/072), `factChanged` is fed from there, so a verification made through another
 * server process reaches this one's subscribers too, and mutations do not publish their own
 * (they would arrive twice). Returns the function that stops listening, or null when the store
 * cannot, in which case mutations publish in process.
 */
export async function feedFactChangesFromStore(
  store: FactStore,
  pubsub: FactPubSub,
  onError: (error: unknown) => void = (error) => console.error('[factChanged]', error),
): Promise<(() => Promise<void>) | null> {
  if (!store.subscribeToFactChanges) return null;
  // Re-reads still running when the server stops are awaited before the store closes; a
  // notification arriving after the stop is ignored (it would read from a closed pool).
  const pending = new Set<Promise<void>>();
  let stopped = false;
  const unsubscribe = await store.subscribeToFactChanges((change) => {
    if (stopped) return;
    const reread = (async () => {
      // The notification is small on purpose; the subscriber re-reads the fact as committed.
      const [fact] =
        change.factKind === 'quote'
          ? await store.quotesByIds([change.factId])
          : await store.figuresByIds([change.factId]);
      if (!fact) return;
      const event =
        change.change === 'verified'
          ? ((await store.verificationHistory(change.factKind, change.factId)).at(-1) ?? null)
          : null;
      pubsub.publish('factChanged', {
        change: change.change === 'verified' ? 'status' : change.change,
        kind: change.factKind,
        fact,
        event,
        actor: event?.actor ?? null,
      });
    })()
      .catch(onError)
      .finally(() => pending.delete(reread));
    pending.add(reread);
  });
  return async () => {
    stopped = true;
    await unsubscribe();
    await Promise.allSettled([...pending]);
  };
}
