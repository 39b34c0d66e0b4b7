import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameKey } from '@verbatim/domain/name-key';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexedWords } from '../src/fact-index.ts';
import { PREFIX_COMPLETIONS_MATCHED, SqliteFactStore } from '../src/sqlite/sqlite-store.ts';
import { fixturePerson, fixtureQuote, oneSourceDataset } from './one-source-dataset.ts';

// A half-typed last word matches its shortest completions among the indexed words (decision 116).
const directory = mkdtempSync(join(tmpdir(), 'verbatim-prefix-search-'));
const quote = (index: number, text: string) => fixtureQuote(index, text, 'per_a');

const matchedIds = async (store: SqliteFactStore, text: string) =>
  (await store.listQuotes({ text }, { first: 100 })).items.map((item) => item.id).sort();

// 20 words that all start with "zeta": zeta1 … zeta20.
const zetaQuotes = Array.from({ length: 20 }, (_, index) =>
  quote(100 + index, `The zeta${index + 1} canola harvest fell.`),
);

let store: SqliteFactStore;
beforeAll(async () => {
  store = await SqliteFactStore.open(join(directory, 'prefix.sqlite'));
  await store.importDataset(
    oneSourceDataset(
      [fixturePerson('per_a', 'Ann Archer')],
      [
        quote(1, 'Canola exports to China rose sharply.'),
        quote(2, 'Export controls will stay, the minister said.'),
        quote(3, 'Exporters want certainty.'),
        quote(4, 'Électricité is cheaper in Québec.'),
        ...zetaQuotes,
      ],
    ),
    { mode: 'replace' },
  );
});

afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('SQLite prefix search', () => {
  it('matches a half-typed last word by the words that complete it, and earlier words whole', async () => {
    expect(await matchedIds(store, 'expo')).toEqual(['quo_001', 'quo_002', 'quo_003']);
    expect(await matchedIds(store, 'canola expo')).toEqual(['quo_001']);
    // Only the last word is a prefix: "expo" in the middle is a word of its own, found nowhere.
    expect(await matchedIds(store, 'expo canola')).toEqual([]);
    // Accents fold the same way in the words and in the search.
    expect(await matchedIds(store, 'electr')).toEqual(['quo_004']);
    expect(await matchedIds(store, 'zzzz')).toEqual([]);
  });

  it(`matches at most ${PREFIX_COMPLETIONS_MATCHED} words for a prefix, the shortest first`, async () => {
    // zeta1 … zeta9 (five letters), then zeta10 … zeta16: sixteen words; zeta17 … zeta20 are left out.
    const ids = await matchedIds(store, 'zeta');
    expect(ids).toEqual(zetaQuotes.slice(0, PREFIX_COMPLETIONS_MATCHED).map((zeta) => zeta.id));
    // A longer prefix reaches the rest.
    expect(await matchedIds(store, 'zeta2')).toEqual(['quo_101', 'quo_119']);
    // A whole word is found whether or not other words continue it.
    expect(await matchedIds(store, 'zeta20')).toEqual(['quo_119']);
  });

  it('learns the words of a quote created or edited after the import', async () => {
    const created = await store.createQuote(
      {
        text: 'Tariffs on rapeseed oil will hurt.',
        speakers: [{ kind: 'person', id: 'per_a' }],
        sourceId: 'src_one',
        span: { start: 0, end: 10 },
        sentence: 'Tariffs on rapeseed oil will hurt.',
        kind: 'full',
      },
      'test',
    );
    expect(await matchedIds(store, 'rapes')).toEqual([created.id]);
    const edited = 'Tariffs on soybeans will hurt.';
    await store.updateQuote(created.id, { text: edited, sentence: edited });
    expect(await matchedIds(store, 'soyb')).toEqual([created.id]);
    expect(await matchedIds(store, 'rapes')).toEqual([]);
  });
});

describe('indexedWords', () => {
  it('splits plain ASCII exactly as the Unicode path does', () => {
    const unicodePath = (text: string) => nameKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const text of [
      "It's 49,000 EVs -- up 70% from 2023, Carney said.",
      'CO2-free `steel` by 2030?! (Hon. J. Smith, MP)',
      '   ',
      'e-mail_address@example.org\tTAB\nnew line',
    ]) {
      expect(indexedWords(text)).toEqual(unicodePath(text));
    }
    expect(indexedWords('Électricité à Québec')).toEqual(['electricite', 'a', 'quebec']);
  });
});
