import type { Figure, Organisation, Person, Quote, Source } from '@verbatim/domain/entities';
import {
  type DatasetFragment,
  lookupNames,
  organisationLookupNames,
  toDatasetFragment,
} from './dataset-fragment.ts';
import { extractArticle } from './extract.ts';
import type { ExtractedArticle, ExtractInput } from './types.ts';

interface PageOf<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * The store reads an ingest needs. `FactStore` has all of them, so the CLI and the GraphQL
 * server pass their store; this package stays free of the store and of any I/O of its own.
 */
export interface IngestReader {
  findPeopleByName(nameOrAlias: string): Promise<Person[]>;
  findOrganisationsByName(nameOrAlias: string): Promise<Organisation[]>;
  findSourceByUrlOrHash(key: {
    url?: string | null;
    contentHash?: string | null;
  }): Promise<Source | null>;
  listSources(
    filter: { query?: string },
    page: { first: number; after?: string | null },
  ): Promise<PageOf<Source>>;
  listQuotes(
    filter: { sourceId?: string; orderBy?: 'newest' | 'oldest' | 'relevance' },
    page: { first: number; after?: string | null },
  ): Promise<PageOf<Quote>>;
  listFigures(
    filter: { sourceId?: string },
    page: { first: number; after?: string | null },
  ): Promise<PageOf<Figure>>;
}

export type IngestPlan =
  | { status: 'unchanged'; source: Source; extracted: ExtractedArticle }
  | { status: 'new' | 'updated'; fragment: DatasetFragment; extracted: ExtractedArticle };

export interface PlanOptions {
  /** "sha256:<hex>" of the exact input text. */
  contentHash: string;
  /** Title when the article shows none (a file name, say). */
  fallbackTitle?: string;
  /** Actor of the verification events; "verbatim ingest" by default. */
  actor?: string;
}

/**
 * Extracts an article and decides what storing it means: nothing (the same text is stored),
 * a new source, or a new version of a stored one (same URL, or same headline and byline). The
 * caller writes `fragment.dataset` with `importDataset(…, { mode: 'merge' })`: one transaction.
 */
export async function planIngest(
  reader: IngestReader,
  input: ExtractInput,
  options: PlanOptions,
): Promise<IngestPlan> {
  const extracted = extractArticle(input);
  const previous = await findPreviousVersion(reader, extracted, options.contentHash);
  if (previous && previous.contentHash === options.contentHash) {
    return { status: 'unchanged', source: previous, extracted };
  }
  const [people, organisations, quotes, figures] = await Promise.all([
    lookUpPeople(reader, extracted),
    lookUpOrganisations(reader, extracted),
    previous
      ? allPages((after) =>
          reader.listQuotes({ sourceId: previous.id, orderBy: 'oldest' }, { first: 500, after }),
        )
      : [],
    previous
      ? allPages((after) => reader.listFigures({ sourceId: previous.id }, { first: 500, after }))
      : [],
  ]);
  const fragment = toDatasetFragment(
    extracted,
    { people, organisations, source: previous, quotes, figures },
    {
      contentHash: options.contentHash,
      ...(options.fallbackTitle ? { fallbackTitle: options.fallbackTitle } : {}),
      ...(options.actor ? { actor: options.actor } : {}),
    },
  );
  return { status: previous ? 'updated' : 'new', fragment, extracted };
}

async function findPreviousVersion(
  reader: IngestReader,
  extracted: ExtractedArticle,
  contentHash: string,
): Promise<Source | null> {
  const byUrlOrHash = await reader.findSourceByUrlOrHash({
    url: extracted.metadata.url,
    contentHash,
  });
  if (byUrlOrHash) return byUrlOrHash;
  // Same headline and byline, different text: a corrected version without a URL.
  const title = extracted.metadata.headline?.text.trim();
  const byline = extracted.metadata.byline?.text.trim();
  if (!title || !byline) return null;
  const page = await reader.listSources({ query: title }, { first: 50 });
  return page.items.find((s) => s.title === title && s.byline === byline) ?? null;
}

async function lookUpPeople(reader: IngestReader, extracted: ExtractedArticle): Promise<Person[]> {
  const names = new Set<string>();
  for (const person of extracted.people) {
    for (const name of lookupNames(person)) names.add(name);
  }
  const found = await Promise.all([...names].map((name) => reader.findPeopleByName(name)));
  return found.flat();
}

async function lookUpOrganisations(
  reader: IngestReader,
  extracted: ExtractedArticle,
): Promise<Organisation[]> {
  const speaking = new Set(
    extracted.quotes.flatMap((q) =>
      q.speakers.filter((s) => s.kind === 'organisation').map((s) => s.key),
    ),
  );
  const names = new Set<string>();
  for (const organisation of extracted.organisations) {
    if (!speaking.has(organisation.key)) continue;
    for (const name of organisationLookupNames(organisation)) names.add(name);
  }
  const found = await Promise.all([...names].map((name) => reader.findOrganisationsByName(name)));
  return found.flat();
}

async function allPages<T>(page: (after: string | null) => Promise<PageOf<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const current = await page(after);
    items.push(...current.items);
    if (!current.hasNextPage) return items;
    after = current.endCursor;
  }
}
