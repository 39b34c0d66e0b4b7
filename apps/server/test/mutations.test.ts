import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FactChange } from '../src/dependencies.ts';
import {
  addFixtureSource,
  createTestServer,
  FIXTURE_CANDIDATE_QUOTE_ID,
  FIXTURE_SOURCE_ID,
  globalId,
  type TestServer,
} from './helpers.ts';

let server: TestServer;
const changes: FactChange[] = [];

beforeAll(async () => {
  server = await createTestServer();
  await addFixtureSource(server.store);
  // Everything published for `factChanged`, in order.
  (async () => {
    for await (const change of server.pubsub.subscribe('factChanged')) changes.push(change);
  })();
});
afterAll(() => server.close());

async function edit(query: string, variables: Record<string, unknown>) {
  const { status, body } = await server.gql(query, { variables, as: 'editor' });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data;
}

const ERROR_FIELDS = `... on Error { __typename message } ... on NotFoundError { entity id }`;
const carney = globalId('Person', 'per_mark_carney');
const fixtureSource = globalId('Source', FIXTURE_SOURCE_ID);

const createQuote = `mutation ($input: CreateQuoteInput!) {
  createQuote(input: $input) {
    __typename
    ... on CreateQuoteSuccess { quote { id text status kind speakers { ... on Person { name } } source { id } span { start end } verificationHistory { status } } }
    ${ERROR_FIELDS}
  }
}`;
const quoteInput = (overrides: Record<string, unknown> = {}) => ({
  text: 'We will balance the books',
  speakers: [carney],
  source: fixtureSource,
  span: { start: 10, end: 35 },
  sentence: 'He said: “We will balance the books”.',
  kind: 'FULL',
  ...overrides,
});

describe('quotes', () => {
  test('createQuote adds a candidate and tells subscribers', async () => {
    const before = changes.length;
    const data = await edit(createQuote, { input: quoteInput() });
    const quote = data.createQuote.quote;
    expect(data.createQuote.__typename).toBe('CreateQuoteSuccess');
    expect(quote).toMatchObject({
      text: 'We will balance the books',
      status: 'CANDIDATE',
      kind: 'FULL',
      speakers: [{ name: 'Mark Carney' }],
      source: { id: fixtureSource },
      span: { start: 10, end: 35 },
      // Creation is the first event of a fact's history.
      verificationHistory: [{ status: 'CANDIDATE' }],
    });
    await expect.poll(() => changes.length).toBe(before + 1);
    expect(changes.at(-1)).toMatchObject({
      change: 'created',
      kind: 'quote',
      actor: 'Test editor',
    });
  });

  test('createQuote: unknown source → NotFoundError; wrong kind of ID, bad span, empty text → InvalidInputError', async () => {
    const unknownSource = await edit(createQuote, {
      input: quoteInput({ source: globalId('Source', 'src_nowhere') }),
    });
    expect(unknownSource.createQuote).toMatchObject({
      __typename: 'NotFoundError',
      id: 'src_nowhere',
    });

    const sourceAsSpeaker = await edit(createQuote, {
      input: quoteInput({ speakers: [fixtureSource] }),
    });
    expect(sourceAsSpeaker.createQuote.__typename).toBe('InvalidInputError');
    expect(sourceAsSpeaker.createQuote.message).toMatch(/Person or Organisation/);

    const backwards = await edit(createQuote, {
      input: quoteInput({ span: { start: 9, end: 3 } }),
    });
    expect(backwards.createQuote.__typename).toBe('InvalidInputError');
    expect(backwards.createQuote.message).toMatch(/span end must not precede its start/);

    const empty = await edit(createQuote, { input: quoteInput({ text: '   ' }) });
    expect(empty.createQuote.__typename).toBe('InvalidInputError');

    const noSpeakers = await edit(createQuote, { input: quoteInput({ speakers: [] }) });
    expect(noSpeakers.createQuote.__typename).toBe('InvalidInputError');

    const count = await server.store.listQuotes({ sourceId: FIXTURE_SOURCE_ID }, { first: 100 });
    expect(count.totalCount).toBe(3); // the two fixture quotes and the one created above
  });

  const updateQuote = `mutation ($id: ID!, $patch: UpdateQuoteInput!, $expected: DateTime) {
    updateQuote(id: $id, patch: $patch, expectedUpdatedAt: $expected) {
      __typename
      ... on UpdateQuoteSuccess { quote { text saidWhere updatedAt } }
      ${ERROR_FIELDS}
    }
  }`;

  test('updateQuote edits; a stale expectedUpdatedAt is a ConflictError; unknown is NotFoundError', async () => {
    const id = globalId('Quote', FIXTURE_CANDIDATE_QUOTE_ID);
    const [current] = await server.store.quotesByIds([FIXTURE_CANDIDATE_QUOTE_ID]);
    const first = await edit(updateQuote, {
      id,
      patch: { saidWhere: 'in the House of Commons' },
      expected: current?.updatedAt,
    });
    expect(first.updateQuote).toMatchObject({
      __typename: 'UpdateQuoteSuccess',
      quote: { text: 'restore balance by 2028', saidWhere: 'in the House of Commons' },
    });

    const stale = await edit(updateQuote, {
      id,
      patch: { saidWhere: 'somewhere else' },
      expected: current?.updatedAt,
    });
    expect(stale.updateQuote.__typename).toBe('ConflictError');
    const [after] = await server.store.quotesByIds([FIXTURE_CANDIDATE_QUOTE_ID]);
    expect(after?.saidWhere).toBe('in the House of Commons');

    const missing = await edit(updateQuote, {
      id: globalId('Quote', 'quo_missing'),
      patch: { saidWhere: 'x' },
    });
    expect(missing.updateQuote).toMatchObject({ __typename: 'NotFoundError', id: 'quo_missing' });

    const figureId = await edit(updateQuote, {
      id: globalId('Figure', 'fig_carney_beijing_01'),
      patch: { saidWhere: 'x' },
    });
    expect(figureId.updateQuote.__typename).toBe('InvalidInputError');
  });
});

