/**
 * Deterministic facts and drafts for the checker benchmark: the same seed gives the same quotes,
 * people, figures and drafts on every machine.
 */
import type { Figure, Person, Quote, Source } from '../../packages/domain/src/entities.ts';

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ne ru sa te vo pi da gre sto bel mar fin dor lan tre qui zel'.split(
  ' ',
);

/** 6,000 pseudo-words; drawn with a Zipf-like skew so some 3-grams are common, as in real speech. */
export function vocabulary(): string[] {
  const random = mulberry32(7);
  const words = new Set<string>();
  for (const common of 'the a of to and in is we will not it that for on our this be have are'.split(
    ' ',
  ))
    words.add(common);
  while (words.size < 6000) {
    const length = 1 + Math.floor(random() * 3);
    let word = '';
    for (let index = 0; index < length; index++)
      word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

export function pickWord(words: readonly string[], random: () => number): string {
  // Zipf-ish: small indexes (the common words) come up far more often.
  const index = Math.floor(words.length * random() ** 3);
  return words[index] as string;
}

export function sentence(words: readonly string[], random: () => number, length: number): string {
  const parts: string[] = [];
  for (let index = 0; index < length; index++) parts.push(pickWord(words, random));
  const text = parts.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

const AT = '2026-01-01T00:00:00.000Z';
export const BENCH_SOURCE: Source = {
  id: 'src_bench',
  title: 'Generated',
  outlet: null,
  byline: null,
  url: null,
  publishedOn: null,
  language: 'en',
  contentHash: `sha256:${'b'.repeat(64)}`,
  createdAt: AT,
  updatedAt: AT,
};

export function people(count: number): Person[] {
  const random = mulberry32(11);
  const list: Person[] = [];
  for (let index = 0; index < count; index++) {
    const name = () => {
      let part = '';
      for (let syllable = 0; syllable < 2 + Math.floor(random() * 2); syllable++)
        part += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      return `${part[0]?.toUpperCase()}${part.slice(1)}`;
    };
    const first = name();
    const last = `${name()}${index}`;
    list.push({
      id: `per_${index}`,
      name: `${first} ${last}`,
      aliases: [last],
      roles: [],
      createdAt: AT,
      updatedAt: AT,
    });
  }
  return list;
}

/** Quote number `index` of any generated set: quotes are a pure function of their index. */
export function quoteAt(index: number, words: readonly string[], peopleCount: number): Quote {
  const random = mulberry32(1_000_003 + index * 7919);
  const text = sentence(words, random, 10 + Math.floor(random() * 19));
  return {
    id: `quo_${index.toString().padStart(7, '0')}`,
    text,
    speakers: [{ kind: 'person', id: `per_${index % peopleCount}` }],
    speakerText: null,
    sourceId: BENCH_SOURCE.id,
    span: { start: 0, end: text.length },
    sentence: text,
    kind: 'full',
    saidWhen: null,
    saidWhere: null,
    status: 'verified',
    createdAt: AT,
    updatedAt: AT,
  };
}

const UNITS = ['percent', 'count', 'currency:USD', 'duration:year'] as const;

export function figureAt(index: number, words: readonly string[]): Figure {
  const random = mulberry32(5_000_011 + index * 104_729);
  const unit = UNITS[index % UNITS.length] as string;
  const value =
    unit === 'percent' ? 5 + Math.floor(random() * 90) : 100 + Math.floor(random() * 90_000);
  const measures = Array.from({ length: 5 }, () => words[200 + Math.floor(random() * 5000)]).join(
    ' ',
  );
  const text =
    unit === 'percent'
      ? `${value}%`
      : unit === 'currency:USD'
        ? `$${value}`
        : unit === 'duration:year'
          ? `${value} years`
          : String(value);
  return {
    id: `fig_${index.toString().padStart(7, '0')}`,
    value,
    valueMax: null,
    unit,
    qualifier: 'exact',
    text,
    measures,
    sourceId: BENCH_SOURCE.id,
    span: { start: 0, end: text.length },
    sentence: text,
    status: 'verified',
    createdAt: AT,
    updatedAt: AT,
  };
}

export interface DraftSpec {
  words: number;
  quotations: number;
  numbers: number;
  /** Another seed gives another draft of the same shape (default: one per length). */
  seed?: number;
}

/**
 * A draft of about `spec.words` words in paragraphs of filler prose, with quotations (mostly
 * verified quotes, some misquoted, misattributed or unverified) and numbers, some about verified
 * figures.
 */
export function draft(
  spec: DraftSpec,
  quoteCount: number,
  figureCount: number,
  peopleList: readonly Person[],
  words: readonly string[],
): string {
  const random = mulberry32(spec.seed ?? 99 + spec.words);
  const paragraphs: string[] = [];
  let written = 0;
  let quotations = 0;
  let numbers = 0;
  const peopleCount = peopleList.length;
  while (written < spec.words) {
    const parts: string[] = [];
    for (let index = 0; index < 3; index++) {
      const length = 12 + Math.floor(random() * 10);
      parts.push(sentence(words, random, length));
      written += length;
    }
    if (quotations < spec.quotations) {
      const quoteIndex = Math.floor(random() * quoteCount);
      const quote = quoteAt(quoteIndex, words, peopleCount);
      const speaker = peopleList[quoteIndex % peopleCount] as Person;
      const kind = quotations % 8;
      let text = quote.text.replace(/\.$/, '');
      let who = speaker.name;
      if (kind === 5) text = text.replace(/ (\S+) /, ' changed ');
      if (kind === 6) who = (peopleList[(quoteIndex + 1) % peopleCount] as Person).name;
      if (kind === 7) text = sentence(words, random, 14).replace(/\.$/, '');
      parts.push(`“${text},” ${who} said.`);
      written += text.split(' ').length + 3;
      quotations++;
    }
    for (let index = 0; index < 2 && numbers < spec.numbers; index++) {
      const figure = figureAt(Math.floor(random() * figureCount), words);
      const stated =
        numbers % 3 === 0
          ? figure.text
          : `${figure.value + 7}${figure.unit === 'percent' ? '%' : ''}`;
      parts.push(`The ${figure.measures} reached ${stated} this year.`);
      written += 10;
      numbers++;
    }
    paragraphs.push(parts.join(' '));
  }
  return `${paragraphs.join('\n\n')}\n`;
}
