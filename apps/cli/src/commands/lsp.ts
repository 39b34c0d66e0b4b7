import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('lsp')
    .description(
      'run the Verbatim language server for an editor (--stdio, --node-ipc or --socket=N)',
    )
    .allowUnknownOption(true)
    .option('--stdio', 'talk JSON-RPC over standard input and output (what most editors use)')
    .action(async () => {
      // The server reads its transport from process.argv itself, as every LSP server does;
      // from here on standard output belongs to the protocol.
      await import('@verbatim/language-server/main');
    });
}
