import { z } from 'zod';
import { actorName } from '../auth/roles.ts';
import { builder } from '../builder.ts';
import { type IngestOutcome, ingestArticle } from '../ingest.ts';
import { publishFactChange } from './fact.ts';
import { SourceRef } from './source.ts';

/** As long as a very long feature; the request body limit (1 MB) caps it anyway. */
const MAX_ARTICLE_LENGTH = 500_000;

const IngestStatusEnum = builder.enumType('IngestStatus', {
  values: {
    NEW: { value: 'new', description: 'A new article: its quotes and figures are candidates.' },
    UPDATED: { value: 'updated', description: 'A new version of a stored article.' },
    UNCHANGED: { value: 'unchanged', description: 'The same text was ingested before.' },
  } as const,
});

const ArticleFormatEnum = builder.enumType('ArticleFormat', {
  values: {
    TEXT: { value: 'text' },
    MARKDOWN: { value: 'markdown' },
    HTML: { value: 'html' },
  } as const,
});

const AmbiguityRef = builder
  .objectRef<{ name: string; candidates: { id: string; name: string }[]; chosenId: string }>(
    'IngestAmbiguity',
  )
  .implement({
    description:
      'A name that matched several people: the quotes went to `chosen` until an editor decides (mergePeople, updateQuote).',
    fields: (t) => ({
      name: t.exposeString('name'),
      candidates: t.field({
        type: ['String'],
        description: 'Names of the people it could be.',
        resolve: (ambiguity) => ambiguity.candidates.map((candidate) => candidate.name),
      }),
      chosenPersonId: t.exposeString('chosenId', { description: 'The local id quotes went to.' }),
    }),
  });

const IngestionRef = builder.objectRef<IngestOutcome>('SourceIngestion').implement({
  description: 'What ingesting one article did.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'fragment' in value,
  fields: (t) => ({
    status: t.expose('status', { type: IngestStatusEnum }),
    source: t.field({ type: SourceRef, resolve: (outcome) => outcome.source }),
    quotesNew: t.int({ resolve: (outcome) => outcome.fragment?.summary.quotesNew ?? 0 }),
    quotesRetracted: t.int({
      resolve: (outcome) => outcome.fragment?.summary.quotesRetracted ?? 0,
    }),
    quotesUnattributed: t.int({
      description: 'Quotations with no speaker found: not stored.',
      resolve: (outcome) => outcome.fragment?.summary.quotesUnattributed ?? 0,
    }),
    figuresNew: t.int({ resolve: (outcome) => outcome.fragment?.summary.figuresNew ?? 0 }),
    peopleNew: t.int({ resolve: (outcome) => outcome.fragment?.summary.peopleNew ?? 0 }),
    ambiguities: t.field({
      type: [AmbiguityRef],
      resolve: (outcome) => outcome.fragment?.ambiguities ?? [],
    }),
  }),
});

const IngestSourceInput = builder.inputType('IngestSourceInput', {
  fields: (t) => ({
    text: t.string({
      required: true,
      description: 'The article as published: plain text, Markdown or HTML.',
      validate: z.string().trim().min(1).max(MAX_ARTICLE_LENGTH),
    }),
    format: t.field({ type: ArticleFormatEnum, description: 'Detected when absent.' }),
    url: t.string({ validate: z.url().max(2000) }),
    title: t.string({
      description: 'Used when the article shows no headline.',
      validate: z.string().trim().min(1).max(500),
    }),
  }),
});

builder.mutationFields((t) => ({
  ingestSource: t.field({
    type: IngestionRef,
    description:
      'Extracts the quotes, speakers and figures of a published article and stores them as candidates (the same extractor as `verbatim ingest`).',
    authScopes: { edit: true },
    errors: { directResult: true },
    args: { input: t.arg({ type: IngestSourceInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const outcome = await ingestArticle(context.store, {
        text: input.text,
        format: input.format ?? undefined,
        url: input.url ?? undefined,
        title: input.title ?? undefined,
        actor: actorName(context.viewer),
      });
      for (const quote of outcome.fragment?.dataset.quotes ?? []) {
        publishFactChange(context, { change: 'created', kind: 'quote', fact: quote, event: null });
      }
      for (const figure of outcome.fragment?.dataset.figures ?? []) {
        publishFactChange(context, {
          change: 'created',
          kind: 'figure',
          fact: figure,
          event: null,
        });
      }
      return outcome;
    },
  }),
}));
