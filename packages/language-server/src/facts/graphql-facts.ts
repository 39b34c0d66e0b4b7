import { MemoryFactLookup } from '@verbatim/checker/memory-fact-lookup';
import type { Dataset } from '@verbatim/domain/dataset';
import { DATASET_FORMAT, DATASET_VERSION } from '@verbatim/domain/dataset';
import type {
  FactKind,
  Figure,
  Organisation,
  Person,
  Quote,
  Source,
  VerificationEvent,
} from '@verbatim/domain/entities';
import { datasetFacts } from './dataset-facts.ts';
import type { EditorFacts, LiveEditorFacts } from './editor-facts.ts';

/**
 * Facts from the Verbatim GraphQL server: read once into memory (checked with the checker's
 * MemoryFactLookup), then kept current by the `factChanged` subscription over server-sent events,
 * so a retraction shows in an open draft without reopening it.
 */
/**
 * Page sizes under the server's query cost limit (facts carry their speakers and verification
 * history, so they cost more per item than people or sources).
 */
const PAGE_SIZES: Record<string, number> = {
  quotes: 20,
  figures: 20,
  people: 50,
  organisations: 50,
  sources: 50,
};

const EVENT = 'id status actor at method note';
const QUOTE = `id text kind sentence saidWhen saidWhere speakerText status createdAt updatedAt
  span { start end } source { id } speakers { __typename ... on Person { id } ... on Organisation { id } }
  verificationHistory { ${EVENT} }`;
const FIGURE = `id value valueMax unit qualifier text measures sentence status createdAt updatedAt
  span { start end } source { id } verificationHistory { ${EVENT} }`;
const PERSON = 'id name aliases createdAt updatedAt roles { title period organisation { id } }';
const ORGANISATION = 'id name kind aliases createdAt updatedAt';
const SOURCE = 'id title outlet byline url publishedOn language contentHash createdAt updatedAt';

const pageQuery = (field: string, fields: string) =>
  `query Page($after: String) { ${field}(first: ${PAGE_SIZES[field] ?? 20}, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { ${fields} } } } }`;

const SUBSCRIPTION = `subscription { factChanged { kind change actor
  fact { __typename ... on Quote { ${QUOTE} } ... on Figure { ${FIGURE} } } } }`;

/** "Quote:quo_1" base64-encoded (Relay global IDs) → "quo_1"; other strings stay as they are. */
export function localId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && /^[A-Z][A-Za-z]+$/.test(decoded.slice(0, colon))
    ? decoded.slice(colon + 1)
    : globalId;
}

/** GraphQL enum values (AT_LEAST) → domain values (at-least). */
const enumValue = <T extends string>(value: string): T =>
  value.toLowerCase().replaceAll('_', '-') as T;

type Json = Record<string, unknown>;

export class GraphqlClient {
  constructor(
    readonly url: string,
    private readonly token: string | null,
  ) {}

  headers(accept: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      accept,
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
  }

  async query<T>(query: string, variables: Json = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: this.headers('application/graphql-response+json, application/json'),
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new Error(`cannot reach the GraphQL server ${this.url}: ${describeError(error)}`);
    }
    const body = (await response.json().catch(() => null)) as {
      data?: T;
      errors?: { message: string }[];
    } | null;
    if (response.status === 401) {
      throw new Error(
        `the GraphQL server refused the token (${body?.errors?.[0]?.message ?? '401'}); set it with "Verbatim: Set GraphQL Token"`,
      );
    }
    if (!body || body.errors?.length || !body.data) {
      throw new Error(
        `GraphQL ${this.url} answered ${response.status}: ${body?.errors?.[0]?.message ?? 'no data'}`,
      );
    }
    return body.data;
  }

  async all<T>(field: string, fields: string): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    for (;;) {
      const data: Record<
        string,
        { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: T }[] }
      > = await this.query(pageQuery(field, fields), { after });
      const connection = data[field];
      if (!connection) break;
      items.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) break;
      after = connection.pageInfo.endCursor;
    }
    return items;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

function toEvents(kind: FactKind, factId: string, history: Json[]): VerificationEvent[] {
  return history.map((event) => ({
    id: localId(String(event.id)),
    factKind: kind,
    factId,
    status: enumValue(String(event.status)),
    actor: String(event.actor),
    at: String(event.at),
    method: (event.method as string | null) ?? null,
    note: (event.note as string | null) ?? null,
  }));
}

function toQuote(node: Json): { quote: Quote; events: VerificationEvent[] } {
  const id = localId(String(node.id));
  const quote: Quote = {
    id,
    text: String(node.text),
    speakers: (node.speakers as Json[]).map((speaker) => ({
      kind: speaker.__typename === 'Organisation' ? 'organisation' : 'person',
      id: localId(String(speaker.id)),
    })),
    speakerText: (node.speakerText as string | null) ?? null,
    sourceId: localId(String((node.source as Json).id)),
    span: node.span as Quote['span'],
    sentence: String(node.sentence),
    kind: enumValue(String(node.kind)),
    saidWhen: (node.saidWhen as string | null) ?? null,
    saidWhere: (node.saidWhere as string | null) ?? null,
    status: enumValue(String(node.status)),
    createdAt: String(node.createdAt),
    updatedAt: String(node.updatedAt),
  };
  return { quote, events: toEvents('quote', id, node.verificationHistory as Json[]) };
}

function toFigure(node: Json): { figure: Figure; events: VerificationEvent[] } {
  const id = localId(String(node.id));
  const figure: Figure = {
    id,
    value: Number(node.value),
    valueMax: node.valueMax === null || node.valueMax === undefined ? null : Number(node.valueMax),
    unit: String(node.unit),
    qualifier: enumValue(String(node.qualifier)),
    text: String(node.text),
    measures: String(node.measures),
    sourceId: localId(String((node.source as Json).id)),
    span: node.span as Figure['span'],
    sentence: String(node.sentence),
    status: enumValue(String(node.status)),
    createdAt: String(node.createdAt),
    updatedAt: String(node.updatedAt),
  };
  return { figure, events: toEvents('figure', id, node.verificationHistory as Json[]) };
}

