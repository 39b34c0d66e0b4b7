import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '@verbatim/store/open-store';
import { SqliteFactStore } from '@verbatim/store/sqlite';
import { SqliteApiTokenStore } from '@verbatim/store/sqlite-token-store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { type ServerStatus, StatusNotification } from '../src/protocol.ts';
import { type ServerUnderTest, spawnServer } from './server-process.ts';

/**
 * The "graphql" facts source against the real Verbatim GraphQL server (a process on a temporary
 * SQLite database seeded with the sample article): facts are read with a bearer token, and a
 * retraction made through the API reaches an open draft through `factChanged`, without reopening.
 */
const REPO = new URL('../../../', import.meta.url).pathname;
const VERIFIED =
  'The main goal of trying to reset or recalibrate the relationship with China has been achieved during this trip.';
const DRAFT = `Guy Saint-Jacques said: “${VERIFIED}”\n`;

let work: string;
let graphql: ChildProcess;
let url: string;
let editorToken: string;
let lsp: ServerUnderTest;
const published: PublishDiagnosticsParams[] = [];
const statuses: ServerStatus[] = [];

async function until<T>(read: () => T | undefined, what: string, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${lsp?.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'verbatim-graphql-'));
  const database = join(work, 'verbatim.sqlite');
  const store = await openStore({ sqlitePath: database });
  if (!(store instanceof SqliteFactStore)) throw new Error('expected SQLite');
  editorToken = (await new SqliteApiTokenStore(store.db).createApiToken('editor', 'desk')).token;
  await store.close();

  graphql = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO,
    env: { ...process.env, VERBATIM_DB: database, PORT: '0', VERBATIM_ANONYMOUS_READ: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  graphql.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  graphql.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  url = await until(() => /(http:\/\/\S+)/.exec(output)?.[1], `the GraphQL server: ${output}`);
  if (!url.endsWith('/graphql')) url = `${url.replace(/\/$/, '')}/graphql`;

  const workspace = join(work, 'newsroom');
  rmSync(workspace, { recursive: true, force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(workspace);
  writeFileSync(join(workspace, '.verbatim.yml'), `facts: ${url}\n`);
  lsp = spawnServer();
  lsp.connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: PublishDiagnosticsParams) => {
      published.push(params);
    },
  );
  lsp.connection.onNotification(StatusNotification.method, (status: ServerStatus) => {
    statuses.push(status);
  });
  await lsp.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    capabilities: {},
    initializationOptions: { graphqlToken: editorToken },
  });
  await lsp.connection.sendNotification('initialized', {});
}, 60_000);

afterAll(async () => {
  await lsp?.stop();
  if (graphql && graphql.exitCode === null) {
    const exited = new Promise((resolve) => graphql.once('exit', resolve));
    graphql.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (graphql.exitCode === null) graphql.kill('SIGKILL');
  }
  rmSync(work, { recursive: true, force: true });
});

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${editorToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe('facts from the GraphQL server', () => {
  it('loads the facts with the token and goes live', async () => {
    const live = await until(() => statuses.find((s) => s.state === 'live'), 'a live status');
    expect(live.source).toBe(`GraphQL ${url}`);
    expect(live.quotes).toBeGreaterThan(10);
  });

  it('shows a retraction in an open draft without reopening it', async () => {
    const uri = pathToFileURL(join(work, 'newsroom', 'draft.md')).href;
    await lsp.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT },
    });
    const first = await until(() => published.find((p) => p.uri === uri), 'the first check');
    expect(first.diagnostics).toEqual([]);

    const { quotes } = await api<{ quotes: { edges: { node: { id: string } }[] } }>(
      'query($text: String) { quotes(text: $text, first: 1) { edges { node { id } } } }',
      { text: 'recalibrate the relationship' },
    );
    const id = quotes.edges[0]?.node.id;
    expect(id).toBeDefined();
    await api('mutation($id: ID!) { retract(fact: $id, note: "test") { __typename } }', { id });

    const after = await until(
      () => published.filter((p) => p.uri === uri && p.diagnostics.length > 0).at(-1),
      'diagnostics after the retraction',
    );
    expect(after.diagnostics[0]).toMatchObject({ code: 'quote/not-verified' });
    expect(after.diagnostics[0]?.message).toMatch(/retracted/i);
  });
});
