import type Database from 'better-sqlite3';

/**
 * A shingle found in more quotes than this is a stop-shingle ("said it was", "we have to"): it
 * says nothing about which quote a quotation comes from, and reading all its postings would make
 * the look-up cost grow with the archive. The in-memory lookup (MemoryFactLookup) skips the same
 * shingles, so both backends rank the same candidates.
 */
export const MAX_SHINGLE_POSTINGS = 5000;

/**
 * The checker's candidate look-ups over the SQLite tables quote_shingles and figure_words
 * (see migrations.ts), as ranked ids. Statements are prepared once per database.
 */
export class SqliteCandidateLookup {
  private readonly rankedQuotes: Database.Statement<[string, number, number, number], string>;
  private readonly figuresSharingWords: Database.Statement<[string, string, number], string>;

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
    // Driven from figure_words by word (its primary key), then the unit of each figure found:
    // only figures sharing a word with the sentence are read, not every figure of the unit.
    // CROSS JOIN keeps that order: SQLite would otherwise start from figures_unit.
    this.figuresSharingWords = db
      .prepare<[string, string, number], string>(
        `SELECT fw.figure_id FROM figure_words fw CROSS JOIN figures f ON f.id = fw.figure_id
         WHERE fw.word IN (SELECT value FROM json_each(?))
           AND f.unit IN (SELECT value FROM json_each(?))
         GROUP BY fw.figure_id ORDER BY COUNT(*) DESC, fw.figure_id LIMIT ?`,
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
   * Ids of the figures in any of `units` sharing at least one of `words` (normalised like
   * figure_words), the most shared first, ties by id, at most `limit`. A figure sharing no word
   * with the sentence is never about the same thing, so it is not a candidate. figure_words holds
   * words as written and the checker compares stems, so each word is also looked up in its
   * common inflections (see `withInflections`).
   */
  figureCandidateIds(units: readonly string[], words: readonly string[], limit: number): string[] {
    const wanted = Math.floor(limit);
    if (units.length === 0 || words.length === 0 || wanted <= 0) return [];
    return this.figuresSharingWords.all(
      JSON.stringify(withInflections(words)),
      JSON.stringify(units),
      wanted,
    );
  }
}

const INFLECTIONS = ['s', 'es', 'e', 'ed', 'ing', 'er', 'ers'];

/**
 * The words and their common English inflections ("export" → exports, exported…; a stem in i
 * such as "citi" → city, cities), so that a figure measuring "exports" is found from a sentence
 * saying "exported" (whose stem "export" the checker passes). Extra forms only widen the
 * candidates; the checker decides what is about the same thing.
 */
export function withInflections(words: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const word of words) {
    forms.add(word);
    if (word.length < 3) continue;
    for (const suffix of INFLECTIONS) forms.add(word + suffix);
    if (word.endsWith('i')) {
      forms.add(`${word.slice(0, -1)}y`);
      forms.add(`${word.slice(0, -1)}ies`);
    }
  }
  return [...forms];
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
