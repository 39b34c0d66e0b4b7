import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CompletionList,
  Hover,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import {
  FactsTreeRequest,
  SearchFactsRequest,
  ServerCommands,
  type ServerStatus,
  StatusNotification,
} from '../src/protocol.ts';
import { FIXTURE_DATASET, type ServerUnderTest, spawnServer } from './server-process.ts';

/**
 * The real server process on stdio, driven by a JSON-RPC client (vscode-languageserver-protocol),
 * as an editor would.
 */
const MISQUOTED =
  'The main goal of trying to reset the relationship with China has been achieved on this trip.';
const DRAFT = `# After Beijing\n\n“${MISQUOTED}” said Guy Saint-Jacques.\n`;

let server: ServerUnderTest;
let workspace: string;
let draftUri: string;
const published: PublishDiagnosticsParams[] = [];
const statuses: ServerStatus[] = [];
const appliedEdits: unknown[] = [];
const registrations: { method: string; registerOptions?: unknown }[] = [];

async function until<T>(read: () => T | undefined, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'verbatim-lsp-'));
  copyFileSync(FIXTURE_DATASET, join(workspace, 'facts.dataset.json'));
  writeFileSync(
    join(workspace, '.verbatim.yml'),
    'facts: facts.dataset.json\nrules:\n  quote/misquote: warning\n',
  );
  draftUri = pathToFileURL(join(workspace, 'draft.md')).href;
  // A draft on disk that is never opened: "re-check workspace" reports it too.
  mkdirSync(join(workspace, 'drafts'));
  writeFileSync(join(workspace, 'drafts/closed.md'), DRAFT);
  server = spawnServer();
  const { connection } = server;
  connection.onNotification(
    'textDocument/publishDiagnostics',
    (params: PublishDiagnosticsParams) => {
      published.push(params);
    },
  );
  connection.onNotification(StatusNotification.method, (status: ServerStatus) => {
    statuses.push(status);
  });
  connection.onRequest(
    'client/registerCapability',
    (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      registrations.push(...params.registrations);
      return null;
    },
  );
  connection.onRequest('workspace/applyEdit', (params: unknown) => {
    appliedEdits.push(params);
    return { applied: true };
  });
  const result = (await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'newsroom' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
  })) as { capabilities: Record<string, unknown> };
  expect(result.capabilities).toMatchObject({
    hoverProvider: true,
    codeActionProvider: expect.anything(),
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text: DRAFT },
  });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const latestFor = (uri: string) => published.filter((p) => p.uri === uri).at(-1);

