import type { Figure, Quote } from '@verbatim/domain/entities';
import type { FactStore } from '@verbatim/store/fact-store';
import { normalizeWords, rankByMatch } from '../service/text-match.ts';
import type { EditorFacts } from './editor-facts.ts';

const PAGE = 500;

/** Editor facts over a FactStore (the local SQLite database): nothing is loaded up front. */
export function storeFacts(store: FactStore, description: string): EditorFacts {
  // Full-text search wants whole words; the last typed word may be half-written, so leave it out
  // of the query and let the ranking use it.
  const searchableWords = (text: string) => {
    const words = normalizeWords(text);
    return words.length > 1 ? words.slice(0, -1) : words;
  };

  async function collect<T>(
    fetchPage: (
      after: string | null,
    ) => Promise<{ items: T[]; hasNextPage: boolean; endCursor: string | null }>,
    max: number,
  ): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    while (items.length < max) {
      const page = await fetchPage(after);
      items.push(...page.items);
      if (!page.hasNextPage || page.endCursor === null) break;
      after = page.endCursor;
    }
    return items.slice(0, max);
  }

  return {
    description,
    lookup: store,
    async counts() {
      const counts = await store.counts();
      return {
        quotes: counts.quotes,
        figures: counts.figures,
        people: counts.people,
        sources: counts.sources,
      };
    },
    quotesByIds: (ids) => store.quotesByIds(ids),
    figuresByIds: (ids) => store.figuresByIds(ids),
    async searchQuotes(text, limit) {
      const words = searchableWords(text);
      if (words.length === 0) {
        const page = await store.listQuotes({ orderBy: 'newest' }, { first: limit });
        return page.items;
      }
      const page = await store.listQuotes(
        { text: words.join(' '), orderBy: 'relevance' },
        { first: Math.min(PAGE, limit * 5) },
      );
      return rankByMatch<Quote>(text, page.items, (quote) => quote.text, limit);
    },
    async searchFigures(text, limit) {
      const words = searchableWords(text);
      const page = await store.listFigures(words.length ? { measures: words.join(' ') } : {}, {
        first: Math.min(PAGE, limit * 5),
      });
      return rankByMatch<Figure>(
        text,
        page.items,
        (figure) => `${figure.text} ${figure.measures}`,
        limit,
      );
    },
    async quotesBySpeaker(personId, limit) {
      const page = await store.listQuotes(
        { speakerId: personId, orderBy: 'newest' },
        { first: limit },
      );
      return page.items;
    },
    async latestVerification(kind, id) {
      const history = await store.verificationHistory(kind, id);
      return history.at(-1) ?? null;
    },
    async listSources(limit) {
      return collect(
        (after) => store.listSources({}, { first: Math.min(PAGE, limit), after }),
        limit,
      );
    },
    async quotesOfSource(sourceId) {
      return collect(
        (after) => store.listQuotes({ sourceId, orderBy: 'oldest' }, { first: PAGE, after }),
        5000,
      );
    },
    async figuresOfSource(sourceId) {
      return collect((after) => store.listFigures({ sourceId }, { first: PAGE, after }), 5000);
    },
    close: () => store.close(),
  };
}
