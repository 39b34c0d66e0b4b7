import type { Quote } from '@verbatim/domain/entities';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestUrl, TestSchemas } from '../src/postgres/test-database.ts';
import { contractFixture } from '../src/testing/fact-store-contract.ts';

// A quote listing with a text search counts and pages in one statement (decision 112); alone it
// reads only the search documents. Paging must still see every match once, with the right count.
const url = postgresTestUrl();
const schemas = url ? new TestSchemas(url) : null;

afterAll(async () => {
  await schemas?.dropAll();
});

const WORDS = 'alpha bravo charlie delta echo foxtrot'.split(' ');

describe.skipIf(!schemas)('PostgreSQL quote listings with a text search', () => {
  it('pages through every match once, with the total, alone and with a filter', async () => {
    if (!schemas) return;
    const base = contractFixture();
    const template = base.quotes[0] as Quote;
    const quotes: Quote[] = [...base.quotes];
    for (let n = 0; n < 60; n++) {
      const text = `Number ${n} is ${WORDS[n % 6]} and ${WORDS[(n * 5) % 6]}.`;
      quotes.push({
        ...template,
        id: `quo_gen_${String(n).padStart(3, '0')}`,
        text,
        kind: n % 2 === 0 ? 'full' : 'fragment',
        span: { start: 0, end: text.length },
      });
    }
    const store = await schemas.openEmptyStore();
    try {
      await store.importDataset({ ...base, quotes }, { mode: 'replace' });
      const matching = quotes.filter((quote) => / alpha[ .]/.test(quote.text)).map((q) => q.id);
      expect(matching.length).toBeGreaterThan(5);

      for (const filter of [{ text: 'alpha' }, { text: 'alpha', kind: 'full' as const }]) {
        const expected = quotes
          .filter((quote) => matching.includes(quote.id))
          .filter((quote) => filter.kind === undefined || quote.kind === filter.kind)
          .map((quote) => quote.id);
        const seen: string[] = [];
        let after: string | null = null;
        for (let pageNumber = 0; pageNumber < 20; pageNumber++) {
          const page = await store.listQuotes(filter, { first: 4, after });
          expect(page.totalCount).toBe(expected.length);
          seen.push(...page.items.map((quote) => quote.id));
          after = page.endCursor;
          if (!page.hasNextPage) break;
        }
        expect(seen.sort()).toEqual([...expected].sort());
        // A page past the end: no items, the same total.
        const past = await store.listQuotes(filter, { first: 4, after });
        expect(past.items).toEqual([]);
        expect(past.totalCount).toBe(expected.length);
      }
      const none = await store.listQuotes({ text: 'zulu' }, { first: 4 });
      expect(none).toMatchObject({ items: [], totalCount: 0, hasNextPage: false });
    } finally {
      await store.close();
    }
  });
});
