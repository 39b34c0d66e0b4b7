import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const ingest = `mutation ($input: IngestSourceInput!) {
  ingestSource(input: $input) {
    __typename
    ... on SourceIngestion {
      status quotesNew figuresNew quotesUnattributed
      source { title url quotes { totalCount edges { node { text status speakers { ... on Person { name } } } } } }
    }
    ... on Error { message }
  }
}`;

const article = [
  '# Ford calls electric-vehicle deal a mistake',
  '',
  'By Jane Doe',
  '',
  'Ontario premier Doug Ford said on Monday the agreement was “a mistake that will cost Ontario jobs”.',
  '',
  '“We will fight this in every way we can,” Ford told reporters at Queen’s Park.',
  '',
  'Up to 49,000 vehicles could enter the market each year.',
].join('\n');

test('ingestSource extracts an article into candidate quotes and figures; the same text again changes nothing', async () => {
  const input = { text: article, format: 'MARKDOWN', url: 'https://example.com/ford-ev' };
  const { body } = await server.gql(ingest, { variables: { input }, as: 'editor' });
  expect(body.errors).toBeUndefined();
  const result = body.data.ingestSource;
  expect(result).toMatchObject({
    __typename: 'SourceIngestion',
    status: 'NEW',
    source: {
      title: 'Ford calls electric-vehicle deal a mistake',
      url: 'https://example.com/ford-ev',
    },
  });
  expect(result.quotesNew).toBeGreaterThanOrEqual(1);
  const quotes = result.source.quotes.edges.map((edge: { node: unknown }) => edge.node);
  expect(quotes).toContainEqual({
    text: 'a mistake that will cost Ontario jobs',
    status: 'CANDIDATE',
    speakers: [{ name: 'Doug Ford' }],
  });

  const again = await server.gql(ingest, { variables: { input }, as: 'editor' });
  expect(again.body.data.ingestSource).toMatchObject({ status: 'UNCHANGED', quotesNew: 0 });
  expect((await server.store.counts()).sources).toBe(2);
});

test('ingestSource refuses an empty article and a malformed URL, and readers', async () => {
  const empty = await server.gql(ingest, { variables: { input: { text: '  ' } }, as: 'editor' });
  expect(empty.body.data.ingestSource.__typename).toBe('InvalidInputError');
  const badUrl = await server.gql(ingest, {
    variables: { input: { text: article, url: 'not a url' } },
    as: 'editor',
  });
  expect(badUrl.body.data.ingestSource.__typename).toBe('InvalidInputError');
  const reader = await server.gql(ingest, {
    variables: { input: { text: article } },
    as: 'reader',
  });
  expect(reader.body.data.ingestSource.__typename).toBe('NotAuthorisedError');
  expect((await server.store.counts()).sources).toBe(2); // only the one ingested above
});
