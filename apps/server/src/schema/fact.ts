import type { FactKind, Figure, Quote, VerificationEvent } from '@verbatim/domain/entities';
import { filter, pipe } from 'graphql-yoga';
import { z } from 'zod';
import { actorName, canEdit } from '../auth/roles.ts';
import { builder, type Context } from '../builder.ts';
import type { FactChange } from '../dependencies.ts';
import { parseGlobalId } from '../ids.ts';
import { FigureRef } from './figure.ts';
import { QuoteRef } from './quote.ts';
import { SourceRef } from './source.ts';
import { SpanRef } from './span.ts';

export const FactStatusEnum = builder.enumType('FactStatus', {
  description: 'Where a quote or figure stands. Only VERIFIED facts are treated as settled.',
  values: {
    CANDIDATE: { value: 'candidate', description: 'Extracted or entered, not yet checked.' },
    VERIFIED: { value: 'verified', description: 'Checked against the source.' },
    DISPUTED: { value: 'disputed', description: 'Someone questions it; do not rely on it.' },
    RETRACTED: { value: 'retracted', description: 'Withdrawn; must not be repeated.' },
  } as const,
});

export const FactKindEnum = builder.enumType('FactKind', {
  values: { QUOTE: { value: 'quote' }, FIGURE: { value: 'figure' } } as const,
});

export const VerificationEventRef = builder
  .objectRef<VerificationEvent>('VerificationEvent')
  .implement({
    description: 'One change of a fact’s status. Events are only ever appended.',
    fields: (t) => ({
      id: t.exposeID('id'),
      status: t.expose('status', { type: FactStatusEnum }),
      actor: t.exposeString('actor', { description: 'The label of the token that made it.' }),
      at: t.expose('at', { type: 'DateTime' }),
      method: t.exposeString('method', {
        nullable: true,
        description: 'How it was checked: "checked against the recording".',
      }),
      note: t.exposeString('note', { nullable: true }),
    }),
  });

export const FactUnion = builder.unionType('Fact', {
  description: 'A quote or a figure.',
  types: () => [QuoteRef, FigureRef],
  resolveType: (fact) => ('speakers' in fact ? 'Quote' : 'Figure'),
});

/** The store's batch history loader, shared by Quote and Figure (one call per kind per request). */
function loadHistories(kind: FactKind) {
  return (ids: string[], context: Context): Promise<VerificationEvent[][]> =>
    context.store.verificationHistories(ids.map((id) => ({ kind, id })));
}

type SchemaTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * The fields Quote and Figure share, the same on both: where the fact was published, where it
 * stands, its history, and what the caller may do with it.
 */
export function sharedFactFields<Fact extends Quote | Figure>(
  t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, Fact>,
  kind: FactKind,
) {
  return {
    source: t.field({ type: SourceRef, resolve: (fact) => fact.sourceId }),
    span: t.field({ type: SpanRef, resolve: (fact) => fact.span }),
    sentence: t.string({
      description: 'The sentence it stands in.',
      resolve: (fact) => fact.sentence,
    }),
    status: t.field({ type: FactStatusEnum, resolve: (fact) => fact.status }),
    createdAt: t.field({ type: 'DateTime', resolve: (fact) => fact.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (fact) => fact.updatedAt }),
    verificationHistory: t.loadableList({
      type: VerificationEventRef,
      description: 'Every status change, oldest first.',
      load: loadHistories(kind),
      resolve: (fact) => fact.id,
    }),
    viewerCanEdit: t.boolean({ resolve: (_fact, _args, context) => canEdit(context.viewer) }),
    viewerCanVerify: t.boolean({
      description: 'Whether the caller may verify, dispute or retract it.',
      resolve: (_fact, _args, context) => canEdit(context.viewer),
    }),
  };
}

