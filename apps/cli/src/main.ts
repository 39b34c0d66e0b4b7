#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UsageError } from './cli-error.ts';

// Each command lives in its own file under commands/ and registers itself on the program.
const commandModules = [
  () => import('./commands/check.ts'),
  () => import('./commands/facts.ts'),
  () => import('./commands/export.ts'),
  () => import('./commands/import.ts'),
  () => import('./commands/db.ts'),
  () => import('./commands/ingest.ts'),
  () => import('./commands/token.ts'),
  () => import('./commands/lsp.ts'),
];

/** Exit codes: 0 success, 1 findings at error level (check), 2 usage or runtime error. */
async function main(argv: string[]): Promise<number> {
  const program = new Command('verbatim')
    .description(
      'Verified quotes and figures for newsrooms: look them up, check drafts against them.',
    )
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .showSuggestionAfterError(true);
  for (const load of commandModules) {
    const module = await load();
    module.register(program);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they are successes to the user.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`verbatim: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`verbatim: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.VERBATIM_DEBUG) console.error(error);
    return 2;
  }
}

// pnpm passes a literal "--" through when the user writes `pnpm verbatim -- check`.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
main(args).then((code) => {
  process.exitCode = code;
});
