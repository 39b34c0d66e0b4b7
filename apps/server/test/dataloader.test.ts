import type { FactStore } from '@verbatim/store/fact-store';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestServer, type TestServer } from './helpers.ts';

/** Counts every store call the API makes, by method name. */
const calls = new Map<string, number>();
function counting(store: FactStore): FactStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ wrapStore: counting });
  // 30 sample quotes plus 40 more, spread over five people and two organisations.
  const speakers = [
    { kind: 'person', id: 'per_mark_carney' },
    { kind: 'person', id: 'per_doug_ford' },
    { kind: 'person', id: 'per_xi_jinping' },
    { kind: 'person', id: 'per_wang_wen' },
    { kind: 'person', id: 'per_lynette_ong' },
    { kind: 'organisation', id: 'org_government_of_china' },
    { kind: 'organisation', id: 'org_government_of_canada' },
  ] as const;
  for (let index = 0; index < 40; index++) {
    const speaker = speakers[index % speakers.length];
    if (!speaker) throw new Error('unreachable');
    await server.store.createQuote(
      {
        text: `Generated quote number ${index}`,
        speakers: [speaker],
        sourceId: 'src_carney_beijing',
        span: { start: 0, end: 10 },
        sentence: `Generated quote number ${index}.`,
        kind: 'full',
      },
      'test',
    );
  }
});
afterAll(() => server.close());

test('a page of 50 quotes with speakers, sources and histories costs a constant number of store calls', async () => {
  calls.clear();
  const { body } = await server.gql(
    `{ quotes(first: 50) { edges { node {
      text
      speakers { __typename ... on Person { name roles { organisation { name } } } ... on Organisation { name } }
      source { title }
      verificationHistory { status }
    } } } }`,
    { as: 'reader' },
  );
  expect(body.errors).toBeUndefined();
  const edges = body.data.quotes.edges;
  expect(edges).toHaveLength(50);
  const speakerKinds = new Set(
    edges.flatMap((edge: { node: { speakers: { __typename: string }[] } }) =>
      edge.node.speakers.map((speaker) => speaker.__typename),
    ),
  );
  expect(speakerKinds).toEqual(new Set(['Person', 'Organisation']));
  expect(
    edges.every((edge: { node: { source: { title: string } } }) => edge.node.source.title),
  ).toBe(true);

  // One call per kind of thing, not one per quote: no N+1.
  expect(Object.fromEntries(calls)).toEqual({
    listQuotes: 1,
    peopleByIds: 1,
    organisationsByIds: 2, // speakers, then the organisations of those people's roles
    sourcesByIds: 1,
    verificationHistories: 1,
  });
});

test('search resolves each kind of hit with one batched call per kind', async () => {
  calls.clear();
  const { body } = await server.gql(
    `{ search(q: "Carney", first: 50) { node { __typename ... on Quote { text } ... on Person { name } ... on Source { title } } } }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.search.length).toBeGreaterThan(3);
  for (const [method, count] of calls) {
    expect({ method, count }).toEqual({ method, count: 1 });
  }
});
