import type { Dataset } from '../../packages/domain/src/dataset.ts';
import type {
  Figure,
  Organisation,
  Person,
  Quote,
  Source,
  VerificationEvent,
} from '../../packages/domain/src/entities.ts';
import { mulberry32 } from '../checker/generate.ts';

/**
 * A deterministic newsroom archive of any size: the same `quotes` always gives the same dataset,
 * so runs on different days and machines measure the same work. Words are made-up syllable
 * strings drawn with a skew (a few very common, most rare), like the words of real articles.
 */

const QUOTES_PER_SOURCE = 20;
const T0 = Date.parse('2020-01-01T08:00:00.000Z');

const SYLLABLES =
  'ba be bi bo ca da de di do fa ga ka ki ko la le li lo ma me mi mo na ne ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi za'.split(
    ' ',
  );
const FUNCTION_WORDS =
  'the of to and a in is that for it as with was on be by at this have from'.split(' ');

export const VOCABULARY: readonly string[] = (() => {
  const next = mulberry32(7);
  const words = new Set<string>();
  while (words.size < 20_000) {
    const syllables = 2 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
})();

/** One word: a function word a quarter of the time, otherwise skewed towards the first words. */
export function word(next: () => number): string {
  if (next() < 0.25) return FUNCTION_WORDS[Math.floor(next() * FUNCTION_WORDS.length)] ?? 'the';
  return VOCABULARY[Math.floor(VOCABULARY.length * next() ** 2)] ?? 'bala';
}

export function words(next: () => number, count: number): string {
  return Array.from({ length: count }, () => word(next)).join(' ');
}

function timestamp(offsetMinutes: number): string {
  return new Date(T0 + offsetMinutes * 60_000).toISOString();
}

function id(prefix: string, n: number): string {
  return `${prefix}_${n.toString().padStart(8, '0')}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface ArchiveShape {
  quotes: number;
  /** Index of the first quote (for a fragment appended to an existing archive). */
  firstQuote?: number;
  /** The size of the whole archive, which sets how many people there are. */
  archiveQuotes?: number;
}

/** The archive: `quotes` quotes, a source per 20 quotes, a figure per 10 quotes. */
export function generateArchive(shape: ArchiveShape): Dataset {
  const first = shape.firstQuote ?? 0;
  const next = mulberry32(1000 + first);
  const peopleCount = Math.max(10, Math.floor((shape.archiveQuotes ?? shape.quotes) / 50));
  const organisations: Organisation[] = [];
  const people: Person[] = [];
  if (first === 0) {
    for (let n = 0; n < 200; n++) {
      organisations.push({
        id: id('org', n),
        name: `${capitalised(words(next, 2))} Institute`,
        kind: 'organisation',
        aliases: [],
        createdAt: timestamp(0),
        updatedAt: timestamp(0),
      });
    }
    for (let n = 0; n < peopleCount; n++) {
      const surname = capitalised(word(mulberry32(n + 5)));
      people.push({
        id: id('per', n),
        name: `${capitalised(word(next))} ${surname}`,
        aliases: [surname],
        roles: [{ title: `minister of ${words(next, 1)}`, organisationId: null, period: null }],
        createdAt: timestamp(0),
        updatedAt: timestamp(0),
      });
    }
  }
  const sources: Source[] = [];
  const quotes: Quote[] = [];
  const figures: Figure[] = [];
  const events: VerificationEvent[] = [];
  for (let n = first; n < first + shape.quotes; n++) {
    const sourceNumber = Math.floor(n / QUOTES_PER_SOURCE);
    if (n % QUOTES_PER_SOURCE === 0 || n === first) {
      sources.push({
        id: id('src', sourceNumber),
        title: capitalised(words(next, 8)),
        outlet: 'The Bench Gazette',
        byline: `${capitalised(word(next))} ${capitalised(word(next))}`,
        url: `https://bench.example/articles/${sourceNumber}`,
        publishedOn: timestamp(sourceNumber * 60).slice(0, 10),
        language: 'en',
        contentHash: `sha256:${sourceNumber.toString(16).padStart(64, '0')}`,
        createdAt: timestamp(sourceNumber * 60),
        updatedAt: timestamp(sourceNumber * 60),
      });
    }
    const text = capitalised(words(next, 6 + Math.floor(next() * 25)));
    const speaker = Math.floor(next() * peopleCount);
    const verified = n % 10 === 0;
    quotes.push({
      id: id('quo', n),
      text,
      speakers: [{ kind: 'person', id: id('per', speaker) }],
      speakerText: null,
      sourceId: id('src', sourceNumber),
      span: { start: 100, end: 100 + text.length },
      sentence: `“${text},” the minister said.`,
      kind: 'full',
      saidWhen: null,
      saidWhere: null,
      status: verified ? 'verified' : 'candidate',
      createdAt: timestamp(sourceNumber * 60 + 1),
      updatedAt: timestamp(sourceNumber * 60 + 1),
    });
    if (verified) {
      events.push({
        id: id('evt', n),
        factKind: 'quote',
        factId: id('quo', n),
        status: 'verified',
        actor: 'Bench desk',
        at: timestamp(sourceNumber * 60 + 2),
        method: 'published article',
        note: null,
      });
    }
    if (n % 10 === 0) {
      const value = Math.round(next() * 1000) / 10;
      figures.push({
        id: id('fig', n),
        value,
        valueMax: null,
        unit: next() < 0.5 ? 'percent' : 'count',
        qualifier: 'about',
        text: `about ${value}`,
        measures: words(next, 5),
        sourceId: id('src', sourceNumber),
        span: { start: 10, end: 20 },
        sentence: `It was about ${value}.`,
        status: 'candidate',
        createdAt: timestamp(sourceNumber * 60 + 1),
        updatedAt: timestamp(sourceNumber * 60 + 1),
      });
    }
  }
  return {
    format: 'verbatim-dataset',
    version: 1,
    sources,
    organisations,
    people,
    quotes,
    figures,
    events,
  };
}

