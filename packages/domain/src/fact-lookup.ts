import type { Figure, Id, Organisation, Person, Quote, Source } from './entities.ts';

/** See `FactLookup.quoteCandidatesPerQuotation`: the same rule in every backend. */
export const CANDIDATE_SHARE_OF_BEST = 0.5;

/**
 * A shingle found in more quotes than this is a stop-shingle ("said it was", "we have to"): it
 * says nothing about which quote a quotation comes from, and reading all its postings would make
 * the look-up cost grow with the archive. Every backend skips them, so all rank the same
 * candidates.
 */
export const MAX_SHINGLE_POSTINGS = 5000;

/**
 * What the checker needs to read facts. The store implements it over a database (so a draft is
 * checked against a million quotes without loading them), and the checker implements it in
 * memory over a dataset file. Candidate lookups return facts of every status: the checker
 * decides what a candidate or retracted match means.
 */
export interface FactLookup {
  /**
   * Quotes sharing at least one shingle (see `quoteShingles` in quote-text.ts) with the given
   * ones, the most shared first, at most `limit`.
   */
  quoteCandidates(shingles: readonly number[], limit: number): Promise<Quote[]>;
  /**
   * For each quotation (its shingles), the quotes sharing the most of them, the most shared
   * first, ties by id: at most `perQuotation`, and none sharing less than
   * CANDIDATE_SHARE_OF_BEST of what the best one shares (a quote sharing one common phrase with a
   * quotation whose source shares eight is noise). One answer per quotation, in order.
   */
  quoteCandidatesPerQuotation(
    quotations: readonly (readonly number[])[],
    perQuotation: number,
  ): Promise<Quote[][]>;
  /**
   * Figures in any of these units whose `measures` shares at least `minSharedWords` (default 1)
   * words with `measuresWords` (a figure sharing none is never about the same thing), the most
   * shared first, ties by id, at most `limit`.
   */
  figureCandidates(
    units: readonly string[],
    measuresWords: readonly string[],
    limit: number,
    minSharedWords?: number,
  ): Promise<Figure[]>;
  peopleByIds(ids: readonly Id[]): Promise<(Person | null)[]>;
  organisationsByIds(ids: readonly Id[]): Promise<(Organisation | null)[]>;
  sourcesByIds(ids: readonly Id[]): Promise<(Source | null)[]>;
  /** People whose name or alias equals `nameOrAlias`, case- and accent-insensitively. */
  findPeopleByName(nameOrAlias: string): Promise<Person[]>;
  findOrganisationsByName(nameOrAlias: string): Promise<Organisation[]>;
}

/**
 * The rule of `FactLookup.quoteCandidatesPerQuotation` over any shingle index: `postingsOf`
 * gives the quotes holding a shingle (each once), or null for a stop-shingle; `compare` orders
 * ties. Pure, so the in-memory lookup and the SQLite store rank alike.
 */
export function rankCandidatesPerQuotation<QuoteKey>(
  quotations: readonly (readonly number[])[],
  postingsOf: (shingle: number) => readonly QuoteKey[] | null,
  perQuotation: number,
  compare: (a: QuoteKey, b: QuoteKey) => number,
): QuoteKey[][] {
  const wanted = Math.floor(perQuotation);
  return quotations.map((shingles) => {
    if (wanted <= 0) return [];
    const shared = new Map<QuoteKey, number>();
    for (const shingle of new Set(shingles))
      for (const quote of postingsOf(shingle) ?? [])
        shared.set(quote, (shared.get(quote) ?? 0) + 1);
    const ranked = [...shared].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    const best = ranked[0]?.[1] ?? 0;
    return ranked
      .slice(0, wanted)
      .filter(([, count]) => count >= best * CANDIDATE_SHARE_OF_BEST)
      .map(([quote]) => quote);
  });
}