describe('figures', () => {
  const createFigure = `mutation ($input: CreateFigureInput!) {
    createFigure(input: $input) {
      __typename
      ... on CreateFigureSuccess { figure { id text value valueMax unit qualifier status } }
      ${ERROR_FIELDS}
    }
  }`;
  const updateFigure = `mutation ($id: ID!, $patch: UpdateFigureInput!, $expected: DateTime) {
    updateFigure(id: $id, patch: $patch, expectedUpdatedAt: $expected) {
      __typename
      ... on UpdateFigureSuccess { figure { text value updatedAt } }
      ${ERROR_FIELDS}
    }
  }`;

  test('createFigure and updateFigure, with their errors', async () => {
    const input = {
      value: 12,
      valueMax: 15,
      unit: 'percent',
      qualifier: 'RANGE',
      text: '12 to 15%',
      measures: 'expected growth in defence spending',
      source: fixtureSource,
      span: { start: 0, end: 9 },
      sentence: 'Defence spending will grow 12 to 15%.',
    };
    const created = await edit(createFigure, { input });
    expect(created.createFigure).toMatchObject({
      __typename: 'CreateFigureSuccess',
      figure: { value: 12, valueMax: 15, unit: 'percent', qualifier: 'RANGE', status: 'CANDIDATE' },
    });
    const id = created.createFigure.figure.id;

    const badUnit = await edit(createFigure, { input: { ...input, unit: 'Per Cent' } });
    expect(badUnit.createFigure.__typename).toBe('InvalidInputError');
    const unknownSource = await edit(createFigure, {
      input: { ...input, source: globalId('Source', 'src_nowhere') },
    });
    expect(unknownSource.createFigure.__typename).toBe('NotFoundError');

    const updated = await edit(updateFigure, { id, patch: { value: 13, text: '13 to 15%' } });
    expect(updated.updateFigure).toMatchObject({ figure: { value: 13, text: '13 to 15%' } });
    const stale = await edit(updateFigure, {
      id,
      patch: { value: 14 },
      expected: '2000-01-01T00:00:00.000Z',
    });
    expect(stale.updateFigure.__typename).toBe('ConflictError');
    const missing = await edit(updateFigure, {
      id: globalId('Figure', 'fig_missing'),
      patch: { value: 1 },
    });
    expect(missing.updateFigure.__typename).toBe('NotFoundError');
  });
});

