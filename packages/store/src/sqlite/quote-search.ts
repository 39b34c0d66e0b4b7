import type Database from 'better-sqlite3';

type Bind = string | number | null;

/** The parts of a quote listing's SELECT that `listQuotes` builds from its filter. */
export interface QuoteListingSql {
  /** `FROM … WHERE …`, with `?` for `params`. */
  from: string;
  params: Bind[];
  orderBy: string;
  /** The column holding the quote id (`q.id`, or `m.id` for a text search alone). */
  idColumn: string;
}

/**
 * A full-text search with no other filter, ranked by relevance, needs nothing from the quotes
 * table to find its page: the search documents hold the quote ids. Reading each match's quote
 * row only to learn it exists made the page statement 0.26 ms instead of 0.17 ms at 100k quotes
 * (decision 105).
 */
export function textSearchOnlySql(matchingSql: string, match: string): QuoteListingSql {
  return {
    from: `FROM (${matchingSql}) m`,
    params: [match],
    orderBy: 'm.rank, m.id',
    idColumn: 'm.id',
  };
}

/**
 * One page of quote ids, in order, and how many quotes match in all — from one statement:
 * `COUNT(*) OVER ()` counts the rows the WHERE clause keeps before LIMIT applies, so the
 * full-text index (and bm25's per-term statistics, and a speaker's quote list) is read once, not
 * once to count and again to page (decision 105). Only a page past the end returns no row to
 * carry the count (or a page of none); those rare cases count separately.
 */
export function pageOfQuoteIds(
  statement: (sql: string) => Database.Statement,
  listing: QuoteListingSql,
  first: number,
  offset: number,
): { ids: string[]; totalCount: number } {
  const rows = statement(
    `SELECT ${listing.idColumn} AS id, COUNT(*) OVER () AS total ${listing.from}
     ORDER BY ${listing.orderBy} LIMIT ? OFFSET ?`,
  ).all(...listing.params, first, offset) as { id: string; total: number }[];
  const [firstRow] = rows;
  if (firstRow) return { ids: rows.map((row) => row.id), totalCount: firstRow.total };
  if (offset === 0 && first > 0) return { ids: [], totalCount: 0 };
  const count = statement(`SELECT COUNT(*) AS n ${listing.from}`).get(...listing.params) as {
    n: number;
  };
  return { ids: [], totalCount: count.n };
}
