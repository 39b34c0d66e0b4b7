import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputTooLargeError } from '@verbatim/domain/limits';
import type { ArticleFormat } from '@verbatim/extract/types';
import type { FactStore } from '@verbatim/store/fact-store';
import { defaultDatabasePath, openStore } from '@verbatim/store/open-store';
import { type Command, InvalidArgumentError } from 'commander';
import { glob } from 'tinyglobby';
import { UsageError } from '../cli-error.ts';
import {
  addFailure,
  addResult,
  type BatchSummary,
  emptySummary,
  formatSummary,
} from '../ingest/batch-summary.ts';
import { ingestArticle } from '../ingest/ingest-article.ts';
import { createProgress } from '../ingest/progress.ts';
import { MalformedArticleError, readArticleFile } from '../ingest/read-article-file.ts';
import {
  addDatabaseOption,
  asUsageError,
  type DatabaseOptions,
  databaseUrlFromEnvironment,
} from '../store-access.ts';

interface IngestOptions extends DatabaseOptions {
  format?: ArticleFormat;
  json?: boolean;
}

const FORMATS: readonly ArticleFormat[] = ['text', 'markdown', 'html'];

export function register(program: Command): void {
  addDatabaseOption(
    program
      .command('ingest')
      .description(
        'Extract quotes, speakers and figures from articles (text, Markdown, HTML) and store them as candidates',
      )
      .argument('<files...>', 'article files, or folders of .txt/.md/.html files')
      .option(
        '--format <format>',
        'treat every file as text, markdown or html',
        (value: string) => {
          if (!FORMATS.includes(value as ArticleFormat)) {
            throw new InvalidArgumentError(`must be one of ${FORMATS.join(', ')}`);
          }
          return value as ArticleFormat;
        },
      )
      .option('--json', 'print the summary as JSON'),
  ).action(async (files: string[], options: IngestOptions) => {
    const paths = await expandPaths(files);
    if (paths.length === 0) throw new UsageError('no article files given');
    const summary = await withIngestStore(options, (store) => ingestFiles(store, paths, options));
    process.stdout.write(
      options.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary),
    );
    // Every readable article is stored; a failed file makes the run exit 2 so scripts notice.
    process.exitCode = summary.articles.failed > 0 ? 2 : 0;
  });
}

async function ingestFiles(
  store: FactStore,
  paths: string[],
  options: IngestOptions,
): Promise<BatchSummary> {
  const summary = emptySummary();
  const progress = createProgress(paths.length);
  try {
    for (const path of paths) {
      try {
        const file = await readArticleFile(path, options.format);
        addResult(summary, await ingestArticle(store, file));
      } catch (error) {
        const fileProblem =
          error instanceof MalformedArticleError ||
          error instanceof InputTooLargeError ||
          isInputError(error);
        if (!fileProblem) throw error;
        addFailure(summary, {
          path,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
      progress.tick(path);
    }
  } finally {
    progress.stop();
  }
  return summary;
}

/** Errors about one article's data (the store rejected what was extracted): skip the file, go on. */
function isInputError(error: unknown): boolean {
  return error instanceof Error && asUsageError(error) !== error;
}

/** Folders become the article files inside them, sorted, so reruns go in the same order. */
async function expandPaths(inputs: string[]): Promise<string[]> {
  const paths: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const found = await glob('**/*.{txt,md,markdown,html,htm}', { cwd: input, onlyFiles: true });
      paths.push(...found.sort().map((f) => join(input, f)));
    } else {
      paths.push(input);
    }
  }
  return paths;
}

/**
 * Like withStore, but a database that ingest creates starts empty (no sample dataset): it holds
 * exactly what was ingested.
 */
async function withIngestStore<T>(
  options: DatabaseOptions,
  work: (store: FactStore) => Promise<T>,
): Promise<T> {
  const target = options.db ?? databaseUrlFromEnvironment();
  const store = await openStore(
    target && /^postgres(ql)?:\/\//i.test(target)
      ? { databaseUrl: target }
      : { sqlitePath: target ?? defaultDatabasePath(), seedNewDatabase: false },
  );
  try {
    return await work(store);
  } catch (error) {
    throw asUsageError(error);
  } finally {
    await store.close();
  }
}
