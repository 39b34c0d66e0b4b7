import type { Figure } from '@verbatim/domain/entities';
import { FigureUnitSchema } from '@verbatim/domain/entities';
import type { FigurePatch } from '@verbatim/store/fact-store';
import { z } from 'zod';
import { actorName } from '../auth/roles.ts';
import { builder } from '../builder.ts';
import { resolveStoreConnection } from '../connection.ts';
import { parseGlobalId } from '../ids.ts';
import { rowsOrNotFound } from '../loaders.ts';
import { FactStatusEnum, publishFactChange, sharedFactFields } from './fact.ts';
import { pageArgs } from './pagination.ts';
import { SpanInput } from './span.ts';

export const FigureRef = builder.loadableNodeRef('Figure', {
  id: { resolve: (figure: Figure) => figure.id },
  load: async (ids: string[], context) =>
    rowsOrNotFound('Figure', ids, await context.store.figuresByIds(ids)),
});

export const FigureQualifierEnum = builder.enumType('FigureQualifier', {
  values: {
    EXACT: { value: 'exact' },
    ABOUT: { value: 'about' },
    NEARLY: { value: 'nearly' },
    UP_TO: { value: 'up-to' },
    AT_LEAST: { value: 'at-least' },
    MORE_THAN: { value: 'more-than' },
    LESS_THAN: { value: 'less-than' },
    RANGE: { value: 'range', description: 'From `value` to `valueMax`.' },
  } as const,
});

FigureRef.implement({
  description: 'A number as published: "about 70%", "up to 49,000", "nearly a decade".',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'qualifier' in value,
  fields: (t) => ({
    value: t.exposeFloat('value'),
    valueMax: t.exposeFloat('valueMax', { nullable: true }),
    unit: t.exposeString('unit', {
      description: '"percent", "count", "currency:USD", "year", "duration:month", …',
    }),
    qualifier: t.expose('qualifier', { type: FigureQualifierEnum }),
    text: t.exposeString('text', { description: 'The figure as printed.' }),
    measures: t.exposeString('measures', { description: 'What it measures, in words.' }),
    ...sharedFactFields(t, 'figure'),
  }),
});

export const FigureConnection = builder.connectionObject({
  type: FigureRef,
  name: 'FigureConnection',
});

builder.queryFields((t) => ({
  figures: t.field({
    type: FigureConnection,
    description: 'Figures, filtered; every filter is optional and they combine with AND.',
    authScopes: { read: true },
    args: {
      unit: t.arg.string({ validate: FigureUnitSchema }),
      source: t.arg.id({ description: 'The ID of a Source.' }),
      status: t.arg({ type: [FactStatusEnum] }),
      measures: t.arg.string({
        description: 'Full-text search in what the figure measures.',
        validate: z.string().max(1000),
      }),
      ...pageArgs(t.arg),
    },
    resolve: (_root, args, context) =>
      resolveStoreConnection(args, (page) =>
        context.store.listFigures(
          {
            unit: args.unit ?? undefined,
            sourceId: args.source ? parseGlobalId(String(args.source), ['Source']).id : undefined,
            status: args.status ?? undefined,
            measures: args.measures ?? undefined,
          },
          page,
        ),
      ),
  }),
}));

const finite = z.number().finite();
const figureText = z.string().trim().min(1).max(2000);

const CreateFigureInput = builder.inputType('CreateFigureInput', {
  fields: (t) => ({
    value: t.float({ required: true, validate: finite }),
    valueMax: t.float({ validate: finite }),
    unit: t.string({ required: true, validate: FigureUnitSchema }),
    qualifier: t.field({ type: FigureQualifierEnum, required: true }),
    text: t.string({ required: true, validate: figureText }),
    measures: t.string({ required: true, validate: figureText }),
    source: t.id({ required: true }),
    span: t.field({ type: SpanInput, required: true }),
    sentence: t.string({ required: true, validate: z.string().max(20_000) }),
  }),
});

const UpdateFigureInput = builder.inputType('UpdateFigureInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    value: t.float({ validate: finite }),
    valueMax: t.float({ validate: finite }),
    unit: t.string({ validate: FigureUnitSchema }),
    qualifier: t.field({ type: FigureQualifierEnum }),
    text: t.string({ validate: figureText }),
    measures: t.string({ validate: figureText }),
    sentence: t.string({ validate: z.string().max(20_000) }),
  }),
});

builder.mutationFields((t) => ({
  createFigure: t.field({
    type: FigureRef,
    description: 'Adds a figure as a CANDIDATE; verify it to make it settled.',
    authScopes: { edit: true },
    errors: { dataField: { name: 'figure' } },
    args: { input: t.arg({ type: CreateFigureInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const figure = await context.store.createFigure(
        {
          value: input.value,
          valueMax: input.valueMax ?? null,
          unit: input.unit,
          qualifier: input.qualifier,
          text: input.text,
          measures: input.measures,
          sourceId: parseGlobalId(String(input.source), ['Source']).id,
          span: input.span,
          sentence: input.sentence,
        },
        actorName(context.viewer),
      );
      publishFactChange(context, { change: 'created', kind: 'figure', fact: figure, event: null });
      return figure;
    },
  }),
  updateFigure: t.field({
    type: FigureRef,
    description:
      'Edits a figure. Pass the `updatedAt` you read as `expectedUpdatedAt` to fail with ConflictError instead of overwriting someone else’s edit.',
    authScopes: { edit: true },
    errors: { dataField: { name: 'figure' } },
    args: {
      id: t.arg.id({ required: true }),
      patch: t.arg({ type: UpdateFigureInput, required: true }),
      expectedUpdatedAt: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_root, args, context) => {
      const { id } = parseGlobalId(String(args.id), ['Figure']);
      const { patch: input } = args;
      const patch: FigurePatch = {};
      if (input.value != null) patch.value = input.value;
      if (input.valueMax !== undefined) patch.valueMax = input.valueMax;
      if (input.unit != null) patch.unit = input.unit;
      if (input.qualifier != null) patch.qualifier = input.qualifier;
      if (input.text != null) patch.text = input.text;
      if (input.measures != null) patch.measures = input.measures;
      if (input.sentence != null) patch.sentence = input.sentence;
      const figure = await context.store.updateFigure(
        id,
        patch,
        args.expectedUpdatedAt ?? undefined,
      );
      publishFactChange(context, { change: 'updated', kind: 'figure', fact: figure, event: null });
      return figure;
    },
  }),
}));
