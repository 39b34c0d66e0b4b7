import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteFactStore } from '../src/sqlite/sqlite-store.ts';
import { fixturePerson, fixtureQuote, oneSourceDataset } from './one-source-dataset.ts';

// Counting and paging in one statement (decision 105): the count must not depend on the page.
const directory = mkdtempSync(join(tmpdir(), 'verbatim-quote-listing-'));
let store: SqliteFactStore;

beforeAll(async () => {
  store = await SqliteFactStore.open(join(directory, 'listing.sqlite'));
  const dataset = oneSourceDataset(
    [fixturePerson('per_a', 'Ann Archer'), fixturePerson('per_b', 'Ben Baker')],
    // 25 quotes mention "harbour", some of them twice (ranked higher); every other is Ann's.
    Array.from({ length: 40 }, (_, index) =>
      fixtureQuote(
        index,
        index < 25
          ? `The harbour ${index % 4 === 0 ? 'harbour ' : ''}plan number ${index} goes ahead.`
          : `Nothing about the port in statement ${index}.`,
        index % 2 === 0 ? 'per_a' : 'per_b',
        {
          status: index % 3 === 0 ? 'candidate' : 'verified',
          createdAt: `2026-01-01T00:00:${String(index).padStart(2, '0')}.000Z`,
        },
      ),
    ),
  );
  await store.importDataset(dataset, { mode: 'replace' });
});

afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

async function everyPage(filter: Parameters<SqliteFactStore['listQuotes']>[0], first: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (;;) {
    const page = await store.listQuotes(filter, { first, after });
    ids.push(...page.items.map((item) => item.id));
    totals.add(page.totalCount);
    if (!page.hasNextPage) return { ids, totals: [...totals] };
    after = page.endCursor;
  }
}

describe('SQLite quote listings', () => {
  it('a text search alone pages through every match once, with one total on every page', async () => {
    const { ids, totals } = await everyPage({ text: 'harbour' }, 7);
    expect(totals).toEqual([25]);
    expect(new Set(ids).size).toBe(25);
    // Relevance first: the quotes that say "harbour" twice lead.
    expect(ids.slice(0, 7)).toEqual(
      ['quo_000', 'quo_004', 'quo_008', 'quo_012', 'quo_016', 'quo_020', 'quo_024'].sort(),
    );
  });

  it('a text search with another filter ranks and counts the same matches', async () => {
    const alone = await everyPage({ text: 'harbour' }, 100);
    const filtered = await everyPage(
      { text: 'harbour', status: ['candidate', 'verified', 'disputed', 'retracted'] },
      100,
    );
    expect(filtered).toEqual(alone);
    const anns = await everyPage({ text: 'harbour', speakerId: 'per_a' }, 4);
    expect(anns.totals).toEqual([13]);
    expect(anns.ids.every((id) => Number(id.slice(4)) % 2 === 0)).toBe(true);
  });

  it('a page past the end and a page of none still carry the total', async () => {
    const beyond = await store.listQuotes(
      { text: 'harbour' },
      { first: 10, after: Buffer.from('offset:30').toString('base64url') },
    );
    expect(beyond).toMatchObject({ items: [], totalCount: 25, hasNextPage: false });
    const none = await store.listQuotes({ text: 'harbour' }, { first: 0 });
    expect(none).toMatchObject({ items: [], totalCount: 25 });
    expect((await store.listQuotes({}, { first: 0 })).totalCount).toBe(40);
    const bens = await store.listQuotes({ speakerId: 'per_b' }, { first: 20 });
    expect(bens).toMatchObject({ totalCount: 20, hasNextPage: false });
  });

  it('a search that matches nothing is an empty page with a zero total', async () => {
    expect(await store.listQuotes({ text: 'zeppelin' }, { first: 10 })).toMatchObject({
      items: [],
      totalCount: 0,
      hasNextPage: false,
    });
  });
});
