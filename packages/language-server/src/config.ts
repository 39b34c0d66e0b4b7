import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, parseCheckConfig } from '@verbatim/checker/config';
import type { RuleId, Severity } from '@verbatim/domain/findings';
import { parse as parseYaml } from 'yaml';
import type { Settings } from './settings.ts';

/**
 * `.verbatim.yml`, read exactly as `verbatim check` reads it: found by walking up, validated by
 * the checker's own schema (so both report the same errors), `facts:` naming a SQLite file, a
 * dataset .json or a GraphQL URL relative to the file's folder, `rules:` the severities.
 */
export interface ProjectConfig {
  /** The file read, or null when none was found. */
  path: string | null;
  facts: FactsConfig | null;
  rules: Partial<Record<RuleId, Severity>>;
  dollarCurrency?: string;
}

/** Walks up from `directory` to the nearest `.verbatim.yml` (or `.verbatim.yaml`). */
export function findConfigFile(directory: string): string | null {
  let current = resolve(directory);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** Reads a `.verbatim.yml`; a malformed file is a clear error naming the file and the key. */
export function readProjectConfig(path: string): ProjectConfig {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `${path}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  const config = parseCheckConfig(value, path);
  return {
    path,
    facts: config.facts ? classifyFacts(config.facts, dirname(path)) : null,
    rules: config.rules ?? {},
    ...(config.dollarCurrency ? { dollarCurrency: config.dollarCurrency } : {}),
  };
}

/** "https://…" is the GraphQL server; a file is SQLite when it starts like one, else a dataset. */
export function classifyFacts(facts: string, baseDirectory: string): FactsConfig {
  if (/^https?:\/\//i.test(facts)) return { source: 'graphql', url: facts };
  const path = isAbsolute(facts) ? facts : join(baseDirectory, facts);
  return isSqliteFile(path)
    ? { source: 'sqlite', databasePath: path }
    : { source: 'dataset', datasetPath: path };
}

function isSqliteFile(path: string): boolean {
  if (/\.(sqlite3?|db)$/i.test(path)) return true;
  try {
    const header = Buffer.alloc(16);
    const descriptor = openSync(path, 'r');
    try {
      return (
        readSync(descriptor, header, 0, 16, 0) === 16 &&
        header.toString('latin1') === 'SQLite format 3\u0000'
      );
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return false;
  }
}

export const NO_PROJECT_CONFIG: ProjectConfig = { path: null, facts: null, rules: {} };

export type FactsConfig =
  | { source: 'sqlite'; databasePath: string | null }
  | { source: 'dataset'; datasetPath: string }
  | { source: 'graphql'; url: string };

/**
 * Where facts come from: an explicit editor setting wins; "auto" follows `.verbatim.yml`, and
 * without one, the CLI's default SQLite database.
 */
export function resolveFactsConfig(
  settings: Settings,
  project: ProjectConfig,
  workspaceRoot: string | null,
): FactsConfig {
  const fromWorkspace = (file: string) =>
    isAbsolute(file) || workspaceRoot === null ? file : join(workspaceRoot, file);
  switch (settings['verbatim.facts.source']) {
    case 'auto':
      return project.facts ?? { source: 'sqlite', databasePath: null };
    case 'dataset': {
      const setting = settings['verbatim.facts.datasetPath'];
      const path =
        (setting && fromWorkspace(setting)) ||
        (project.facts?.source === 'dataset' ? project.facts.datasetPath : null);
      if (!path)
        throw new Error(
          'facts source "dataset" needs a file: set verbatim.facts.datasetPath, or `facts:` in .verbatim.yml',
        );
      return { source: 'dataset', datasetPath: path };
    }
    case 'graphql': {
      const url =
        settings['verbatim.server.url'] ||
        (project.facts?.source === 'graphql' ? project.facts.url : null);
      if (!url)
        throw new Error(
          'facts source "graphql" needs a URL: set verbatim.server.url, or `facts:` in .verbatim.yml',
        );
      return { source: 'graphql', url };
    }
    case 'sqlite': {
      const setting = settings['verbatim.facts.databasePath'];
      return {
        source: 'sqlite',
        databasePath: setting
          ? fromWorkspace(setting)
          : project.facts?.source === 'sqlite'
            ? project.facts.databasePath
            : null,
      };
    }
  }
}

/** Severities as the CLI applies them: `.verbatim.yml` rules, then the editor's own overrides. */
export function effectiveSeverities(
  settings: Settings,
  project: ProjectConfig,
): Partial<Record<RuleId, Severity>> {
  const fromSettings = Object.fromEntries(
    Object.entries(settings['verbatim.severities']).filter(([, value]) => value !== undefined),
  );
  return { ...project.rules, ...fromSettings };
}
