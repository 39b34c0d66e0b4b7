import { createHash } from 'node:crypto';
import type pg from 'pg';

const names = new Map<string, string>();

/**
 * A query PostgreSQL parses and plans once per connection instead of on every call: a named
 * prepared statement, named after its text so one name never meets two texts. For the hot
 * queries of fixed text (readers by id, search, verification); parsing and planning was more
 * than half of such a query's time at 1M quotes (decision 113).
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `verbatim_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
