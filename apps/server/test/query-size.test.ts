import { parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { estimateResultSize } from '../src/query-size.ts';
import { schema } from '../src/schema/index.ts';

const size = (query: string, variables?: Record<string, unknown>) =>
  estimateResultSize(schema, parse(query), undefined, variables);

describe('estimateResultSize multiplies through page sizes', () => {
  test('a flat field is one value; a connection is `first` times its selection', () => {
    expect(size('{ hello }')).toBe(1);
    // quotes(1) + edges(10) + node(10) + text(10)
    expect(size('{ quotes(first: 10) { edges { node { text } } } }')).toBe(31);
    // Without `first`, the default page of 20.
    expect(size('{ quotes { edges { node { text } } } }')).toBe(61);
  });

  test('nested pages multiply; variables and fragments count like literals', () => {
    const nested =
      '{ people(first: 10) { edges { node { quotes(first: 10) { edges { node { text } } } } } } }';
    expect(size(nested)).toBe(1 + 10 + 10 + 10 + 100 + 100 + 100);
    const withVariables = `query ($n: Int) { people(first: $n) { edges { node { ...Q } } } }
      fragment Q on Person { quotes(first: $n) { edges { node { text } } } }`;
    expect(size(withVariables, { n: 10 })).toBe(size(nested));
  });

  test('lists without `first` count as short; nodes(ids) counts its ids', () => {
    expect(size('{ quotes(first: 1) { edges { node { speakers { __typename } } } } }')).toBe(
      1 + 1 + 1 + 1 + 5,
    );
    expect(size('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b', 'c'] })).toBe(
      1 + 3,
    );
  });
});
