import type { Figure, Organisation, Person, Quote, Source } from '@verbatim/domain/entities';
import { nameKey } from '@verbatim/domain/name-key';
import { quoteShingles, quoteWords } from '@verbatim/domain/quote-text';
import { contentWords } from './text-keys.ts';

/**
 * What every backend indexes for each fact, computed the same way everywhere so that SQLite and
 * PostgreSQL find the same candidates.
 */

/** The distinct word 3-gram hashes of a quote: the rows of quote_shingles. */
export function shinglesOfQuoteText(text: string): number[] {
  // quoteShingles already returns each hash once.
  return quoteShingles(quoteWords(text));
}

/** The rows of figure_words. */
export function wordsOfMeasures(measures: string): string[] {
  return contentWords(measures);
}

/** The words callers pass to figureCandidates, normalised like the index. */
export function normaliseMeasuresWords(words: readonly string[]): string[] {
  return [...new Set(words.flatMap((word) => contentWords(word)))];
}

export type SearchDocumentKind = 'quote' | 'figure' | 'person' | 'organisation' | 'source';

/** A searchable document: main text weighs more than context; the snippet is what a hit shows. */
export interface SearchDocument {
  kind: SearchDocumentKind;
  id: string;
  mainText: string;
  contextText: string;
  snippet: string;
}

export function quoteDocument(quote: Quote): SearchDocument {
  return {
    kind: 'quote',
    id: quote.id,
    mainText: quote.text,
    contextText: [quote.sentence, quote.speakerText ?? ''].join(' '),
    snippet: quote.text,
  };
}

export function figureDocument(figure: Figure): SearchDocument {
  return {
    kind: 'figure',
    id: figure.id,
    mainText: `${figure.text} ${figure.measures}`,
    contextText: figure.sentence,
    snippet: `${figure.text} (${figure.measures})`,
  };
}

export function personDocument(person: Person): SearchDocument {
  return {
    kind: 'person',
    id: person.id,
    mainText: [person.name, ...person.aliases].join(' ; '),
    contextText: person.roles.map((role) => role.title).join(' ; '),
    snippet: person.name,
  };
}

export function organisationDocument(organisation: Organisation): SearchDocument {
  return {
    kind: 'organisation',
    id: organisation.id,
    mainText: [organisation.name, ...organisation.aliases].join(' ; '),
    contextText: organisation.kind,
    snippet: organisation.name,
  };
}

export function sourceDocument(source: Source): SearchDocument {
  return {
    kind: 'source',
    id: source.id,
    mainText: source.title,
    contextText: [source.outlet ?? '', source.byline ?? ''].join(' '),
    snippet: source.title,
  };
}

/**
 * The words of a user's search string, lower-cased and accent-folded. Only letters and digits
 * survive, so nothing the user types can be read as query syntax by any backend.
 */
export function searchTerms(query: string): string[] {
  return indexedWords(query).slice(0, 32);
}

/**
 * The words a full-text index holds for a text, folded as search terms are: the same split as
 * SQLite's `unicode61 remove_diacritics 2` tokenizer for the letters and digits of news text.
 */
export function indexedWords(text: string): string[] {
  // Plain ASCII has nothing to fold but case: the same words, without NFKD, in a third the time
  // (the store splits every document it indexes).
  if (!BEYOND_ASCII.test(text)) return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return nameKey(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
const BEYOND_ASCII = /[\u0080-\uffff]/;

/** Keeps aliases in order, drops repeats and those equal to the name, case-insensitively. */
export function distinctAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([nameKey(name)]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const key = nameKey(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(alias);
  }
  return kept;
}
