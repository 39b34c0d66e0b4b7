import { readFileSync } from 'node:fs';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '@verbatim/domain/dataset';
import type { Figure, Quote, Source } from '@verbatim/domain/entities';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSampleDataset, sampleDatasetPath, serialiseDataset } from '../dataset-file.ts';
import { ConflictError, type FactStore, InvalidInputError, NotFoundError } from '../fact-store.ts';

/** Search strings that must never reach a query language as syntax. */
export const HOSTILE_SEARCH_STRINGS = [
  '"',
  '""',
  '*',
  'carney*',
  'NEAR(',
  'NEAR(carney beijing, 2)',
  'AND',
  'carney AND',
  'OR NOT',
  '(',
  ')))',
  '(carney',
  "'; DROP TABLE quotes; --",
  'quotes:world',
  '^carney',
  '-carney',
  '+',
  '\\',
  '%_%',
  '',
  '   ',
  '\u0000',
  '“new world order”',
  'ünïcödé ✓ 🙂',
  'x'.repeat(2000),
];

const T0 = '2026-01-16T09:00:00.000Z';

/** A small dataset every backend is tested with: one article, three people, two organisations. */
export function contractFixture(): Dataset {
  const source: Source = {
    id: 'src_fixture',
    title: 'Fixture article about trade',
    outlet: 'The Fixture',
    byline: 'A Reporter',
    url: 'https://example.org/fixture',
    publishedOn: '2026-01-16',
    language: 'en',
    contentHash: `sha256:${'ab'.repeat(32)}`,
    createdAt: T0,
    updatedAt: T0,
  };
  const quote = (
    id: string,
    text: string,
    speakerIds: string[],
    kind: Quote['kind'] = 'full',
  ): Quote => ({
    id,
    text,
    speakers: speakerIds.map((speakerId) =>
      speakerId.startsWith('org_')
        ? { kind: 'organisation' as const, id: speakerId }
        : { kind: 'person' as const, id: speakerId },
    ),
    speakerText: null,
    sourceId: source.id,
    span: { start: 10, end: 10 + text.length },
    sentence: `“${text}” someone said.`,
    kind,
    saidWhen: null,
    saidWhere: null,
    status: 'verified',
    createdAt: T0,
    updatedAt: T0,
  });
  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    sources: [source],
    organisations: [
      {
        id: 'org_canada',
        name: 'Government of Canada',
        kind: 'government',
        aliases: ['Canada', 'Ottawa'],
        createdAt: T0,
        updatedAt: T0,
      },
      {
        id: 'org_university',
        name: 'University of Toronto',
        kind: 'organisation',
        aliases: [],
        createdAt: T0,
        updatedAt: T0,
      },
    ],
    people: [
      {
        id: 'per_carney',
        name: 'Mark Carney',
        aliases: ['Carney', 'Mr Carney'],
        roles: [{ title: 'prime minister', organisationId: 'org_canada', period: null }],
        createdAt: T0,
        updatedAt: T0,
      },
      {
        id: 'per_ong',
        name: 'Lynette Ong',
        aliases: ['Ong'],
        roles: [{ title: 'professor', organisationId: 'org_university', period: null }],
        createdAt: T0,
        updatedAt: T0,
      },
      {
        id: 'per_saint_jacques',
        name: 'Guy Saint-Jacques',
        aliases: [],
        roles: [],
        createdAt: T0,
        updatedAt: T0,
      },
    ],
    quotes: [
      quote('quo_1', 'We take the world as it is – not as we wish it to be.', ['per_carney']),
      quote('quo_2', 'new world order', ['per_carney'], 'fragment'),
      quote(
        'quo_3',
        'China still relies on exports to drive economic growth and the world knows it.',
        ['per_ong'],
      ),
      quote('quo_4', 'a preliminary, provisional agreement', ['org_canada'], 'fragment'),
    ],
    figures: [
      {
        id: 'fig_1',
        value: 70,
        valueMax: null,
        unit: 'percent',
        qualifier: 'about',
        text: 'about 70%',
        measures: 'share of Canada’s exports that go to the US',
        sourceId: source.id,
        span: { start: 100, end: 109 },
        sentence: 'Canada sends about 70% of its exports to the US.',
        status: 'verified',
        createdAt: T0,
        updatedAt: T0,
      },
      {
        id: 'fig_2',
        value: 49000,
        valueMax: null,
        unit: 'count',
        qualifier: 'up-to',
        text: 'up to 49,000',
        measures: 'Chinese electric vehicles allowed into the Canadian market',
        sourceId: source.id,
        span: { start: 200, end: 212 },
        sentence: 'allowing up to 49,000 Chinese electric vehicles',
        status: 'verified',
        createdAt: T0,
        updatedAt: T0,
      },
      {
        id: 'fig_3',
        value: 12,
        valueMax: null,
        unit: 'percent',
        qualifier: 'exact',
        text: '12%',
        measures: 'growth of canola prices',
        sourceId: source.id,
        span: { start: 300, end: 303 },
        sentence: 'Canola rose 12%.',
        status: 'candidate',
        createdAt: T0,
        updatedAt: T0,
      },
    ],
    events: [
      ...['quo_1', 'quo_2', 'quo_3', 'quo_4'].map((id) => ({
        id: `evt_${id}`,
        factKind: 'quote' as const,
        factId: id,
        status: 'verified' as const,
        actor: 'Fixture',
        at: T0,
        method: 'published article',
        note: null,
      })),
      ...['fig_1', 'fig_2'].map((id) => ({
        id: `evt_${id}`,
        factKind: 'figure' as const,
        factId: id,
        status: 'verified' as const,
        actor: 'Fixture',
        at: T0,
        method: 'published article',
        note: null,
      })),
    ],
  };
}

