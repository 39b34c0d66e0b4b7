import { NotFoundError } from '@verbatim/store/fact-store';

/**
 * DataLoader batch functions must answer every key; the store answers null for a missing row,
 * which becomes a NotFoundError (mapped to extensions.code NOT_FOUND) for that key alone.
 */
export function rowsOrNotFound<T>(
  entity: string,
  ids: readonly string[],
  rows: readonly (T | null)[],
): (T | Error)[] {
  return ids.map((id, index) => rows[index] ?? new NotFoundError(entity, id));
}
