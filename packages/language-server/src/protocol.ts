import type { FactKind, FactStatus } from '@verbatim/domain/entities';

/**
 * Everything Verbatim adds to LSP, typed once and imported by both the server and the VS Code
 * client, so the two cannot drift apart. The definitions are plain objects, not
 * vscode-jsonrpc's RequestType classes: the client and the server libraries ship different
 * vscode-jsonrpc versions whose classes do not type-check against each other.
 */
export interface RequestDefinition<Params, Result> {
  readonly method: string;
  /** Carries the types only; never set. */
  readonly types?: { params: Params; result: Result };
}

export interface NotificationDefinition<Params> {
  readonly method: string;
  readonly types?: { params: Params };
}

function request<Params, Result>(method: string): RequestDefinition<Params, Result> {
  return { method };
}

function notification<Params>(method: string): NotificationDefinition<Params> {
  return { method };
}

/** Commands the server executes (workspace/executeCommand). */
export const ServerCommands = {
  /** Inserts a fact's exact wording. Arguments: [InsertFactArgs]. */
  insertFact: 'verbatim.server.insertFact',
  /** Reloads the facts and re-checks every open document. No arguments. */
  recheckWorkspace: 'verbatim.server.recheckWorkspace',
} as const;

export interface InsertFactArgs {
  uri: string;
  /** Where to insert, as an LSP position (UTF-16). */
  position: { line: number; character: number };
  kind: FactKind;
  id: string;
}

export interface SearchFactsParams {
  query: string;
  limit?: number;
  kinds?: FactKind[];
}

export interface FactSearchHit {
  kind: FactKind;
  id: string;
  /** The exact verified wording: a quote's words or a figure as printed. */
  text: string;
  /** "Dominic LeBlanc — Carney's trip to Beijing (CBC, 2026-01-16)". */
  detail: string;
  status: FactStatus;
}

/** Full-text search over quotes and figures, for the "search and insert" command. */
export const SearchFactsRequest = request<SearchFactsParams, FactSearchHit[]>(
  'verbatim/searchFacts',
);

export type FactsTreeNodeKind = 'source' | 'person' | 'quote' | 'figure';

export interface FactsTreeNode {
  kind: FactsTreeNodeKind;
  /** Unique within the tree: "source:src_1", "person:src_1:per_2", "quote:quo_3". */
  key: string;
  label: string;
  description: string;
  tooltip: string;
  status: FactStatus | null;
  hasChildren: boolean;
}

export interface FactsTreeParams {
  /** The key of the node to expand; absent for the roots (the sources). */
  parent?: string;
}

/** The side-bar tree: sources → people → quotes, and figures under their source. */
export const FactsTreeRequest = request<FactsTreeParams, FactsTreeNode[]>('verbatim/factsTree');

export type ConnectionState = 'loading' | 'ready' | 'live' | 'reconnecting' | 'error';

export interface ServerStatus {
  state: ConnectionState;
  /** "dataset carney.dataset.json", "SQLite ~/.local/share/verbatim/verbatim.db", "GraphQL https://…". */
  source: string;
  quotes: number;
  figures: number;
  message: string | null;
}

/** Sent by the server whenever the facts are (re)loaded or the connection state changes. */
export const StatusNotification = notification<ServerStatus>('verbatim/status');

/** Sent by the server when facts changed (a retraction, an edit), so trees can refresh. */
export const FactsChangedNotification = notification<{ kind: FactKind; id: string }>(
  'verbatim/factsChanged',
);

/**
 * The GraphQL token lives in the editor's secret storage, never in settings; the client sends it
 * at start (initializationOptions.graphqlToken) and again whenever the user changes it.
 */
export const SetTokenNotification = notification<{ token: string | null }>('verbatim/setToken');

export interface InitializationOptions {
  graphqlToken?: string | null;
  /** The client's settings at start, in the shape of the `verbatim` configuration section. */
  settings?: unknown;
}