/** What a draft needs of one archive quote. */
export interface DraftQuote {
  text: string;
  speakerName: string;
}

/**
 * A 2,000-word draft: paragraphs of made-up prose with `quotations` quotations from an archive of
 * `quoteCount` quotes in curly quotes, every other one misquoted by a word, each attributed to its
 * speaker. The random draws never depend on the quotes' text, so the quote indexes can be learnt
 * first (see draftQuoteIndexes) and the quotes fetched from a database.
 */
export function composeDraft(
  seed: number,
  quoteCount: number,
  quoteAt: (index: number) => DraftQuote | undefined,
  quotations = 20,
): string {
  const next = mulberry32(seed);
  const paragraphs: string[] = [];
  let count = 0;
  for (let q = 0; q < quotations; q++) {
    const index = Math.floor(next() * quoteCount);
    const quote = quoteAt(index);
    let text = quote?.text ?? '';
    if (q % 2 === 1) {
      const parts = text.split(' ');
      parts[Math.floor(parts.length / 2)] = word(next);
      text = parts.join(' ');
    }
    const speaker = quote?.speakerName ?? 'A minister';
    const prose = words(next, 80);
    if (!quote) continue;
    paragraphs.push(`${capitalised(prose)}. “${text},” said ${speaker}.`);
    count += 80 + text.split(' ').length + speaker.split(' ').length + 1;
  }
  while (count < 2000) {
    paragraphs.push(`${capitalised(words(next, 90))}.`);
    count += 90;
  }
  return paragraphs.join('\n\n');
}

/** The archive indexes of the quotes composeDraft(seed, quoteCount, …) quotes. */
export function draftQuoteIndexes(seed: number, quoteCount: number, quotations = 20): number[] {
  const indexes: number[] = [];
  composeDraft(
    seed,
    quoteCount,
    (index) => {
      indexes.push(index);
      return { text: 'placeholder', speakerName: 'placeholder' };
    },
    quotations,
  );
  return indexes;
}

/** The id generateArchive gives its n-th quote. */
export function quoteId(n: number): string {
  return id('quo', n);
}

/** A draft quoting the given archive (see composeDraft). */
export function generateDraft(archive: Dataset, seed: number, quotations = 20): string {
  const peopleById = new Map(archive.people.map((person) => [person.id, person]));
  return composeDraft(
    seed,
    archive.quotes.length,
    (index) => {
      const quote = archive.quotes[index];
      if (!quote) return undefined;
      const speakerName = peopleById.get(quote.speakers[0]?.id ?? '')?.name ?? 'A minister';
      return { text: quote.text, speakerName };
    },
    quotations,
  );
}
