import { createHash } from 'node:crypto';
import type { Organisation, Person, Source } from '@verbatim/domain/entities';
import {
  type DatasetFragment,
  lookupNames,
  organisationLookupNames,
  toDatasetFragment,
} from '@verbatim/extract/dataset-fragment';
import { extractArticle } from '@verbatim/extract/extract';
import type { ArticleFormat, ExtractedArticle } from '@verbatim/extract/types';
import type { FactStore } from '@verbatim/store/fact-store';
import { everyPage } from './connection.ts';

export interface IngestInput {
  text: string;
  format?: ArticleFormat;
  url?: string;
  /** Used when the article shows no headline. */
  title?: string;
  actor: string;
}

export interface IngestOutcome {
  status: 'new' | 'updated' | 'unchanged';
  source: Source;
  fragment: DatasetFragment | null;
}

/**
 * Extracts one article and merges it into the store in one transaction, as `verbatim ingest` does:
 * the same text again changes nothing; a new version of a stored article (same URL, or same
 * title and byline) keeps the ids and statuses of quotes still there and retracts those gone.
 */
export async function ingestArticle(store: FactStore, input: IngestInput): Promise<IngestOutcome> {
  const extracted = extractArticle({
    text: input.text,
    ...(input.format ? { format: input.format } : {}),
    ...(input.url ? { url: input.url } : {}),
  });
  const contentHash = `sha256:${createHash('sha256').update(input.text, 'utf8').digest('hex')}`;
  const previous = await findPreviousVersion(store, extracted, contentHash);
  if (previous?.contentHash === contentHash) {
    return { status: 'unchanged', source: previous, fragment: null };
  }
  const fragment = toDatasetFragment(
    extracted,
    {
      people: await lookUpPeople(store, extracted),
      organisations: await lookUpOrganisations(store, extracted),
      source: previous,
      quotes: previous
        ? await everyPage((page) => store.listQuotes({ sourceId: previous.id }, page))
        : [],
      figures: previous
        ? await everyPage((page) => store.listFigures({ sourceId: previous.id }, page))
        : [],
    },
    { contentHash, fallbackTitle: input.title, actor: input.actor },
  );
  await store.importDataset(fragment.dataset, { mode: 'merge' });
  const [source] = await store.sourcesByIds([fragment.dataset.sources[0]?.id ?? '']);
  if (!source) throw new Error('the ingested source was not stored');
  return { status: previous ? 'updated' : 'new', source, fragment };
}

async function findPreviousVersion(
  store: FactStore,
  extracted: ExtractedArticle,
  contentHash: string,
): Promise<Source | null> {
  const found = await store.findSourceByUrlOrHash({ url: extracted.metadata.url, contentHash });
  if (found) return found;
  const title = extracted.metadata.headline?.text.trim();
  const byline = extracted.metadata.byline?.text.trim();
  if (!title || !byline) return null;
  const page = await store.listSources({ query: title }, { first: 50 });
  return page.items.find((source) => source.title === title && source.byline === byline) ?? null;
}

async function lookUpPeople(store: FactStore, extracted: ExtractedArticle): Promise<Person[]> {
  const names = new Set(
    extracted.people.flatMap((person) => [...lookupNames(person), person.name]),
  );
  const found = await Promise.all([...names].map((name) => store.findPeopleByName(name)));
  return found.flat();
}

async function lookUpOrganisations(
  store: FactStore,
  extracted: ExtractedArticle,
): Promise<Organisation[]> {
  const speaking = new Set(
    extracted.quotes.flatMap((quote) =>
      quote.speakers
        .filter((speaker) => speaker.kind === 'organisation')
        .map((speaker) => speaker.key),
    ),
  );
  const names = new Set(
    extracted.organisations
      .filter((organisation) => speaking.has(organisation.key))
      .flatMap((organisation) => organisationLookupNames(organisation)),
  );
  const found = await Promise.all([...names].map((name) => store.findOrganisationsByName(name)));
  return found.flat();
}
