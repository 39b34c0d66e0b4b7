import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineIndex } from '@verbatim/checker/positions';
import type { Finding } from '@verbatim/domain/findings';
import { findConfigFile } from '@verbatim/project-config/config-file';
import {
  CodeActionKind,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Disposable,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCheck } from './check.ts';
import {
  effectiveSeverities,
  NO_PROJECT_CONFIG,
  type ProjectConfig,
  readProjectConfig,
  resolveFactsConfig,
} from './config.ts';
import type { EditorFacts } from './facts/editor-facts.ts';
import { isLive } from './facts/editor-facts.ts';
import { openFacts } from './facts/open-facts.ts';
import { factsTreeChildren } from './facts-tree.ts';
import {
  FactsChangedNotification,
  FactsTreeRequest,
  type InitializationOptions,
  type InsertFactArgs,
  type NotificationDefinition,
  type RequestDefinition,
  SearchFactsRequest,
  ServerCommands,
  type ServerStatus,
  SetTokenNotification,
  StatusNotification,
} from './protocol.ts';
import {
  type CheckText,
  codeActions,
  complete,
  diagnose,
  hover,
  insertionText,
} from './service/language-service.ts';
import { searchFacts } from './service/search.ts';
import { parseSettings, type Settings } from './settings.ts';

const DRAFT_FILE = /\.(md|markdown|txt)$/i;
const SKIPPED_FOLDER = /\/(node_modules|\.[^/]+)\//;
const MAX_WORKSPACE_FILES = 2000;
const MAX_FILE_BYTES = 2_000_000;

/** Language ids we check. Neovim names plain text "text". */
const CHECKED_LANGUAGES = new Set(['markdown', 'plaintext', 'text']);

export interface ServerOptions {
  /** Milliseconds of quiet after an edit before checking (the last keystroke wins). */
  debounceMs?: number;
}

interface DocumentState {
  timer: NodeJS.Timeout | null;
  /** The findings of the last published check and the version they belong to. */
  findings: Finding[];
  version: number;
}

