import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { serialiseDataset } from '@verbatim/store/dataset-file';
import type { Command } from 'commander';
import { UsageError } from '../cli-error.ts';
import { addDatabaseOption, type DatabaseOptions, withStore } from '../store-access.ts';

interface ExportOptions extends DatabaseOptions {
  out?: string;
}

export function register(program: Command): void {
  addDatabaseOption(
    program
      .command('export')
      .description('write every fact, with its verification history, as a dataset (JSON)')
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action((options: ExportOptions) =>
    withStore(options, async (store) => {
      const text = serialiseDataset(await store.exportDataset());
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      // Write beside the target, then rename: a failed export leaves no half-written file.
      const partial = `${options.out}.partial-${process.pid}`;
      try {
        writeFileSync(partial, text);
        renameSync(partial, options.out);
      } catch (error) {
        rmSync(partial, { force: true });
        throw new UsageError(
          `${options.out}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`,
        );
      }
      process.stderr.write(`Exported to ${options.out}\n`);
    }),
  );
}
