import type { Person, Role } from '@verbatim/domain/entities';
import { InvalidInputError } from '@verbatim/store/fact-store';
import { z } from 'zod';
import { canEdit } from '../auth/roles.ts';
import { builder } from '../builder.ts';
import { everyPage, resolveStoreConnection } from '../connection.ts';
import { parseGlobalId } from '../ids.ts';
import { rowsOrNotFound } from '../loaders.ts';
import { FactStatusEnum, publishFactChange } from './fact.ts';
import { OrganisationRef } from './organisation.ts';
import { pageArgs } from './pagination.ts';
import { QuoteConnection, QuoteOrderEnum } from './quote.ts';

export const PersonRef = builder.loadableNodeRef('Person', {
  id: { resolve: (person: Person) => person.id },
  load: async (ids: string[], context) =>
    rowsOrNotFound('Person', ids, await context.store.peopleByIds(ids)),
});

const PersonRoleRef = builder.objectRef<Role>('PersonRole').implement({
  description: 'A title the person holds or held: "former Canadian ambassador to China".',
  fields: (t) => ({
    title: t.exposeString('title'),
    period: t.exposeString('period', { nullable: true }),
    organisation: t.field({
      type: OrganisationRef,
      nullable: true,
      resolve: (role) => role.organisationId,
    }),
  }),
});

PersonRef.implement({
  description: 'Someone quoted.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'roles' in value,
  fields: (t) => ({
    name: t.exposeString('name'),
    aliases: t.exposeStringList('aliases', {
      description: 'Other ways the person is named: "Carney", "the prime minister".',
    }),
    roles: t.field({ type: [PersonRoleRef], resolve: (person) => person.roles }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    quotes: t.field({
      type: QuoteConnection,
      description: 'What the person said (alone or with others), newest first by default.',
      args: {
        status: t.arg({ type: [FactStatusEnum] }),
        orderBy: t.arg({ type: QuoteOrderEnum }),
        ...pageArgs(t.arg),
      },
      resolve: (person, args, context) =>
        resolveStoreConnection(args, (page) =>
          context.store.listQuotes(
            {
              speakerId: person.id,
              status: args.status ?? undefined,
              orderBy: args.orderBy ?? 'newest',
            },
            page,
          ),
        ),
    }),
    viewerCanEdit: t.boolean({
      description: 'Whether the caller may add aliases to or merge this person.',
      resolve: (_person, _args, context) => canEdit(context.viewer),
    }),
  }),
});

export const PersonConnection = builder.connectionObject({
  type: PersonRef,
  name: 'PersonConnection',
});

const nameQuery = z.string().trim().min(1).max(200);

builder.queryFields((t) => ({
  people: t.field({
    type: PersonConnection,
    description: 'People, by name; `query` matches names and aliases.',
    authScopes: { read: true },
    args: { query: t.arg.string({ validate: z.string().max(200) }), ...pageArgs(t.arg) },
    resolve: (_root, args, context) =>
      resolveStoreConnection(args, (page) =>
        context.store.listPeople({ query: args.query ?? undefined }, page),
      ),
  }),
  person: t.field({
    type: PersonRef,
    nullable: true,
    description:
      'The person with this name or alias (case- and accent-insensitive); null when nobody matches. When several match, the first by id; `people(query:)` lists them all.',
    authScopes: { read: true },
    args: { nameOrAlias: t.arg.string({ required: true, validate: nameQuery }) },
    resolve: async (_root, args, context) => {
      const [first] = await context.store.findPeopleByName(args.nameOrAlias);
      return first ?? null;
    },
  }),
}));

const PersonInput = builder.inputType('CreatePersonInput', {
  fields: (t) => ({
    name: t.string({ required: true, validate: nameQuery }),
    aliases: t.stringList({ validate: z.array(nameQuery).max(50) }),
  }),
});

builder.mutationFields((t) => ({
  createPerson: t.field({
    type: PersonRef,
    description: 'Adds someone who can then be named as a speaker.',
    authScopes: { edit: true },
    errors: { dataField: { name: 'person' } },
    args: { input: t.arg({ type: PersonInput, required: true }) },
    resolve: (_root, { input }, context) =>
      context.store.createPerson({ name: input.name, aliases: input.aliases ?? [] }),
  }),
  addAlias: t.field({
    type: PersonRef,
    description: 'Records another way a person is named ("Mr Carney").',
    authScopes: { edit: true },
    errors: { dataField: { name: 'person' } },
    args: {
      person: t.arg.id({ required: true }),
      alias: t.arg.string({ required: true, validate: nameQuery }),
    },
    resolve: (_root, args, context) =>
      context.store.addAlias(parseGlobalId(String(args.person), ['Person']).id, args.alias),
  }),
  mergePeople: t.field({
    type: PersonRef,
    description:
      'Two records of one person: moves every quote and alias of `merged` to `kept`, then deletes `merged`.',
    authScopes: { edit: true },
    errors: { dataField: { name: 'person' } },
    args: { kept: t.arg.id({ required: true }), merged: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const kept = parseGlobalId(String(args.kept), ['Person']).id;
      const merged = parseGlobalId(String(args.merged), ['Person']).id;
      if (kept === merged) {
        throw new InvalidInputError('A person cannot be merged into themselves.');
      }
      // The merged person's quotes change speaker: subscribers hear about each of them.
      const moved = await everyPage((page) =>
        context.store.listQuotes({ speakerId: merged }, page),
      );
      const person = await context.store.mergePeople(kept, merged);
      const quotes = await context.store.quotesByIds(moved.map((quote) => quote.id));
      for (const quote of quotes) {
        if (quote)
          publishFactChange(context, {
            change: 'updated',
            kind: 'quote',
            fact: quote,
            event: null,
          });
      }
      return person;
    },
  }),
}));
