/**
 * Quote text normalisation: what makes two printings of the same words compare equal.
 * Typography (curly or straight quotation marks, dash styles, white space, case, the three ways
 * to print an ellipsis) never makes a misquote; words do. See docs/decisions/010-quote-text-normalisation.md.
 */

/** Quotation marks and apostrophes folded to the ASCII apostrophe. */
const SINGLE_MARKS = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u2039\u203A\u02BC\uFF07]/g;
/** Quotation marks folded to the ASCII double quotation mark. */
const DOUBLE_MARKS = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\uFF02]/g;
/** Hyphens, dashes and the minus sign folded to the ASCII hyphen-minus. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
/** Invisible characters that only affect line breaking: soft hyphen, zero-width space, word joiner, BOM. */
const INVISIBLES = /[\u00AD\u200B\u2060\uFEFF]/g;
/** Ligatures ("ﬁ" from PDFs) and full-width ASCII ("Ｃａｒｎｅｙ"), spelled out by NFKC. */
const COMPATIBILITY_FORMS = /[\uFB00-\uFB06\uFF01-\uFF5E]/g;
const WHITE_SPACE = /\s+/g;
/**
 * "...", ". . ." and "…" with the space around them, which is house style ("we will … go",
 * "we will…go"). White space is already a single space when this runs.
 */
const ELLIPSIS = / ?(?:\.(?: ?\.){2}|\u2026) ?/g;

/**
 * The comparable form of a quotation: NFC, quotation marks and apostrophes folded to `'` and `"`,
 * dashes to `-`, white space collapsed to one space, lower case, ellipses as `…`, trimmed.
 * Idempotent: normalising a normalised text changes nothing.
 */
export function normaliseQuoteText(text: string): string {
  return text
    .replace(INVISIBLES, '')
    .replace(COMPATIBILITY_FORMS, (form) => form.normalize('NFKC'))
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFC')
    .replace(SINGLE_MARKS, "'")
    .replace(DOUBLE_MARKS, '"')
    .replace(DASHES, '-')
    .replace(WHITE_SPACE, ' ')
    .replace(ELLIPSIS, '…')
    .trim();
}

export interface WordToken {
  /** The normalised word: lower case, apostrophes folded, digit-group separators removed. */
  norm: string;
  /** Offsets into the original text in UTF-16 code units, half-open. */
  start: number;
  end: number;
  kind: 'word' | 'ellipsis';
}

