import { readDatasetFile } from '@verbatim/store/dataset-file';
import { InvalidInputError } from '@verbatim/store/fact-store';
import type { Command } from 'commander';
import { UsageError } from '../cli-error.ts';
import {
  addDatabaseOption,
  asUsageError,
  type DatabaseOptions,
  printJson,
  withStore,
} from '../store-access.ts';

interface ImportOptions extends DatabaseOptions {
  replace?: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  addDatabaseOption(
    program
      .command('import')
      .description(
        'add a dataset file to the database (by id: new facts added, known ones updated)',
      )
      .argument('<file>', 'a Verbatim dataset (see docs/dataset-format.md)')
      .option('--replace', 'empty the database first, keeping only what the file holds')
      .option('--json', 'print the summary as JSON'),
  ).action(async (file: string, options: ImportOptions) => {
    // Validate before opening anything, so a bad file touches no database.
    let dataset: ReturnType<typeof readDatasetFile>;
    try {
      dataset = readDatasetFile(file);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new UsageError(error.message);
      throw error;
    }
    await withStore(options, async (store) => {
      let summary: Awaited<ReturnType<typeof store.importDataset>>;
      try {
        summary = await store.importDataset(dataset, {
          mode: options.replace ? 'replace' : 'merge',
        });
      } catch (error) {
        throw asUsageError(error, file);
      }
      if (options.json) {
        printJson(summary);
        return;
      }
      process.stdout.write(
        `Imported ${file}${options.replace ? ' (replacing everything)' : ''}: ${summary.quotes} quotes, ${summary.figures} figures, ${summary.people} people, ${summary.organisations} organisations, ${summary.sources} sources, ${summary.events} new verification events\n`,
      );
    });
  });
}
