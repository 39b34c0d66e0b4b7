import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Dataset, DatasetSchema } from '@verbatim/domain/dataset';
import { InvalidInputError } from './fact-store.ts';

/**
 * The one way a dataset becomes bytes: two-space JSON and a final newline. Export, the CLI and
 * the shipped sample all use it, so export → import → export is byte-identical.
 */
export function serialiseDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}

/** "quotes[3].span" from zod's ["quotes", 3, "span"]. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let formatted = '';
  for (const key of path) {
    if (typeof key === 'number') formatted += `[${key}]`;
    else formatted += formatted === '' ? String(key) : `.${String(key)}`;
  }
  return formatted || '(top level)';
}

/**
 * Validates anything against the dataset format; throws InvalidInputError naming the first
 * problem: "quotes[3].span: span end must not precede its start".
 */
export function validateDataset(value: unknown): Dataset {
  const result = DatasetSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new InvalidInputError('not a Verbatim dataset');
  throw new InvalidInputError(`${formatIssuePath(issue.path)}: ${issue.message}`);
}

/** Parses and validates dataset JSON text. */
export function parseDataset(json: string): Dataset {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new InvalidInputError(
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return validateDataset(value);
}

/** Reads and validates a dataset file; errors name the file. */
export function readDatasetFile(path: string): Dataset {
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(
      `${path}: ${code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseDataset(json);
  } catch (error) {
    if (error instanceof InvalidInputError)
      throw new InvalidInputError(`${path}: ${error.message}`);
    throw error;
  }
}

/** The shipped sample: the verified facts of the seed article (Carney's trip to Beijing). */
export const sampleDatasetPath = fileURLToPath(
  new URL('../seed/carney-beijing.dataset.json', import.meta.url),
);

export function readSampleDataset(): Dataset {
  return readDatasetFile(sampleDatasetPath);
}