describe('verify, dispute, retract', () => {
  const statusMutation = (name: string) => `mutation ($fact: ID!, $method: String, $note: String) {
    ${name}(fact: $fact, method: $method, note: $note) {
      __typename
      ... on FactStatusChange {
        fact { __typename ... on Quote { status verificationHistory { status actor method note } } ... on Figure { status } }
        event { status actor method note at }
      }
      ${ERROR_FIELDS}
    }
  }`;

  test('each appends to the history, sets the status and is published', async () => {
    const fact = globalId('Quote', FIXTURE_CANDIDATE_QUOTE_ID);
    const verified = await edit(statusMutation('verify'), {
      fact,
      method: 'checked against the recording',
      note: 'minute 12',
    });
    expect(verified.verify.event).toMatchObject({
      status: 'VERIFIED',
      actor: 'Test editor',
      method: 'checked against the recording',
      note: 'minute 12',
    });
    expect(verified.verify.fact.status).toBe('VERIFIED');

    const disputed = await edit(statusMutation('dispute'), { fact, note: 'the aide says 2029' });
    expect(disputed.dispute.fact.status).toBe('DISPUTED');

    const retracted = await edit(statusMutation('retract'), { fact });
    expect(
      retracted.retract.fact.verificationHistory.map((event: { status: string }) => event.status),
    ).toEqual(['VERIFIED', 'DISPUTED', 'RETRACTED']);
    await expect.poll(() => changes.filter((change) => change.change === 'status').length).toBe(3);
    expect(changes.at(-1)).toMatchObject({ change: 'status', event: { status: 'retracted' } });

    const figure = await edit(statusMutation('verify'), {
      fact: globalId('Figure', 'fig_fixture_spending'),
      method: 'budget tables',
    });
    expect(figure.verify.fact).toEqual({ __typename: 'Figure', status: 'VERIFIED' });
  });

  test('an unknown fact is NotFoundError; a person is InvalidInputError; an empty method is InvalidInputError', async () => {
    const missing = await edit(statusMutation('verify'), {
      fact: globalId('Quote', 'quo_missing'),
    });
    expect(missing.verify.__typename).toBe('NotFoundError');
    const person = await edit(statusMutation('verify'), { fact: carney });
    expect(person.verify.__typename).toBe('InvalidInputError');
    const emptyMethod = await edit(statusMutation('verify'), {
      fact: globalId('Quote', 'quo_carney_beijing_01'),
      method: '  ',
    });
    expect(emptyMethod.verify.__typename).toBe('InvalidInputError');
    const garbage = await edit(statusMutation('retract'), { fact: 'not-an-id' });
    expect(garbage.retract.__typename).toBe('InvalidInputError');
  });
});

