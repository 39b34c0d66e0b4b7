import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  type CheckConfig,
  CONFIG_FILE_NAMES,
  ConfigError,
  parseCheckConfig,
} from '@verbatim/checker/config';
import { parse as parseYaml } from 'yaml';

/** Folder → the config file that applies there (null: none). Kept by a caller that asks often. */
export type ConfigFileCache = Map<string, string | null>;

/**
 * Walks up from `directory` to the nearest `.verbatim.yml` (or `.verbatim.yaml`). With a cache,
 * every folder passed on the way is remembered, so checking many files in one tree stats each
 * folder once.
 */
export function findConfigFile(directory: string, cache?: ConfigFileCache): string | null {
  const visited: string[] = [];
  let current = resolve(directory);
  let found: string | null = null;
  for (;;) {
    const known = cache?.get(current);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(current);
    const candidate = CONFIG_FILE_NAMES.map((name) => join(current, name)).find((path) =>
      existsSync(path),
    );
    if (candidate) {
      found = candidate;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (cache) for (const folder of visited) cache.set(folder, found);
  return found;
}

/**
 * Reads and validates a config file. Every failure — unreadable, not YAML, not the schema — is a
 * ConfigError whose message starts with the file's path, so callers can show it as one line.
 */
export function readConfigFile(path: string): CheckConfig {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot be read (${firstLine(error)})`);
  }
  let value: unknown;
  try {
    value = parseYaml(source);
  } catch (error) {
    throw new ConfigError(`${path}: not valid YAML (${firstLine(error)})`);
  }
  return parseCheckConfig(value, path);
}

function firstLine(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  // The yaml library ends its first line with a colon that introduces a code excerpt.
  return message.replace(/:\s*$/, '');
}
