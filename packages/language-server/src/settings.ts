import { RULE_IDS, type RuleId, SeveritySchema } from '@verbatim/domain/findings';
import { z } from 'zod';

/**
 * The one source of truth for the editor settings. The VS Code extension's
 * `contributes.configuration` is generated from this schema (a test fails on drift), and the
 * server validates what any client sends against it.
 */
export const FactsSourceSchema = z.enum(['auto', 'sqlite', 'dataset', 'graphql']);
export type FactsSource = z.infer<typeof FactsSourceSchema>;

const SeveritiesSchema = z.object(
  Object.fromEntries(RULE_IDS.map((rule) => [rule, SeveritySchema.optional()])) as Record<
    RuleId,
    z.ZodOptional<typeof SeveritySchema>
  >,
);

export const SettingsSchema = z.object({
  'verbatim.facts.source': FactsSourceSchema.default('auto').describe(
    'Where verified facts come from. "auto" follows the `facts` section of `.verbatim.yml`, else the local SQLite database.',
  ),
  'verbatim.facts.databasePath': z
    .string()
    .default('')
    .describe(
      'SQLite database file for source "sqlite" (empty: the default database of the `verbatim` CLI).',
    ),
  'verbatim.facts.datasetPath': z
    .string()
    .default('')
    .describe(
      'Dataset file (from `verbatim export`) for source "dataset", relative to the workspace folder.',
    ),
  'verbatim.server.url': z
    .string()
    .default('')
    .describe(
      'GraphQL endpoint for source "graphql", e.g. http://localhost:4000/graphql. The token is set with the command "Verbatim: Set GraphQL Token" and kept in secret storage.',
    ),
  'verbatim.severities': SeveritiesSchema.default({}).describe(
    'Severity per rule ("error", "warning", "info" or "off"), over those of `.verbatim.yml`.',
  ),
  'verbatim.server.command': z
    .array(z.string())
    .default([])
    .describe(
      'Run this language server instead of the bundled one, e.g. ["npx", "verbatim", "lsp", "--stdio"] (needed for source "sqlite", see docs/editor.md).',
    ),
  'verbatim.trace.server': z
    .enum(['off', 'messages', 'verbose'])
    .default('off')
    .describe('Traces the communication between VS Code and the Verbatim language server.'),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Reads one key such as "verbatim.facts.source" out of a nested settings object. */
function readDotted(nested: unknown, key: string): unknown {
  let value: unknown = nested;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export interface ParsedSettings {
  settings: Settings;
  /** One line per value that was invalid and replaced by its default. */
  problems: string[];
}

/**
 * Parses settings as clients send them: nested under `verbatim` ({ verbatim: { facts: {...} } })
 * or as the inside of that section ({ facts: {...} }). An invalid value falls back to its
 * default and is reported, so one typo never disables the checker.
 */
export function parseSettings(raw: unknown): ParsedSettings {
  const nested =
    raw !== null && typeof raw === 'object' && 'verbatim' in raw ? raw : { verbatim: raw };
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const value = readDotted(nested, key);
    if (value === undefined || value === null) continue;
    const result = (schema as z.ZodType).safeParse(value);
    if (result.success) settings[key] = result.data;
    else
      problems.push(
        `${key}: ${result.error.issues[0]?.message ?? 'invalid value'}; using the default`,
      );
  }
  return { settings: settings as Settings, problems };
}

interface ConfigurationProperty {
  type?: unknown;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  [key: string]: unknown;
}

/** `contributes.configuration` for the VS Code extension's package.json. */
export function contributedConfiguration(): {
  title: string;
  properties: Record<string, ConfigurationProperty>;
} {
  const properties: Record<string, ConfigurationProperty> = {};
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const {
      $schema: _ignored,
      description,
      ...rest
    } = z.toJSONSchema(schema as z.ZodType, {
      io: 'input',
    }) as ConfigurationProperty & { $schema?: string };
    properties[key] = { ...rest, markdownDescription: description };
  }
  return { title: 'Verbatim', properties };
}