describe('people', () => {
  const personResult = (name: string, args: string) => `mutation { ${name}(${args}) {
    __typename
    ... on ${name[0]?.toUpperCase()}${name.slice(1)}Success { person { id name aliases quotes { totalCount } } }
    ${ERROR_FIELDS}
  } }`;

  test('createPerson, addAlias and mergePeople', async () => {
    const created = await edit(
      personResult('createPerson', 'input: { name: "M. Carney", aliases: ["MJC"] }'),
      {},
    );
    expect(created.createPerson.person).toMatchObject({ name: 'M. Carney', aliases: ['MJC'] });
    const duplicate = created.createPerson.person.id;
    await server.store.createQuote(
      {
        text: 'A quote filed under the duplicate record',
        speakers: [
          { kind: 'person', id: Buffer.from(duplicate, 'base64').toString().split(':')[1] ?? '' },
        ],
        sourceId: FIXTURE_SOURCE_ID,
        span: { start: 0, end: 5 },
        sentence: 'A quote filed under the duplicate record.',
        kind: 'full',
      },
      'test',
    );

    const aliased = await edit(
      personResult('addAlias', `person: "${carney}", alias: "the PM"`),
      {},
    );
    expect(aliased.addAlias.person.aliases).toContain('the PM');

    const before = changes.length;
    const merged = await edit(
      personResult('mergePeople', `kept: "${carney}", merged: "${duplicate}"`),
      {},
    );
    // The quote that changed speaker is announced.
    await expect.poll(() => changes.length).toBe(before + 1);
    expect(changes.at(-1)).toMatchObject({
      change: 'updated',
      fact: {
        text: 'A quote filed under the duplicate record',
        speakers: [{ kind: 'person', id: 'per_mark_carney' }],
      },
    });
    expect(merged.mergePeople.person.name).toBe('Mark Carney');
    expect(merged.mergePeople.person.aliases).toEqual(expect.arrayContaining(['MJC', 'the PM']));
    expect(merged.mergePeople.person.quotes.totalCount).toBe(10);

    const gone = await server.gql(`query ($id: ID!) { node(id: $id) { id } }`, {
      variables: { id: duplicate },
    });
    expect(gone.body.data.node).toBeNull();
  });

  test('their errors', async () => {
    const self = await edit(
      personResult('mergePeople', `kept: "${carney}", merged: "${carney}"`),
      {},
    );
    expect(self.mergePeople.__typename).toBe('InvalidInputError');
    const missing = await edit(
      personResult(
        'mergePeople',
        `kept: "${carney}", merged: "${globalId('Person', 'per_nobody')}"`,
      ),
      {},
    );
    expect(missing.mergePeople.__typename).toBe('NotFoundError');
    const aliasMissing = await edit(
      personResult('addAlias', `person: "${globalId('Person', 'per_nobody')}", alias: "x"`),
      {},
    );
    expect(aliasMissing.addAlias.__typename).toBe('NotFoundError');
    const emptyAlias = await edit(personResult('addAlias', `person: "${carney}", alias: ""`), {});
    expect(emptyAlias.addAlias.__typename).toBe('InvalidInputError');
    const emptyName = await edit(personResult('createPerson', 'input: { name: " " }'), {});
    expect(emptyName.createPerson.__typename).toBe('InvalidInputError');
  });
});

describe('API tokens', () => {
  test('an admin creates a token (shown once), lists it, revokes it; then it is refused', async () => {
    const created = await server.gql(
      `mutation { createApiToken(role: EDITOR, label: "Night desk") {
        __typename ... on CreatedApiToken { token apiToken { id role label revokedAt } } ${ERROR_FIELDS} } }`,
      { as: 'admin' },
    );
    const { token, apiToken } = created.body.data.createApiToken;
    expect(token).toMatch(/^vbt_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ role: 'EDITOR', label: 'Night desk', revokedAt: null });

    const asNewToken = await server.gql(`{ viewer { role label } }`, { token });
    expect(asNewToken.body.data.viewer).toEqual({ role: 'EDITOR', label: 'Night desk' });

    const listed = await server.gql(`{ apiTokens { id label role } }`, { as: 'admin' });
    expect(listed.body.data.apiTokens).toContainEqual({
      id: apiToken.id,
      label: 'Night desk',
      role: 'EDITOR',
    });
    // Nothing anywhere in the API returns a stored token's secret or hash.
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const revoked = await server.gql(
      `mutation ($id: ID!) { revokeApiToken(id: $id) { __typename ... on RevokeApiTokenSuccess { apiToken { revokedAt } } } }`,
      { variables: { id: apiToken.id }, as: 'admin' },
    );
    expect(revoked.body.data.revokeApiToken.apiToken.revokedAt).toMatch(/^\d{4}-/);
    const refused = await server.gql(`{ viewer { role } }`, { token });
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('revoking an unknown token is NotFoundError; an empty label is InvalidInputError', async () => {
    const missing = await server.gql(
      `mutation { revokeApiToken(id: "tok_nope") { __typename ${ERROR_FIELDS} } }`,
      { as: 'admin' },
    );
    expect(missing.body.data.revokeApiToken.__typename).toBe('NotFoundError');
    const noLabel = await server.gql(
      `mutation { createApiToken(role: READER, label: " ") { __typename ${ERROR_FIELDS} } }`,
      { as: 'admin' },
    );
    expect(noLabel.body.data.createApiToken.__typename).toBe('InvalidInputError');
  });
});