const shinglesOf = (text: string) => quoteShingles(quoteWords(text));

/**
 * The behaviour every FactStore backend must have. `openEmptyStore` returns a migrated store
 * with no data, fresh for each test.
 */
export function describeFactStoreContract(
  name: string,
  openEmptyStore: () => Promise<FactStore>,
): void {
  describe(`FactStore contract: ${name}`, () => {
    let store: FactStore;

    beforeEach(async () => {
      store = await openEmptyStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const load = async () => {
      await store.importDataset(contractFixture(), { mode: 'replace' });
    };
    const snapshot = async () => serialiseDataset(await store.exportDataset());

    describe('migrations', () => {
      it('has nothing left to apply on an opened store', async () => {
        expect(await store.migrate()).toEqual([]);
        expect(await store.counts()).toEqual({
          sources: 0,
          people: 0,
          organisations: 0,
          quotes: 0,
          figures: 0,
          events: 0,
        });
      });
    });

    describe('batch readers', () => {
      it('return results in the order asked, null where absent', async () => {
        await load();
        const people = await store.peopleByIds(['per_ong', 'per_missing', 'per_carney']);
        expect(people.map((person) => person?.name ?? null)).toEqual([
          'Lynette Ong',
          null,
          'Mark Carney',
        ]);
        const quotes = await store.quotesByIds(['quo_3', 'quo_1', 'nope']);
        expect(quotes.map((quote) => quote?.id ?? null)).toEqual(['quo_3', 'quo_1', null]);
        const figures = await store.figuresByIds(['fig_2']);
        expect(figures[0]?.value).toBe(49000);
        const organisations = await store.organisationsByIds(['org_university', 'org_canada']);
        expect(organisations.map((organisation) => organisation?.kind)).toEqual([
          'organisation',
          'government',
        ]);
        const sources = await store.sourcesByIds(['src_fixture', 'src_other']);
        expect(sources[0]?.title).toBe('Fixture article about trade');
        expect(sources[1]).toBeNull();
        expect(await store.quotesByIds([])).toEqual([]);
      });

      it('read quotes with every field as written', async () => {
        await load();
        const [quote] = await store.quotesByIds(['quo_4']);
        expect(quote).toEqual(contractFixture().quotes[3]);
        const [person] = await store.peopleByIds(['per_carney']);
        expect(person).toEqual(contractFixture().people[0]);
      });
    });

    describe('names', () => {
      it('finds people by name or alias, ignoring case, accents and white space', async () => {
        await load();
        for (const query of ['mark carney', 'MR CARNEY', '  Carney ', 'Märk  Carney']) {
          expect((await store.findPeopleByName(query)).map((person) => person.id)).toEqual([
            'per_carney',
          ]);
        }
        expect(await store.findPeopleByName('Carne')).toEqual([]);
        expect(await store.findPeopleByName('')).toEqual([]);
        expect(
          (await store.findOrganisationsByName('ottawa')).map((organisation) => organisation.id),
        ).toEqual(['org_canada']);
      });

      it('adds an alias once, whatever its case', async () => {
        await load();
        const once = await store.addAlias('per_ong', 'Professor Ong');
        expect(once.aliases).toEqual(['Ong', 'Professor Ong']);
        const twice = await store.addAlias('per_ong', 'PROFESSOR ONG');
        expect(twice.aliases).toEqual(['Ong', 'Professor Ong']);
        const name = await store.addAlias('per_ong', 'lynette ong');
        expect(name.aliases).toEqual(['Ong', 'Professor Ong']);
        expect((await store.findPeopleByName('professor ong'))[0]?.id).toBe('per_ong');
        await expect(store.addAlias('per_missing', 'X')).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.addAlias('per_ong', '  ')).rejects.toBeInstanceOf(InvalidInputError);
      });

      it('creates people and organisations with ISO timestamps', async () => {
        const organisation = await store.createOrganisation({
          name: 'Renmin University',
          aliases: ['Renmin'],
        });
        expect(organisation.kind).toBe('organisation');
        const person = await store.createPerson({
          name: 'Wang Wen',
          aliases: ['Wang', 'wang', 'Wang Wen'],
          roles: [{ title: 'professor', organisationId: organisation.id, period: null }],
        });
        expect(person.aliases).toEqual(['Wang']);
        expect(new Date(person.createdAt).toISOString()).toBe(person.createdAt);
        expect((await store.peopleByIds([person.id]))[0]).toEqual(person);
        await expect(
          store.createPerson({ id: person.id, name: 'Someone else' }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          store.createPerson({
            name: 'Jin Zhen',
            roles: [{ title: 'professor', organisationId: 'org_missing', period: null }],
          }),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.findPeopleByName('Jin Zhen')).toEqual([]);
      });

      it('merges people: quotes, aliases and roles move, the merged person goes', async () => {
        await load();
        const duplicate = await store.createPerson({
          name: 'M. Carney',
          aliases: ['the prime minister', 'Carney'],
          roles: [{ title: 'former governor', organisationId: null, period: 'former' }],
        });
        const quote = await store.createQuote(
          {
            text: 'We will be creative.',
            speakers: [{ kind: 'person', id: duplicate.id }],
            sourceId: 'src_fixture',
            span: { start: 0, end: 20 },
            sentence: '“We will be creative.”',
            kind: 'full',
          },
          'editor',
        );
        const both = await store.createQuote(
          {
            text: 'Both of us said this together.',
            speakers: [
              { kind: 'person', id: 'per_carney' },
              { kind: 'person', id: duplicate.id },
            ],
            sourceId: 'src_fixture',
            span: { start: 0, end: 30 },
            sentence: '',
            kind: 'full',
          },
          'editor',
        );
        const merged = await store.mergePeople('per_carney', duplicate.id);
        expect(merged.name).toBe('Mark Carney');
        expect(merged.aliases).toEqual(['Carney', 'Mr Carney', 'M. Carney', 'the prime minister']);
        expect(merged.roles.map((role) => role.title)).toEqual([
          'prime minister',
          'former governor',
        ]);
        expect((await store.peopleByIds([duplicate.id]))[0]).toBeNull();
        const [moved, deduplicated] = await store.quotesByIds([quote.id, both.id]);
        expect(moved?.speakers).toEqual([{ kind: 'person', id: 'per_carney' }]);
        expect(deduplicated?.speakers).toEqual([{ kind: 'person', id: 'per_carney' }]);
        const byCarney = await store.listQuotes({ speakerId: 'per_carney' }, { first: 50 });
        expect(byCarney.totalCount).toBe(4);
        expect((await store.findPeopleByName('the prime minister'))[0]?.id).toBe('per_carney');
        await expect(store.mergePeople('per_carney', 'per_carney')).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        await expect(store.mergePeople('per_carney', 'per_missing')).rejects.toBeInstanceOf(
          NotFoundError,
        );
      });
    });

    describe('quotes and figures', () => {
      it('creates a quote as a candidate with its first event', async () => {
        await load();
        const quote = await store.createQuote(
          {
            text: 'The main goal has been achieved.',
            speakers: [{ kind: 'person', id: 'per_saint_jacques' }],
            speakerText: 'Saint-Jacques said',
            sourceId: 'src_fixture',
            span: { start: 5, end: 37 },
            sentence: '“The main goal has been achieved.” Saint-Jacques said.',
            kind: 'full',
            saidWhen: 'on Friday',
          },
          'Jo Editor',
        );
        expect(quote.status).toBe('candidate');
        expect(quote.saidWhere).toBeNull();
        expect(quote.id).toMatch(/^quo_/);
        const history = await store.verificationHistory('quote', quote.id);
        expect(history.map((event) => [event.status, event.actor])).toEqual([
          ['candidate', 'Jo Editor'],
        ]);
        expect((await store.quotesByIds([quote.id]))[0]).toEqual(quote);
      });

      it('writes nothing when a quote refers to something missing or is invalid', async () => {
        await load();
        const before = await snapshot();
        await expect(
          store.createQuote(
            {
              text: 'Nobody said this.',
              speakers: [
                { kind: 'person', id: 'per_carney' },
                { kind: 'person', id: 'per_missing' },
              ],
              sourceId: 'src_fixture',
              span: { start: 0, end: 17 },
              sentence: '',
              kind: 'full',
            },
            'editor',
          ),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          store.createQuote(
            {
              text: 'Nobody said this.',
              speakers: [{ kind: 'person', id: 'per_carney' }],
              sourceId: 'src_missing',
              span: { start: 0, end: 17 },
              sentence: '',
              kind: 'full',
            },
            'editor',
          ),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          store.createQuote(
            {
              text: 'Backwards span.',
              speakers: [{ kind: 'person', id: 'per_carney' }],
              sourceId: 'src_fixture',
              span: { start: 10, end: 2 },
              sentence: '',
              kind: 'full',
            },
            'editor',
          ),
        ).rejects.toBeInstanceOf(InvalidInputError);
        await expect(
          store.createQuote(
            {
              text: 'Nobody.',
              speakers: [],
              sourceId: 'src_fixture',
              span: { start: 0, end: 7 },
              sentence: '',
              kind: 'full',
            },
            'editor',
          ),
        ).rejects.toBeInstanceOf(InvalidInputError);
        expect(await snapshot()).toBe(before);
      });

      it('updates a quote only from its current version', async () => {
        await load();
        const [original] = await store.quotesByIds(['quo_3']);
        if (!original) throw new Error('fixture quote missing');
        const updated = await store.updateQuote(
          'quo_3',
          { text: 'China relies on exports to drive growth.', saidWhen: 'on Thursday' },
          original.updatedAt,
        );
        expect(updated.text).toBe('China relies on exports to drive growth.');
        expect(updated.saidWhen).toBe('on Thursday');
        expect(updated.speakers).toEqual(original.speakers);
        expect(updated.updatedAt > original.updatedAt).toBe(true);
        await expect(
          store.updateQuote('quo_3', { kind: 'fragment' }, original.updatedAt),
        ).rejects.toBeInstanceOf(ConflictError);
        expect((await store.quotesByIds(['quo_3']))[0]?.kind).toBe('full');
        // Without an expected version the write goes through.
        const again = await store.updateQuote('quo_3', { kind: 'fragment' });
        expect(again.kind).toBe('fragment');
        await expect(store.updateQuote('quo_missing', { kind: 'full' })).rejects.toBeInstanceOf(
          NotFoundError,
        );
        await expect(store.updateQuote('quo_3', { text: '' })).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        // The shingle index follows the new words.
        const found = await store.quoteCandidates(
          shinglesOf('relies on exports to drive growth'),
          5,
        );
        expect(found[0]?.id).toBe('quo_3');
        const stale = await store.quoteCandidates(shinglesOf('to drive economic growth'), 5);
        expect(stale.map((quote) => quote.id)).not.toContain('quo_3');
      });

      it('creates and updates figures with conflict detection', async () => {
        await load();
        const figure = await store.createFigure(
          {
            value: 10,
            unit: 'duration:year',
            qualifier: 'nearly',
            text: 'nearly a decade',
            measures: 'time since a Canadian prime minister visited Beijing',
            sourceId: 'src_fixture',
            span: { start: 40, end: 55 },
            sentence: 'the first time in nearly a decade',
          },
          'editor',
        );
        expect(figure.status).toBe('candidate');
        expect(figure.valueMax).toBeNull();
        const updated = await store.updateFigure(
          figure.id,
          { value: 9, measures: 'years since a prime minister visited' },
          figure.updatedAt,
        );
        expect(updated.value).toBe(9);
        await expect(
          store.updateFigure(figure.id, { value: 8 }, figure.updatedAt),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          store.createFigure(
            {
              value: 1,
              unit: 'Not A Unit!',
              qualifier: 'exact',
              text: '1',
              measures: 'x',
              sourceId: 'src_fixture',
              span: { start: 0, end: 1 },
              sentence: '',
            },
            'editor',
          ),
        ).rejects.toBeInstanceOf(InvalidInputError);
        const candidates = await store.figureCandidates(
          ['duration:year'],
          ['prime', 'minister'],
          5,
        );
        expect(candidates.map((candidate) => candidate.id)).toEqual([figure.id]);
      });
    });

    describe('verification', () => {
      it('appends events; the latest one is the status', async () => {
        await load();
        const disputed = await store.recordVerification({
          factKind: 'quote',
          factId: 'quo_1',
          status: 'disputed',
          actor: 'Desk',
          method: 'checked against the recording',
          note: 'the recording says "the world as it is"',
          at: '2026-01-17T10:00:00.000Z',
        });
        expect(disputed.id).toMatch(/^evt_/);
        expect((await store.quotesByIds(['quo_1']))[0]?.status).toBe('disputed');
        // A back-dated event joins the history but does not become the status.
        await store.recordVerification({
          factKind: 'quote',
          factId: 'quo_1',
          status: 'retracted',
          actor: 'Desk',
          at: '2026-01-16T12:00:00.000Z',
        });
        expect((await store.quotesByIds(['quo_1']))[0]?.status).toBe('disputed');
        await store.recordVerification({
          factKind: 'figure',
          factId: 'fig_3',
          status: 'verified',
          actor: 'Desk',
        });
        expect((await store.figuresByIds(['fig_3']))[0]?.status).toBe('verified');

        const history = await store.verificationHistory('quote', 'quo_1');
        expect(history.map((event) => event.status)).toEqual(['verified', 'retracted', 'disputed']);
        const histories = await store.verificationHistories([
          { kind: 'figure', id: 'fig_3' },
          { kind: 'quote', id: 'quo_1' },
          { kind: 'quote', id: 'quo_missing' },
        ]);
        expect(histories.map((events) => events.length)).toEqual([1, 3, 0]);
        await expect(
          store.recordVerification({
            factKind: 'quote',
            factId: 'quo_missing',
            status: 'verified',
            actor: 'Desk',
          }),
        ).rejects.toBeInstanceOf(NotFoundError);
        await expect(
          store.recordVerification({
            factKind: 'quote',
            factId: 'quo_1',
            status: 'verified',
            actor: '',
          }),
        ).rejects.toBeInstanceOf(InvalidInputError);
        expect((await store.counts()).events).toBe(6 + 3);
      });
    });

    describe('candidates for the checker', () => {
      it('ranks quotes by shared shingles and respects the limit', async () => {
        await load();
        const draft = shinglesOf('he said we take the world as it is and not as we wish');
        const candidates = await store.quoteCandidates(draft, 10);
        expect(candidates[0]?.id).toBe('quo_1');
        expect(candidates.map((quote) => quote.id)).not.toContain('quo_4');
        expect(await store.quoteCandidates(draft, 0)).toEqual([]);
        expect(await store.quoteCandidates([], 10)).toEqual([]);
        const one = await store.quoteCandidates(
          [...shinglesOf('the world knows it'), ...shinglesOf('take the world as it is')],
          1,
        );
        expect(one.map((quote) => quote.id)).toEqual(['quo_1']);
      });

      it('ranks quotes per quotation and leaves out those far behind the best', async () => {
        await load();
        const perQuotation = await store.quoteCandidatesPerQuotation(
          [
            shinglesOf('we take the world as it is and not as we wish'),
            shinglesOf('a new world order'),
            shinglesOf('nothing anyone has ever said'),
            [],
          ],
          5,
        );
        expect(perQuotation.map((quotes) => quotes.map((quote) => quote.id))).toEqual([
          ['quo_1'],
          ['quo_2'],
          [],
          [],
        ]);
        // quo_1 shares four shingles with the first quotation, quo_2 one: a quarter of the best.
        const mixed = await store.quoteCandidatesPerQuotation(
          [[...shinglesOf('take the world as it is not'), ...shinglesOf('new world order')]],
          5,
        );
        expect(mixed[0]?.map((quote) => quote.id)).toEqual(['quo_1']);
        const both = await store.quoteCandidatesPerQuotation(
          [[...shinglesOf('take the world as'), ...shinglesOf('new world order')]],
          5,
        );
        expect(both[0]?.map((quote) => quote.id)).toEqual(['quo_1', 'quo_2']);
        expect(
          (await store.quoteCandidatesPerQuotation([shinglesOf('take the world as')], 0))[0],
        ).toEqual([]);
      });

      it('leaves out figures sharing fewer words than asked', async () => {
        await load();
        const exports = ['share', 'Canada', 'exports'];
        expect(
          (await store.figureCandidates(['percent'], exports, 10, 3)).map((f) => f.id),
        ).toEqual(['fig_1']);
        expect(await store.figureCandidates(['percent'], exports, 10, 4)).toEqual([]);
        // The checker passes stems: "export" finds a figure measuring "exports".
        expect(
          (await store.figureCandidates(['percent'], ['export', 'canada'], 10, 2)).map((f) => f.id),
        ).toEqual(['fig_1']);
        expect(
          (await store.figureCandidates(['percent'], ['exports', 'canola'], 10, 2)).map(
            (f) => f.id,
          ),
        ).toEqual([]);
      });

      it('finds figures of the units sharing a word with the sentence, the most shared first', async () => {
        await load();
        // fig_3 ("growth of canola prices") shares no word: never about the same thing.
        const percent = await store.figureCandidates(['percent'], ['Canada’s', 'EXPORTS'], 10);
        expect(percent.map((figure) => figure.id)).toEqual(['fig_1']);
        const canola = await store.figureCandidates(['percent'], ['canola'], 10);
        expect(canola.map((figure) => figure.id)).toEqual(['fig_3']);
        const both = await store.figureCandidates(['percent'], ['canola', 'prices', 'exports'], 10);
        expect(both.map((figure) => figure.id)).toEqual(['fig_3', 'fig_1']);
        expect(
          (await store.figureCandidates(['percent'], ['canola', 'exports'], 1)).map((f) => f.id),
        ).toEqual(['fig_1']);
        // fig_2 shares "Canadian" but counts vehicles: another unit.
        expect(await store.figureCandidates(['percent'], ['Canadian'], 10)).toEqual([]);
        expect(await store.figureCandidates([], ['exports'], 10)).toEqual([]);
        expect(await store.figureCandidates(['count', 'percent'], [], 2)).toEqual([]);
      });
    });

    describe('search and lists', () => {
      it('ranks across kinds', async () => {
        await load();
        const carney = await store.search('Carney', { first: 10 });
        expect(carney[0]).toMatchObject({
          kind: 'person',
          id: 'per_carney',
          snippet: 'Mark Carney',
        });
        const world = await store.search('world', { first: 10, kinds: ['quote'] });
        expect(world.map((hit) => hit.id).sort()).toEqual(['quo_1', 'quo_2', 'quo_3']);
        expect(world.every((hit) => hit.kind === 'quote')).toBe(true);
        for (let index = 1; index < world.length; index++) {
          expect(world[index - 1]?.score ?? 0).toBeGreaterThanOrEqual(world[index]?.score ?? 0);
        }
        const exports = await store.search('exports', { first: 10, kinds: ['figure'] });
        expect(exports.map((hit) => hit.id)).toEqual(['fig_1']);
        expect((await store.search('Ottaw', { first: 5 }))[0]?.id).toBe('org_canada');
        expect((await store.search('fixture trade', { first: 5 }))[0]?.kind).toBe('source');
        expect(await store.search('world', { first: 0 })).toEqual([]);
      });

      it('never fails on hostile search strings', async () => {
        await load();
        for (const query of HOSTILE_SEARCH_STRINGS) {
          const hits = await store.search(query, { first: 5 });
          expect(Array.isArray(hits), query).toBe(true);
          await store.listQuotes({ text: query }, { first: 5 });
          await store.listPeople({ query }, { first: 5 });
          await store.listOrganisations({ query }, { first: 5 });
          await store.listFigures({ measures: query }, { first: 5 });
          await store.listSources({ query }, { first: 5 });
          await store.findPeopleByName(query);
        }
        // The words inside hostile strings still count.
        expect((await store.search('NEAR(carney', { first: 5 }))[0]?.id).toBe('per_carney');
        expect((await store.search('“new world order”', { first: 5 }))[0]?.id).toBe('quo_2');
        expect((await store.counts()).quotes).toBe(4);
      });

      it('filters and pages quotes', async () => {
        await load();
        const byCarney = await store.listQuotes(
          { speakerId: 'per_carney', orderBy: 'oldest' },
          { first: 10 },
        );
        expect(byCarney.items.map((quote) => quote.id)).toEqual(['quo_1', 'quo_2']);
        const byCanada = await store.listQuotes({ speakerId: 'org_canada' }, { first: 10 });
        expect(byCanada.items.map((quote) => quote.id)).toEqual(['quo_4']);
        const fragments = await store.listQuotes({ kind: 'fragment' }, { first: 10 });
        expect(fragments.totalCount).toBe(2);
        const text = await store.listQuotes({ text: 'exports growth' }, { first: 10 });
        expect(text.items.map((quote) => quote.id)).toEqual(['quo_3']);
        const dated = await store.listQuotes(
          { publishedFrom: '2026-01-01', publishedTo: '2026-01-31', sourceId: 'src_fixture' },
          { first: 10 },
        );
        expect(dated.totalCount).toBe(4);
        expect(
          (await store.listQuotes({ publishedFrom: '2026-02-01' }, { first: 10 })).totalCount,
        ).toBe(0);
        await store.recordVerification({
          factKind: 'quote',
          factId: 'quo_2',
          status: 'retracted',
          actor: 'Desk',
        });
        const retracted = await store.listQuotes({ status: ['retracted'] }, { first: 10 });
        expect(retracted.items.map((quote) => quote.id)).toEqual(['quo_2']);

        const seen: string[] = [];
        let after: string | null = null;
        for (let pageNumber = 0; pageNumber < 5; pageNumber++) {
          const page = await store.listQuotes({ orderBy: 'oldest' }, { first: 3, after });
          expect(page.totalCount).toBe(4);
          seen.push(...page.items.map((quote) => quote.id));
          after = page.endCursor;
          if (!page.hasNextPage) break;
        }
        expect(seen).toEqual(['quo_1', 'quo_2', 'quo_3', 'quo_4']);
        await expect(
          store.listQuotes({}, { first: 3, after: 'not a cursor' }),
        ).rejects.toBeInstanceOf(InvalidInputError);
      });

      it('lists people, organisations, figures and sources', async () => {
        await load();
        const people = await store.listPeople({}, { first: 10 });
        expect(people.items.map((person) => person.name)).toEqual([
          'Guy Saint-Jacques',
          'Lynette Ong',
          'Mark Carney',
        ]);
        expect(
          (await store.listPeople({ query: 'mr car' }, { first: 10 })).items.map((p) => p.id),
        ).toEqual(['per_carney']);
        expect(
          (await store.listOrganisations({ query: 'ottawa' }, { first: 10 })).items[0]?.id,
        ).toBe('org_canada');
        const percent = await store.listFigures({ unit: 'percent' }, { first: 10 });
        expect(percent.items.map((figure) => figure.id)).toEqual(['fig_1', 'fig_3']);
        const verified = await store.listFigures({ status: ['verified'] }, { first: 10 });
        expect(verified.totalCount).toBe(2);
        const vehicles = await store.listFigures({ measures: 'electric vehicles' }, { first: 10 });
        expect(vehicles.items.map((figure) => figure.id)).toEqual(['fig_2']);
        const sources = await store.listSources({}, { first: 10 });
        expect(sources.items.map((source) => source.id)).toEqual(['src_fixture']);
        expect((await store.listSources({ query: 'trade' }, { first: 10 })).totalCount).toBe(1);
        expect(
          (await store.findSourceByUrlOrHash({ url: 'https://example.org/fixture' }))?.id,
        ).toBe('src_fixture');
        expect(
          (
            await store.findSourceByUrlOrHash({
              url: null,
              contentHash: `sha256:${'ab'.repeat(32)}`,
            })
          )?.id,
        ).toBe('src_fixture');
        expect(await store.findSourceByUrlOrHash({ url: 'https://example.org/other' })).toBeNull();
      });
    });

    describe('datasets', () => {
      it('export → import → export is byte-identical', async () => {
        await load();
        await store.createPerson({ name: 'Ünïcode Ñame', aliases: ['“Quoted” alias'] });
        await store.recordVerification({
          factKind: 'quote',
          factId: 'quo_2',
          status: 'disputed',
          actor: 'Desk',
          note: 'line one\nline two',
        });
        const first = await snapshot();
        const summary = await store.importDataset(JSON.parse(first), { mode: 'replace' });
        expect(summary.people).toBe(4);
        expect(await snapshot()).toBe(first);
        // Merging the same dataset again changes nothing either.
        await store.importDataset(JSON.parse(first), { mode: 'merge' });
        expect(await snapshot()).toBe(first);
      });

      it('holds the shipped sample dataset byte for byte', async () => {
        const summary = await store.importDataset(readSampleDataset(), { mode: 'replace' });
        expect(summary.quotes).toBeGreaterThanOrEqual(30);
        expect(await snapshot()).toBe(readFileSync(sampleDatasetPath, 'utf8'));
      });

      it('exports in a stable order: by id, events oldest first', async () => {
        await load();
        await store.createPerson({ id: 'per_aaa', name: 'First By Id' });
        await store.recordVerification({
          factKind: 'figure',
          factId: 'fig_1',
          status: 'disputed',
          actor: 'Desk',
          at: '2026-01-15T00:00:00.000Z',
        });
        const dataset = await store.exportDataset();
        expect(dataset.people.map((person) => person.id)).toEqual([
          'per_aaa',
          'per_carney',
          'per_ong',
          'per_saint_jacques',
        ]);
        expect(dataset.events[0]?.at).toBe('2026-01-15T00:00:00.000Z');
        const ats = dataset.events.map((event) => event.at);
        expect([...ats].sort()).toEqual(ats);
      });

      it('a failed import leaves the store exactly as it was', async () => {
        await load();
        const before = await snapshot();
        const invalid = contractFixture() as unknown as { quotes: { span: unknown }[] };
        const third = invalid.quotes[3];
        if (third) third.span = { start: 9, end: 3 };
        await expect(
          store.importDataset(invalid as unknown as Dataset, { mode: 'replace' }),
        ).rejects.toThrow('quotes[3].span: span end must not precede its start');
        expect(await snapshot()).toBe(before);

        // Valid in shape, failing only at its last event: after everything else was written.
        const dangling = contractFixture();
        dangling.people.push({ ...dangling.people[0], id: 'per_new' } as Dataset['people'][number]);
        dangling.events.push({
          ...(dangling.events[0] as Dataset['events'][number]),
          id: 'evt_x',
          factId: 'quo_gone',
        });
        for (const mode of ['replace', 'merge'] as const) {
          await expect(store.importDataset(dangling, { mode })).rejects.toThrow(
            'events[6].factId: quote quo_gone does not exist',
          );
          expect(await snapshot()).toBe(before);
        }

        const duplicated = contractFixture();
        duplicated.quotes.push({ ...(duplicated.quotes[0] as Quote) });
        await expect(store.importDataset(duplicated, { mode: 'replace' })).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        await expect(
          store.importDataset({ format: 'other' } as unknown as Dataset, { mode: 'replace' }),
        ).rejects.toBeInstanceOf(InvalidInputError);
        expect(await snapshot()).toBe(before);
      });

      it('merges by id: updates what exists, adds what is new, keeps events once', async () => {
        await load();
        const patch = contractFixture();
        patch.people = [
          { ...(patch.people[1] as Dataset['people'][number]), aliases: ['Prof. Ong'] },
        ];
        patch.organisations = [];
        patch.quotes = [];
        patch.figures = [];
        patch.sources = [];
        patch.events = [
          ...patch.events,
          {
            id: 'evt_new',
            factKind: 'quote',
            factId: 'quo_1',
            status: 'disputed',
            actor: 'Other desk',
            at: '2026-02-01T00:00:00.000Z',
            method: null,
            note: null,
          },
        ];
        const summary = await store.importDataset(patch, { mode: 'merge' });
        expect(summary.events).toBe(1);
        expect((await store.peopleByIds(['per_ong']))[0]?.aliases).toEqual(['Prof. Ong']);
        expect(await store.findPeopleByName('Ong')).toEqual([]);
        expect((await store.counts()).events).toBe(7);
        expect((await store.counts()).people).toBe(3);
        // Merging refers to what the store already holds.
        expect((await store.quotesByIds(['quo_1']))[0]?.speakers[0]?.id).toBe('per_carney');
      });
    });
  });
}

export const GENERATED_WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima'.split(' ');

/** The contract fixture plus `quoteCount` generated quotes and 50 figures: enough for bulk paths. */
export function generatedDataset(quoteCount: number): Dataset {
  const base = contractFixture();
  const template = base.quotes[0] as Quote;
  const quotes: Quote[] = [...base.quotes];
  for (let n = 0; n < quoteCount; n++) {
    const words = [n % 12, (n * 7) % 12, (n * 5) % 12].map((index) => GENERATED_WORDS[index]);
    const text = `Quote ${n} says ${words.join(' ')} number${n}.`;
    quotes.push({
      ...template,
      id: `quo_gen_${String(n).padStart(5, '0')}`,
      text,
      span: { start: 0, end: text.length },
      sentence: `“${text}” they said.`,
    });
  }
  const figureTemplate = base.figures[0] as Figure;
  const figures: Figure[] = [...base.figures];
  for (let n = 0; n < 50; n++) {
    figures.push({ ...figureTemplate, id: `fig_gen_${n}`, value: n, measures: `widgets ${n}` });
  }
  return { ...base, quotes, figures };
}
