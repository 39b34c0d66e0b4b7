import { createHash } from 'node:crypto';
import type { Figure, Organisation, Person, Quote, Source } from '@verbatim/domain/entities';
import {
  type Ambiguity,
  type FragmentSummary,
  lookupNames,
  organisationLookupNames,
  toDatasetFragment,
} from '@verbatim/extract/dataset-fragment';
import { extractArticle } from '@verbatim/extract/extract';
import type { ExtractedArticle } from '@verbatim/extract/types';
import type { FactStore } from '@verbatim/store/fact-store';
import type { ArticleFile } from './read-article-file.ts';

export const INGEST_ACTOR = 'verbatim ingest';

export interface IngestResult {
  path: string;
  status: 'new' | 'updated' | 'unchanged';
  sourceId: string;
  title: string;
  summary: FragmentSummary | null;
  ambiguities: Ambiguity[];
}

export function contentHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Extracts one article and writes it in one transaction (importDataset merge). An article already
 * stored with the same text is left alone; a new version of a stored article (same URL, or same
 * title and byline) updates it: quotes still there keep their ids and statuses, quotes gone are
 * retracted with an event (see docs/extraction.md, "Re-ingesting").
 */
export async function ingestArticle(store: FactStore, file: ArticleFile): Promise<IngestResult> {
  const extracted = extractArticle({
    text: file.text,
    ...(file.format ? { format: file.format } : {}),
  });
  const hash = contentHash(file.text);
  const previous = await findPreviousVersion(store, extracted, hash);
  if (previous && previous.contentHash === hash) {
    return {
      path: file.path,
      status: 'unchanged',
      sourceId: previous.id,
      title: previous.title,
      summary: null,
      ambiguities: [],
    };
  }
  const people = await lookUpPeople(store, extracted);
  const organisations = await lookUpOrganisations(store, extracted);
  const quotes = previous ? await allQuotesOf(store, previous.id) : [];
  const figures = previous ? await allFiguresOf(store, previous.id) : [];
  const fragment = toDatasetFragment(
    extracted,
    { people, organisations, source: previous, quotes, figures },
    { contentHash: hash, fallbackTitle: fileTitle(file.path), actor: INGEST_ACTOR },
  );
  await store.importDataset(fragment.dataset, { mode: 'merge' });
  const source = fragment.dataset.sources[0];
  return {
    path: file.path,
    status: previous ? 'updated' : 'new',
    sourceId: source?.id ?? '',
    title: source?.title ?? '',
    summary: fragment.summary,
    ambiguities: fragment.ambiguities,
  };
}

async function findPreviousVersion(
  store: FactStore,
  extracted: ExtractedArticle,
  hash: string,
): Promise<Source | null> {
  const byUrlOrHash = await store.findSourceByUrlOrHash({
    url: extracted.metadata.url,
    contentHash: hash,
  });
  if (byUrlOrHash) return byUrlOrHash;
  // Same headline and byline, different text: a corrected version without a URL.
  const title = extracted.metadata.headline?.text.trim();
  const byline = extracted.metadata.byline?.text.trim();
  if (!title || !byline) return null;
  const page = await store.listSources({ query: title }, { first: 50 });
  return page.items.find((s) => s.title === title && s.byline === byline) ?? null;
}

async function lookUpPeople(store: FactStore, extracted: ExtractedArticle): Promise<Person[]> {
  const found: Person[] = [];
  const asked = new Set<string>();
  for (const person of extracted.people) {
    for (const name of lookupNames(person)) {
      if (asked.has(name)) continue;
      asked.add(name);
      found.push(...(await store.findPeopleByName(name)));
    }
    // A lone surname is looked up too, so "Trump" finds "Donald Trump" (alias "Trump").
    if (!person.name.includes(' ') && !asked.has(`alias:${person.name}`)) {
      asked.add(`alias:${person.name}`);
      found.push(...(await store.findPeopleByName(person.name)));
    }
  }
  return found;
}

async function lookUpOrganisations(
  store: FactStore,
  extracted: ExtractedArticle,
): Promise<Organisation[]> {
  const found: Organisation[] = [];
  const speaking = new Set(
    extracted.quotes.flatMap((q) =>
      q.speakers.filter((s) => s.kind === 'organisation').map((s) => s.key),
    ),
  );
  for (const organisation of extracted.organisations) {
    if (!speaking.has(organisation.key)) continue;
    for (const name of organisationLookupNames(organisation)) {
      found.push(...(await store.findOrganisationsByName(name)));
    }
  }
  return found;
}

async function allQuotesOf(store: FactStore, sourceId: string): Promise<Quote[]> {
  const quotes: Quote[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.listQuotes({ sourceId, orderBy: 'oldest' }, { first: 500, after });
    quotes.push(...page.items);
    if (!page.hasNextPage) return quotes;
    after = page.endCursor;
  }
}

async function allFiguresOf(store: FactStore, sourceId: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.listFigures({ sourceId }, { first: 500, after });
    figures.push(...page.items);
    if (!page.hasNextPage) return figures;
    after = page.endCursor;
  }
}

function fileTitle(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}
