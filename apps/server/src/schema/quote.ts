import type { Quote, SpeakerRef } from '@verbatim/domain/entities';
import type { QuotePatch } from '@verbatim/store/fact-store';
import { z } from 'zod';
import { actorName } from '../auth/roles.ts';
import { builder } from '../builder.ts';
import { resolveStoreConnection } from '../connection.ts';
import { parseGlobalId } from '../ids.ts';
import { rowsOrNotFound } from '../loaders.ts';
import { FactStatusEnum, publishFactChange, sharedFactFields } from './fact.ts';
import { OrganisationRef } from './organisation.ts';
import { pageArgs } from './pagination.ts';
import { PersonRef } from './person.ts';
import { SpanInput } from './span.ts';

export const QuoteRef = builder.loadableNodeRef('Quote', {
  id: { resolve: (quote: Quote) => quote.id },
  load: async (ids: string[], context) =>
    rowsOrNotFound('Quote', ids, await context.store.quotesByIds(ids)),
});

export const QuoteKindEnum = builder.enumType('QuoteKind', {
  values: {
    FULL: { value: 'full', description: 'A whole sentence or more.' },
    FRAGMENT: { value: 'fragment', description: 'A few words quoted inside a sentence.' },
  } as const,
});

export const QuoteOrderEnum = builder.enumType('QuoteOrder', {
  values: {
    NEWEST: { value: 'newest', description: 'Most recently recorded first.' },
    OLDEST: { value: 'oldest' },
    RELEVANCE: { value: 'relevance', description: 'Best text match first (with `text`).' },
  } as const,
});

const SpeakerUnion = builder.unionType('Speaker', {
  description: 'Who said it: a person, or an organisation or government speaking as one.',
  types: () => [PersonRef, OrganisationRef],
  resolveType: (speaker) => ('roles' in speaker ? 'Person' : 'Organisation'),
});

QuoteRef.implement({
  description: 'Words someone said, exactly as published.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'speakers' in value,
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The exact words between the quotation marks.' }),
    speakers: t.field({
      type: [SpeakerUnion],
      // Through the Person and Organisation loaders: one store call per kind per request.
      resolve: (quote, _args, context) =>
        Promise.all(
          quote.speakers.map((speaker) =>
            speaker.kind === 'person'
              ? PersonRef.getDataloader(context).load(speaker.id)
              : OrganisationRef.getDataloader(context).load(speaker.id),
          ),
        ),
    }),
    speakerText: t.exposeString('speakerText', {
      nullable: true,
      description: 'The attribution as printed: "Wang Wen, professor at Renmin University".',
    }),
    kind: t.expose('kind', { type: QuoteKindEnum }),
    saidWhen: t.exposeString('saidWhen', { nullable: true }),
    saidWhere: t.exposeString('saidWhere', { nullable: true }),
    ...sharedFactFields(t, 'quote'),
  }),
});

export const QuoteConnection = builder.connectionObject({
  type: QuoteRef,
  name: 'QuoteConnection',
});

builder.queryFields((t) => ({
  quotes: t.field({
    type: QuoteConnection,
    description: 'Quotes, filtered; every filter is optional and they combine with AND.',
    authScopes: { read: true },
    args: {
      speaker: t.arg.id({ description: 'The ID of a Person or Organisation.' }),
      source: t.arg.id({ description: 'The ID of a Source.' }),
      status: t.arg({ type: [FactStatusEnum], description: 'Any of these statuses.' }),
      kind: t.arg({ type: QuoteKindEnum }),
      publishedFrom: t.arg({ type: 'Date', description: 'Source published on or after.' }),
      publishedTo: t.arg({ type: 'Date', description: 'Source published on or before.' }),
      text: t.arg.string({
        description:
          'Full-text search in the quoted words and their context: every word must appear; the last may be half typed and matches its shortest completions.',
        validate: z.string().max(1000),
      }),
      orderBy: t.arg({ type: QuoteOrderEnum }),
      ...pageArgs(t.arg),
    },
    resolve: (_root, args, context) =>
      resolveStoreConnection(args, (page) =>
        context.store.listQuotes(
          {
            speakerId: args.speaker
              ? parseGlobalId(String(args.speaker), ['Person', 'Organisation']).id
              : undefined,
            sourceId: args.source ? parseGlobalId(String(args.source), ['Source']).id : undefined,
            status: args.status ?? undefined,
            kind: args.kind ?? undefined,
            publishedFrom: args.publishedFrom ?? undefined,
            publishedTo: args.publishedTo ?? undefined,
            text: args.text ?? undefined,
            orderBy: args.orderBy ?? (args.text ? 'relevance' : 'newest'),
          },
          page,
        ),
      ),
  }),
}));

