import { dirname, isAbsolute, join } from 'node:path';
import type { RuleId, Severity } from '@verbatim/domain/findings';
import { readConfigFile } from '@verbatim/project-config/config-file';
import { type FactsLocation, locateFacts } from '@verbatim/project-config/facts-location';
import type { Settings } from './settings.ts';

/**
 * `.verbatim.yml`, read exactly as `verbatim check` reads it (both through
 * `@verbatim/project-config`): `facts:` naming a SQLite file, a dataset .json or a GraphQL URL
 * relative to the file's folder, `rules:` the severities.
 */
export interface ProjectConfig {
  /** The file read, or null when none was found. */
  path: string | null;
  facts: FactsLocation | null;
  rules: Partial<Record<RuleId, Severity>>;
  dollarCurrency?: string;
}

/** Reads a `.verbatim.yml`; a malformed file is a ConfigError naming the file and the problem. */
export function readProjectConfig(path: string): ProjectConfig {
  const config = readConfigFile(path);
  return {
    path,
    facts: config.facts ? locateFacts(config.facts, dirname(path)) : null,
    rules: config.rules ?? {},
    ...(config.dollarCurrency ? { dollarCurrency: config.dollarCurrency } : {}),
  };
}

export const NO_PROJECT_CONFIG: ProjectConfig = { path: null, facts: null, rules: {} };

export type FactsConfig =
  | { source: 'sqlite'; databasePath: string | null }
  | { source: 'dataset'; datasetPath: string }
  | { source: 'graphql'; url: string }
  | { source: 'postgres'; url: string };

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