describe('the language server over stdio', () => {
  it('loads the dataset named by .verbatim.yml and says so', async () => {
    const ready = await until(() => statuses.find((s) => s.state === 'ready'), 'status ready');
    expect(ready).toMatchObject({ quotes: 3, figures: 1 });
    expect(ready.source).toContain('facts.dataset.json');
  });

  it('publishes the misquote on open, at the severity .verbatim.yml gives it', async () => {
    const params = await until(
      () => (latestFor(draftUri)?.diagnostics.length ? latestFor(draftUri) : undefined),
      'diagnostics',
    );
    expect(params.version).toBe(1);
    expect(params.diagnostics[0]).toMatchObject({
      code: 'quote/misquote',
      severity: 2,
      source: 'verbatim',
      range: { start: { line: 2 } },
    });
  });

  it('re-checks after an edit, publishing only for the latest version', async () => {
    const fixed = DRAFT.replace(
      MISQUOTED,
      'The main goal of trying to reset or recalibrate the relationship with China has been achieved during this trip.',
    );
    // Two quick edits: the first is superseded before its debounce ends.
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: draftUri, version: 2 },
      contentChanges: [{ text: `${DRAFT}\nMore words.` }],
    });
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: draftUri, version: 3 },
      contentChanges: [{ text: fixed }],
    });
    const params = await until(
      () => (latestFor(draftUri)?.version === 3 ? latestFor(draftUri) : undefined),
      'diagnostics for version 3',
    );
    expect(params.diagnostics).toEqual([]);
    expect(published.some((p) => p.version === 2)).toBe(false);
    // Back to the misquote for the next tests.
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: draftUri, version: 4 },
      contentChanges: [{ text: DRAFT }],
    });
    await until(
      () => (latestFor(draftUri)?.version === 4 ? latestFor(draftUri) : undefined),
      'diagnostics for version 4',
    );
  });

  it('answers hover, completion and code actions', async () => {
    const line = 2;
    const character = DRAFT.split('\n')[2]?.indexOf('reset the') ?? 0;
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: draftUri },
      position: { line, character },
    })) as Hover;
    expect((hover.contents as { value: string }).value).toContain('recalibrate the relationship');

    const completion = (await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: draftUri },
      position: { line: 2, character: 6 },
    })) as CompletionList;
    expect(completion.items[0]?.label).toContain('The main goal of trying');

    const diagnostics = latestFor(draftUri)?.diagnostics ?? [];
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: draftUri },
      range: diagnostics[0]?.range,
      context: { diagnostics },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(
      expect.arrayContaining([
        'Replace with the verified wording',
        'Suppress quote/misquote on this line',
      ]),
    );
  });

  it('searches facts and inserts one through executeCommand', async () => {
    const hits = await server.connection.sendRequest(SearchFactsRequest.method, {
      query: 'predictable partner',
    });
    expect(hits).toEqual([expect.objectContaining({ kind: 'quote', id: 'quo_partner' })]);
    const result = await server.connection.sendRequest('workspace/executeCommand', {
      command: ServerCommands.insertFact,
      arguments: [
        { uri: draftUri, position: { line: 0, character: 0 }, kind: 'quote', id: 'quo_partner' },
      ],
    });
    expect(result).toMatchObject({ applied: true });
    expect(JSON.stringify(appliedEdits.at(-1))).toContain(
      '“China is a more predictable partner than the United States.”',
    );
    const roots = await server.connection.sendRequest(FactsTreeRequest.method, {});
    expect(roots).toEqual([expect.objectContaining({ kind: 'source' })]);
  });

  it('re-checks the workspace on command, drafts on disk included', async () => {
    const before = published.length;
    const result = await server.connection.sendRequest('workspace/executeCommand', {
      command: ServerCommands.recheckWorkspace,
      arguments: [],
    });
    expect(result).toMatchObject({ files: 1 });
    const closedUri = pathToFileURL(join(workspace, 'drafts/closed.md')).href;
    expect(latestFor(closedUri)?.diagnostics[0]?.code).toBe('quote/misquote');
    await until(
      () => (published.slice(before).some((p) => p.uri === draftUri) ? true : undefined),
      'a fresh publish for the open draft',
    );
    expect(latestFor(draftUri)?.diagnostics[0]?.code).toBe('quote/misquote');
  });

  it('watches the dataset file and re-checks when it changes', async () => {
    const watcher = await until(
      () => registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'a file watcher registration',
    );
    expect(JSON.stringify(watcher.registerOptions)).toContain('"pattern":"facts.dataset.json"');
    // The quote the draft misquotes disappears from the dataset: the quotation is now unverified.
    const path = join(workspace, 'facts.dataset.json');
    const dataset = JSON.parse(readFileSync(path, 'utf8'));
    dataset.quotes = dataset.quotes.filter((quote: { id: string }) => quote.id !== 'quo_goal');
    dataset.events = dataset.events.filter(
      (event: { factId: string }) => event.factId !== 'quo_goal',
    );
    writeFileSync(path, JSON.stringify(dataset));
    const before = published.length;
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(path).href, type: 2 }],
    });
    const after = await until(
      () =>
        published
          .slice(before)
          .filter((p) => p.uri === draftUri)
          .at(-1),
      'a re-check after the dataset changed',
    );
    expect(after.diagnostics.map((d) => d.code)).not.toContain('quote/misquote');
    expect(statuses.at(-1)).toMatchObject({ state: 'ready', quotes: 2 });
  });
});