const quoteText = z.string().trim().min(1).max(10_000);
const optionalText = z.string().max(2000);

/** Speakers are global IDs of people or organisations. */
function parseSpeakers(ids: readonly (string | number)[]): SpeakerRef[] {
  return ids.map((globalId) => {
    const { typename, id } = parseGlobalId(String(globalId), ['Person', 'Organisation']);
    return { kind: typename === 'Person' ? 'person' : 'organisation', id };
  });
}

const CreateQuoteInput = builder.inputType('CreateQuoteInput', {
  fields: (t) => ({
    text: t.string({ required: true, validate: quoteText }),
    speakers: t.idList({
      required: true,
      description: 'IDs of the people or organisations who said it.',
      validate: z.array(z.unknown()).min(1).max(20),
    }),
    speakerText: t.string({ validate: optionalText }),
    source: t.id({ required: true }),
    span: t.field({ type: SpanInput, required: true }),
    sentence: t.string({ required: true, validate: z.string().max(20_000) }),
    kind: t.field({ type: QuoteKindEnum, required: true }),
    saidWhen: t.string({ validate: optionalText }),
    saidWhere: t.string({ validate: optionalText }),
  }),
});

const UpdateQuoteInput = builder.inputType('UpdateQuoteInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    text: t.string({ validate: quoteText }),
    speakers: t.idList({ validate: z.array(z.unknown()).min(1).max(20) }),
    speakerText: t.string({ validate: optionalText }),
    sentence: t.string({ validate: z.string().max(20_000) }),
    kind: t.field({ type: QuoteKindEnum }),
    saidWhen: t.string({ validate: optionalText }),
    saidWhere: t.string({ validate: optionalText }),
  }),
});

builder.mutationFields((t) => ({
  createQuote: t.field({
    type: QuoteRef,
    description: 'Adds a quote as a CANDIDATE; verify it to make it settled.',
    authScopes: { edit: true },
    errors: { dataField: { name: 'quote' } },
    args: { input: t.arg({ type: CreateQuoteInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const quote = await context.store.createQuote(
        {
          text: input.text,
          speakers: parseSpeakers(input.speakers),
          speakerText: input.speakerText ?? null,
          sourceId: parseGlobalId(String(input.source), ['Source']).id,
          span: input.span,
          sentence: input.sentence,
          kind: input.kind,
          saidWhen: input.saidWhen ?? null,
          saidWhere: input.saidWhere ?? null,
        },
        actorName(context.viewer),
      );
      publishFactChange(context, { change: 'created', kind: 'quote', fact: quote, event: null });
      return quote;
    },
  }),
  updateQuote: t.field({
    type: QuoteRef,
    description:
      'Edits a quote. Pass the `updatedAt` you read as `expectedUpdatedAt` to fail with ConflictError instead of overwriting someone else’s edit.',
    authScopes: { edit: true },
    errors: { dataField: { name: 'quote' } },
    args: {
      id: t.arg.id({ required: true }),
      patch: t.arg({ type: UpdateQuoteInput, required: true }),
      expectedUpdatedAt: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_root, args, context) => {
      const { id } = parseGlobalId(String(args.id), ['Quote']);
      const { patch: input } = args;
      const patch: QuotePatch = {};
      if (input.text != null) patch.text = input.text;
      if (input.speakers != null) patch.speakers = parseSpeakers(input.speakers);
      if (input.speakerText !== undefined) patch.speakerText = input.speakerText;
      if (input.sentence != null) patch.sentence = input.sentence;
      if (input.kind != null) patch.kind = input.kind;
      if (input.saidWhen !== undefined) patch.saidWhen = input.saidWhen;
      if (input.saidWhere !== undefined) patch.saidWhere = input.saidWhere;
      const quote = await context.store.updateQuote(id, patch, args.expectedUpdatedAt ?? undefined);
      publishFactChange(context, { change: 'updated', kind: 'quote', fact: quote, event: null });
      return quote;
    },
  }),
}));
