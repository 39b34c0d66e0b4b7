import type { Dataset } from '@verbatim/domain/dataset';
import type { Figure, Id, Organisation, Person, Quote, Source } from '@verbatim/domain/entities';
import {
  type FactLookup,
  MAX_SHINGLE_POSTINGS,
  rankCandidatesPerQuotation,
} from '@verbatim/domain/fact-lookup';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { measuresWords } from './words.ts';

/**
 * FactLookup over facts held in memory: a dataset file, facts fetched from a GraphQL endpoint,
 * tests. The shingle index is one sorted Float64Array of (shingle × 2^21 + quote index) keys — a
 * JavaScript Map of every shingle stops at 16.7M entries (about 800k quotes) and costs ~80 bytes
 * an entry; this costs 8. Up to 2,097,152 quotes.
 */
const QUOTE_INDEX_BITS = 2 ** 21;

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export class MemoryFactLookup implements FactLookup {
  private readonly quotes: Quote[];
  private readonly figures: Figure[];
  private readonly shingleKeys: Float64Array;
  private readonly figuresByUnit = new Map<string, number[]>();
  private readonly figureWords: Set<string>[];
  private readonly people = new Map<Id, Person>();
  private readonly organisations = new Map<Id, Organisation>();
  private readonly sources = new Map<Id, Source>();
  private readonly peopleByName = new Map<string, Person[]>();
  private readonly organisationsByName = new Map<string, Organisation[]>();

  constructor(facts: {
    quotes?: readonly Quote[];
    figures?: readonly Figure[];
    people?: readonly Person[];
    organisations?: readonly Organisation[];
    sources?: readonly Source[];
  }) {
    this.quotes = [...(facts.quotes ?? [])];
    if (this.quotes.length > QUOTE_INDEX_BITS)
      throw new Error(`MemoryFactLookup holds at most ${QUOTE_INDEX_BITS} quotes; use the store`);
    this.shingleKeys = buildShingleIndex(this.quotes);
    this.figures = [...(facts.figures ?? [])];
    this.figureWords = this.figures.map((figure) => new Set(measuresWords(figure.measures)));
    this.figures.forEach((figure, index) => {
      const list = this.figuresByUnit.get(figure.unit) ?? [];
      list.push(index);
      this.figuresByUnit.set(figure.unit, list);
    });
    for (const person of facts.people ?? []) {
      this.people.set(person.id, person);
      for (const name of new Set([person.name, ...person.aliases].map(normaliseName)))
        addTo(this.peopleByName, name, person);
    }
    for (const organisation of facts.organisations ?? []) {
      this.organisations.set(organisation.id, organisation);
      for (const name of new Set([organisation.name, ...organisation.aliases].map(normaliseName)))
        addTo(this.organisationsByName, name, organisation);
    }
    for (const source of facts.sources ?? []) this.sources.set(source.id, source);
  }

  static fromDataset(dataset: Dataset): MemoryFactLookup {
    return new MemoryFactLookup(dataset);
  }

  get quoteCount(): number {
    return this.quotes.length;
  }

  async quoteCandidates(shingles: readonly number[], limit: number): Promise<Quote[]> {
    return this.quoteCandidatesSync(shingles, limit);
  }

  async quoteCandidatesPerQuotation(
    quotations: readonly (readonly number[])[],
    perQuotation: number,
  ): Promise<Quote[][]> {
    return rankCandidatesPerQuotation(
      quotations,
      (shingle) => this.postingsOf(shingle),
      perQuotation,
      (a, b) => a - b,
    ).map((indexes) => indexes.map((index) => this.quotes[index] as Quote));
  }

  quoteCandidatesSync(shingles: readonly number[], limit: number): Quote[] {
    return this.rankedQuotes(shingles)
      .slice(0, Math.max(0, limit))
      .map(([index]) => this.quotes[index] as Quote);
  }

  /** [quote index, shared shingles], the most shared first, ties by index. */
  private rankedQuotes(shingles: readonly number[]): [number, number][] {
    const counts = new Map<number, number>();
    for (const shingle of new Set(shingles))
      for (const quote of this.postingsOf(shingle) ?? [])
        counts.set(quote, (counts.get(quote) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }

  /** Indexes of the quotes holding the shingle, or null for a stop-shingle. */
  private postingsOf(shingle: number): number[] | null {
    const keys = this.shingleKeys;
    const low = lowerBound(keys, shingle * QUOTE_INDEX_BITS);
    const high = lowerBound(keys, (shingle + 1) * QUOTE_INDEX_BITS);
    if (high - low > MAX_SHINGLE_POSTINGS) return null;
    const quotes: number[] = [];
    for (let index = low; index < high; index++)
      quotes.push((keys[index] as number) - shingle * QUOTE_INDEX_BITS);
    return quotes;
  }

  async figureCandidates(
    units: readonly string[],
    words: readonly string[],
    limit: number,
    minSharedWords = 1,
  ): Promise<Figure[]> {
    const wanted = new Set(words);
    const atLeast = Math.max(1, minSharedWords);
    const scored: { index: number; shared: number }[] = [];
    for (const unit of new Set(units)) {
      for (const index of this.figuresByUnit.get(unit) ?? []) {
        let shared = 0;
        for (const word of this.figureWords[index] ?? []) if (wanted.has(word)) shared++;
        if (shared >= atLeast) scored.push({ index, shared });
      }
    }
    scored.sort((a, b) => b.shared - a.shared || a.index - b.index);
    return scored.slice(0, Math.max(0, limit)).map(({ index }) => this.figures[index] as Figure);
  }

  async peopleByIds(ids: readonly Id[]): Promise<(Person | null)[]> {
    return ids.map((id) => this.people.get(id) ?? null);
  }

  async organisationsByIds(ids: readonly Id[]): Promise<(Organisation | null)[]> {
    return ids.map((id) => this.organisations.get(id) ?? null);
  }

  async sourcesByIds(ids: readonly Id[]): Promise<(Source | null)[]> {
    return ids.map((id) => this.sources.get(id) ?? null);
  }

  async findPeopleByName(nameOrAlias: string): Promise<Person[]> {
    return [...(this.peopleByName.get(normaliseName(nameOrAlias)) ?? [])];
  }

  async findOrganisationsByName(nameOrAlias: string): Promise<Organisation[]> {
    return [...(this.organisationsByName.get(normaliseName(nameOrAlias)) ?? [])];
  }
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildShingleIndex(quotes: readonly Quote[]): Float64Array {
  const perQuote: number[][] = quotes.map((quote) => quoteShingles(quoteWords(quote.text)));
  let total = 0;
  for (const shingles of perQuote) total += shingles.length;
  const keys = new Float64Array(total);
  let position = 0;
  perQuote.forEach((shingles, index) => {
    for (const shingle of shingles) keys[position++] = shingle * QUOTE_INDEX_BITS + index;
  });
  keys.sort();
  return keys;
}

function lowerBound(keys: Float64Array, value: number): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
