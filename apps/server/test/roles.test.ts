import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Caller, createTestServer, globalId, type TestServer } from './helpers.ts';

/**
 * The permission matrix: every operation, as every kind of caller. Readers (and anonymous callers,
 * when allowed) read and check drafts; editors also curate facts; admins also manage tokens.
 */
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

type Level = 'read' | 'edit' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'reader', 'editor', 'admin'];
const allowed = (level: Level, caller: Caller) =>
  level === 'read' ||
  (level === 'edit' ? caller === 'editor' || caller === 'admin' : caller === 'admin');

const quote = globalId('Quote', 'quo_carney_beijing_01');
const carney = globalId('Person', 'per_mark_carney');
const source = globalId('Source', 'src_carney_beijing');
let serial = 0;

interface Operation {
  name: string;
  level: Level;
  /** The field the result is under; mutations return a union with `__typename`. */
  field: string;
  query: string;
  variables?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const reads: Operation[] = [
  { name: 'quotes', level: 'read', field: 'quotes', query: '{ quotes(first: 2) { totalCount } }' },
  { name: 'figures', level: 'read', field: 'figures', query: '{ figures { totalCount } }' },
  { name: 'people', level: 'read', field: 'people', query: '{ people { totalCount } }' },
  {
    name: 'organisations',
    level: 'read',
    field: 'organisations',
    query: '{ organisations { totalCount } }',
  },
  { name: 'sources', level: 'read', field: 'sources', query: '{ sources { totalCount } }' },
  { name: 'search', level: 'read', field: 'search', query: '{ search(q: "Carney") { kind } }' },
  {
    name: 'person',
    level: 'read',
    field: 'person',
    query: '{ person(nameOrAlias: "Carney") { name } }',
  },
  { name: 'node', level: 'read', field: 'node', query: `{ node(id: "${quote}") { id } }` },
  { name: 'nodes', level: 'read', field: 'nodes', query: `{ nodes(ids: ["${quote}"]) { id } }` },
  {
    name: 'checkDraft',
    level: 'read',
    field: 'checkDraft',
    query: '{ checkDraft(text: "Carney said: “We take the world as it is.”") { rule } }',
  },
  { name: 'viewer', level: 'read', field: 'viewer', query: '{ viewer { role } }' },
  { name: 'apiTokens', level: 'admin', field: 'apiTokens', query: '{ apiTokens { id } }' },
];

const RESULT = '{ __typename ... on Error { message } }';
const mutations: Operation[] = [
  {
    name: 'createQuote',
    level: 'edit',
    field: 'createQuote',
    query: `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) ${RESULT} }`,
    variables: () => ({
      input: {
        text: `Matrix quote ${++serial}`,
        speakers: [carney],
        source,
        span: { start: 0, end: 10 },
        sentence: 'A sentence.',
        kind: 'FULL',
      },
    }),
  },
  {
    name: 'updateQuote',
    level: 'edit',
    field: 'updateQuote',
    query: `mutation { updateQuote(id: "${quote}", patch: { saidWhere: "in Beijing" }) ${RESULT} }`,
  },
  {
    name: 'createFigure',
    level: 'edit',
    field: 'createFigure',
    query: `mutation ($input: CreateFigureInput!) { createFigure(input: $input) ${RESULT} }`,
    variables: () => ({
      input: {
        value: ++serial,
        unit: 'count',
        qualifier: 'EXACT',
        text: `${serial} cars`,
        measures: 'cars in the matrix',
        source,
        span: { start: 0, end: 3 },
        sentence: 'Some cars.',
      },
    }),
  },
  {
    name: 'updateFigure',
    level: 'edit',
    field: 'updateFigure',
    query: `mutation { updateFigure(id: "${globalId('Figure', 'fig_carney_beijing_02')}", patch: { measures: "share of Canada’s exports that go to the US" }) ${RESULT} }`,
  },
  ...(['verify', 'dispute', 'retract'] as const).map((name) => ({
    name,
    level: 'edit' as const,
    field: name,
    query: `mutation { ${name}(fact: "${globalId('Quote', 'quo_carney_beijing_02')}", method: "matrix") ${RESULT} }`,
  })),
  {
    name: 'createPerson',
    level: 'edit',
    field: 'createPerson',
    query: `mutation ($name: String!) { createPerson(input: { name: $name }) ${RESULT} }`,
    variables: () => ({ name: `Matrix Person ${++serial}` }),
  },
  {
    name: 'addAlias',
    level: 'edit',
    field: 'addAlias',
    query: `mutation ($alias: String!) { addAlias(person: "${carney}", alias: $alias) ${RESULT} }`,
    variables: () => ({ alias: `Matrix alias ${++serial}` }),
  },
  {
    name: 'mergePeople',
    level: 'edit',
    field: 'mergePeople',
    query: `mutation ($kept: ID!, $merged: ID!) { mergePeople(kept: $kept, merged: $merged) ${RESULT} }`,
    variables: async () => {
      const kept = await server.store.createPerson({ name: `Kept ${++serial}` });
      const merged = await server.store.createPerson({ name: `Merged ${serial}` });
      return { kept: globalId('Person', kept.id), merged: globalId('Person', merged.id) };
    },
  },
  {
    name: 'ingestSource',
    level: 'edit',
    field: 'ingestSource',
    query: `mutation ($text: String!) { ingestSource(input: { text: $text }) ${RESULT} }`,
    variables: () => ({ text: `Matrix article ${++serial}\n\n“We are testing,” said Doug Ford.` }),
  },
  {
    name: 'createApiToken',
    level: 'admin',
    field: 'createApiToken',
    query: `mutation { createApiToken(role: READER, label: "matrix") ${RESULT} }`,
  },
  {
    name: 'revokeApiToken',
    level: 'admin',
    field: 'revokeApiToken',
    query: `mutation ($id: ID!) { revokeApiToken(id: $id) ${RESULT} }`,
    variables: async () => ({
      id: (await server.tokens.createApiToken('reader', `to revoke ${++serial}`)).apiToken.id,
    }),
  },
];

describe.each(CALLERS)('as %s', (caller) => {
  test.each(reads)('query $name', async (operation) => {
    const { status, body } = await server.gql(operation.query, {
      variables: await operation.variables?.(),
      as: caller,
    });
    expect(status).toBe(200);
    if (allowed(operation.level, caller)) {
      expect(body.errors).toBeUndefined();
      expect(body.data[operation.field]).not.toBeNull();
    } else {
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  test.each(mutations)('mutation $name', async (operation) => {
    const before = await server.store.counts();
    const tokensBefore = (await server.tokens.listApiTokens()).map((token) => token.revokedAt);
    const variables = await operation.variables?.();
    const { status, body } = await server.gql(operation.query, { variables, as: caller });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const typename: string = body.data[operation.field].__typename;
    if (allowed(operation.level, caller)) {
      expect(typename).not.toMatch(/Error$/);
    } else {
      expect(typename).toBe('NotAuthorisedError');
      // A refused mutation wrote nothing (the arranging above may have; compare after it).
      expect(await server.store.counts()).toEqual(
        operation.name === 'mergePeople' ? { ...before, people: before.people + 2 } : before,
      );
      const tokensAfter = (await server.tokens.listApiTokens()).map((token) => token.revokedAt);
      expect(tokensAfter.slice(0, tokensBefore.length)).toEqual(tokensBefore);
    }
  });
});

describe('when anonymous reading is switched off', () => {
  let closed: TestServer;
  beforeAll(async () => {
    closed = await createTestServer({ settings: { anonymousRead: false } });
  });
  afterAll(() => closed.close());

  test('a request without a token gets 401; with a reader token it reads', async () => {
    const anonymous = await closed.gql('{ quotes { totalCount } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data).toBeUndefined();
    const reader = await closed.gql('{ quotes { totalCount } }', { as: 'reader' });
    expect(reader.body.data.quotes.totalCount).toBe(30);
  });
});

test('an unknown, malformed or revoked token is refused outright, never downgraded to anonymous', async () => {
  for (const token of [`vbt_${'x'.repeat(43)}`, 'not-a-token']) {
    const { status, body } = await server.gql('{ hello }', { token });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }
  const response = await server.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
    body: JSON.stringify({ query: '{ hello }' }),
  });
  expect(response.status).toBe(401);
});