const FactStatusChangeRef = builder
  .objectRef<{ fact: Quote | Figure; event: VerificationEvent }>('FactStatusChange')
  .implement({
    description: 'A fact’s new status and the event that recorded it.',
    isTypeOf: (value) => typeof value === 'object' && value !== null && 'event' in value,
    fields: (t) => ({
      fact: t.field({ type: FactUnion, resolve: (change) => change.fact }),
      event: t.field({ type: VerificationEventRef, resolve: (change) => change.event }),
    }),
  });

const FactChangeKindEnum = builder.enumType('FactChangeKind', {
  values: {
    CREATED: { value: 'created' },
    UPDATED: { value: 'updated' },
    STATUS: { value: 'status', description: 'Verified, disputed or retracted.' },
  } as const,
});

const FactChangeRef = builder.objectRef<FactChange>('FactChange').implement({
  description: 'What `factChanged` delivers: the fact as it is now and what happened to it.',
  fields: (t) => ({
    change: t.expose('change', { type: FactChangeKindEnum }),
    kind: t.expose('kind', { type: FactKindEnum }),
    fact: t.field({ type: FactUnion, resolve: (change) => change.fact }),
    event: t.field({
      type: VerificationEventRef,
      nullable: true,
      resolve: (change) => change.event,
    }),
    actor: t.exposeString('actor', {
      nullable: true,
      description: 'Who made the change (a token label), when known.',
    }),
  }),
});

/** Tells every `factChanged` subscriber; called by each mutation that changes a fact. */
export function publishFactChange(context: Context, change: Omit<FactChange, 'actor'>): void {
  if (context.factChangesFromStore) return;
  context.pubsub.publish('factChanged', { ...change, actor: actorName(context.viewer) });
}

const statusMutations = {
  verify: { status: 'verified', description: 'Marks a quote or figure as checked.' },
  dispute: { status: 'disputed', description: 'Flags a quote or figure as questioned.' },
  retract: { status: 'retracted', description: 'Withdraws a quote or figure.' },
} as const;

builder.mutationFields((t) =>
  Object.fromEntries(
    Object.entries(statusMutations).map(([name, { status, description }]) => [
      name,
      t.field({
        type: FactStatusChangeRef,
        description,
        authScopes: { edit: true },
        errors: { directResult: true },
        args: {
          fact: t.arg.id({ required: true, description: 'The ID of a Quote or Figure.' }),
          method: t.arg.string({
            description: 'How it was checked: "checked against the recording".',
            validate: z.string().trim().min(1).max(500),
          }),
          note: t.arg.string({ validate: z.string().max(5000) }),
        },
        resolve: async (_root, args, context) => {
          const { typename, id } = parseGlobalId(String(args.fact), ['Quote', 'Figure']);
          const kind: FactKind = typename === 'Quote' ? 'quote' : 'figure';
          const event = await context.store.recordVerification({
            factKind: kind,
            factId: id,
            status,
            actor: actorName(context.viewer),
            method: args.method ?? null,
            note: args.note ?? null,
          });
          const [fact] =
            kind === 'quote'
              ? await context.store.quotesByIds([id])
              : await context.store.figuresByIds([id]);
          if (!fact) throw new Error(`${typename} ${id} vanished after its status changed`);
          publishFactChange(context, { change: 'status', kind, fact, event });
          return { fact, event };
        },
      }),
    ]),
  ),
);

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  factChanged: t.field({
    type: FactChangeRef,
    description:
      'Every creation, edit, verification, dispute and retraction of a fact, as it happens (server-sent events). Pass `fact` to follow one.',
    authScopes: { read: true },
    args: { fact: t.arg.id({ description: 'Only changes of this Quote or Figure.' }) },
    subscribe: (_root, args, context) => {
      const changes = context.pubsub.subscribe('factChanged');
      if (args.fact == null) return changes;
      const { id } = parseGlobalId(String(args.fact), ['Quote', 'Figure']);
      return pipe(
        changes,
        filter((change) => change.fact.id === id),
      );
    },
    resolve: (change) => change,
  }),
}));
