import { MAX_SHINGLE_POSTINGS, rankCandidatesPerQuotation } from '@verbatim/domain/fact-lookup';
import type Database from 'better-sqlite3';

/**
 * The checker's candidate look-ups over the SQLite tables quote_shingles and figure_words
 * (see migrations.ts), as ranked ids. Statements are prepared once per database.
 */
export class SqliteCandidateLookup {
  private readonly rankedQuotes: Database.Statement<[string, number, number, number], string>;
  private readonly shinglePostings: Database.Statement<[number], string>;
  private readonly figuresSharingWords: Database.Statement<
    [string, number, string, number],
    string
  >;

  constructor(db: Database.Database) {
    // One statement: per draft shingle, count at most MAX_SHINGLE_POSTINGS + 1 of its postings
    // (a primary-key range) to drop stop-shingles; then count the shared shingles of each quote.
    // Measured faster than one statement per shingle with the counting in JavaScript.
    this.rankedQuotes = db
      .prepare<[string, number, number, number], string>(
        `SELECT quote_id FROM quote_shingles
         WHERE shingle IN (
           SELECT draft.value FROM json_each(?) draft
           WHERE (SELECT COUNT(*) FROM (
             SELECT 1 FROM quote_shingles common WHERE common.shingle = draft.value LIMIT ?
           )) <= ?
         )
         GROUP BY quote_id ORDER BY COUNT(*) DESC, quote_id LIMIT ?`,
      )
      .pluck();
    // One shingle's postings, up to one more than a stop-shingle may have: reading them per
    // shingle and ranking in JavaScript measured a third of the time of one statement with a
    // window per quotation. The limit is written into the SQL: bound as a parameter, the
    // statement ran 2.3× slower.
    this.shinglePostings = db
      .prepare<[number], string>(
        `SELECT quote_id FROM quote_shingles WHERE shingle = ? LIMIT ${MAX_SHINGLE_POSTINGS + 1}`,
      )
      .pluck();
    // Counted in figure_words alone, by word prefix: a range of its primary key, one seek per
    // stem, from the prefix up to the prefix followed by U+10FFFF (above every character). Only
    // the figures sharing enough words are then read for their unit: looking up the unit of every
    // posting cost more than the count. CROSS JOIN keeps that order.
    this.figuresSharingWords = db
      .prepare<[string, number, string, number], string>(
        `SELECT shared.figure_id FROM (
           SELECT fw.figure_id, COUNT(*) AS words FROM json_each(?) prefix
             CROSS JOIN figure_words fw
               ON fw.word >= prefix.value AND fw.word < prefix.value || char(1114111)
           GROUP BY fw.figure_id HAVING COUNT(*) >= ?
         ) shared
         CROSS JOIN figures f ON f.id = shared.figure_id
         WHERE f.unit IN (SELECT value FROM json_each(?))
         ORDER BY shared.words DESC, shared.figure_id LIMIT ?`,
      )
      .pluck();
  }

  /**
   * Ids of the quotes sharing the most of these shingles, ties by id, at most `limit`. Shingles
   * in more than MAX_SHINGLE_POSTINGS quotes are not counted.
   */
  quoteCandidateIds(shingles: readonly number[], limit: number): string[] {
    const wanted = Math.floor(limit);
    if (wanted <= 0 || shingles.length === 0) return [];
    return this.rankedQuotes.all(
      JSON.stringify([...new Set(shingles)]),
      MAX_SHINGLE_POSTINGS + 1,
      MAX_SHINGLE_POSTINGS,
      wanted,
    );
  }

  /**
   * For each quotation's shingles, the ids of its candidate quotes, best first (the rule of
   * FactLookup.quoteCandidatesPerQuotation). Shingles in more than MAX_SHINGLE_POSTINGS quotes
   * are not counted.
   */
  quoteCandidateIdsPerQuotation(
    quotations: readonly (readonly number[])[],
    perQuotation: number,
  ): string[][] {
    const postings = new Map<number, string[] | null>();
    return rankCandidatesPerQuotation(
      quotations,
      (shingle) => {
        let quotes = postings.get(shingle);
        if (quotes === undefined) {
          quotes = this.shinglePostings.all(shingle);
          if (quotes.length > MAX_SHINGLE_POSTINGS) quotes = null;
          postings.set(shingle, quotes);
        }
        return quotes;
      },
      perQuotation,
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    );
  }

  /**
   * Ids of the figures in any of `units` sharing at least `minSharedWords` of `words` (normalised
   * like figure_words), the most shared first, ties by id, at most `limit`. A figure sharing no word
   * with the sentence is never about the same thing, so it is not a candidate. figure_words holds
   * words as written and the checker compares stems, so each word is looked up as a prefix
   * (see `stemPrefixes`).
   */
  figureCandidateIds(
    units: readonly string[],
    words: readonly string[],
    limit: number,
    minSharedWords = 1,
  ): string[] {
    const wanted = Math.floor(limit);
    if (units.length === 0 || words.length === 0 || wanted <= 0) return [];
    return this.figuresSharingWords.all(
      JSON.stringify(stemPrefixes(words)),
      Math.max(1, Math.floor(minSharedWords)),
      JSON.stringify(units),
      wanted,
    );
  }
}

/**
 * The words as prefixes of figure_words keys: every word starting with one ("export" → exports,
 * exported, exporter…), so one index seek finds what the checker's stem ("export", from
 * "exported") stands for. A stem in y or i also stands for its forms in ies ("city" → cities).
 * A word that starts with another word of the list adds nothing and is dropped. Extra words only
 * widen the candidates; the checker decides what is about the same thing.
 */
export function stemPrefixes(words: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of words) {
    if (word === '') continue;
    prefixes.add(word);
    if (word.length >= 3 && (word.endsWith('y') || word.endsWith('i'))) {
      prefixes.add(`${word.slice(0, -1)}ies`);
      prefixes.add(`${word.slice(0, -1)}y`);
    }
  }
  const kept: string[] = [];
  for (const prefix of [...prefixes].sort()) {
    const covering = kept[kept.length - 1];
    if (covering === undefined || !prefix.startsWith(covering)) kept.push(prefix);
  }
  return kept;
}

const lookups = new WeakMap<Database.Database, SqliteCandidateLookup>();

/** The lookup for this database, its statements prepared on first use. */
export function candidateLookupFor(db: Database.Database): SqliteCandidateLookup {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = new SqliteCandidateLookup(db);
    lookups.set(db, lookup);
  }
  return lookup;
}
