import type { Organisation } from '@verbatim/domain/entities';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { resolveStoreConnection } from '../connection.ts';
import { rowsOrNotFound } from '../loaders.ts';
import { FactStatusEnum } from './fact.ts';
import { pageArgs } from './pagination.ts';
import { QuoteConnection, QuoteOrderEnum } from './quote.ts';

export const OrganisationRef = builder.loadableNodeRef('Organisation', {
  id: { resolve: (organisation: Organisation) => organisation.id },
  load: async (ids: string[], context) =>
    rowsOrNotFound('Organisation', ids, await context.store.organisationsByIds(ids)),
});

const OrganisationKindEnum = builder.enumType('OrganisationKind', {
  values: {
    ORGANISATION: { value: 'organisation' },
    GOVERNMENT: { value: 'government' },
    OUTLET: { value: 'outlet' },
    PARTY: { value: 'party' },
  } as const,
});

OrganisationRef.implement({
  description: 'An organisation, government, outlet or party: quoted, or someone’s employer.',
  isTypeOf: (value) =>
    typeof value === 'object' && value !== null && 'kind' in value && 'aliases' in value,
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrganisationKindEnum }),
    aliases: t.exposeStringList('aliases'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    quotes: t.field({
      type: QuoteConnection,
      description: 'Statements attributed to the organisation itself ("the ministry said").',
      args: {
        status: t.arg({ type: [FactStatusEnum] }),
        orderBy: t.arg({ type: QuoteOrderEnum }),
        ...pageArgs(t.arg),
      },
      resolve: (organisation, args, context) =>
        resolveStoreConnection(args, (page) =>
          context.store.listQuotes(
            {
              speakerId: organisation.id,
              status: args.status ?? undefined,
              orderBy: args.orderBy ?? 'newest',
            },
            page,
          ),
        ),
    }),
  }),
});

export const OrganisationConnection = builder.connectionObject({
  type: OrganisationRef,
  name: 'OrganisationConnection',
});

builder.queryFields((t) => ({
  organisations: t.field({
    type: OrganisationConnection,
    description: 'Organisations, by name; `query` matches names and aliases.',
    authScopes: { read: true },
    args: { query: t.arg.string({ validate: z.string().max(200) }), ...pageArgs(t.arg) },
    resolve: (_root, args, context) =>
      resolveStoreConnection(args, (page) =>
        context.store.listOrganisations({ query: args.query ?? undefined }, page),
      ),
  }),
}));
