import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import committedSchema from '../dataset.schema.json' with { type: 'json' };
import { DATASET_FORMAT, DATASET_VERSION, DatasetSchema } from '../src/dataset.ts';

describe('dataset.schema.json', () => {
  it('matches the zod DatasetSchema (regenerate: npx tsx packages/store/scripts/generate-dataset-schema.ts)', () => {
    expect(committedSchema).toEqual(z.toJSONSchema(DatasetSchema));
  });

  it('pins the format name and version', () => {
    expect(committedSchema.properties.format.const).toBe(DATASET_FORMAT);
    expect(committedSchema.properties.version.const).toBe(DATASET_VERSION);
  });
});
