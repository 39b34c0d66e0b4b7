import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  type CheckConfig,
  CONFIG_FILE_NAMES,
  ConfigError,
  parseCheckConfig,
} from '@verbatim/checker/config';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../cli-error.ts';

export interface LoadedConfig {
  /** The configuration file, or null when none was found (defaults apply). */
  path: string | null;
  /** The folder relative paths in the configuration are resolved against. */
  directory: string;
  config: CheckConfig;
}

/** Finds `.verbatim.yml` by walking up from a folder, caching every folder it passes. */
export class ConfigFinder {
  private readonly byDirectory = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig>();

  /** The configuration that applies to files in `directory`. */
  forDirectory(directory: string): LoadedConfig {
    const path = this.find(resolve(directory));
    if (!path) return { path: null, directory: resolve(directory), config: {} };
    let loaded = this.loaded.get(path);
    if (!loaded) {
      loaded = { path, directory: dirname(path), config: loadConfigFile(path) };
      this.loaded.set(path, loaded);
    }
    return loaded;
  }

  private find(directory: string): string | null {
    const visited: string[] = [];
    let current = directory;
    let found: string | null = null;
    for (;;) {
      const known = this.byDirectory.get(current);
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
    for (const folder of visited) this.byDirectory.set(folder, found);
    return found;
  }
}

export function loadConfigFile(path: string): CheckConfig {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let value: unknown;
  try {
    value = parseYaml(source);
  } catch (error) {
    throw new UsageError(
      `${path}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  try {
    return parseCheckConfig(value, path);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
