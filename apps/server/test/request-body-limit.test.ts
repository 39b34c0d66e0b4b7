import { request } from 'node:http';
import { MAX_GRAPHQL_BODY_BYTES } from '@verbatim/domain/limits';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../src/main.ts';
import { createTestServer, startListeningServer, type TestServer } from './helpers.ts';

/** A `{ hello }` request padded to exactly `bytes` bytes. */
function helloOf(bytes: number): string {
  const bare = JSON.stringify({ query: '{ hello }', variables: { padding: '' } });
  return JSON.stringify({
    query: '{ hello }',
    variables: { padding: 'x'.repeat(bytes - bare.length) },
  });
}

describe('through yoga.fetch', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  const post = (body: string, contentLength: string) =>
    server.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': contentLength },
      body,
    });

  test('a body declaring its length at the limit is served', async () => {
    const body = helloOf(MAX_GRAPHQL_BODY_BYTES);
    const response = await post(body, String(MAX_GRAPHQL_BODY_BYTES));
    expect(response.status).toBe(200);
    expect((await response.json()).data.hello).toBe('Hello from Verbatim');
  });

  test('a declared length past the limit gets 413 before the body is read', async () => {
    const response = await post('{"query":"{ hello }"}', String(MAX_GRAPHQL_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  test.each(['12, 12', '-1', '1e3', 'twelve'])('Content-Length "%s" gets 400', async (length) => {
    const response = await post('{"query":"{ hello }"}', length);
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startListeningServer({ NODE_ENV: 'production' });
  });
  afterAll(() => server.close());

  /** POSTs `body` in 64 kB chunks with no Content-Length (Transfer-Encoding: chunked). */
  function postChunked(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        server.url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }),
          );
        },
      );
      outgoing.on('error', reject);
      for (let start = 0; start < body.length; start += 65_536) {
        outgoing.write(body.slice(start, start + 65_536));
      }
      outgoing.end();
    });
  }

  test('a chunked body within the limit is served', async () => {
    const { status, json } = await postChunked(helloOf(200_000));
    expect(status).toBe(200);
    expect(json).toEqual({ data: { hello: 'Hello from Verbatim' } });
  });

  test('a chunked body past the limit gets 413, and the server keeps serving', async () => {
    const { status, json } = await postChunked(helloOf(MAX_GRAPHQL_BODY_BYTES + 1));
    expect(status).toBe(413);
    expect((json.errors as { extensions: { code: string } }[])[0]?.extensions.code).toBe(
      'REQUEST_ENTITY_TOO_LARGE',
    );
    const after = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: helloOf(MAX_GRAPHQL_BODY_BYTES),
    });
    expect(after.status).toBe(200);
  });
});
