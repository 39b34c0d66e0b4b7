import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  addFixtureSource,
  createTestServer,
  FIXTURE_CANDIDATE_QUOTE_ID,
  FIXTURE_DISPUTED_QUOTE_ID,
  FIXTURE_SOURCE_ID,
  globalId,
  type TestServer,
} from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
  await addFixtureSource(server.store);
});
afterAll(() => server.close());

/** Runs a query as a reader and returns `data`, failing on any error. */
async function read(query: string, variables?: Record<string, unknown>) {
  const { status, body } = await server.gql(query, { variables, as: 'reader' });
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

const localIdOf = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1] ?? '';

describe('quotes', () => {
  const quoteIds = `query ($speaker: ID, $source: ID, $status: [FactStatus!], $kind: QuoteKind, $from: Date, $to: Date, $text: String, $orderBy: QuoteOrder, $first: Int, $after: String) {
    quotes(speaker: $speaker, source: $source, status: $status, kind: $kind, publishedFrom: $from, publishedTo: $to, text: $text, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges { cursor node { id text status kind } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;
  const ids = (data: { quotes: { edges: { node: { id: string } }[] } }) =>
    data.quotes.edges.map((edge) => localIdOf(edge.node.id));

  test('without filters: every quote, newest first, with a total', async () => {
    const data = await read(quoteIds, { first: 100 });
    expect(data.quotes.totalCount).toBe(32);
    expect(data.quotes.edges).toHaveLength(32);
    expect(data.quotes.pageInfo.hasNextPage).toBe(false);
    // The fixture was recorded in 2025; the sample later, so it comes first when newest first.
    expect(ids(data).slice(-2).sort()).toEqual(
      [FIXTURE_CANDIDATE_QUOTE_ID, FIXTURE_DISPUTED_QUOTE_ID].sort(),
    );
    const oldest = await read(quoteIds, { first: 100, orderBy: 'OLDEST' });
    expect(ids(oldest)).toEqual([...ids(data)].reverse());
  });

  test('by speaker, source, status, kind and publication date', async () => {
    const carney = globalId('Person', 'per_mark_carney');
    const bySpeaker = await read(quoteIds, { speaker: carney, first: 100 });
    expect(bySpeaker.quotes.totalCount).toBe(8);

    const bySource = await read(quoteIds, { source: globalId('Source', FIXTURE_SOURCE_ID) });
    expect(ids(bySource).sort()).toEqual(
      [FIXTURE_CANDIDATE_QUOTE_ID, FIXTURE_DISPUTED_QUOTE_ID].sort(),
    );

    const unsettled = await read(quoteIds, { status: ['CANDIDATE', 'DISPUTED'] });
    expect(
      unsettled.quotes.edges.map((edge: { node: { status: string } }) => edge.node.status).sort(),
    ).toEqual(['CANDIDATE', 'DISPUTED']);

    const fragments = await read(quoteIds, { kind: 'FRAGMENT', first: 100 });
    expect(fragments.quotes.totalCount).toBe(14);
    expect(
      fragments.quotes.edges.every(
        (edge: { node: { kind: string } }) => edge.node.kind === 'FRAGMENT',
      ),
    ).toBe(true);

    const in2025 = await read(quoteIds, { from: '2025-01-01', to: '2025-12-31' });
    expect(in2025.quotes.totalCount).toBe(2);
    const before2025 = await read(quoteIds, { to: '2024-12-31' });
    expect(before2025.quotes.totalCount).toBe(0);

    const combined = await read(quoteIds, { speaker: carney, status: ['DISPUTED'] });
    expect(ids(combined)).toEqual([FIXTURE_DISPUTED_QUOTE_ID]);
  });

  test('full-text search in the quoted words, best match first', async () => {
    const data = await read(quoteIds, { text: 'world order' });
    // The store also matches the surrounding sentence, but the quote's own words rank first.
    expect(ids(data).slice(0, 2).sort()).toEqual([
      'quo_carney_beijing_02',
      'quo_carney_beijing_07',
    ]);
    const none = await read(quoteIds, { text: 'xylophone' });
    expect(none.quotes).toMatchObject({ totalCount: 0, edges: [] });
  });

  test('cursor paging visits every quote exactly once, from any edge', async () => {
    const everything = ids(await read(quoteIds, { first: 100 }));
    const paged: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data = await read(quoteIds, { first: 7, after });
      paged.push(...ids(data));
      expect(data.quotes.pageInfo.hasPreviousPage).toBe(after !== null);
      after = data.quotes.pageInfo.hasNextPage ? data.quotes.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(5);
    expect(paged).toEqual(everything);

    // Resuming from an edge in the middle of a page continues right after that edge.
    const firstPage = await read(quoteIds, { first: 5 });
    const fromThird = await read(quoteIds, { first: 4, after: firstPage.quotes.edges[2].cursor });
    expect(ids(fromThird)).toEqual(everything.slice(3, 7));
  });

  test('a cursor the API never handed out is a BAD_USER_INPUT error', async () => {
    const { body } = await server.gql(quoteIds, { variables: { after: 'bm9wZQ' }, as: 'reader' });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/not a cursor/);
  });

  test('a page larger than 100 is refused', async () => {
    const { body } = await server.gql(quoteIds, { variables: { first: 101 }, as: 'reader' });
    expect(body.data).toBeNull();
    expect(body.errors[0].message).toMatch(/first/);
  });

  test('speakers (people and organisations), source, span and verification history', async () => {
    const data = await read(
      `query ($id: ID!) { node(id: $id) { ... on Quote {
        text speakerText sentence saidWhen saidWhere createdAt updatedAt
        span { start end }
        speakers { __typename ... on Organisation { name kind } ... on Person { name } }
        source { id title outlet }
        verificationHistory { id status actor at method note }
        viewerCanEdit viewerCanVerify
      } } }`,
      { id: globalId('Quote', 'quo_carney_beijing_12') },
    );
    const quote = data.node;
    expect(quote.text).toBe('a preliminary, provisional agreement');
    expect(quote.speakers).toEqual([
      { __typename: 'Organisation', name: 'Government of China', kind: 'GOVERNMENT' },
      { __typename: 'Organisation', name: 'Government of Canada', kind: 'GOVERNMENT' },
    ]);
    expect(quote.source.title).toMatch(/Carney’s trip to Beijing/);
    expect(quote.sentence).toContain(quote.text);
    expect(quote.span.end - quote.span.start).toBe(quote.text.length);
    expect(quote.verificationHistory.map((event: { status: string }) => event.status)).toEqual([
      'VERIFIED',
    ]);
    expect(quote.viewerCanVerify).toBe(false);
    expect(quote.viewerCanEdit).toBe(false);
  });
});

describe('figures', () => {
  const figures = `query ($unit: String, $source: ID, $status: [FactStatus!], $measures: String) {
    figures(unit: $unit, source: $source, status: $status, measures: $measures) {
      totalCount edges { node { id text value valueMax unit qualifier measures status source { title } span { start end } verificationHistory { status } viewerCanVerify } }
    }
  }`;

  test('by unit, source, status and what they measure', async () => {
    const all = await read(figures, {});
    expect(all.figures.totalCount).toBe(6);
    const percent = await read(figures, { unit: 'percent' });
    expect(
      percent.figures.edges.map((edge: { node: { text: string } }) => edge.node.text).sort(),
    ).toEqual(['4.5%', 'about 70%']);
    const bySource = await read(figures, { source: globalId('Source', FIXTURE_SOURCE_ID) });
    expect(bySource.figures.totalCount).toBe(1);
    const candidates = await read(figures, { status: ['CANDIDATE'] });
    expect(candidates.figures.edges[0].node).toMatchObject({
      text: '4.5%',
      value: 4.5,
      valueMax: null,
      qualifier: 'EXACT',
      status: 'CANDIDATE',
      verificationHistory: [],
    });
    const exports = await read(figures, { measures: 'exports' });
    expect(exports.figures.edges.map((edge: { node: { text: string } }) => edge.node.text)).toEqual(
      ['about 70%'],
    );
    const evs = await read(figures, { measures: 'electric vehicles' });
    expect(evs.figures.edges[0].node).toMatchObject({
      qualifier: 'UP_TO',
      value: 49000,
      unit: 'count',
    });
  });

  test('an invalid unit is refused before reaching the store', async () => {
    const { body } = await server.gql(figures, { variables: { unit: 'Percent!' }, as: 'reader' });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
  });
});

describe('people, organisations and sources', () => {
  test('people by name or alias, with roles and their quotes', async () => {
    const data = await read(`{
      people(query: "Carney") { totalCount edges { node { name aliases } } }
      all: people(first: 100) { totalCount }
    }`);
    expect(data.people.edges.map((edge: { node: { name: string } }) => edge.node.name)).toContain(
      'Mark Carney',
    );
    expect(data.all.totalCount).toBe(12);
  });

  test('person(nameOrAlias) finds by alias, case-insensitively, with quotes', async () => {
    const data = await read(`{
      person(nameOrAlias: "THE CANADIAN PRIME MINISTER") {
        id name
        roles { title period organisation { name } }
        quotes(first: 3) { totalCount edges { node { text speakers { ... on Person { name } } } } }
        disputed: quotes(status: [DISPUTED]) { edges { node { text } } }
      }
      nobody: person(nameOrAlias: "Nobody McNobody") { id }
    }`);
    expect(data.person.name).toBe('Mark Carney');
    expect(localIdOf(data.person.id)).toBe('per_mark_carney');
    expect(data.person.quotes.totalCount).toBe(8);
    expect(data.person.quotes.edges).toHaveLength(3);
    for (const edge of data.person.quotes.edges) {
      expect(edge.node.speakers.map((speaker: { name: string }) => speaker.name)).toContain(
        'Mark Carney',
      );
    }
    expect(data.person.disputed.edges).toEqual([
      { node: { text: 'We will not raise taxes on the middle class.' } },
    ]);
    expect(data.nobody).toBeNull();
  });

  test('organisations by name, with what they said', async () => {
    const data = await read(`{
      organisations(query: "Government of China") { edges { node { name kind aliases quotes { totalCount edges { node { text } } } } } }
      all: organisations(first: 100) { totalCount }
    }`);
    const china = data.organisations.edges
      .map((edge: { node: { name: string } }) => edge.node)
      .find((organisation: { name: string }) => organisation.name === 'Government of China');
    expect(china).toMatchObject({ name: 'Government of China', kind: 'GOVERNMENT' });
    expect(china.quotes.totalCount).toBe(1);
    expect(data.all.totalCount).toBeGreaterThanOrEqual(10);
  });

  test('sources with their quotes and figures', async () => {
    const data = await read(`{
      sources { totalCount edges { node { id title outlet byline url publishedOn language contentHash
        quotes(first: 100) { totalCount } figures { totalCount } } } }
      fixture: sources(query: "Budget") { edges { node { title publishedOn } } }
    }`);
    expect(data.sources.totalCount).toBe(2);
    const sample = data.sources.edges.find((edge: { node: { title: string } }) =>
      edge.node.title.startsWith('Carney’s trip'),
    );
    expect(sample.node.quotes.totalCount).toBe(30);
    expect(sample.node.figures.totalCount).toBe(5);
    expect(sample.node.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(data.fixture.edges).toEqual([
      { node: { title: 'Budget promises balance by 2028', publishedOn: '2025-06-01' } },
    ]);
  });
});

describe('search, node and viewer', () => {
  test('search ranks across kinds and resolves each hit to its node', async () => {
    const data = await read(`{
      search(q: "Carney") { kind score snippet node { __typename ... on Person { name } ... on Quote { text } ... on Source { title } } }
      people: search(q: "Carney", kinds: [PERSON]) { kind node { ... on Person { name } } }
    }`);
    expect(data.search.length).toBeGreaterThan(1);
    const scores = data.search.map((hit: { score: number }) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const hit of data.search) {
      expect(hit.node.__typename.toUpperCase()).toBe(hit.kind);
    }
    expect(data.people).toEqual([{ kind: 'PERSON', node: { name: 'Mark Carney' } }]);
  });

  test('node and nodes load anything by global ID; a missing one is null with NOT_FOUND', async () => {
    const person = globalId('Person', 'per_vina_nadjibulla');
    const figure = globalId('Figure', 'fig_carney_beijing_02');
    const missing = globalId('Quote', 'quo_missing');
    const { body } = await server.gql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Person { name } ... on Figure { text } } }`,
      { variables: { ids: [person, figure, missing] }, as: 'reader' },
    );
    expect(body.data.nodes).toEqual([
      { __typename: 'Person', id: person, name: 'Vina Nadjibulla' },
      { __typename: 'Figure', id: figure, text: 'about 70%' },
      null,
    ]);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['nodes', 2], extensions: { code: 'NOT_FOUND' } }),
    ]);
  });

  test('viewer says who is asking and what they may do', async () => {
    const viewer = `{ viewer { role label canEdit canAdminister } }`;
    expect((await server.gql(viewer)).body.data.viewer).toEqual({
      role: 'ANONYMOUS',
      label: null,
      canEdit: false,
      canAdminister: false,
    });
    expect((await server.gql(viewer, { as: 'editor' })).body.data.viewer).toEqual({
      role: 'EDITOR',
      label: 'Test editor',
      canEdit: true,
      canAdminister: false,
    });
    expect((await server.gql(`{ hello }`)).body.data.hello).toBe('Hello from Verbatim');
  });
});
