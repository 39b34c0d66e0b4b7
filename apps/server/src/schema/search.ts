import { MAX_SEARCH_LENGTH } from '@verbatim/domain/limits';
import type { SearchHit, SearchHitKind } from '@verbatim/store/fact-store';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { FigureRef } from './figure.ts';
import { OrganisationRef } from './organisation.ts';
import { PersonRef } from './person.ts';
import { QuoteRef } from './quote.ts';
import { SourceRef } from './source.ts';

const SearchHitKindEnum = builder.enumType('SearchHitKind', {
  values: {
    QUOTE: { value: 'quote' },
    FIGURE: { value: 'figure' },
    PERSON: { value: 'person' },
    ORGANISATION: { value: 'organisation' },
    SOURCE: { value: 'source' },
  } as const,
});

const SearchResultUnion = builder.unionType('SearchResult', {
  types: () => [QuoteRef, FigureRef, PersonRef, OrganisationRef, SourceRef],
});

const refsByKind = {
  quote: QuoteRef,
  figure: FigureRef,
  person: PersonRef,
  organisation: OrganisationRef,
  source: SourceRef,
} as const;

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'One match of `search`, best first.',
  fields: (t) => ({
    kind: t.expose('kind', { type: SearchHitKindEnum }),
    score: t.exposeFloat('score', {
      description: 'Higher is better; comparable within one result list only.',
    }),
    snippet: t.exposeString('snippet', {
      description: 'The quote, the figure as printed, the name or the title.',
    }),
    node: t.field({
      type: SearchResultUnion,
      // Loaded through each kind's DataLoader: one store call per kind, however many hits.
      resolve: (hit, _args, context) =>
        (refsByKind[hit.kind] as typeof QuoteRef).getDataloader(context).load(hit.id),
    }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description: 'Searches quotes, figures, people, organisations and sources at once, ranked.',
    authScopes: { read: true },
    args: {
      q: t.arg.string({
        description:
          'Words to find, all of them (or, when nothing has all, any); the last may be half typed.',
        required: true,
        validate: z.string().trim().min(1).max(MAX_SEARCH_LENGTH),
      }),
      kinds: t.arg({ type: [SearchHitKindEnum], description: 'Only these kinds (default: all).' }),
      first: t.arg.int({ validate: z.number().int().min(1).max(100) }),
    },
    resolve: (_root, args, context) =>
      context.store.search(args.q, {
        first: args.first ?? 20,
        kinds: (args.kinds as SearchHitKind[] | null | undefined) ?? undefined,
      }),
  }),
}));
