import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetSchema } from '@verbatim/domain/dataset';
import type { Figure, Quote } from '@verbatim/domain/entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSampleDataset } from '../src/dataset-file.ts';
import type { FactStore } from '../src/fact-store.ts';
import { openStore } from '../src/open-store.ts';

/**
 * Every quotation of the seed article (Carney's trip to Beijing), in article order: its first
 * words and who said it. Written by hand from the article, which the tests never read.
 */
const EXPECTED_QUOTES: [firstWords: string, speakers: string[], kind: Quote['kind']][] = [
  ['preliminary but landmark', ['Mark Carney'], 'fragment'],
  ['new world order', ['Mark Carney'], 'fragment'],
  ['The main goal of trying', ['Guy Saint-Jacques'], 'full'],
  ['Mr Carney is driven', ['Guy Saint-Jacques'], 'full'],
  ['Well, it’s OK.', ['Donald Trump'], 'full'],
  ['If you can get a deal with China', ['Donald Trump'], 'full'],
  ['new world order', ['Mark Carney'], 'fragment'],
  ['desperate', ['Lynette Ong'], 'fragment'],
  ['Despite the headlines', ['Lynette Ong'], 'full'],
  ['And leadership in Beijing', ['Lynette Ong'], 'full'],
  ['in good faith', ['Lynette Ong'], 'fragment'],
  [
    'a preliminary, provisional agreement',
    ['Government of China', 'Government of Canada'],
    'fragment',
  ],
  ['It is perhaps the most significant', ['Vina Nadjibulla'], 'full'],
  ['And it’s a bold move', ['Vina Nadjibulla'], 'full'],
  ['divided and fragmented', ['Mark Carney'], 'fragment'],
  ['Prime minister Carney must explain', ['Pierre Poilievre'], 'full'],
  ['Make no mistake', ['Doug Ford'], 'full'],
  ['creative agreement', ['Vina Nadjibulla'], 'fragment'],
  ['uncertain', ['Vina Nadjibulla'], 'fragment'],
  ['Carney made it through this visit', ['Vina Nadjibulla'], 'full'],
  ['worrisome', ['Vina Nadjibulla'], 'fragment'],
  ['We’ve already learned this lesson', ['Vina Nadjibulla'], 'full'],
  ['turnaround', ['Xi Jinping'], 'fragment'],
  ['Instead of blindly adhering', ['Wang Wen', 'Jin Zhen'], 'full'],
  ['Every new government', ['Michael Kovrig'], 'full'],
  ['History says otherwise', ['Michael Kovrig'], 'full'],
  ['over-reliance', ['Michael Kovrig'], 'fragment'],
  ['China is not just another market', ['Michael Kovrig'], 'full'],
  ['red lines', ['Mark Carney'], 'fragment'],
  ['We take the world as it is', ['Mark Carney'], 'full'],
];

const directory = mkdtempSync(join(tmpdir(), 'verbatim-sample-'));
let store: FactStore;
let quotes: Quote[];
let figures: Figure[];

beforeAll(async () => {
  // A fresh file: openStore loads the sample dataset by itself.
  store = await openStore({ sqlitePath: join(directory, 'verbatim.sqlite') });
  quotes = (await store.listQuotes({}, { first: 500 })).items.sort(
    (a, b) => a.span.start - b.span.start,
  );
  figures = (await store.listFigures({}, { first: 500 })).items;
});
afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

async function speakerNames(quote: Quote): Promise<string[]> {
  return Promise.all(
    quote.speakers.map(async (speaker) => {
      const [entity] =
        speaker.kind === 'person'
          ? await store.peopleByIds([speaker.id])
          : await store.organisationsByIds([speaker.id]);
      return entity?.name ?? `missing ${speaker.id}`;
    }),
  );
}

