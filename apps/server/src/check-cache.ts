import { CheckCache } from '@verbatim/checker/check';
import type { FactStore } from '@verbatim/store/fact-store';
import { SqliteFactStore } from '@verbatim/store/sqlite';

/** How long cached check results are trusted when nothing can tell that facts changed. */
export const CHECK_CACHE_MAX_AGE_MS = 10_000;

/**
 * Something that changes whenever the facts may have: compared before each check. Returns any
 * value; a different one from last time empties the cache.
 */
export type FactsVersion = () => unknown;

/**
 * The SQLite file's commit counter as this connection sees it: `PRAGMA data_version` changes
 * when any other connection — another server process, `verbatim import` — commits to the file,
 * and `total_changes()` when this one writes. Reading both costs microseconds (decision 106).
 * Null for other stores: PostgreSQL announces changes itself (LISTEN/NOTIFY, decision 072).
 */
export function factsVersionOf(store: FactStore): FactsVersion | null {
  if (!(store instanceof SqliteFactStore)) return null;
  // One statement, prepared once (db.pragma() would prepare one on every call): it runs before
  // every check.
  const version = store.db
    .prepare("SELECT data_version || ':' || total_changes() FROM pragma_data_version")
    .pluck();
  return () => version.get();
}

/**
 * The checker's paragraph and fact-lookup cache, shared by every `checkDraft` request: an editor
 * re-checking a draft after changing one paragraph pays for that paragraph only. Results depend
 * on the facts, so the cache is emptied on every `factChanged` (every change through this server,
 * and every change the store reports from other processes) and, before each check, when the
 * store's `version` differs from the last one seen (a SQLite file written by any process).
 * Without a version, cached results are trusted for CHECK_CACHE_MAX_AGE_MS at most.
 */
export class SharedCheckCache {
  private readonly cache = new CheckCache();
  private filledSince: number;
  private lastVersion: unknown;

  constructor(
    private readonly maxAgeMs = CHECK_CACHE_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
    private readonly version: FactsVersion | null = null,
  ) {
    this.filledSince = now();
    this.lastVersion = version?.();
  }

  /** The cache to check with now: emptied first when the facts may have changed since. */
  current(): CheckCache {
    if (this.version) {
      const version = this.version();
      if (version !== this.lastVersion) {
        this.clear();
        this.lastVersion = version;
      }
    } else if (this.now() - this.filledSince > this.maxAgeMs) {
      this.clear();
    }
    return this.cache;
  }

  clear(): void {
    this.cache.clear();
    this.filledSince = this.now();
  }
}
