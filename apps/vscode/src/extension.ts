import {
  FactsChangedNotification,
  type FactsTreeNode,
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
} from '@verbatim/language-server/protocol';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

const TOKEN_KEY = 'verbatim.graphqlToken';

// Typed wrappers over the plain protocol definitions shared with the server (protocol.ts).
const onNotification = <P>(
  languageClient: LanguageClient,
  definition: NotificationDefinition<P>,
  handler: (params: P) => void,
) => languageClient.onNotification(definition.method, handler);
const sendNotification = <P>(
  languageClient: LanguageClient,
  definition: NotificationDefinition<P>,
  params: P,
) => languageClient.sendNotification(definition.method, params);
const sendRequest = <P, R>(
  languageClient: LanguageClient,
  definition: RequestDefinition<P, R>,
  params: P,
): Promise<R> => languageClient.sendRequest(definition.method, params);
let client: LanguageClient | null = null;

/** A thin client: everything about text and facts happens in the bundled language server. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Verbatim', { log: true });
  const statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  statusItem.name = 'Verbatim';
  statusItem.command = 'verbatim.restartServer';
  showStatus(statusItem, { state: 'loading', source: '', quotes: 0, figures: 0, message: null });
  statusItem.show();
  const tree = new FactsTreeProvider();
  context.subscriptions.push(
    output,
    statusItem,
    vscode.window.registerTreeDataProvider('verbatim.facts', tree),
  );

  const start = async () => {
    client = await startClient(context, output);
    onNotification(client, StatusNotification, (status) => {
      showStatus(statusItem, status);
      tree.refresh();
    });
    onNotification(client, FactsChangedNotification, () => tree.refresh());
    tree.client = client;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('verbatim.restartServer', async () => {
      showStatus(statusItem, {
        state: 'loading',
        source: '',
        quotes: 0,
        figures: 0,
        message: null,
      });
      await client?.stop();
      await start();
    }),
    vscode.commands.registerCommand('verbatim.recheckWorkspace', () =>
      client?.sendRequest('workspace/executeCommand', {
        command: ServerCommands.recheckWorkspace,
        arguments: [],
      }),
    ),
    vscode.commands.registerCommand('verbatim.refreshFacts', () => tree.refresh()),
    vscode.commands.registerCommand('verbatim.setToken', async () => {
      const token = await vscode.window.showInputBox({
        title: 'Verbatim GraphQL token',
        prompt: 'Kept in VS Code secret storage, never in settings.',
        password: true,
        ignoreFocusOut: true,
      });
      if (!token) return;
      await context.secrets.store(TOKEN_KEY, token);
      if (client) await sendNotification(client, SetTokenNotification, { token });
    }),
    vscode.commands.registerCommand('verbatim.clearToken', async () => {
      await context.secrets.delete(TOKEN_KEY);
      if (client) await sendNotification(client, SetTokenNotification, { token: null });
    }),
    vscode.commands.registerCommand('verbatim.searchAndInsert', () => searchAndInsert()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('verbatim.server.command')) {
        void vscode.commands.executeCommand('verbatim.restartServer');
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = null;
}

async function startClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): Promise<LanguageClient> {
  const configuration = vscode.workspace.getConfiguration('verbatim');
  const command = configuration.get<string[]>('server.command') ?? [];
  const bundled = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions =
    command.length > 0 && command[0]
      ? { command: command[0], args: command.slice(1), transport: TransportKind.stdio }
      : {
          run: { module: bundled, transport: TransportKind.ipc },
          debug: { module: bundled, transport: TransportKind.ipc },
        };
  const initializationOptions: InitializationOptions = {
    graphqlToken: (await context.secrets.get(TOKEN_KEY)) ?? null,
    settings: configuration,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      { language: 'plaintext', scheme: 'file' },
      { language: 'plaintext', scheme: 'untitled' },
    ],
    outputChannel: output,
    initializationOptions,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.verbatim.yml,*.dataset.json}'),
    },
  };
  const languageClient = new LanguageClient(
    'verbatim',
    'Verbatim Language Server',
    serverOptions,
    clientOptions,
  );
  await languageClient.start();
  return languageClient;
}

function showStatus(item: vscode.StatusBarItem, status: ServerStatus): void {
  const facts = `${status.quotes} quotes, ${status.figures} figures`;
  switch (status.state) {
    case 'loading':
      item.text = '$(sync~spin) Verbatim';
      break;
    case 'ready':
      item.text = `$(quote) Verbatim: ${status.quotes} quotes`;
      break;
    case 'live':
      item.text = `$(broadcast) Verbatim: ${status.quotes} quotes`;
      break;
    case 'reconnecting':
      item.text = '$(debug-disconnect) Verbatim: reconnecting';
      break;
    case 'error':
      item.text = '$(error) Verbatim';
      break;
  }
  const tooltip = new vscode.MarkdownString(
    [
      `**Verbatim** — ${status.state}`,
      status.source ? `Facts: ${status.source} (${facts})` : '',
      status.message ?? '',
      'Click to restart the language server.',
    ]
      .filter(Boolean)
      .join('\n\n'),
  );
  item.tooltip = tooltip;
  item.backgroundColor =
    status.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
}

async function searchAndInsert(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) {
    void vscode.window.showInformationMessage('Verbatim: open a draft first.');
    return;
  }
  const languageClient = client;
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { hit?: InsertFactArgs }>();
  pick.placeholder = 'Search verified quotes and figures';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let generation = 0;
  const update = async (query: string) => {
    const current = ++generation;
    pick.busy = true;
    const hits = await sendRequest(languageClient, SearchFactsRequest, { query, limit: 50 });
    if (current !== generation) return;
    pick.busy = false;
    const position = editor.selection.active;
    pick.items = hits.map((hit) => ({
      label: hit.kind === 'quote' ? `“${hit.text}”` : hit.text,
      description: hit.status,
      detail: hit.detail,
      alwaysShow: true,
      hit: {
        uri: editor.document.uri.toString(),
        position: { line: position.line, character: position.character },
        kind: hit.kind,
        id: hit.id,
      },
    }));
  };
  pick.onDidChangeValue((value) => void update(value));
  pick.onDidAccept(async () => {
    const chosen = pick.selectedItems[0]?.hit;
    pick.hide();
    if (chosen) await vscode.commands.executeCommand(ServerCommands.insertFact, chosen);
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
  await update('');
}

const STATUS_ICONS: Record<string, string> = {
  verified: 'pass',
  candidate: 'circle-outline',
  disputed: 'warning',
  retracted: 'error',
};
const KIND_ICONS: Record<FactsTreeNode['kind'], string> = {
  source: 'book',
  person: 'person',
  quote: 'quote',
  figure: 'symbol-number',
};

/** sources → people → quotes, and figures under their source; children come from the server. */
class FactsTreeProvider implements vscode.TreeDataProvider<FactsTreeNode> {
  client: LanguageClient | null = null;
  private readonly changed = new vscode.EventEmitter<FactsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: FactsTreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.hasChildren
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.key;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.kind;
    item.iconPath = new vscode.ThemeIcon(
      node.status ? (STATUS_ICONS[node.status] ?? KIND_ICONS[node.kind]) : KIND_ICONS[node.kind],
    );
    return item;
  }

  async getChildren(node?: FactsTreeNode): Promise<FactsTreeNode[]> {
    if (!this.client) return [];
    return sendRequest(this.client, FactsTreeRequest, node ? { parent: node.key } : {});
  }
}
