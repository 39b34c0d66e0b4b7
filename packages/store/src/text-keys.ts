import { nameKey } from '@verbatim/domain/name-key';

const PLAIN_WORD = /^[a-z0-9]+$/;

// Words too common to say what a figure measures.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  's',
  'since',
  'that',
  'the',
  'to',
  'was',
  'were',
  'which',
  'with',
]);

/** The distinct normalised content words of a text ("share of Canada's exports" → share, canada, exports). */
export function contentWords(text: string): string[] {
  // A plain lower-case ASCII word (what the checker mostly passes) is its own key.
  const words = PLAIN_WORD.test(text) ? [text] : (nameKey(text).match(/[\p{L}\p{N}]+/gu) ?? []);
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)))];
}

const INFLECTIONS = ['s', 'es', 'e', 'ed', 'ing', 'er', 'ers'];

/**
 * The words and their common English inflections ("export" → exports, exported…; "city" →
 * cities): figure_words holds words as written, and the checker passes stems. For a backend that
 * matches words exactly (PostgreSQL: its index is not in byte order, so a prefix range cannot use
 * it); SQLite looks the stems up as prefixes instead. Extra forms only widen the candidates.
 */
export function withCommonInflections(words: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const word of words) {
    forms.add(word);
    if (word.length < 3) continue;
    for (const suffix of INFLECTIONS) forms.add(word + suffix);
    if (word.endsWith('y') || word.endsWith('i')) {
      forms.add(`${word.slice(0, -1)}y`);
      forms.add(`${word.slice(0, -1)}ies`);
    }
  }
  return [...forms];
}
