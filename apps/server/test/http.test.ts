import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningServer } from '../src/main.ts';
import { globalId, startListeningServer } from './helpers.ts';

/** The real thing: main's startServer on port 0 over a fresh database file, spoken to over TCP. */
let server: RunningServer;
beforeAll(async () => {
  server = await startListeningServer({ NODE_ENV: 'test' });
});
afterAll(() => server.close());

async function post(body: unknown, token?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test('listens on loopback and answers a query over HTTP from the seeded database', async () => {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  const { status, body } = await post({
    query: '{ person(nameOrAlias: "Carney") { name quotes(first: 1) { totalCount } } }',
  });
  expect(status).toBe(200);
  expect(body.data.person).toEqual({ name: 'Mark Carney', quotes: { totalCount: 6 } });
});

/** Reads server-sent events from a streaming response until `until` returns true. */
async function readEvents(
  response: Response,
  until: (events: unknown[]) => boolean,
): Promise<unknown[]> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n');
      if (data) events.push(JSON.parse(data));
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
}

test('factChanged streams over server-sent events: a verify is seen at once', async () => {
  const editor = (await server.tokens.createApiToken('editor', 'SSE editor')).token;
  const fact = globalId('Quote', 'quo_carney_beijing_05');
  const controller = new AbortController();
  const stream = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({
      query: `subscription ($fact: ID) { factChanged(fact: $fact) {
        change kind actor event { status method } fact { ... on Quote { id status } }
      } }`,
      variables: { fact },
    }),
    signal: controller.signal,
  });
  expect(stream.status).toBe(200);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');

  const received = readEvents(stream, (events) => events.length >= 1);
  // The subscription is registered when the response starts; a change to another quote is
  // filtered out, the verify of this one is delivered.
  await post(
    {
      query: `mutation { dispute(fact: "${globalId('Quote', 'quo_carney_beijing_06')}") { __typename } }`,
    },
    editor,
  );
  const verified = await post(
    { query: `mutation { verify(fact: "${fact}", method: "recording") { __typename } }` },
    editor,
  );
  expect(verified.body.data.verify.__typename).toBe('FactStatusChange');

  const [event] = await received;
  controller.abort();
  expect(event).toEqual({
    data: {
      factChanged: {
        change: 'STATUS',
        kind: 'QUOTE',
        actor: 'SSE editor',
        event: { status: 'VERIFIED', method: 'recording' },
        fact: { id: fact, status: 'VERIFIED' },
      },
    },
  });
});
