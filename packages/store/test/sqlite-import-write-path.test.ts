import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@verbatim/domain/dataset';
import type { Person, Quote } from '@verbatim/domain/entities';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { afterAll, describe, expect, it } from 'vitest';
import { serialiseDataset } from '../src/dataset-file.ts';
import { InvalidInputError } from '../src/fact-store.ts';
import { SqliteFactStore, UNCHECKED_IMPORT_MIN_ROWS } from '../src/sqlite/sqlite-store.ts';
import { contractFixture } from '../src/testing/fact-store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'verbatim-import-path-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileNumber = 0;
const open = () => SqliteFactStore.open(join(directory, `store-${++fileNumber}.sqlite`));
const foreignKeysOn = (store: SqliteFactStore) =>
  store.db.pragma('foreign_keys', { simple: true }) === 1;

describe('SQLite importDataset write path (decision 101)', () => {
  it('turns foreign keys back on after an import, whether it succeeded or failed', async () => {
    const store = await open();
    await store.importDataset(contractFixture(), { mode: 'replace' });
    expect(foreignKeysOn(store)).toBe(true);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);

    const dangling: Dataset = {
      ...contractFixture(),
      quotes: contractFixture().quotes.map((quote, index) =>
        index === 0 ? { ...quote, sourceId: 'src_missing' } : quote,
      ),
    };
    await expect(store.importDataset(dangling, { mode: 'merge' })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(foreignKeysOn(store)).toBe(true);

    // A merge big enough to run without SQLite's checks (UNCHECKED_IMPORT_MIN_ROWS) is refused
    // the same way, whole.
    const template = contractFixture().quotes[0] as Quote;
    const many = Array.from({ length: UNCHECKED_IMPORT_MIN_ROWS }, (_, n) => ({
      ...template,
      id: `quo_many_${n}`,
    }));
    const bigDangling: Dataset = {
      ...contractFixture(),
      quotes: [
        ...many,
        { ...template, id: 'quo_bad', speakers: [{ kind: 'person', id: 'per_x' }] },
      ],
      events: [],
    };
    await expect(store.importDataset(bigDangling, { mode: 'merge' })).rejects.toThrow(
      /per_x does not exist/,
    );
    expect(foreignKeysOn(store)).toBe(true);
    expect((await store.counts()).quotes).toBe(4);
    await store.importDataset({ ...bigDangling, quotes: many }, { mode: 'merge' });
    expect(foreignKeysOn(store)).toBe(true);
    expect((await store.counts()).quotes).toBe(4 + UNCHECKED_IMPORT_MIN_ROWS);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);

    store.db.exec(
      `CREATE TEMP TRIGGER fail_figure BEFORE INSERT ON figures
       BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
    );
    await expect(store.importDataset(contractFixture(), { mode: 'replace' })).rejects.toThrow(
      'forced failure',
    );
    store.db.exec('DROP TRIGGER fail_figure');
    expect(foreignKeysOn(store)).toBe(true);
    // The failed replace left the earlier imports whole.
    expect(await store.counts()).toMatchObject({
      quotes: 4 + UNCHECKED_IMPORT_MIN_ROWS,
      figures: contractFixture().figures.length,
    });

    // Writes outside importDataset are still checked by SQLite itself.
    expect(() =>
      store.db
        .prepare("INSERT INTO figure_words (word, figure_id) VALUES ('orphan', 'fig_missing')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    await store.close();
  });

  it('a merge rewrites the aliases, roles, speakers and shingles of rows that exist, and adds new ones whole', async () => {
    const store = await open();
    await store.importDataset(contractFixture(), { mode: 'replace' });
    const fixture = contractFixture();
    const carney = fixture.people.find((person) => person.id === 'per_carney') as Person;
    const quote = fixture.quotes.find((candidate) => candidate.id === 'quo_1') as Quote;
    const newText = 'The world as it is, not as we wish.';
    const newPerson: Person = { ...carney, id: 'per_new', name: 'Ada Newcomer', aliases: ['Ada'] };
    const merged: Dataset = {
      ...fixture,
      people: [{ ...carney, aliases: ['Governor Carney'], roles: [] }, newPerson],
      quotes: [
        { ...quote, text: newText, speakers: [{ kind: 'person', id: 'per_new' }] },
        { ...quote, id: 'quo_new', text: 'A brand new quotation here.' },
      ],
      figures: [],
      events: [],
    };
    await store.importDataset(merged, { mode: 'merge' });

    const [person] = await store.peopleByIds(['per_carney']);
    expect(person?.aliases).toEqual(['Governor Carney']);
    expect(person?.roles).toEqual([]);
    expect((await store.findPeopleByName('Mr Carney')).map((found) => found.id)).toEqual([]);
    expect((await store.findPeopleByName('Ada')).map((found) => found.id)).toEqual(['per_new']);
    const [rewritten, added] = await store.quotesByIds(['quo_1', 'quo_new']);
    expect(rewritten?.speakers).toEqual([{ kind: 'person', id: 'per_new' }]);
    expect(added?.text).toBe('A brand new quotation here.');
    const shingleCount = (id: string) =>
      store.db.prepare('SELECT COUNT(*) FROM quote_shingles WHERE quote_id = ?').pluck().get(id);
    expect(shingleCount('quo_1')).toBe(new Set(quoteShingles(quoteWords(newText))).size);
    expect((await store.quoteCandidates(quoteShingles(quoteWords(newText)), 1))[0]?.id).toBe(
      'quo_1',
    );
    expect((await store.search('Governor', { first: 5 })).map((hit) => hit.id)).toContain(
      'per_carney',
    );
    expect(
      (await store.search('brand new quotation', { first: 5 })).map((hit) => hit.id),
    ).toContain('quo_new');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Importing the export into a fresh store gives the same data back.
    const copy = await open();
    await copy.importDataset(await store.exportDataset(), { mode: 'replace' });
    expect(serialiseDataset(await copy.exportDataset())).toBe(
      serialiseDataset(await store.exportDataset()),
    );
    await copy.close();
    await store.close();
  });
});
