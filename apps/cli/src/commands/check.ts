import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, relative, resolve, sep } from 'node:path';
import { CheckCache, type InputFormat } from '@verbatim/checker/check';
import type { Command } from 'commander';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ConfigFinder, type LoadedConfig } from '../check/config-files.ts';
import { type OpenedFacts, openFacts } from '../check/facts-source.ts';
import {
  type FileReport,
  format,
  OUTPUT_FORMATS,
  type OutputFormat,
  summarise,
} from '../check/formatters.ts';
import { UsageError } from '../cli-error.ts';

const DRAFT_EXTENSIONS = '{md,markdown,mdx,txt,text,html,htm}';
const INPUT_FORMATS: readonly InputFormat[] = ['markdown', 'text', 'html'];

interface CheckCommandOptions {
  format: string;
  facts?: string;
  token?: string;
  maxWarnings?: string;
  inputFormat?: string;
  stdinFilename?: string;
}

interface Target {
  /** Absolute path, or null for standard input. */
  path: string | null;
  /** The file was named on the command line (not found by a glob). */
  explicit: boolean;
}

export function register(program: Command): void {
  program
    .command('check')
    .description(
      'check drafts against verified quotes and figures (exit 1 on error-level findings)',
    )
    .argument('[files...]', 'files, folders or globs to check; "-" reads standard input')
    .option('--format <format>', `output: ${OUTPUT_FORMATS.join('|')}`, 'text')
    .option(
      '--facts <source>',
      'a SQLite file, a dataset .json or a GraphQL endpoint (default: .verbatim.yml, else the embedded database)',
    )
    .option('--token <token>', 'API token for a GraphQL endpoint (default: $VERBATIM_TOKEN)')
    .option('--max-warnings <n>', 'also fail when there are more than n warnings')
    .option(
      '--input-format <format>',
      `read every input as ${INPUT_FORMATS.join('|')} (default: by extension)`,
    )
    .option(
      '--stdin-filename <path>',
      'the path to report standard input as, and to find .verbatim.yml from',
    )
    .action(async (files: string[], options: CheckCommandOptions) => {
      process.exitCode = await runCheck(files, options);
    });
}

export async function runCheck(
  files: readonly string[],
  options: CheckCommandOptions,
): Promise<number> {
  if (!OUTPUT_FORMATS.includes(options.format as OutputFormat))
    throw new UsageError(
      `--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${options.format}"`,
    );
  const outputFormat = options.format as OutputFormat;
  let maxWarnings = Number.POSITIVE_INFINITY;
  if (options.maxWarnings !== undefined) {
    if (!/^\d+$/.test(options.maxWarnings))
      throw new UsageError(`--max-warnings must be a whole number, not "${options.maxWarnings}"`);
    maxWarnings = Number(options.maxWarnings);
  }
  if (
    options.inputFormat !== undefined &&
    !INPUT_FORMATS.includes(options.inputFormat as InputFormat)
  )
    throw new UsageError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}`);
  const token = options.token ?? process.env.VERBATIM_TOKEN;

  const finder = new ConfigFinder();
  const cwd = process.cwd();
  const targets = await expandTargets(files, cwd, finder);
  const included = new Map<string, Set<string>>();
  const opened = new Map<string, Promise<OpenedFacts>>();
  const cache = new CheckCache();
  const reports: FileReport[] = [];
  try {
    for (const target of targets) {
      const baseDirectory = target.path
        ? dirname(target.path)
        : options.stdinFilename
          ? dirname(resolve(cwd, options.stdinFilename))
          : cwd;
      const loaded = finder.forDirectory(baseDirectory);
      if (target.path && !target.explicit && !(await isIncluded(target.path, loaded, included)))
        continue;
      // --facts on the command line wins over the configuration's.
      const source = options.facts ?? loaded.config.facts;
      const sourceBase = options.facts ? cwd : loaded.directory;
      const key = source
        ? /^https?:/i.test(source)
          ? source
          : resolve(sourceBase, source)
        : '(embedded)';
      let facts = opened.get(key);
      if (!facts) {
        facts = openFacts(source, sourceBase, { token });
        opened.set(key, facts);
      }
      const checker = await facts;
      const text = target.path ? readDraft(target.path) : await readStdin();
      const findings = await checker.check(text, {
        format:
          (options.inputFormat as InputFormat | undefined) ??
          formatOf(target.path ?? options.stdinFilename),
        severities: loaded.config.rules,
        dollarCurrency: loaded.config.dollarCurrency,
        cache,
      });
      reports.push({
        path: displayPath(target.path ?? options.stdinFilename ?? null, cwd),
        text,
        findings,
      });
    }
  } finally {
    for (const facts of opened.values()) {
      await facts.then(
        (value) => value.close(),
        () => {},
      );
    }
  }
  process.stdout.write(format(outputFormat, reports));
  const summary = summarise(reports);
  return summary.errors > 0 || summary.warnings > maxWarnings ? 1 : 0;
}

async function expandTargets(
  files: readonly string[],
  cwd: string,
  finder: ConfigFinder,
): Promise<Target[]> {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ path, explicit });
  };
  if (files.length === 0) {
    const loaded = finder.forDirectory(cwd);
    if (!loaded.config.include)
      throw new UsageError(
        'no files to check: name files or globs, "-" for standard input, or set include in .verbatim.yml',
      );
    const matches = await glob(loaded.config.include, {
      cwd: loaded.directory,
      ignore: loaded.config.exclude ?? [],
      absolute: true,
      onlyFiles: true,
    });
    for (const match of matches.sort()) add(resolve(match), false);
    return targets;
  }
  for (const file of files) {
    if (file === '-') {
      targets.push({ path: null, explicit: true });
      continue;
    }
    const path = resolve(cwd, file);
    const stats = statOrNull(path);
    if (stats?.isFile()) {
      add(path, true);
      continue;
    }
    const pattern = stats?.isDirectory() ? `${toGlobPath(path)}/**/*.${DRAFT_EXTENSIONS}` : file;
    if (!stats && !isDynamicPattern(file)) throw new UsageError(`${file}: no such file`);
    const matches = await glob(pattern, {
      cwd,
      absolute: true,
      onlyFiles: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
    });
    if (matches.length === 0) throw new UsageError(`${file}: no files match`);
    for (const match of matches.sort()) add(resolve(match), false);
  }
  return targets;
}

async function isIncluded(
  path: string,
  loaded: LoadedConfig,
  cache: Map<string, Set<string>>,
): Promise<boolean> {
  const { include, exclude } = loaded.config;
  if (!include && !exclude) return true;
  const key = loaded.path ?? loaded.directory;
  let allowed = cache.get(key);
  if (allowed === undefined) {
    const matches = await glob(include ?? ['**/*'], {
      cwd: loaded.directory,
      ignore: exclude ?? [],
      absolute: true,
      onlyFiles: true,
      dot: true,
    });
    allowed = new Set(matches.map((match) => resolve(match)));
    cache.set(key, allowed);
  }
  return allowed.has(path);
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function toGlobPath(path: string): string {
  return path.split(sep).join('/');
}

function readDraft(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function formatOf(path: string | undefined): InputFormat {
  const extension = path ? extname(path).toLowerCase() : '';
  if (extension === '.html' || extension === '.htm') return 'html';
  if (extension === '.txt' || extension === '.text') return 'text';
  return 'markdown';
}

function displayPath(path: string | null, cwd: string): string {
  if (!path) return '<stdin>';
  const relativePath = relative(cwd, resolve(cwd, path));
  return toGlobPath(relativePath.startsWith('..') ? resolve(cwd, path) : relativePath);
}
