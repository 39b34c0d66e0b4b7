import { dirname, resolve } from 'node:path';
import { type CheckConfig, ConfigError } from '@verbatim/checker/config';
import {
  type ConfigFileCache,
  findConfigFile,
  readConfigFile,
} from '@verbatim/project-config/config-file';
import { UsageError } from '../cli-error.ts';

export interface LoadedConfig {
  /** The configuration file, or null when none was found (defaults apply). */
  path: string | null;
  /** The folder relative paths in the configuration are resolved against. */
  directory: string;
  config: CheckConfig;
}

/** The configuration for each checked file's folder: each folder looked up, each file read, once. */
export class ConfigFinder {
  private readonly byDirectory: ConfigFileCache = new Map();
  private readonly loaded = new Map<string, LoadedConfig>();

  /** The configuration that applies to files in `directory`; a bad file is a UsageError. */
  forDirectory(directory: string): LoadedConfig {
    const path = findConfigFile(directory, this.byDirectory);
    if (!path) return { path: null, directory: resolve(directory), config: {} };
    let loaded = this.loaded.get(path);
    if (!loaded) {
      loaded = { path, directory: dirname(path), config: readOrUsageError(path) };
      this.loaded.set(path, loaded);
    }
    return loaded;
  }
}

function readOrUsageError(path: string): CheckConfig {
  try {
    return readConfigFile(path);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
