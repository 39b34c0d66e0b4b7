import type { Dataset } from '@verbatim/domain/dataset';
import type {
  FactKind,
  Figure,
  Id,
  Quote,
  Source,
  VerificationEvent,
} from '@verbatim/domain/entities';
import type { FactLookup } from '@verbatim/domain/fact-lookup';
import { rankByMatch } from '../service/text-match.ts';
import type { EditorFacts, FactCounts } from './editor-facts.ts';

/** Editor facts over a dataset held in memory (a dataset file, or a test's fixture). */
export function datasetFacts(
  dataset: Dataset,
  lookup: FactLookup,
  description: string,
): EditorFacts {
  const quotes = new Map(dataset.quotes.map((quote) => [quote.id, quote]));
  const figures = new Map(dataset.figures.map((figure) => [figure.id, figure]));
  const sources = new Map(dataset.sources.map((source) => [source.id, source]));
  const latestEvents = new Map<string, VerificationEvent>();
  for (const event of dataset.events) latestEvents.set(`${event.factKind}:${event.factId}`, event);
  const publishedOn = (sourceId: Id) => sources.get(sourceId)?.publishedOn ?? '';
  const newestFirst = (a: { sourceId: Id }, b: { sourceId: Id }) =>
    publishedOn(b.sourceId).localeCompare(publishedOn(a.sourceId));

  return {
    description,
    lookup,
    async counts(): Promise<FactCounts> {
      return {
        quotes: dataset.quotes.length,
        figures: dataset.figures.length,
        people: dataset.people.length,
        sources: dataset.sources.length,
      };
    },
    async quotesByIds(ids) {
      return ids.map((id) => quotes.get(id) ?? null);
    },
    async figuresByIds(ids) {
      return ids.map((id) => figures.get(id) ?? null);
    },
    async searchQuotes(text, limit) {
      return rankByMatch(text, dataset.quotes, (quote) => quote.text, limit);
    },
    async searchFigures(text, limit) {
      return rankByMatch(
        text,
        dataset.figures,
        (figure) => `${figure.text} ${figure.measures}`,
        limit,
      );
    },
    async quotesBySpeaker(personId, limit) {
      return dataset.quotes
        .filter((quote) => quote.speakers.some((speaker) => speaker.id === personId))
        .sort(newestFirst)
        .slice(0, limit);
    },
    async latestVerification(kind: FactKind, id: Id) {
      return latestEvents.get(`${kind}:${id}`) ?? null;
    },
    async listSources(limit): Promise<Source[]> {
      return [...dataset.sources]
        .sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? ''))
        .slice(0, limit);
    },
    async quotesOfSource(sourceId): Promise<Quote[]> {
      return dataset.quotes.filter((quote) => quote.sourceId === sourceId);
    },
    async figuresOfSource(sourceId): Promise<Figure[]> {
      return dataset.figures.filter((figure) => figure.sourceId === sourceId);
    },
    async close() {},
  };
}