/** Characters that start or continue a word, except ideographs and kana, which are words on their own. */
const WORD_PIECE = String.raw`(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}][\p{L}\p{M}\p{N}\u200C\u200D]*`;
/** Apostrophes (and the prime and accents typed for them) and hyphens join word pieces ("we'll", "high-level"); "." joins digits ("1.5"), and "," a group of three ("49,000"). */
const WORD_JOINER = String.raw`(?:['\u2019\u2018\u02BC\u201B\u2032\u0060\u00B4\-\u2010\u2011]|(?<=\d)\.(?=\d)|(?<=\d),(?=\d{3}(?!\d)))`;
const WORD_AT = new RegExp(`${WORD_PIECE}(?:${WORD_JOINER}${WORD_PIECE})*`, 'uy');
const IDEOGRAPH_AT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]\p{M}*/uy;
const ELLIPSIS_AT = /\u2026|\.(?:[ \u00A0]?\.){2}/y;
/** A thousands group after a space-like separator: "49 000", "49\u00A0000", "49\u2009000". */
const SPACE_GROUP_AT = /[ \u00A0\u2009\u202F\u2007]\d{3}(?![\p{L}\p{N}])/uy;
const DIGIT_GROUP_SEPARATORS = /[, \u00A0\u2009\u202F\u2007]/g;
const ALL_DIGITS = /^\d{1,3}$/;
const PLAIN_WORD = /^[a-z0-9'\-.,%]*$/;
/** Runs of characters that can start no token: white space, punctuation, symbols, emoji. */
const NOT_A_TOKEN_AT = /[^\p{L}\p{N}.\u2026]+/uy;

/**
 * The words of a text with exact offsets into it. Punctuation is dropped; ellipses are tokens of
 * their own kind; numbers are single words ("49,000" and "49 000" → "49000", "70%" → "70%").
 * Linear in the length of the text; accepts any string.
 */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let index = 0;
  while (index < text.length) {
    // Most tokens start with an ASCII letter or digit, which no skip, ellipsis or ideograph
    // starts with: straight to the word (a third of the time of trying each in turn).
    if (!isAsciiLetterOrDigit(text.charCodeAt(index))) {
      const skipped = matchAt(NOT_A_TOKEN_AT, text, index);
      if (skipped) {
        index += skipped[0].length;
        continue;
      }
      ELLIPSIS_AT.lastIndex = index;
      const ellipsis = ELLIPSIS_AT.exec(text);
      if (ellipsis) {
        const end = index + ellipsis[0].length;
        tokens.push({ norm: '…', start: index, end, kind: 'ellipsis' });
        index = end;
        continue;
      }
      const ideograph = matchAt(IDEOGRAPH_AT, text, index);
      if (ideograph) {
        // No case, quotation marks or spaces inside: NFC is all there is to normalise.
        const end = index + ideograph[0].length;
        tokens.push({ norm: ideograph[0].normalize('NFC'), start: index, end, kind: 'word' });
        index = end;
        continue;
      }
    }
    const wordEnd = plainAsciiWordEnd(text, index) ?? wordEndAt(text, index);
    if (wordEnd > index) {
      const matched = text.slice(index, wordEnd);
      let end = wordEnd;
      const isNumber = /\d/.test(matched);
      if (ALL_DIGITS.test(matched)) {
        // "49 000": the groups after the first are exactly three digits.
        for (;;) {
          SPACE_GROUP_AT.lastIndex = end;
          const group = SPACE_GROUP_AT.exec(text);
          if (!group) break;
          end += group[0].length;
        }
      }
      if (isNumber && text.charCodeAt(end) === 0x25 /* % */ && /\d/.test(text[end - 1] ?? '')) {
        end += 1;
      }
      const printed = text.slice(index, end);
      // The common case, ASCII lower case, is already normal.
      let norm = PLAIN_WORD.test(printed) ? printed : normaliseQuoteText(printed);
      if (isNumber) norm = norm.replace(DIGIT_GROUP_SEPARATORS, '');
      tokens.push({ norm, start: index, end, kind: 'word' });
      index = end;
      continue;
    }
    const code = text.codePointAt(index) ?? 0;
    index += code > 0xffff ? 2 : 1;
  }
  return tokens;
}

/** Where the word starting at `index` ends (`index` when none starts there). */
function wordEndAt(text: string, index: number): number {
  const word = matchAt(WORD_AT, text, index);
  return word ? index + word[0].length : index;
}

/**
 * The end of a word of ASCII letters and digits followed by ASCII that cannot continue it (white
 * space, most punctuation), found without the Unicode regular expression; undefined when the word
 * may go on (a non-ASCII letter, an apostrophe, a hyphen, "." or "," between digits).
 */
function plainAsciiWordEnd(text: string, index: number): number | undefined {
  let end = index;
  while (end < text.length && isAsciiLetterOrDigit(text.charCodeAt(end))) end++;
  if (end === index) return undefined;
  if (end === text.length) return end;
  const next = text.charCodeAt(end);
  if (
    next >= 0x80 ||
    next === 0x27 ||
    next === 0x2d ||
    next === 0x2e ||
    next === 0x2c ||
    next === 0x60
  )
    return undefined;
  return end;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39)
  );
}

function matchAt(sticky: RegExp, text: string, index: number): RegExpExecArray | null {
  sticky.lastIndex = index;
  return sticky.exec(text);
}

