import { z } from 'zod';
import { builder } from '../builder.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../connection.ts';

type ArgBuilder = Parameters<Parameters<typeof builder.queryFields>[0]>[0]['arg'];

/** Forward-only paging (`first`, `after`): what the store's cursors support. */
export function pageArgs(arg: ArgBuilder) {
  return {
    first: arg.int({
      description: `At most this many (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
      validate: z.number().int().min(0).max(MAX_PAGE_SIZE),
    }),
    after: arg.string({ description: 'The `endCursor` of the previous page.' }),
  };
}

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many match in all, across every page.',
    resolve: (connection) => connection.totalCount,
  }),
);
