/**
 * Writes the sorted printed schema to apps/server/schema.graphql (`pnpm --filter
 * @verbatim/server print-schema`). A test fails when the committed file drifts from the code.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSortedSchema } from '../src/print-schema.ts';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
writeFileSync(target, printSortedSchema());
console.log(`Wrote ${target}`);
