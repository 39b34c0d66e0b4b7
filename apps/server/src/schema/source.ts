import type { Source } from '@verbatim/domain/entities';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { resolveStoreConnection } from '../connection.ts';
import { rowsOrNotFound } from '../loaders.ts';
import { FigureConnection } from './figure.ts';
import { pageArgs } from './pagination.ts';
import { QuoteConnection } from './quote.ts';

export const SourceRef = builder.loadableNodeRef('Source', {
  id: { resolve: (source: Source) => source.id },
  load: async (ids: string[], context) =>
    rowsOrNotFound('Source', ids, await context.store.sourcesByIds(ids)),
});

SourceRef.implement({
  description: 'A published article that quotes and figures were taken from.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'contentHash' in value,
  fields: (t) => ({
    title: t.exposeString('title'),
    outlet: t.exposeString('outlet', { nullable: true }),
    byline: t.exposeString('byline', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    publishedOn: t.expose('publishedOn', { type: 'Date', nullable: true }),
    language: t.exposeString('language'),
    contentHash: t.exposeString('contentHash', {
      description: '"sha256:<hex>" of the article text as ingested.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    quotes: t.field({
      type: QuoteConnection,
      description: 'The quotes taken from this article, in the order they appear.',
      args: pageArgs(t.arg),
      resolve: (source, args, context) =>
        resolveStoreConnection(args, (page) =>
          context.store.listQuotes({ sourceId: source.id, orderBy: 'oldest' }, page),
        ),
    }),
    figures: t.field({
      type: FigureConnection,
      args: pageArgs(t.arg),
      resolve: (source, args, context) =>
        resolveStoreConnection(args, (page) =>
          context.store.listFigures({ sourceId: source.id }, page),
        ),
    }),
  }),
});

export const SourceConnection = builder.connectionObject({
  type: SourceRef,
  name: 'SourceConnection',
});

builder.queryFields((t) => ({
  sources: t.field({
    type: SourceConnection,
    description: 'Articles, newest first; `query` searches titles, outlets and bylines.',
    authScopes: { read: true },
    args: {
      query: t.arg.string({ validate: z.string().max(500) }),
      ...pageArgs(t.arg),
    },
    resolve: (_root, args, context) =>
      resolveStoreConnection(args, (page) =>
        context.store.listSources({ query: args.query ?? undefined }, page),
      ),
  }),
}));
