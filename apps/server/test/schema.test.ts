import { readFileSync } from 'node:fs';
import { getNullableType, isUnionType } from 'graphql';
import { expect, test } from 'vitest';
import { printSortedSchema } from '../src/print-schema.ts';
import { schema } from '../src/schema/index.ts';

test('schema.graphql is the printed schema: run `pnpm --filter @verbatim/server print-schema` after changing it', () => {
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(printSortedSchema()).toBe(committed);
});

test('every mutation returns a union of its success and the four typed errors', () => {
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
  expect(mutations.map((field) => field.name).sort()).toEqual([
    'addAlias',
    'createApiToken',
    'createFigure',
    'createPerson',
    'createQuote',
    'dispute',
    'ingestSource',
    'mergePeople',
    'retract',
    'revokeApiToken',
    'updateFigure',
    'updateQuote',
    'verify',
  ]);
  for (const field of mutations) {
    const result = getNullableType(field.type);
    expect(isUnionType(result), field.name).toBe(true);
    const members = isUnionType(result) ? result.getTypes().map((type) => type.name) : [];
    expect(members, field.name).toEqual(
      expect.arrayContaining([
        'ConflictError',
        'InvalidInputError',
        'NotAuthorisedError',
        'NotFoundError',
      ]),
    );
    expect(members, field.name).toHaveLength(5);
  }
});
