/**
 * Writes packages/domain/dataset.schema.json from the zod DatasetSchema (zod's own JSON Schema
 * output, draft 2020-12), formatted by Biome. packages/domain/test/dataset-schema.test.ts fails
 * when the committed file drifts from the zod schema; then run:
 *
 *   npx tsx packages/store/scripts/generate-dataset-schema.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatasetSchema } from '@verbatim/domain/dataset';
import { z } from 'zod';

const out = fileURLToPath(new URL('../../domain/dataset.schema.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(z.toJSONSchema(DatasetSchema), null, 2)}\n`);
const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
execFileSync(biome, ['format', '--write', out], { stdio: 'inherit' });
console.log(`wrote ${out}`);
