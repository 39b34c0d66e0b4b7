import type { Figure, Id, Organisation, Person, Quote, Source } from './entities.ts';

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
   * Figures in any of these units whose `measures` shares at least one word with
   * `measuresWords` (a figure sharing none is never about the same thing), the most shared
   * first, ties by id, at most `limit`.
   */
  figureCandidates(
    units: readonly string[],
    measuresWords: readonly string[],
    limit: number,
  ): Promise<Figure[]>;
  peopleByIds(ids: readonly Id[]): Promise<(Person | null)[]>;
  organisationsByIds(ids: readonly Id[]): Promise<(Organisation | null)[]>;
  sourcesByIds(ids: readonly Id[]): Promise<(Source | null)[]>;
  /** People whose name or alias equals `nameOrAlias`, case- and accent-insensitively. */
  findPeopleByName(nameOrAlias: string): Promise<Person[]>;
  findOrganisationsByName(nameOrAlias: string): Promise<Organisation[]>;
}
