import { closeSync, openSync, readSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** Where `facts:` (or `--facts`) points. */
export type FactsLocation =
  | { source: 'sqlite'; databasePath: string }
  | { source: 'dataset'; datasetPath: string }
  | { source: 'graphql'; url: string }
  | { source: 'postgres'; url: string };

/**
 * "https://…" is a GraphQL server, "postgres://…" a PostgreSQL database; anything else is a file
 * relative to `baseDirectory` (the config file's folder): SQLite when it is one, else a dataset
 * .json.
 */
export function locateFacts(facts: string, baseDirectory: string): FactsLocation {
  if (/^https?:\/\//i.test(facts)) return { source: 'graphql', url: facts };
  if (POSTGRES_URL.test(facts)) return { source: 'postgres', url: facts };
  const path = isAbsolute(facts) ? facts : resolve(baseDirectory, facts);
  return isSqliteFile(path)
    ? { source: 'sqlite', databasePath: path }
    : { source: 'dataset', datasetPath: path };
}

const SQLITE_HEADER = 'SQLite format 3\u0000';
const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** A PostgreSQL URL fit for messages: the password, if any, is not shown. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

/**
 * By its extension (so a database that does not exist yet still counts), else by its header. A
 * file that cannot be read is not SQLite.
 */
export function isSqliteFile(path: string): boolean {
  return /\.(sqlite3?|db)$/i.test(path) || hasSqliteHeader(path);
}

/** Whether the file starts with the 16 bytes every SQLite database starts with. */
export function hasSqliteHeader(path: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(descriptor, header, 0, header.length, 0);
    return read === header.length && header.toString('latin1') === SQLITE_HEADER;
  } catch {
    return false;
  } finally {
    closeSync(descriptor);
  }
}
