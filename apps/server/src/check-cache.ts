import { CheckCache } from '@verbatim/checker/check';

/** How long cached check results are trusted when nothing in this process said facts changed. */
export const CHECK_CACHE_MAX_AGE_MS = 10_000;

/**
 * The checker's paragraph and fact-lookup cache, shared by every `checkDraft` request: an editor
 * re-checking a draft after changing one paragraph pays for that paragraph only. Results depend
 * on the facts, so the cache is emptied on every `factChanged` (every change through this server,
 * and every change the store reports from other processes) and, for writers that report nothing
 * (`verbatim import` into the same SQLite file), after CHECK_CACHE_MAX_AGE_MS at the latest.
 */
export class SharedCheckCache {
  private readonly cache = new CheckCache();
  private filledSince: number;

  constructor(
    private readonly maxAgeMs = CHECK_CACHE_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.filledSince = now();
  }

  /** The cache to check with now: emptied first when it is older than the limit. */
  current(): CheckCache {
    if (this.now() - this.filledSince > this.maxAgeMs) this.clear();
    return this.cache;
  }

  clear(): void {
    this.cache.clear();
    this.filledSince = this.now();
  }
}
