#!/usr/bin/env node
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.ts';

// The transport comes from the command line (--stdio, --node-ipc, --socket=N), as every LSP
// client passes it; stdio is what editors other than VS Code use.
const connection = createConnection(ProposedFeatures.all);
startServer(connection);

// One failed request must not take the editor's checker down with it.
process.on('unhandledRejection', (reason) => {
  connection.console.error(
    `Verbatim: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});
