import type { Dataset } from '@verbatim/domain/dataset';
import type {
  FactKind,
  FactStatus,
  Figure,
  FigureQualifier,
  Id,
  Organisation,
  Person,
  Quote,
  QuoteKind,
  Role,
  Source,
  Span,
  SpeakerRef,
  VerificationEvent,
} from '@verbatim/domain/entities';
import type { FactLookup } from '@verbatim/domain/fact-lookup';

/**
 * The one interface every backend (SQLite now, PostgreSQL later) implements. Nothing above the
 * store may know which backend it talks to. Every method is async so both backends fit; every
 * multi-row write runs in one transaction.
 */
export interface FactStore extends FactLookup {
  readonly backend: 'sqlite' | 'postgres';

  /** Applies pending migrations; returns the versions applied now. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;

  // Batch readers: results are in the order of `ids`, null where absent (for DataLoader).
  // (sourcesByIds, peopleByIds, organisationsByIds come from FactLookup.)
  quotesByIds(ids: readonly Id[]): Promise<(Quote | null)[]>;
  figuresByIds(ids: readonly Id[]): Promise<(Figure | null)[]>;

  listSources(filter: SourceFilter, page: PageArgs): Promise<Page<Source>>;
  listPeople(filter: NameFilter, page: PageArgs): Promise<Page<Person>>;
  listOrganisations(filter: NameFilter, page: PageArgs): Promise<Page<Organisation>>;
  listQuotes(filter: QuoteFilter, page: PageArgs): Promise<Page<Quote>>;
  listFigures(filter: FigureFilter, page: PageArgs): Promise<Page<Figure>>;

  findSourceByUrlOrHash(key: {
    url?: string | null;
    contentHash?: string | null;
  }): Promise<Source | null>;

  /** Ranked search across quotes, figures, people, organisations and sources. */
  search(
    query: string,
    options: { first: number; kinds?: readonly SearchHitKind[] },
  ): Promise<SearchHit[]>;

  createPerson(input: PersonInput): Promise<Person>;
  addAlias(personId: Id, alias: string): Promise<Person>;
  /** Moves every quote and alias of `mergedId` to `keptId`, then deletes `mergedId`. */
  mergePeople(keptId: Id, mergedId: Id): Promise<Person>;
  createOrganisation(input: OrganisationInput): Promise<Organisation>;

  createQuote(input: QuoteInput, actor: string): Promise<Quote>;
  /** Fails with ConflictError when `expectedUpdatedAt` is given and no longer current. */
  updateQuote(id: Id, patch: QuotePatch, expectedUpdatedAt?: string): Promise<Quote>;
  createFigure(input: FigureInput, actor: string): Promise<Figure>;
  updateFigure(id: Id, patch: FigurePatch, expectedUpdatedAt?: string): Promise<Figure>;

  /** Appends a verification event and sets the fact's status, atomically. */
  recordVerification(input: VerificationInput): Promise<VerificationEvent>;
  verificationHistory(factKind: FactKind, factId: Id): Promise<VerificationEvent[]>;
  /** Batch form for DataLoader: one list per requested fact, in order. */
  verificationHistories(
    facts: readonly { kind: FactKind; id: Id }[],
  ): Promise<VerificationEvent[][]>;

  /** Everything, in a stable order, so that export → import → export is byte-identical. */
  exportDataset(): Promise<Dataset>;
  /**
   * Writes a whole dataset (or a fragment of one: one ingested article) in one transaction.
   * "replace" empties the store first; "merge" inserts what is new and updates what exists by id.
   * A failure leaves the store exactly as it was.
   */
  importDataset(dataset: Dataset, options: { mode: 'replace' | 'merge' }): Promise<ImportSummary>;

  counts(): Promise<StoreCounts>;

  /**
   * Calls `listener` after every committed change to a quote's or figure's status or content,
   * including changes made by other processes on the same database where the backend can tell
   * (PostgreSQL: LISTEN/NOTIFY). Resolves once listening; the returned function stops it.
   * Optional: a backend without it leaves the server to publish its own changes in process.
   */
  subscribeToFactChanges?(listener: FactChangeListener): Promise<() => Promise<void>>;
}

