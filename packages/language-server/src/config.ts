import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  type RuleId,
  RuleIdSchema,
  type Severity,
  SeveritySchema,
} from '@verbatim/domain/findings';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { FactsSource, Settings } from './settings.ts';

export const CONFIG_FILE_NAME = '.verbatim.yml';

/** The parts of `.verbatim.yml` the editor reads: where facts come from, and rule severities. */
const ProjectConfigSchema = z
  .object({
    facts: z
      .object({
        source: z.enum(['sqlite', 'dataset', 'graphql']).optional(),
        database: z.string().optional(),
        dataset: z.string().optional(),
        url: z.string().optional(),
      })
      .optional(),
    rules: z.partialRecord(RuleIdSchema, SeveritySchema).optional(),
  })
  .loose();

export interface ProjectConfig {
  /** The file read, or null when none was found. */
  path: string | null;
  facts: {
    source?: 'sqlite' | 'dataset' | 'graphql';
    database?: string;
    dataset?: string;
    url?: string;
  };
  rules: Partial<Record<RuleId, Severity>>;
}

/** Walks up from `directory` to the nearest `.verbatim.yml`, as the CLI does. */
export function findConfigFile(directory: string): string | null {
  let current = resolve(directory);
  for (;;) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** Reads a `.verbatim.yml`; a malformed file is a clear error naming the file and the key. */
export function readProjectConfig(path: string): ProjectConfig {
  const raw = parseYaml(readFileSync(path, 'utf8')) ?? {};
  const result = ProjectConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const base = dirname(path);
  const relative = (file: string | undefined) =>
    file === undefined ? undefined : isAbsolute(file) ? file : join(base, file);
  const facts = result.data.facts ?? {};
  return {
    path,
    facts: {
      ...facts,
      ...(facts.dataset !== undefined ? { dataset: relative(facts.dataset) } : {}),
      ...(facts.database !== undefined ? { database: relative(facts.database) } : {}),
    },
    rules: result.data.rules ?? {},
  };
}

export const NO_PROJECT_CONFIG: ProjectConfig = { path: null, facts: {}, rules: {} };

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
  const chosen: Exclude<FactsSource, 'auto'> =
    settings['verbatim.facts.source'] !== 'auto'
      ? (settings['verbatim.facts.source'] as Exclude<FactsSource, 'auto'>)
      : (project.facts.source ??
        (project.facts.dataset ? 'dataset' : project.facts.url ? 'graphql' : 'sqlite'));
  const fromWorkspace = (file: string) =>
    isAbsolute(file) || workspaceRoot === null ? file : join(workspaceRoot, file);
  switch (chosen) {
    case 'dataset': {
      const setting = settings['verbatim.facts.datasetPath'];
      const path = setting ? fromWorkspace(setting) : project.facts.dataset;
      if (!path)
        throw new Error(
          'facts source "dataset" needs a file: set verbatim.facts.datasetPath or facts.dataset in .verbatim.yml',
        );
      return { source: 'dataset', datasetPath: path };
    }
    case 'graphql': {
      const url = settings['verbatim.server.url'] || project.facts.url;
      if (!url)
        throw new Error(
          'facts source "graphql" needs a URL: set verbatim.server.url or facts.url in .verbatim.yml',
        );
      return { source: 'graphql', url };
    }
    case 'sqlite': {
      const setting = settings['verbatim.facts.databasePath'];
      return {
        source: 'sqlite',
        databasePath: setting ? fromWorkspace(setting) : (project.facts.database ?? null),
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
