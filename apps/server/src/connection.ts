import type { Page, PageArgs } from '@verbatim/store/fact-store';
import { InvalidInputError } from '@verbatim/store/fact-store';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionResult<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

/**
 * Edge cursors on top of the store's page cursors. The store only hands out a cursor for the end
 * of a page, but Relay wants one per edge; so an edge's cursor is "the store cursor the page
 * started from, plus how many items of it to skip". Paging on from the last edge uses the store's
 * own cursor again, so the skip never exceeds one page.
 */
interface EdgeCursor {
  after: string | null;
  skip: number;
}

function encodeCursor(cursor: EdgeCursor): string {
  return Buffer.from(JSON.stringify([cursor.after, cursor.skip])).toString('base64url');
}

function decodeCursor(cursor: string): EdgeCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      (value[0] === null || typeof value[0] === 'string') &&
      Number.isSafeInteger(value[1]) &&
      value[1] >= 0 &&
      value[1] <= MAX_PAGE_SIZE
    ) {
      return { after: value[0], skip: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError(`"${cursor}" is not a cursor this API handed out.`);
}

/** Resolves a forward connection (`first`, `after`) from one store page. */
export async function resolveStoreConnection<T>(
  args: { first?: number | null; after?: string | null },
  loadPage: (page: PageArgs) => Promise<Page<T>>,
): Promise<ConnectionResult<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const start = args.after ? decodeCursor(args.after) : { after: null, skip: 0 };
  const page = await loadPage({ first: start.skip + first, after: start.after });
  const items = page.items.slice(start.skip);
  const edges = items.map((node, index) => {
    const isLastOfStorePage = index === items.length - 1 && page.endCursor !== null;
    const cursor = isLastOfStorePage
      ? { after: page.endCursor, skip: 0 }
      : { after: start.after, skip: start.skip + index + 1 };
    return { cursor: encodeCursor(cursor), node };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: page.totalCount,
  };
}

/** Every item of a store listing, page by page (for writes that need them all). */
export async function everyPage<T>(
  load: (page: { first: number; after: string | null }) => Promise<{
    items: T[];
    hasNextPage: boolean;
    endCursor: string | null;
  }>,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await load({ first: 500, after });
    items.push(...page.items);
    if (!page.hasNextPage) return items;
    after = page.endCursor;
  }
}
