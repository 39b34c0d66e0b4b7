import type {
  FactKind,
  Figure,
  Id,
  Person,
  Quote,
  Source,
  VerificationEvent,
} from '@verbatim/domain/entities';
import type { FactLookup } from '@verbatim/domain/fact-lookup';

export interface FactCounts {
  quotes: number;
  figures: number;
  people: number;
  sources: number;
}

/**
 * What the editor features read: the checker's FactLookup plus the few queries hover, completion,
 * search and the side-bar tree need. One implementation per facts source (dataset file, SQLite
 * store, GraphQL server); the language service does not know which one it talks to.
 */
export interface EditorFacts {
  /** "dataset carney.dataset.json", "SQLite /home/me/.local/share/verbatim/verbatim.db". */
  readonly description: string;
  readonly lookup: FactLookup;
  counts(): Promise<FactCounts>;
  quotesByIds(ids: readonly Id[]): Promise<(Quote | null)[]>;
  figuresByIds(ids: readonly Id[]): Promise<(Figure | null)[]>;
  /** Quotes whose words best match `text` (a typed prefix or a whole quotation), best first. */
  searchQuotes(text: string, limit: number): Promise<Quote[]>;
  /** Figures whose printed form or `measures` match `text`, best first. */
  searchFigures(text: string, limit: number): Promise<Figure[]>;
  /** The person's quotes, newest source first. */
  quotesBySpeaker(personId: Id, limit: number): Promise<Quote[]>;
  latestVerification(kind: FactKind, id: Id): Promise<VerificationEvent | null>;
  listSources(limit: number): Promise<Source[]>;
  quotesOfSource(sourceId: Id): Promise<Quote[]>;
  figuresOfSource(sourceId: Id): Promise<Figure[]>;
  close(): Promise<void>;
}

/** A facts source that pushes changes (the GraphQL `factChanged` subscription). */
export interface LiveEditorFacts extends EditorFacts {
  onFactChanged(listener: (change: { kind: FactKind; id: Id }) => void): () => void;
  onStateChanged(
    listener: (state: 'live' | 'reconnecting', message: string | null) => void,
  ): () => void;
}

export function isLive(facts: EditorFacts): facts is LiveEditorFacts {
  return 'onFactChanged' in facts;
}

export type { Person };
