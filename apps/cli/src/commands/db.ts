import type { Command } from 'commander';
import { addDatabaseOption, type DatabaseOptions, printJson, withStore } from '../store-access.ts';

interface MigrateOptions extends DatabaseOptions {
  json?: boolean;
}

export function register(program: Command): void {
  const db = program.command('db').description('look after the database');
  addDatabaseOption(
    db
      .command('migrate')
      .description(
        'bring the database schema up to date (a new database also gets the sample facts)',
      )
      .option('--json', 'print JSON'),
  ).action((options: MigrateOptions) =>
    withStore(options, async (store, applied) => {
      const counts = await store.counts();
      if (options.json) {
        printJson({ applied, counts });
        return;
      }
      process.stdout.write(
        `${applied.length > 0 ? `Applied migrations ${applied.join(', ')}` : 'The schema is up to date'}; the database holds ${counts.quotes} quotes and ${counts.figures} figures.\n`,
      );
    }),
  );
}