/** The normalised words of a text, without ellipses: what `quoteShingles` takes. */
export function quoteWords(text: string): string[] {
  const words: string[] = [];
  for (const token of tokenizeWords(text)) if (token.kind === 'word') words.push(token.norm);
  return words;
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/** 32-bit FNV-1a over the UTF-8 bytes of a string, unsigned. */
export function fnv1a32(text: string): number {
  return fnvUpdate(FNV_OFFSET_BASIS, text) >>> 0;
}

/** Feeds the UTF-8 bytes of `text` into an FNV-1a state; lone surrogates count as U+FFFD. */
function fnvUpdate(state: number, text: string): number {
  let hash = state;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = text.charCodeAt(index + 1);
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        index++;
      } else {
        code = 0xfffd; // as TextEncoder encodes a lone surrogate
      }
    }
    if (code < 0x800) {
      hash = Math.imul(hash ^ (0xc0 | (code >> 6)), FNV_PRIME);
    } else if (code < 0x10000) {
      hash = Math.imul(hash ^ (0xe0 | (code >> 12)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
    } else {
      hash = Math.imul(hash ^ (0xf0 | (code >> 18)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 12) & 0x3f)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
    }
    hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), FNV_PRIME);
  }
  return hash;
}

/**
 * Bumped whenever a change to `tokenizeWords`, `normaliseQuoteText` or `quoteShingles` changes the
 * keys of some text, so that a store can tell its persisted shingle index needs rebuilding.
 */
export const QUOTE_KEYS_VERSION = 1;

/** Words per shingle. See docs/decisions/011-quote-shingles.md. */
export const SHINGLE_SIZE = 3;

/**
 * The candidate-lookup keys of a quotation, shared by the store's index and the checker: the
 * FNV-1a hashes of its word 3-grams (words joined by one space), distinct, in order of first
 * appearance. Fewer than three words give one key for all of them; no words give none.
 * Pass normalised words (`quoteWords`, or the `norm` of `tokenizeWords`' word tokens).
 */
export function quoteShingles(words: readonly string[]): number[] {
  if (words.length === 0) return [];
  if (words.length < SHINGLE_SIZE) return [fnv1a32(words.join(' '))];
  const seen = new Set<number>();
  const shingles: number[] = [];
  for (let index = 0; index + SHINGLE_SIZE <= words.length; index++) {
    // The hash of the three words joined by one space, without building the joined string.
    let state = FNV_OFFSET_BASIS;
    for (let offset = 0; offset < SHINGLE_SIZE; offset++) {
      if (offset > 0) state = Math.imul(state ^ SPACE, FNV_PRIME);
      state = fnvUpdate(state, words[index + offset] ?? '');
    }
    const hash = state >>> 0;
    if (!seen.has(hash)) {
      seen.add(hash);
      shingles.push(hash);
    }
  }
  return shingles;
}

export interface QuoteMarkPair {
  open: string;
  close: string;
  /**
   * The closing mark is also the apostrophe (’) or the opening one is also a low comma: a scanner
   * must only take such a pair as quotation marks when the opening mark starts a word and the
   * closing one ends one ("it’s" is no quotation).
   */
  ambiguous: boolean;
}

/** Opening → closing quotation marks, for scanners that find quotations in prose. */
export const QUOTE_MARK_PAIRS: readonly QuoteMarkPair[] = [
  { open: '\u201C', close: '\u201D', ambiguous: false }, // “ ”
  { open: '"', close: '"', ambiguous: false },
  { open: '\u2018', close: '\u2019', ambiguous: true }, // ‘ ’
  { open: '\u00AB', close: '\u00BB', ambiguous: false }, // « »
  { open: '\u201E', close: '\u201C', ambiguous: false }, // „ “
  { open: '\u201E', close: '\u201D', ambiguous: false }, // „ ”
  { open: '\u201A', close: '\u2018', ambiguous: true }, // ‚ ‘
];