/**
 * Wires the language service to a connection. All decisions about text live in the language
 * service; this file only tracks documents, versions, timers and the facts source.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const notify = <P>(definition: NotificationDefinition<P>, params: P) =>
    void connection.sendNotification(definition.method, params);
  const handle = <P, R>(definition: RequestDefinition<P, R>, handler: (params: P) => Promise<R>) =>
    connection.onRequest(definition.method, (params: P) => handler(params));
  const debounceMs = options.debounceMs ?? 100;
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocumentState>();
  let workspaceRoot: string | null = null;
  let canPullConfiguration = false;
  let initialSettings: unknown;
  let settings: Settings = parseSettings(undefined).settings;
  let project: ProjectConfig = NO_PROJECT_CONFIG;
  let graphqlToken: string | null = null;
  let facts: EditorFacts | null = null;
  let check: CheckText | null = null;
  let loading: Promise<void> = Promise.resolve();
  let status: ServerStatus = { state: 'loading', source: '', quotes: 0, figures: 0, message: null };
  let stopLive: (() => void)[] = [];
  let canWatchFiles = false;
  let datasetPath: string | null = null;
  let datasetWatcher: Promise<Disposable> | null = null;

  /** Asks the client to tell us when the dataset file changes, wherever it lives. */
  function watchDataset(path: string | null): void {
    const previous = datasetWatcher;
    datasetWatcher = null;
    void previous?.then((registration) => registration.dispose()).catch(() => {});
    if (!path || !canWatchFiles) return;
    datasetWatcher = connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: { baseUri: pathToFileURL(dirname(path)).href, pattern: basename(path) } },
      ],
    });
    datasetWatcher.catch(() => {});
  }

  const sendStatus = (patch: Partial<ServerStatus>) => {
    status = { ...status, ...patch };
    notify(StatusNotification, status);
  };

  async function readSettings(): Promise<Settings> {
    const raw = canPullConfiguration
      ? await connection.workspace.getConfiguration('verbatim')
      : initialSettings;
    const parsed = parseSettings(raw);
    for (const problem of parsed.problems) connection.console.warn(`settings: ${problem}`);
    return parsed.settings;
  }

  /** (Re)reads settings and `.verbatim.yml`, reopens the facts, then re-checks open drafts. */
  function reload(): Promise<void> {
    loading = loading.then(async () => {
      sendStatus({ state: 'loading', message: null });
      for (const stop of stopLive) stop();
      stopLive = [];
      const previous = facts;
      facts = null;
      check = null;
      await previous?.close().catch(() => {});
      try {
        settings = await readSettings();
        const configPath = workspaceRoot ? findConfigFile(workspaceRoot) : null;
        project = configPath ? readProjectConfig(configPath) : NO_PROJECT_CONFIG;
        const factsConfig = resolveFactsConfig(settings, project, workspaceRoot);
        datasetPath = factsConfig.source === 'dataset' ? factsConfig.datasetPath : null;
        watchDataset(datasetPath);
        const opened = await openFacts(factsConfig, { graphqlToken });
        facts = opened;
        check = createCheck(
          opened.lookup,
          effectiveSeverities(settings, project),
          project.dollarCurrency,
        );
        if (isLive(opened)) {
          stopLive.push(
            opened.onFactChanged((change) => {
              check = createCheck(
                opened.lookup,
                effectiveSeverities(settings, project),
                project.dollarCurrency,
              );
              notify(FactsChangedNotification, change);
              recheckAll();
              void opened
                .counts()
                .then((counts) => sendStatus({ quotes: counts.quotes, figures: counts.figures }));
            }),
            opened.onStateChanged((state, message) => sendStatus({ state, message })),
          );
        }
        const counts = await opened.counts();
        sendStatus({
          state: isLive(opened) ? 'live' : 'ready',
          source: opened.description,
          quotes: counts.quotes,
          figures: counts.figures,
          message: null,
        });
        connection.console.info(
          `Verbatim: ${counts.quotes} quotes and ${counts.figures} figures from ${opened.description}`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        connection.console.error(`Verbatim: ${message}`);
        // A notification, not showErrorMessage's request: a client that cannot show messages must not
        // make the request fail (and the process crash on the rejection).
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Error,
          message: `Verbatim: ${message}`,
        });
        sendStatus({ state: 'error', message, quotes: 0, figures: 0 });
      }
    });
    return loading.then(() => recheckAll());
  }

  function stateOf(uri: string): DocumentState {
    let state = states.get(uri);
    if (!state) {
      state = { timer: null, findings: [], version: -1 };
      states.set(uri, state);
    }
    return state;
  }

  function schedule(document: TextDocument, delay: number): void {
    if (!CHECKED_LANGUAGES.has(document.languageId)) return;
    const state = stateOf(document.uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      void publish(document.uri);
    }, delay);
  }

  async function publish(uri: string): Promise<void> {
    await loading;
    const document = documents.get(uri);
    if (!document || !check) return;
    const version = document.version;
    let result: Awaited<ReturnType<typeof diagnose>>;
    try {
      result = await diagnose(draftOf(document), check);
    } catch (error) {
      connection.console.error(`Verbatim: checking ${uri} failed: ${String(error)}`);
      return;
    }
    // A newer edit arrived while checking: its own check will publish.
    if (documents.get(uri)?.version !== version) return;
    const state = stateOf(uri);
    state.findings = result.findings;
    state.version = version;
    await connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics });
  }

  function recheckAll(): void {
    for (const document of documents.all()) schedule(document, 0);
  }

  /**
   * Checks the drafts on disk that are not open (Markdown and text under the workspace folder),
   * so the Problems panel lists the whole workspace. Open documents are checked from the editor.
   */
  async function checkWorkspaceFiles(): Promise<number> {
    await loading;
    if (!workspaceRoot || !check) return 0;
    const root = workspaceRoot;
    const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
    const drafts = entries
      .filter((entry) => DRAFT_FILE.test(entry) && !SKIPPED_FOLDER.test(`/${entry}`))
      .slice(0, MAX_WORKSPACE_FILES);
    let checked = 0;
    for (const entry of drafts) {
      const path = join(root, entry);
      const uri = pathToFileURL(path).href;
      if (documents.get(uri)) continue;
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || info.size > MAX_FILE_BYTES) continue;
      const text = await readFile(path, 'utf8');
      const languageId = /\.txt$/i.test(entry) ? 'plaintext' : 'markdown';
      const { diagnostics } = await diagnose({ uri, languageId, text }, check);
      await connection.sendDiagnostics({ uri, diagnostics });
      checked += 1;
    }
    return checked;
  }

  const draftOf = (document: TextDocument) => ({
    uri: document.uri,
    languageId: document.languageId,
    text: document.getText(),
  });

  /** Facts and the document, once loading is done; null when either is missing. */
  async function ready(uri: string) {
    await loading;
    const document = documents.get(uri);
    return document && facts ? { document, facts } : null;
  }

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    workspaceRoot = folder?.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? null);
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles =
      params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    initialSettings = init.settings;
    graphqlToken = init.graphqlToken ?? null;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['“', '"', ' '], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      serverInfo: { name: 'verbatim-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: 'verbatim',
      });
    }
    void reload();
  });

  connection.onDidChangeConfiguration((change) => {
    if (!canPullConfiguration) initialSettings = change.settings;
    void reload();
  });

  connection.onDidChangeWatchedFiles((change) => {
    const dataset = datasetPath;
    const touched = change.changes.some(
      (file) =>
        /\/\.verbatim\.ya?ml$/.test(file.uri) ||
        (dataset !== null && decodeURIComponent(file.uri).endsWith(dataset)),
    );
    if (touched) void reload();
  });

  connection.onNotification(SetTokenNotification.method, ({ token }: { token: string | null }) => {
    graphqlToken = token;
    void reload();
  });

  documents.onDidOpen(({ document }) => schedule(document, 0));
  documents.onDidChangeContent(({ document }) => schedule(document, debounceMs));
  documents.onDidClose(({ document }) => {
    const state = states.get(document.uri);
    if (state?.timer) clearTimeout(state.timer);
    states.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** Findings are reused for hovers only while they still describe the text. */
  const currentFindings = (document: TextDocument) => {
    const state = states.get(document.uri);
    return state && state.version === document.version ? state.findings : [];
  };

  connection.onHover(async (params) => {
    const context = await ready(params.textDocument.uri);
    if (!context) return null;
    const { document } = context;
    const offset = new LineIndex(document.getText()).fromLsp(params.position);
    return hover(draftOf(document), offset, context.facts, currentFindings(document));
  });

  connection.onCompletion(async (params) => {
    const context = await ready(params.textDocument.uri);
    if (!context) return null;
    const offset = new LineIndex(context.document.getText()).fromLsp(params.position);
    return complete(draftOf(context.document), offset, context.facts);
  });

  connection.onCodeAction(async (params) => {
    const context = await ready(params.textDocument.uri);
    if (!context) return [];
    const index = new LineIndex(context.document.getText());
    const range = {
      start: index.fromLsp(params.range.start),
      end: index.fromLsp(params.range.end),
    };
    return codeActions(draftOf(context.document), range, params.context.diagnostics, context.facts);
  });

  connection.onExecuteCommand(async (params) => {
    switch (params.command) {
      case ServerCommands.insertFact: {
        const args = params.arguments?.[0] as InsertFactArgs | undefined;
        if (!args) throw new Error(`${ServerCommands.insertFact} needs {uri, position, kind, id}`);
        await loading;
        if (!facts) throw new Error('no facts are loaded');
        const text = await insertionText(facts, args);
        if (text === null) throw new Error(`no ${args.kind} ${args.id}`);
        const result = await connection.workspace.applyEdit({
          label: 'Insert verified fact',
          edit: {
            changes: {
              [args.uri]: [{ range: { start: args.position, end: args.position }, newText: text }],
            },
          },
        });
        return { applied: result.applied, text };
      }
      case ServerCommands.recheckWorkspace: {
        await reload();
        const files = await checkWorkspaceFiles();
        return { documents: documents.all().length, files, status };
      }
      default:
        throw new Error(`unknown command ${params.command}`);
    }
  });

  handle(SearchFactsRequest, async (params) => {
    await loading;
    return facts ? searchFacts(facts, params) : [];
  });

  handle(FactsTreeRequest, async (params) => {
    await loading;
    return facts ? factsTreeChildren(facts, params.parent) : [];
  });

  connection.onShutdown(async () => {
    for (const state of states.values()) if (state.timer) clearTimeout(state.timer);
    for (const stop of stopLive) stop();
    await facts?.close().catch(() => {});
  });

  documents.listen(connection);
  connection.listen();
}