async function loadDataset(client: GraphqlClient): Promise<Dataset> {
  const [quotes, figures, people, organisations, sources] = await Promise.all([
    client.all<Json>('quotes', QUOTE),
    client.all<Json>('figures', FIGURE),
    client.all<Json>('people', PERSON),
    client.all<Json>('organisations', ORGANISATION),
    client.all<Json>('sources', SOURCE),
  ]);
  const quoteFacts = quotes.map(toQuote);
  const figureFacts = figures.map(toFigure);
  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    sources: sources.map((node) => ({
      ...(node as unknown as Source),
      id: localId(String(node.id)),
    })),
    organisations: organisations.map((node) => ({
      ...(node as unknown as Organisation),
      id: localId(String(node.id)),
      kind: enumValue(String(node.kind)),
    })),
    people: people.map((node) => ({
      ...(node as unknown as Person),
      id: localId(String(node.id)),
      roles: (node.roles as Json[]).map((role) => ({
        title: String(role.title),
        period: (role.period as string | null) ?? null,
        organisationId: role.organisation ? localId(String((role.organisation as Json).id)) : null,
      })),
    })),
    quotes: quoteFacts.map((fact) => fact.quote),
    figures: figureFacts.map((fact) => fact.figure),
    events: [...quoteFacts, ...figureFacts].flatMap((fact) => fact.events),
  };
}

type ChangeListener = (change: { kind: FactKind; id: string }) => void;
type StateListener = (state: 'live' | 'reconnecting', message: string | null) => void;

export async function openGraphqlFacts(url: string, token: string | null): Promise<EditorFacts> {
  const client = new GraphqlClient(url, token);
  let dataset = await loadDataset(client);
  const build = () => datasetFacts(dataset, new MemoryFactLookup(dataset), `GraphQL ${url}`);
  let current = build();
  const changeListeners = new Set<ChangeListener>();
  const stateListeners = new Set<StateListener>();
  const abort = new AbortController();

  const apply = (node: Json) => {
    if (node.__typename === 'Quote') {
      const { quote, events } = toQuote(node);
      dataset = {
        ...dataset,
        quotes: [...dataset.quotes.filter((q) => q.id !== quote.id), quote],
        events: [...dataset.events.filter((e) => e.factId !== quote.id), ...events],
      };
      current = build();
      return { kind: 'quote' as const, id: quote.id };
    }
    const { figure, events } = toFigure(node);
    dataset = {
      ...dataset,
      figures: [...dataset.figures.filter((f) => f.id !== figure.id), figure],
      events: [...dataset.events.filter((e) => e.factId !== figure.id), ...events],
    };
    current = build();
    return { kind: 'figure' as const, id: figure.id };
  };

  void (async () => {
    let delay = 500;
    while (!abort.signal.aborted) {
      try {
        await subscribe(
          client,
          abort.signal,
          (payload) => {
            const node = (payload as { data?: { factChanged?: { fact?: Json } } }).data?.factChanged
              ?.fact;
            if (!node) return;
            const change = apply(node);
            for (const listener of changeListeners) listener(change);
          },
          () => {
            delay = 500;
            for (const listener of stateListeners) listener('live', null);
          },
        );
      } catch (error) {
        if (abort.signal.aborted) return;
        for (const listener of stateListeners) listener('reconnecting', describeError(error));
      }
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
      // Whatever changed while disconnected: read everything again.
      try {
        dataset = await loadDataset(client);
        current = build();
        for (const listener of changeListeners) listener({ kind: 'quote', id: '*' });
      } catch {
        // still down; the next round retries
      }
    }
  })();

  const live: LiveEditorFacts = {
    get description() {
      return current.description;
    },
    get lookup() {
      return current.lookup;
    },
    counts: () => current.counts(),
    quotesByIds: (ids) => current.quotesByIds(ids),
    figuresByIds: (ids) => current.figuresByIds(ids),
    searchQuotes: (text, limit) => current.searchQuotes(text, limit),
    searchFigures: (text, limit) => current.searchFigures(text, limit),
    quotesBySpeaker: (id, limit) => current.quotesBySpeaker(id, limit),
    latestVerification: (kind, id) => current.latestVerification(kind, id),
    listSources: (limit) => current.listSources(limit),
    quotesOfSource: (id) => current.quotesOfSource(id),
    figuresOfSource: (id) => current.figuresOfSource(id),
    onFactChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onStateChanged(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async close() {
      abort.abort();
    },
  };
  return live;
}

/** One `factChanged` subscription over server-sent events (GraphQL over SSE, distinct mode). */
async function subscribe(
  client: GraphqlClient,
  signal: AbortSignal,
  onNext: (payload: unknown) => void,
  onOpen: () => void,
): Promise<void> {
  const response = await fetch(client.url, {
    method: 'POST',
    headers: client.headers('text/event-stream'),
    body: JSON.stringify({ query: SUBSCRIPTION }),
    signal,
  });
  if (!response.ok || !response.body) {
    throw new Error(`factChanged subscription: HTTP ${response.status}`);
  }
  onOpen();
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of message.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (event === 'complete') return;
      if (data.length && (event === 'next' || event === 'message')) {
        const payload = JSON.parse(data.join('\n'));
        if (payload?.errors?.length) throw new Error(payload.errors[0].message);
        onNext(payload);
      }
    }
  }
  throw new Error('the factChanged stream ended');
}