describe('the sample dataset (seed article)', () => {
  it('is a valid dataset', () => {
    expect(DatasetSchema.safeParse(readSampleDataset()).success).toBe(true);
  });

  it('holds every quotation of the article with the right speaker', async () => {
    expect(quotes).toHaveLength(EXPECTED_QUOTES.length);
    const actual = await Promise.all(
      quotes.map(async (quote) => [quote.text, await speakerNames(quote), quote.kind] as const),
    );
    actual.forEach(([text, speakers, kind], index) => {
      const [firstWords, expectedSpeakers, expectedKind] = EXPECTED_QUOTES[index] ?? [];
      expect(text.startsWith(firstWords ?? '?'), `quote ${index + 1}: ${text}`).toBe(true);
      expect(speakers, text).toEqual(expectedSpeakers);
      expect(kind, text).toBe(expectedKind);
    });
  });

  it('has consistent, ordered, non-overlapping spans', () => {
    let previousEnd = 0;
    for (const quote of quotes) {
      expect(quote.span.end - quote.span.start, quote.text).toBe(quote.text.length);
      expect(quote.span.start).toBeGreaterThan(previousEnd);
      expect(quote.sentence.includes(`“${quote.text}”`), quote.text).toBe(true);
      previousEnd = quote.span.end;
    }
    for (const figure of figures) {
      expect(figure.span.end - figure.span.start, figure.text).toBe(figure.text.length);
      expect(figure.sentence.includes(figure.text), figure.text).toBe(true);
    }
  });

  it('keeps the exact words, fragments and multi-sentence quotes alike', () => {
    const texts = quotes.map((quote) => quote.text);
    expect(texts).toContain('preliminary but landmark');
    expect(texts.filter((text) => text === 'new world order')).toHaveLength(2);
    expect(texts).toContain('a preliminary, provisional agreement');
    expect(texts).toContain('Well, it’s OK. That’s what he should be doing,');
    expect(texts).toContain('We take the world as it is – not as we wish it to be.');
  });

  it('says when and where it was said where the article does', () => {
    const trump = quotes.filter((quote) => quote.text.startsWith('If you can get a deal'));
    expect(trump[0]).toMatchObject({
      saidWhen: 'on Friday',
      saidWhere: 'told reporters at the White House',
    });
    const ford = quotes.find((quote) => quote.text.startsWith('Make no mistake'));
    expect(ford?.speakerText).toContain('criticised the move');
    const unattributed = quotes.find((quote) => quote.text.startsWith('We’ve already learned'));
    expect(unattributed?.speakerText).toBeNull();
  });

  it('holds the figures with what they measure', () => {
    const byText = new Map(figures.map((figure) => [figure.text, figure]));
    expect(byText.get('nearly a decade')).toMatchObject({
      value: 10,
      unit: 'duration:year',
      qualifier: 'nearly',
    });
    expect(byText.get('about 70%')).toMatchObject({
      value: 70,
      unit: 'percent',
      qualifier: 'about',
    });
    expect(byText.get('about 70%')?.measures).toMatch(/Canada.s exports.*US/);
    expect(byText.get('up to 49,000')).toMatchObject({
      value: 49000,
      unit: 'count',
      qualifier: 'up-to',
    });
    expect(byText.get('up to 49,000')?.measures).toMatch(/electric vehicles/);
    expect(byText.get('2025')).toMatchObject({ value: 2025, unit: 'year', qualifier: 'exact' });
    expect(byText.get('2025')?.measures).toMatch(/Apec/);
  });

  it('marks every quote and figure verified, with the article as evidence', async () => {
    const histories = await store.verificationHistories([
      ...quotes.map((quote) => ({ kind: 'quote' as const, id: quote.id })),
      ...figures.map((figure) => ({ kind: 'figure' as const, id: figure.id })),
    ]);
    for (const history of histories) {
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        status: 'verified',
        actor: 'Verbatim seed',
        method: 'published article',
      });
    }
    expect([...quotes, ...figures].every((fact) => fact.status === 'verified')).toBe(true);
  });

  it('knows the people by their aliases and roles', async () => {
    for (const [alias, name] of [
      ['Mr Carney', 'Mark Carney'],
      ['the Canadian prime minister', 'Mark Carney'],
      ['Prime minister Carney', 'Mark Carney'],
      ['the US president', 'Donald Trump'],
      ['the Chinese president', 'Xi Jinping'],
      ['the Conservative leader', 'Pierre Poilievre'],
      ['the Ontario premier', 'Doug Ford'],
    ]) {
      expect((await store.findPeopleByName(alias ?? '')).map((person) => person.name)).toEqual([
        name,
      ]);
    }
    const [saintJacques] = await store.findPeopleByName('Saint-Jacques');
    expect(saintJacques?.roles[0]?.title).toBe('former Canadian ambassador to China');
    for (const organisation of [
      'Asia Pacific Foundation of Canada',
      'University of Toronto',
      'International Crisis Group',
      'Renmin University',
      'People’s Daily',
      "People's Daily",
      'Chinese foreign ministry',
    ]) {
      expect(await store.findOrganisationsByName(organisation), organisation).toHaveLength(1);
    }
  });

  it('ships facts, not the article', async () => {
    const [source] = (await store.listSources({}, { first: 5 })).items;
    expect(source?.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(source?.language).toBe('en');
    expect(Object.values(source ?? {}).some((value) => String(value).length > 500)).toBe(false);
  });
});