/** A committed change to one fact, as delivered to `subscribeToFactChanges` listeners. */
export interface FactChange {
  factKind: FactKind;
  factId: Id;
  /** The fact's status after the change. */
  status: FactStatus;
  change: 'created' | 'updated' | 'verified';
}

export type FactChangeListener = (change: FactChange) => void;

export interface PageArgs {
  /** At most this many items (the store caps it at 500). */
  first: number;
  /** The `endCursor` of the previous page. */
  after?: string | null;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface SourceFilter {
  query?: string;
}

export interface NameFilter {
  /** Matches name or alias, by prefix or full-text. */
  query?: string;
}

export interface QuoteFilter {
  speakerId?: Id;
  sourceId?: Id;
  status?: readonly FactStatus[];
  kind?: QuoteKind;
  /** Publication date of the source, inclusive, "YYYY-MM-DD". */
  publishedFrom?: string;
  publishedTo?: string;
  /** Full-text search in the quote's words. */
  text?: string;
  orderBy?: 'newest' | 'oldest' | 'relevance';
}

export interface FigureFilter {
  unit?: string;
  sourceId?: Id;
  status?: readonly FactStatus[];
  /** Full-text search in what the figure measures. */
  measures?: string;
}

export type SearchHitKind = 'quote' | 'figure' | 'person' | 'organisation' | 'source';

export interface SearchHit {
  kind: SearchHitKind;
  id: Id;
  /** Higher is better; comparable within one result list only. */
  score: number;
  /** A short text to show: the quote, the figure as printed, the name, the title. */
  snippet: string;
}

export interface PersonInput {
  id?: Id;
  name: string;
  aliases?: string[];
  roles?: Role[];
}

export interface OrganisationInput {
  id?: Id;
  name: string;
  kind?: Organisation['kind'];
  aliases?: string[];
}

export interface QuoteInput {
  id?: Id;
  text: string;
  speakers: SpeakerRef[];
  speakerText?: string | null;
  sourceId: Id;
  span: Span;
  sentence: string;
  kind: QuoteKind;
  saidWhen?: string | null;
  saidWhere?: string | null;
}

export type QuotePatch = Partial<
  Pick<Quote, 'text' | 'speakers' | 'speakerText' | 'sentence' | 'kind' | 'saidWhen' | 'saidWhere'>
>;

export interface FigureInput {
  id?: Id;
  value: number;
  valueMax?: number | null;
  unit: string;
  qualifier: FigureQualifier;
  text: string;
  measures: string;
  sourceId: Id;
  span: Span;
  sentence: string;
}

export type FigurePatch = Partial<
  Pick<Figure, 'value' | 'valueMax' | 'unit' | 'qualifier' | 'text' | 'measures' | 'sentence'>
>;

export interface VerificationInput {
  factKind: FactKind;
  factId: Id;
  status: FactStatus;
  actor: string;
  method?: string | null;
  note?: string | null;
  /** Defaults to now. */
  at?: string;
}

export interface ImportSummary {
  sources: number;
  people: number;
  organisations: number;
  quotes: number;
  figures: number;
  events: number;
}

export type StoreCounts = ImportSummary;

/** Errors a store raises for callers to map (GraphQL union results, CLI exit codes). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} does not exist`);
  }
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** What an API token lets its holder do: read; also curate facts; also manage tokens. */
export type ApiTokenRole = 'reader' | 'editor' | 'admin';

/** A bearer token for the GraphQL API, as stored: never the token itself, only its hash. */
export interface ApiToken {
  id: Id;
  role: ApiTokenRole;
  /** Who holds it ("newsdesk bot", "J. Smith"); recorded as the actor of their edits. */
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * API tokens, kept apart from the facts so a backend can add them without touching its fact
 * tables. Only a SHA-256 hash of each token is stored; the token is returned once, at creation.
 */
export interface ApiTokenStore {
  createApiToken(role: ApiTokenRole, label: string): Promise<{ token: string; apiToken: ApiToken }>;
  /** The live (not revoked) token with this secret, or null. */
  authenticateApiToken(token: string): Promise<ApiToken | null>;
  listApiTokens(): Promise<ApiToken[]>;
  /** Fails with NotFoundError for an unknown id; revoking twice keeps the first time. */
  revokeApiToken(id: Id): Promise<ApiToken>;
}
