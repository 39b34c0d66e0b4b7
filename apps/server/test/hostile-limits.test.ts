/**
 * The API's stated limits at their exact boundary (docs/limits.md): the largest input passes,
 * one more character or byte gets its clear refusal.
 */
import { MAX_GRAPHQL_BODY_BYTES, MAX_SEARCH_LENGTH } from '@verbatim/domain/limits';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_DRAFT_LENGTH } from '../src/schema/check-draft.ts';
import { LIMITS } from '../src/yoga.ts';
import { createTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const words = (length: number) => 'word '.repeat(Math.ceil(length / 5)).slice(0, length);

test('the stated body limit is the server’s', () => {
  expect(MAX_GRAPHQL_BODY_BYTES).toBe(LIMITS.maxRequestBodyBytes);
});

describe('request body', () => {
  /** A `{ hello }` request padded to exactly `bytes` bytes. */
  const bodyOf = (bytes: number) => {
    const bare = JSON.stringify({ query: '{ hello }', variables: { padding: '' } });
    return JSON.stringify({
      query: '{ hello }',
      variables: { padding: 'x'.repeat(bytes - bare.length) },
    });
  };
  const post = (body: string) =>
    server.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  test(`${MAX_GRAPHQL_BODY_BYTES.toLocaleString('en')} bytes are served`, async () => {
    const response = await post(bodyOf(MAX_GRAPHQL_BODY_BYTES));
    expect(response.status).toBe(200);
    expect((await response.json()).data.hello).toBe('Hello from Verbatim');
  });

  test('one byte more gets 413 REQUEST_ENTITY_TOO_LARGE', async () => {
    const response = await post(bodyOf(MAX_GRAPHQL_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });
});

describe('checkDraft(text:)', () => {
  const check = 'query ($text: String!) { checkDraft(text: $text) { rule } }';

  test(`a draft of ${MAX_DRAFT_LENGTH.toLocaleString('en')} characters is checked`, async () => {
    const { status, body } = await server.gql(check, {
      variables: { text: words(MAX_DRAFT_LENGTH) },
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.checkDraft).toEqual([]);
  }, 30_000);

  test('one character more is refused with BAD_USER_INPUT, unchecked', async () => {
    const { body } = await server.gql(check, {
      variables: { text: words(MAX_DRAFT_LENGTH + 1) },
    });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toContain(`<=${MAX_DRAFT_LENGTH}`);
  });
});

describe('search(q:)', () => {
  const search = 'query ($q: String!) { search(q: $q) { kind } }';

  test(`a search string of ${MAX_SEARCH_LENGTH} characters is searched`, async () => {
    const { body } = await server.gql(search, { variables: { q: 'x'.repeat(MAX_SEARCH_LENGTH) } });
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data.search)).toBe(true);
  });

  test('one character more is refused with BAD_USER_INPUT', async () => {
    const { body } = await server.gql(search, {
      variables: { q: 'x'.repeat(MAX_SEARCH_LENGTH + 1) },
    });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('ingestSource(input: { text })', () => {
  const ingest =
    'mutation ($text: String!) { ingestSource(input: { text: $text, format: TEXT }) { __typename ... on Error { message } } }';

  test('an article past 500,000 characters is refused as InvalidInputError, storing nothing', async () => {
    const before = (await server.store.counts()).sources;
    const { body } = await server.gql(ingest, {
      variables: { text: `“Too long,” said Helen Marsh.\n${words(500_000)}` },
      as: 'editor',
    });
    expect(body.data.ingestSource.__typename).toBe('InvalidInputError');
    expect(body.data.ingestSource.message).toContain('<=500000');
    expect((await server.store.counts()).sources).toBe(before);
  });
});
