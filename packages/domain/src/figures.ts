import { MONTH_ABBREVIATIONS, MONTH_NAMES } from './calendar.ts';
import type { FigureQualifier } from './entities.ts';

/**
 * Figures as printed ("about 70%", "up to 49,000", "nearly a decade", "$1.2bn", "two-thirds")
 * turned into value + unit + qualifier, found in prose with exact offsets, and compared allowing
 * the rounding the printing implies. See docs/decisions/012-figure-mentions.md and
 * docs/decisions/013-figure-agreement.md.
 */

export interface ParsedFigure {
  value: number;
  /** The upper bound when the qualifier is "range"; otherwise null. */
  valueMax: number | null;
  /** "percent", "count", "currency:USD", "year" (a calendar year), "duration:year", … */
  unit: string;
  qualifier: FigureQualifier;
}

export interface FigureMention extends ParsedFigure {
  /** Offsets of the printed figure, qualifier and unit words included, in UTF-16 code units. */
  start: number;
  end: number;
  /** `text.slice(start, end)` of the scanned text. */
  text: string;
}

export interface FigureScanOptions {
  /** The currency a bare "$" means (ISO code). Defaults to "USD"; a Canadian outlet may pass "CAD". */
  dollarCurrency?: string;
}

// ---------------------------------------------------------------------------------------------
// Lexer: numbers (with their digit grouping), words (with inner hyphens and apostrophes), and
// single other characters. White space only sets `spaced` on the next token.

interface Token {
  kind: 'number' | 'word' | 'symbol';
  text: string;
  /** Lower case, apostrophes folded; for numbers the digits without group separators. */
  lower: string;
  start: number;
  end: number;
  /** White space stands between this token and the previous one (or this is the first). */
  spaced: boolean;
}

const LEXEME =
  /(\s+)|(\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d{1,3}(?:[ \u00A0\u2009\u202F\u2007]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)|([\p{L}\p{M}]+(?:['\u2019\-\u2010\u2011][\p{L}\p{M}]+)*)|([\s\S])/uy;

/** The end of a word of ASCII letters at `index` that nothing can continue, or undefined. */
function asciiWordEnd(text: string, index: number): number | undefined {
  let end = index;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end) | 0x20; // folds upper case onto lower case
    if (code < 0x61 || code > 0x7a) break;
  }
  if (end === index) return undefined;
  if (end === text.length) return end;
  const next = text.charCodeAt(end);
  // A non-ASCII letter or mark, an apostrophe or a hyphen may go on; a digit may not follow a
  // word inside one lexeme either way.
  if (next >= 0x80 || next === 0x27 || next === 0x2d) return undefined;
  return end;
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let spaced = true;
  while (index < text.length) {
    // The common cases without the Unicode expression: one space, and a word of ASCII letters
    // followed by ASCII that cannot continue it.
    const code = text.charCodeAt(index);
    if (code === 0x20) {
      spaced = true;
      index++;
      continue;
    }
    const wordEnd = asciiWordEnd(text, index);
    if (wordEnd !== undefined) {
      const lexeme = text.slice(index, wordEnd);
      const lower = lexeme.toLowerCase();
      tokens.push({ kind: 'word', text: lexeme, lower, start: index, end: wordEnd, spaced });
      spaced = false;
      index = wordEnd;
      continue;
    }
    LEXEME.lastIndex = index;
    const match = LEXEME.exec(text);
    if (!match) break; // unreachable: the last alternative matches any character
    const lexeme = match[0];
    const end = index + lexeme.length;
    if (match[1] !== undefined) {
      spaced = true;
    } else if (match[2] !== undefined) {
      const lower = lexeme.replace(/[, \u00A0\u2009\u202F\u2007]/g, '');
      tokens.push({ kind: 'number', text: lexeme, lower, start: index, end, spaced });
      spaced = false;
    } else if (match[3] !== undefined) {
      const lower = lexeme
        .toLowerCase()
        .replace(/\u2019/g, "'")
        .replace(/[\u2010\u2011]/g, '-');
      tokens.push({ kind: 'word', text: lexeme, lower, start: index, end, spaced });
      spaced = false;
    } else {
      tokens.push({ kind: 'symbol', text: lexeme, lower: lexeme, start: index, end, spaced });
      spaced = false;
    }
    index = end;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const QUALIFIER_PHRASES: ReadonlyArray<readonly [readonly string[], FigureQualifier]> = (
  [
    [['about'], 'about'],
    [['around'], 'about'],
    [['roughly'], 'about'],
    [['some'], 'about'],
    [['approximately'], 'about'],
    [['approx'], 'about'],
    [['circa'], 'about'],
    [['an', 'estimated'], 'about'],
    [['estimated'], 'about'],
    [['nearly'], 'nearly'],
    [['almost'], 'nearly'],
    [['close', 'to'], 'nearly'],
    [['just', 'under'], 'nearly'],
    [['just', 'shy', 'of'], 'nearly'],
    [['not', 'quite'], 'nearly'],
    [['up', 'to'], 'up-to'],
    [['at', 'most'], 'up-to'],
    [['as', 'many', 'as'], 'up-to'],
    [['as', 'much', 'as'], 'up-to'],
    [['no', 'more', 'than'], 'up-to'],
    [['not', 'more', 'than'], 'up-to'],
    [['a', 'maximum', 'of'], 'up-to'],
    [['at', 'least'], 'at-least'],
    [['no', 'fewer', 'than'], 'at-least'],
    [['no', 'less', 'than'], 'at-least'],
    [['a', 'minimum', 'of'], 'at-least'],
    [['more', 'than'], 'more-than'],
    [['over'], 'more-than'],
    [['just', 'over'], 'more-than'],
    [['well', 'over'], 'more-than'],
    [['above'], 'more-than'],
    [['in', 'excess', 'of'], 'more-than'],
    [['upwards', 'of'], 'more-than'],
    [['greater', 'than'], 'more-than'],
    [['exceeding'], 'more-than'],
    [['fewer', 'than'], 'less-than'],
    [['less', 'than'], 'less-than'],
    [['under'], 'less-than'],
    [['well', 'under'], 'less-than'],
    [['below'], 'less-than'],
  ] as Array<[string[], FigureQualifier]>
).sort((a, b) => b[0].length - a[0].length);

/** Words a figure may start with, besides number words: qualifiers, "between", "a", "half". */
const FIRST_WORDS = new Set([
  ...QUALIFIER_PHRASES.map(([words]) => words[0] ?? ''),
  'between',
  'from',
  'a',
  'an',
  'half',
]);

const SMALL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
]);
const TENS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
]);
const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
  ['mn', 1e6],
  ['mln', 1e6],
  ['bn', 1e9],
  ['bln', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
]);
/** Suffixes printed right after the digits: "49k", "1.2m", "$1.2bn". */
const SCALE_SUFFIXES: ReadonlyMap<string, number> = new Map([
  ['k', 1e3],
  ['K', 1e3],
  ['m', 1e6],
  ['M', 1e6],
  ['mn', 1e6],
  ['mln', 1e6],
  ['bn', 1e9],
  ['b', 1e9],
  ['B', 1e9],
  ['bln', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
]);
const FRACTION_WORDS: ReadonlyMap<string, { denominator: number; plural: boolean }> = new Map([
  ['half', { denominator: 2, plural: false }],
  ['halves', { denominator: 2, plural: true }],
  ['third', { denominator: 3, plural: false }],
  ['thirds', { denominator: 3, plural: true }],
  ['quarter', { denominator: 4, plural: false }],
  ['quarters', { denominator: 4, plural: true }],
  ['fifth', { denominator: 5, plural: false }],
  ['fifths', { denominator: 5, plural: true }],
  ['tenth', { denominator: 10, plural: false }],
  ['tenths', { denominator: 10, plural: true }],
]);
/** Duration words → [unit, multiplier]. */
const DURATION_WORDS: ReadonlyMap<string, readonly [string, number]> = new Map([
  ['year', ['duration:year', 1]],
  ['years', ['duration:year', 1]],
  ['decade', ['duration:year', 10]],
  ['decades', ['duration:year', 10]],
  ['century', ['duration:year', 100]],
  ['centuries', ['duration:year', 100]],
  ['month', ['duration:month', 1]],
  ['months', ['duration:month', 1]],
  ['week', ['duration:week', 1]],
  ['weeks', ['duration:week', 1]],
  ['day', ['duration:day', 1]],
  ['days', ['duration:day', 1]],
  ['hour', ['duration:hour', 1]],
  ['hours', ['duration:hour', 1]],
  ['minute', ['duration:minute', 1]],
  ['minutes', ['duration:minute', 1]],
]);
/** Durations that are a figure even after a bare "a": "a decade" (but not "once a year"). */
const LONG_DURATIONS = new Set(['decade', 'century']);
const CURRENCY_SYMBOLS: ReadonlyMap<string, string | null> = new Map([
  ['$', null], // the scan's dollar currency
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['¥', 'CNY'],
  ['₹', 'INR'],
]);
/** Letters printed right before "$": "US$", "C$", "HK$". */
const DOLLAR_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['us', 'USD'],
  ['u.s.', 'USD'],
  ['c', 'CAD'],
  ['ca', 'CAD'],
  ['can', 'CAD'],
  ['cdn', 'CAD'],
  ['a', 'AUD'],
  ['au', 'AUD'],
  ['nz', 'NZD'],
  ['hk', 'HKD'],
  ['s', 'SGD'],
]);
const CURRENCY_CODES = new Set([
  'USD',
  'CAD',
  'EUR',
  'GBP',
  'CNY',
  'JPY',
  'AUD',
  'HKD',
  'CHF',
  'INR',
]);
const CURRENCY_WORDS: ReadonlyMap<string, string | null> = new Map([
  ['dollars', null],
  ['dollar', null],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['yuan', 'CNY'],
  ['renminbi', 'CNY'],
  ['rmb', 'CNY'],
  ['yen', 'JPY'],
  ['pounds', 'GBP'],
  ['pound', 'GBP'],
  ['sterling', 'GBP'],
]);
const DOLLAR_ADJECTIVES: ReadonlyMap<string, string> = new Map([
  ['canadian', 'CAD'],
  ['us', 'USD'],
  ['american', 'USD'],
  ['australian', 'AUD'],
  ['hong', 'HKD'],
]);
const MONTHS = new Set([...MONTH_NAMES, ...MONTH_ABBREVIATIONS]);
const OPENING_MARKS = new Set(['(', '[', '"', "'", '\u201C', '\u2018', '\u201E', '\u00AB']);
/** Words after which "over" a duration means "more than": "for over a decade". */
const OVER_AS_MORE_THAN_AFTER = new Set([
  'for',
  'in',
  'after',
  'of',
  'lasted',
  'lasting',
  'took',
  'spent',
  'than',
]);
/** "multibillion", "multi-million", "multibillion-dollar". */
const MULTIPLE = /^multi-?(million|billion|trillion)(?:-(dollar|pound|euro))?$/;
const DETERMINERS = new Set([
  'the',
  'these',
  'those',
  'its',
  'their',
  'our',
  'his',
  'her',
  'my',
  'your',
]);
const DASH_SYMBOLS = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014']);
const PERCENT_SIGNS = new Set(['%', '\uFF05']);
const EARLIEST_YEAR = 1000;
const LATEST_YEAR = 2199;
/** The most tokens one figure may span; bounds the work per position, so scanning stays linear. */
const MAX_NUMBER_WORDS = 12;

// ---------------------------------------------------------------------------------------------
// Parser

/** A number as read, before the scale words and units that may follow it. */
interface NumberReading {
  value: number;
  scale: number | null;
  unit: string | null;
  fraction: boolean;
  bareOne: boolean;
  yearLike: boolean;
  /** Printed with digits (not words); `digits` holds them without group separators. */
  numeral: boolean;
  digits?: string;
  /** A number word under twenty: "two", "twelve" (not a figure after "the": "the two sides"). */
  smallWord?: boolean;
  /** The word itself bounds the value: "multibillion" is at least two billion. */
  impliedQualifier?: FigureQualifier;
  next: number;
}

/** A quantity before qualifiers and ranges: "$1.2bn", "forty-nine thousand", "70 per cent". */
type Quantity = NumberReading;

interface Resolved {
  value: number;
  unit: string;
  next: number;
}

interface Parsed extends ParsedFigure {
  first: number;
  next: number;
}

class FigureParser {
  private readonly tokens: Token[];
  private readonly dollar: string;

  /** Numbers chained by hyphens three or more times: "2026-01-16", "1-800-555-0199". */
  private readonly inNumberChain: ReadonlySet<number>;

  constructor(tokens: Token[], dollar: string) {
    this.tokens = tokens;
    this.dollar = dollar;
    this.inNumberChain = numberChains(tokens);
  }

  private word(index: number): string | null {
    const token = this.tokens[index];
    return token?.kind === 'word' ? token.lower : null;
  }

  private symbol(index: number): string | null {
    const token = this.tokens[index];
    return token?.kind === 'symbol' ? token.text : null;
  }

  private glued(index: number): boolean {
    const token = this.tokens[index];
    return token !== undefined && !token.spaced;
  }

  /** A cheap test that lets the scan skip tokens no figure can start with (most of them). */
  canStartAt(index: number): boolean {
    const token = this.tokens[index];
    if (!token) return false;
    if (token.kind === 'number') return true;
    if (token.kind === 'symbol') return CURRENCY_SYMBOLS.has(token.text);
    const word = token.lower;
    if (FIRST_WORDS.has(word) || SMALL_NUMBERS.has(word) || TENS.has(word)) return true;
    if (DOLLAR_PREFIXES.has(word) || CURRENCY_CODES.has(token.text)) return true;
    const dash = word.indexOf('-');
    const head = dash < 0 ? word : word.slice(0, dash);
    return SMALL_NUMBERS.has(head) || TENS.has(head) || head.startsWith('multi');
  }

  /** Tries to read a figure whose first token is `first`. */
  parseAt(first: number): Parsed | null {
    let index = first;
    let qualifier: FigureQualifier | null = null;
    let between = false;
    let from = false;
    let overAlone = false;
    const lead = this.word(index);
    if (lead === 'between') {
      between = true;
      index++;
    } else if (lead === 'from') {
      from = true;
      index++;
    } else {
      const phrase = this.qualifierAt(index);
      if (phrase) {
        qualifier = phrase.qualifier;
        index = phrase.next;
        overAlone = phrase.words.length === 1 && phrase.words[0] === 'over';
      }
    }

    const low = this.quantityAt(index, qualifier !== null);
    if (!low) return null;
    index = low.next;

    // Ranges: "between 3 and 5", "3–5%", "3 to 5 per cent", "from 2020 to 2025".
    const joiner = this.word(index) ?? this.symbol(index);
    const isJoiner =
      (between && joiner === 'and') ||
      (!between && joiner === 'to') ||
      (!between && joiner !== null && DASH_SYMBOLS.has(joiner) && low.numeral);
    if (isJoiner) {
      const high = this.quantityAt(index + 1, true);
      if (high && (joiner === 'and' || joiner === 'to' || high.numeral)) {
        const range = this.combineRange(low, high);
        // "rose from 3% to 5%" is a change between two figures; "from 2020 to 2025" is a period.
        const change = joiner === 'to' && (from || this.word(first - 1) === 'from');
        if (range && !(change && range.unit !== 'year')) {
          const { value, valueMax, unit } = range;
          return { value, valueMax, unit, qualifier: 'range', first, next: high.next };
        }
      }
    }
    if (between || from) return null;
    if (isJoiner && this.isScore(index)) return null;

    if (qualifier === null && low.smallWord && this.afterDeterminer(first)) {
      return null;
    }
    if (
      qualifier === null &&
      low.numeral &&
      low.unit === null &&
      low.scale === null &&
      this.afterName(first)
    ) {
      return null;
    }
    const single = this.resolve(low, qualifier !== null);
    if (!single) return null;
    if (overAlone && single.unit.startsWith('duration:') && this.overMeansDuring(first)) {
      return null; // the scan goes on and reads the duration alone
    }
    let next = single.next;
    // Qualifiers printed after the number: "49,000 or so", "70% or more", "49,000-plus".
    if (qualifier === null) {
      const after = this.postfixQualifierAt(next);
      if (after) {
        qualifier = after.qualifier;
        next = after.next;
      }
    }
    const stated = qualifier ?? low.impliedQualifier ?? 'exact';
    return {
      value: single.value,
      valueMax: null,
      unit: single.unit,
      qualifier: stated,
      first,
      next,
    };
  }

  /** A hyphen at `dash` glued between two plain numbers: "3-2" (a range would have been read first). */
  private isScore(dash: number): boolean {
    const low = this.tokens[dash - 1];
    const hyphen = this.tokens[dash];
    const high = this.tokens[dash + 1];
    return (
      low?.kind === 'number' &&
      hyphen?.kind === 'symbol' &&
      DASH_SYMBOLS.has(hyphen.text) &&
      !hyphen.spaced &&
      high?.kind === 'number' &&
      !high.spaced &&
      /^\d{1,3}$/.test(low.text) &&
      /^\d{1,3}$/.test(high.text) &&
      Number(high.text) <= Number(low.text)
    );
  }

  /** "the two sides", a small number word after a determiner names, it does not count. */
  private afterDeterminer(index: number): boolean {
    const before = this.word(index - 1);
    return before !== null && DETERMINERS.has(before);
  }

  /**
   * "Section 232", "Boeing 737", "Max 8": a number right after a capitalised word inside a sentence
   * is part of a name. Possessives ("Canada’s 41 million") and month names are not names.
   */
  private afterName(index: number): boolean {
    const name = this.tokens[index - 1];
    const number = this.tokens[index];
    if (name?.kind !== 'word' || !number?.spaced) return false;
    const initial = name.text[0] ?? '';
    if (initial === initial.toLowerCase()) return false;
    if (MONTHS.has(name.lower) || name.lower.endsWith("'s")) return false;
    const before = this.tokens[index - 2];
    if (!before) return false; // the name starts the text: a sentence start
    return before.kind === 'word' || before.kind === 'number' || before.text === ',';
  }

  /** "worth C$3bn over five years": "over" a duration is "during", unless "for over", "in over"… */
  private overMeansDuring(overIndex: number): boolean {
    const before = this.word(overIndex - 1);
    return before !== null && !OVER_AS_MORE_THAN_AFTER.has(before);
  }

  private qualifierAt(
    index: number,
  ): { qualifier: FigureQualifier; next: number; words: readonly string[] } | null {
    for (const [words, qualifier] of QUALIFIER_PHRASES) {
      let matched = true;
      for (let offset = 0; offset < words.length; offset++) {
        if (this.word(index + offset) !== words[offset]) {
          matched = false;
          break;
        }
      }
      if (!matched) continue;
      let next = index + words.length;
      // "approx." and "c." carry a full stop.
      if (words[0] === 'approx' && this.symbol(next) === '.' && this.glued(next)) next++;
      return { qualifier, next, words };
    }
    return null;
  }

  private postfixQualifierAt(index: number): { qualifier: FigureQualifier; next: number } | null {
    const first = this.word(index);
    const second = this.word(index + 1);
    if (first === 'or' && second === 'so') return { qualifier: 'about', next: index + 2 };
    if (first === 'or' && second === 'more') return { qualifier: 'at-least', next: index + 2 };
    if (first === 'or' && (second === 'fewer' || second === 'less')) {
      return { qualifier: 'up-to', next: index + 2 };
    }
    if (this.symbol(index) === '+' && this.glued(index))
      return { qualifier: 'at-least', next: index + 1 };
    if (
      this.symbol(index) !== null &&
      DASH_SYMBOLS.has(this.symbol(index) ?? '') &&
      this.glued(index) &&
      this.word(index + 1) === 'plus' &&
      this.glued(index + 1)
    ) {
      return { qualifier: 'at-least', next: index + 2 };
    }
    return null;
  }

  /** Reads currency, number (digits or words), scale and unit starting at `index`. */
  private quantityAt(index: number, qualified: boolean): Quantity | null {
    let currency: string | null = null;
    let position = index;
    const symbol = this.symbol(position);
    const word = this.word(position);
    if (symbol !== null && CURRENCY_SYMBOLS.has(symbol)) {
      currency = CURRENCY_SYMBOLS.get(symbol) ?? this.dollar;
      position++;
    } else if (
      word !== null &&
      DOLLAR_PREFIXES.has(word) &&
      this.symbol(position + 1) === '$' &&
      this.glued(position + 1)
    ) {
      currency = DOLLAR_PREFIXES.get(word) ?? null;
      position += 2;
    } else if (
      this.tokens[position]?.kind === 'word' &&
      CURRENCY_CODES.has(this.tokens[position]?.text ?? '') &&
      this.tokens[position + 1]?.kind === 'number'
    ) {
      currency = this.tokens[position]?.text ?? null;
      position++;
    }
    if (currency !== null && this.tokens[position]?.kind !== 'number') return null;

    const number =
      this.tokens[position]?.kind === 'number'
        ? this.numeralAt(position)
        : this.numberWordsAt(position, qualified);
    if (!number) return null;
    position = number.next;

    let { value } = number;
    let scale = number.scale;
    let unit: string | null = number.unit;
    if (currency !== null) unit = `currency:${currency}`;

    // A scale word: "1.2 million", "$3 billion", "half a million".
    // "$1.2-billion", as Canadian papers print it.
    const hyphenatedScale =
      DASH_SYMBOLS.has(this.symbol(position) ?? '') &&
      this.glued(position) &&
      this.glued(position + 1) &&
      (this.word(position + 1)?.length ?? 0) > 3;
    const scaleAt = hyphenatedScale ? position + 1 : position;
    const scaleWord = this.word(scaleAt);
    if (scale === null && scaleWord !== null && SCALE_WORDS.has(scaleWord)) {
      scale = SCALE_WORDS.get(scaleWord) ?? 1;
      value = number.digits === undefined ? value * scale : scaleDecimal(number.digits, scale);
      position = scaleAt + 1;
    }

    // "a quarter of a century", "two-thirds of a million"
    if (
      number.fraction &&
      this.word(position) === 'of' &&
      (this.word(position + 1) === 'a' || this.word(position + 1) === 'an')
    ) {
      const whole = this.word(position + 2) ?? '';
      const duration = DURATION_WORDS.get(whole);
      const wholeScale = whole.length > 3 ? SCALE_WORDS.get(whole) : undefined;
      if (duration || wholeScale !== undefined) {
        value = round2(value * (duration ? duration[1] : (wholeScale ?? 1)));
        unit = duration ? duration[0] : null;
        scale = wholeScale ?? null;
        position += 3;
        return {
          value,
          scale,
          unit,
          fraction: false,
          bareOne: false,
          yearLike: false,
          numeral: false,
          next: position,
        };
      }
    }

    if (unit === null || number.fraction) {
      const suffix = this.unitAt(position);
      if (suffix) {
        if (number.fraction && suffix.unit === 'percent') {
          // "two-thirds per cent" is not English; leave the percent sign alone.
        } else {
          value *= suffix.multiplier;
          unit = suffix.unit;
          position = suffix.next;
        }
      }
    }
    if (!Number.isFinite(value)) return null;
    const fraction = number.fraction && scale === null && (unit === null || unit === 'fraction');
    return {
      value,
      scale,
      unit: fraction ? 'fraction' : unit,
      fraction,
      bareOne: number.bareOne && scale === null && unit === null,
      yearLike: number.yearLike && scale === null && unit === null,
      numeral: number.numeral,
      digits: scale === null ? number.digits : undefined,
      smallWord: number.smallWord === true && scale === null && unit === null,
      impliedQualifier: number.impliedQualifier,
      next: position,
    };
  }

  /** A number printed in digits, with what is glued to it. Null for dates, times, ordinals, codes. */
  private numeralAt(index: number): NumberReading | null {
    const token = this.tokens[index];
    if (token?.kind !== 'number') return null;
    const before = this.tokens[index - 1];
    if (before && !token.spaced) {
      // "G7", "COVID-19", "24/7", "3:30", "v1.2".
      if (before.kind === 'word' || before.kind === 'number') return null;
      if ('/:.,'.includes(before.text)) return null;
      if (DASH_SYMBOLS.has(before.text)) {
        const beforeDash = this.tokens[index - 2];
        if (beforeDash && !before.spaced && beforeDash.kind === 'word') return null;
        // The second number of "3-2": had the two made a range, the scan would have read both.
        if (beforeDash?.kind === 'number' && !before.spaced && this.isScore(index - 1)) return null;
      }
    }
    // "0199", "007": a leading zero makes a code, not a quantity ("0.5" is a quantity).
    if (/^0\d/.test(token.lower)) return null;
    let value = Number(token.lower);
    if (!Number.isFinite(value)) return null;
    let next = index + 1;
    let scale: number | null = null;
    let unit: string | null = null;
    const after = this.tokens[next];
    if (after && !after.spaced) {
      if (after.kind === 'word') {
        if (SCALE_SUFFIXES.has(after.text) || SCALE_WORDS.has(after.lower)) {
          scale = SCALE_SUFFIXES.get(after.text) ?? SCALE_WORDS.get(after.lower) ?? 1;
          value = scaleDecimal(token.lower, scale);
          next++;
        } else if (after.lower === 'pc' || after.lower === 'pct') {
          unit = 'percent';
          next++;
        } else {
          return null; // "5th", "3pm", "1990s", "5G", "10km"
        }
      } else if (after.kind === 'symbol') {
        const following = this.tokens[next + 1];
        const followingGlued = following !== undefined && !following.spaced;
        if (
          (after.text === ':' || after.text === '/' || after.text === '.') &&
          followingGlued &&
          following.kind === 'number'
        ) {
          return null; // "3:30", "1/16/2026", "1.2.3"
        }
      }
    }
    if (unit === null && (this.isTimeOrDate(index, next) || this.inNumberChain.has(index))) {
      return null;
    }
    const yearLike =
      scale === null &&
      unit === null &&
      /^\d{4}$/.test(token.text) &&
      value >= EARLIEST_YEAR &&
      value <= LATEST_YEAR;
    return {
      value,
      scale,
      unit,
      fraction: false,
      bareOne: false,
      yearLike,
      numeral: true,
      digits: token.lower,
      next,
    };
  }

  /** "3 p.m.", "10 am", "March 3", "3 March": the number is part of a time or a date. */
  private isTimeOrDate(index: number, next: number): boolean {
    const token = this.tokens[index];
    if (!token) return false;
    const after = this.word(next);
    if (after === 'am' || after === 'pm' || after === "o'clock") return true;
    if (
      (after === 'a' || after === 'p') &&
      this.symbol(next + 1) === '.' &&
      this.word(next + 2) === 'm'
    ) {
      return true;
    }
    const isDay =
      /^\d{1,2}$/.test(token.text) && Number(token.text) >= 1 && Number(token.text) <= 31;
    if (!isDay) return false;
    // "Jan. 28": an abbreviated month with its full stop.
    const abbreviated = this.symbol(index - 1) === '.' && this.isMonthName(index - 2);
    return abbreviated || this.isMonthName(index - 1) || this.isMonthName(next);
  }

  private isMonthName(index: number): boolean {
    const token = this.tokens[index];
    if (token?.kind !== 'word') return false;
    const first = token.text[0] ?? '';
    return MONTHS.has(token.lower) && first !== first.toLowerCase();
  }

  /** Number words: "twelve", "forty-nine thousand", "a dozen", "two-thirds", "a decade". */
  private numberWordsAt(index: number, qualified: boolean): NumberReading | null {
    let position = index;
    let total = 0;
    let current = 0;
    let words = 0;
    let bareOne = false;
    let scale: number | null = null;
    const start = this.word(position);
    if (start === null) return null;

    // Hyphenated fractions and durations: "two-thirds", "one-third", "ten-year".
    const hyphenated = this.hyphenatedAt(position);
    if (hyphenated) return hyphenated;

    if (start === 'a' || start === 'an') {
      const head = this.word(position + 1);
      if (head === null) return null;
      if (head === 'dozen' || head === 'hundred' || SCALE_WORDS.has(head)) {
        current = 1;
        position++;
        words++;
      } else if (FRACTION_WORDS.has(head)) {
        return this.fractionAt(position + 1, 1, qualified);
      } else if (DURATION_WORDS.has(head)) {
        if (!qualified && !LONG_DURATIONS.has(head)) return null;
        const [unit, multiplier] = DURATION_WORDS.get(head) ?? ['count', 1];
        return {
          value: multiplier,
          scale: null,
          unit,
          fraction: false,
          bareOne: false,
          yearLike: false,
          numeral: false,
          next: position + 2,
        };
      } else {
        return null;
      }
    }
    if (start === 'half') return this.fractionAt(position, 1, qualified);
    const multiple = MULTIPLE.exec(start);
    if (multiple) {
      // "a multibillion dollar sector", "multimillion-pound": at least two of the scale.
      const multipleScale = SCALE_WORDS.get(multiple[1] ?? '') ?? 1;
      const currencyWord = multiple[2];
      const currency =
        currencyWord === undefined ? null : (CURRENCY_WORDS.get(`${currencyWord}s`) ?? this.dollar);
      return {
        value: 2 * multipleScale,
        scale: multipleScale,
        unit: currency === null ? null : `currency:${currency}`,
        fraction: false,
        bareOne: false,
        yearLike: false,
        numeral: false,
        impliedQualifier: 'at-least',
        next: position + 1,
      };
    }

    let endOfNumber = position;
    let numberWords = 0;
    while (words < MAX_NUMBER_WORDS) {
      const word = this.word(position);
      if (word === null) break;
      const small = SMALL_NUMBERS.get(word) ?? compoundNumber(word);
      if (small !== null && small !== undefined) {
        const fitsAfter =
          current === 0 ||
          (current % 100 === 0 && small < 100) ||
          (current % 10 === 0 && current % 100 >= 20 && small < 10);
        if (!fitsAfter) break;
        current += small;
      } else if (TENS.has(word)) {
        const tens = TENS.get(word) ?? 0;
        if (!(current === 0 || current % 100 === 0)) break;
        current += tens;
      } else if (word === 'hundred' && words > 0 && current > 0 && current < 100) {
        current *= 100;
      } else if (word === 'dozen' && words > 0 && current > 0) {
        current *= 12;
      } else if (SCALE_WORDS.has(word) && words > 0 && word.length > 3 && current > 0) {
        const wordScale = SCALE_WORDS.get(word) ?? 1;
        total += current * wordScale;
        scale = wordScale;
        current = 0;
      } else if (
        word === 'and' &&
        ((current > 0 && current % 100 === 0) || (current === 0 && total > 0)) &&
        (SMALL_NUMBERS.has(this.word(position + 1) ?? '') ||
          TENS.has(this.word(position + 1) ?? '') ||
          compoundNumber(this.word(position + 1) ?? '') !== null)
      ) {
        // "two hundred and fifty"
      } else {
        break;
      }
      position++;
      words++;
      if (word !== 'and') {
        endOfNumber = position;
        numberWords++;
      }
    }
    if (numberWords === 0) return null;
    position = endOfNumber; // never end on "and"
    const value = total + current;
    if (start === 'one' && numberWords === 1) bareOne = true;
    const smallWord = numberWords === 1 && scale === null && value < 20;
    if (start === 'a' || start === 'an') bareOne = false;

    // A fraction after the number: "two thirds", "three quarters".
    const fractionWord = this.word(position);
    if (scale === null && fractionWord !== null && FRACTION_WORDS.has(fractionWord)) {
      return this.fractionAt(position, value, qualified);
    }
    return {
      value,
      scale,
      unit: null,
      fraction: false,
      bareOne,
      yearLike: false,
      numeral: false,
      smallWord,
      next: position,
    };
  }

  private hyphenatedAt(index: number): NumberReading | null {
    const word = this.word(index);
    if (word === null || !word.includes('-')) return null;
    const parts = word.split('-');
    const [head, tail, ...rest] = parts;
    if (head === undefined || tail === undefined) return null;
    const numerator = SMALL_NUMBERS.get(head) ?? TENS.get(head) ?? null;
    if (numerator === null) return null;
    const fraction = FRACTION_WORDS.get(tail);
    if (fraction && rest.length === 0) {
      if (!fraction.plural && numerator !== 1) return null;
      return {
        value: numerator / fraction.denominator,
        scale: null,
        unit: 'fraction',
        fraction: true,
        bareOne: false,
        yearLike: false,
        numeral: false,
        next: index + 1,
      };
    }
    // "ten-year", "forty-nine-year-old"
    const compound = compoundNumber(`${head}-${tail}`);
    const [durationWord, ...afterDuration] = compound === null ? [tail, ...rest] : rest;
    const duration = durationWord === undefined ? undefined : DURATION_WORDS.get(durationWord);
    const value = compound ?? numerator;
    if (compound !== null && durationWord === undefined) {
      return {
        value,
        scale: null,
        unit: null,
        fraction: false,
        bareOne: false,
        yearLike: false,
        numeral: false,
        next: index + 1,
      };
    }
    if (!duration || afterDuration.some((part) => part !== 'old')) return null;
    return {
      value: value * duration[1],
      scale: null,
      unit: duration[0],
      fraction: false,
      bareOne: false,
      yearLike: false,
      numeral: false,
      next: index + 1,
    };
  }

  /**
   * A fraction word at `index` with the numerator already read: "a third of", "two-thirds",
   * "half a million", "half an hour". A lone singular fraction needs "of" after it or a
   * qualifier before it: "the third quarter" is no figure.
   */
  private fractionAt(index: number, numerator: number, qualified: boolean): NumberReading | null {
    const word = this.word(index);
    const fraction = word === null ? undefined : FRACTION_WORDS.get(word);
    if (!fraction) return null;
    const value = numerator / fraction.denominator;
    const after = this.word(index + 1);
    // "half a million", "half an hour", "half a decade"
    if ((after === 'a' || after === 'an') && word === 'half') {
      const head = this.word(index + 2) ?? '';
      const scale = SCALE_WORDS.get(head);
      if (scale !== undefined && head.length > 3) {
        return {
          value: value * scale,
          scale,
          unit: null,
          fraction: false,
          bareOne: false,
          yearLike: false,
          numeral: false,
          next: index + 3,
        };
      }
      const duration = DURATION_WORDS.get(head);
      if (duration) {
        return {
          value: value * duration[1],
          scale: null,
          unit: duration[0],
          fraction: false,
          bareOne: false,
          yearLike: false,
          numeral: false,
          next: index + 3,
        };
      }
    }
    // The text ends with it: parseFigure("a third"), parseFigure("half").
    const atEnd = index + 1 >= this.tokens.length;
    const standsAsShare =
      fraction.plural ||
      qualified ||
      atEnd ||
      after === 'of' ||
      (word === 'half' && after === 'the');
    if (!standsAsShare) return null;
    return {
      value,
      scale: null,
      unit: 'fraction',
      fraction: true,
      bareOne: false,
      yearLike: false,
      numeral: false,
      next: index + 1,
    };
  }

  /** A unit after the number: "%", "per cent", "percent", "years", "dollars", "-year". */
  private unitAt(index: number): { unit: string; multiplier: number; next: number } | null {
    const symbol = this.symbol(index);
    if (symbol !== null && PERCENT_SIGNS.has(symbol)) {
      return { unit: 'percent', multiplier: 1, next: index + 1 };
    }
    // "10-year", "49-day": the hyphen and the unit are glued to the number.
    if (symbol !== null && DASH_SYMBOLS.has(symbol) && this.glued(index) && this.glued(index + 1)) {
      const glued = this.word(index + 1);
      if (glued !== null) {
        const [first, ...rest] = glued.split('-');
        const duration = first === undefined ? undefined : DURATION_WORDS.get(first);
        if (duration && rest.every((part) => part === 'old')) {
          return { unit: duration[0], multiplier: duration[1], next: index + 2 };
        }
        if (glued === 'per-cent' || glued === 'percent') {
          return { unit: 'percent', multiplier: 1, next: index + 2 };
        }
      }
      return null;
    }
    const word = this.word(index);
    if (word === null) return null;
    if (word === 'percentage') {
      const points = this.word(index + 1);
      if (points === 'point' || points === 'points') {
        return { unit: 'percentagepoint', multiplier: 1, next: index + 2 };
      }
    }
    if (word === 'percent' || word === 'pct')
      return { unit: 'percent', multiplier: 1, next: index + 1 };
    if (word === 'per' && this.word(index + 1) === 'cent') {
      return { unit: 'percent', multiplier: 1, next: index + 2 };
    }
    const duration = DURATION_WORDS.get(word);
    if (duration) return { unit: duration[0], multiplier: duration[1], next: index + 1 };
    if (CURRENCY_WORDS.has(word)) {
      const code = CURRENCY_WORDS.get(word) ?? this.dollar;
      return { unit: `currency:${code}`, multiplier: 1, next: index + 1 };
    }
    const adjective = DOLLAR_ADJECTIVES.get(word);
    if (adjective !== undefined) {
      const nextWord = this.word(index + 1);
      if (nextWord === 'dollars' || nextWord === 'dollar') {
        return { unit: `currency:${adjective}`, multiplier: 1, next: index + 2 };
      }
      if (
        word === 'hong' &&
        this.word(index + 1) === 'kong' &&
        this.word(index + 2) === 'dollars'
      ) {
        return { unit: 'currency:HKD', multiplier: 1, next: index + 3 };
      }
    }
    return null;
  }

  private combineRange(low: Quantity, high: Quantity): Omit<ParsedFigure, 'qualifier'> | null {
    let lowValue = low.value;
    const highUnit = high.fraction ? 'percent' : (high.unit ?? (high.yearLike ? 'year' : 'count'));
    let unit = low.fraction ? 'percent' : (low.unit ?? (low.yearLike ? 'year' : 'count'));
    let highValue = high.fraction ? round2(high.value * 100) : high.value;
    if (low.fraction) lowValue = round2(lowValue * 100);
    // "3 to 5 million": the scale and unit printed once apply to both ends.
    if (low.scale === null && high.scale !== null && low.unit === null) {
      lowValue =
        low.digits === undefined ? lowValue * high.scale : scaleDecimal(low.digits, high.scale);
    }
    if (low.unit === null && !low.yearLike && !low.fraction) unit = highUnit;
    if (low.yearLike && high.yearLike) unit = 'year';
    if (low.yearLike && !high.yearLike && high.unit === null && high.value < 100) {
      // "2025–26"
      highValue = Math.floor(lowValue / 100) * 100 + high.value;
      unit = 'year';
    }
    if (unit !== highUnit && !(unit === 'year' && high.unit === null)) return null;
    if (!(highValue > lowValue)) return null;
    if (!Number.isFinite(lowValue) || !Number.isFinite(highValue)) return null;
    return { value: lowValue, valueMax: highValue, unit };
  }

  /** The figure a quantity states on its own, and the token after it. */
  private resolve(quantity: Quantity, qualified: boolean): Resolved | null {
    const share = this.oneInAt(quantity);
    if (share) return share;
    if (quantity.bareOne && !qualified) return null; // "one of the", "a year ago"
    const { value, next } = quantity;
    if (quantity.fraction) return { value: round2(value * 100), unit: 'percent', next };
    if (quantity.unit !== null) return { value, unit: quantity.unit, next };
    if (quantity.yearLike && !qualified) return { value, unit: 'year', next };
    return { value, unit: 'count', next };
  }

  /** "one in five", "1 in 3", "nine out of 10": a share, as a percent. */
  private oneInAt(quantity: Quantity): Resolved | null {
    if (quantity.unit !== null || quantity.scale !== null || quantity.fraction) return null;
    const link = this.word(quantity.next);
    const outOf = link === 'out' && this.word(quantity.next + 1) === 'of';
    if (link !== 'in' && !outOf) return null;
    const wholeAt = quantity.next + (outOf ? 2 : 1);
    const whole =
      this.tokens[wholeAt]?.kind === 'number'
        ? this.numeralAt(wholeAt)
        : this.numberWordsAt(wholeAt, false);
    if (!whole || whole.unit !== null || whole.scale !== null || whole.fraction) return null;
    if (!(whole.value > quantity.value)) return null;
    return {
      value: round2((quantity.value / whole.value) * 100),
      unit: 'percent',
      next: whole.next,
    };
  }
}

/** The indexes of numbers in hyphen-joined chains of three or more, found in one pass. */
function numberChains(tokens: readonly Token[]): Set<number> {
  const chained = new Set<number>();
  let chain: number[] = [];
  const close = () => {
    if (chain.length >= 3) for (const index of chain) chained.add(index);
    chain = [];
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token?.kind !== 'number') continue;
    const dash = tokens[index - 1];
    const joined =
      chain.at(-1) === index - 2 && dash?.text === '-' && !dash.spaced && !token.spaced;
    if (!joined) close();
    chain.push(index);
  }
  close();
  return chained;
}

/** "forty-nine" → 49; null for anything else. */
function compoundNumber(word: string): number | null {
  const dash = word.indexOf('-');
  if (dash < 0) return null;
  const tens = TENS.get(word.slice(0, dash));
  const unit = SMALL_NUMBERS.get(word.slice(dash + 1));
  if (tens === undefined || unit === undefined || unit === 0 || unit > 9) return null;
  return tens + unit;
}

/** "1.2" × 1e9 without binary rounding: the decimal point moves in the printed digits. */
function scaleDecimal(digits: string, scale: number): number {
  return Number(`${digits}e${Math.round(Math.log10(scale))}`);
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Every figure in a text, left to right, with the offsets of the figure as printed (qualifier,
 * currency and unit words included; the counted noun, as in "49,000 vehicles", is not).
 * Day numbers of dates, clock times, ordinals and codes ("G7", "COVID-19") are not figures;
 * calendar years are, with unit "year". Linear in the length of the text; never throws.
 */
export function findFigureMentions(text: string, options: FigureScanOptions = {}): FigureMention[] {
  const tokens = lex(text);
  const parser = new FigureParser(tokens, options.dollarCurrency ?? 'USD');
  const mentions: FigureMention[] = [];
  let index = 0;
  while (index < tokens.length) {
    const parsed = parser.canStartAt(index) ? parser.parseAt(index) : null;
    const firstToken = tokens[index];
    const lastToken = parsed ? tokens[parsed.next - 1] : undefined;
    if (!parsed || !firstToken || !lastToken) {
      index++;
      continue;
    }
    mentions.push({
      value: parsed.value,
      valueMax: parsed.valueMax,
      unit: parsed.unit,
      qualifier: parsed.qualifier,
      start: firstToken.start,
      end: lastToken.end,
      text: text.slice(firstToken.start, lastToken.end),
    });
    index = Math.max(parsed.next, index + 1); // always moves on, whatever the parser returns
  }
  return mentions;
}

/**
 * The figure printed at the start of `text` ("about 70%", "up to 49,000 vehicles",
 * "nearly a decade"), or null when the text does not start with one.
 */
export function parseFigure(text: string, options: FigureScanOptions = {}): ParsedFigure | null {
  const tokens = lex(text);
  if (tokens.length === 0) return null;
  const parser = new FigureParser(tokens, options.dollarCurrency ?? 'USD');
  // Opening brackets and quotation marks before the figure: "(about 70%)", "“up to 49,000”".
  let first = 0;
  while (tokens[first]?.kind === 'symbol' && OPENING_MARKS.has(tokens[first]?.text ?? '')) first++;
  const parsed = parser.parseAt(first);
  if (!parsed) return null;
  return {
    value: parsed.value,
    valueMax: parsed.valueMax,
    unit: parsed.unit,
    qualifier: parsed.qualifier,
  };
}

// ---------------------------------------------------------------------------------------------
// Agreement

/** Durations in years, so that "a decade", "10 years" and "120 months" compare. */
const DURATION_IN_YEARS: ReadonlyMap<string, number> = new Map([
  ['duration:year', 1],
  ['duration:month', 1 / 12],
  ['duration:week', 7 / 365.25],
  ['duration:day', 1 / 365.25],
  ['duration:hour', 1 / (365.25 * 24)],
  ['duration:minute', 1 / (365.25 * 24 * 60)],
]);

/**
 * The place value of the last digit a value was (most likely) printed with: 0.01 for 66.67,
 * 1 for 70, 1,000 for 49,000 and 100 million for 1.2 billion. Integers of 1,000 and more keep at
 * least two significant digits, so "1bn" is not read as "anything from 0.5bn to 1.5bn".
 */
export function printedStep(value: number): number {
  const magnitude = Math.abs(value);
  if (!Number.isFinite(magnitude) || magnitude === 0) return 1;
  if (!Number.isInteger(value)) {
    const digits = magnitude.toPrecision(12).replace(/0+$/, '');
    const point = digits.indexOf('.');
    const decimals = point < 0 ? 0 : Math.min(digits.length - point - 1, 6);
    return 10 ** -decimals;
  }
  if (magnitude < 1000) return 1;
  const digitCount = Math.floor(Math.log10(magnitude)) + 1;
  let step = 1;
  while (digitCount - Math.log10(step * 10) >= 2 && magnitude % (step * 10) === 0) step *= 10;
  return step;
}

type Bound = 'point' | 'upper' | 'lower';

function boundOf(qualifier: FigureQualifier): Bound | 'range' {
  switch (qualifier) {
    case 'exact':
    case 'about':
      return 'point';
    case 'nearly':
    case 'up-to':
    case 'less-than':
      return 'upper';
    case 'at-least':
    case 'more-than':
      return 'lower';
    case 'range':
      return 'range';
  }
}

/** Puts both figures' values in one unit, or null when their units measure different things. */
function commonScale(a: ParsedFigure, b: ParsedFigure): { a: number; b: number } | null {
  if (a.unit === b.unit) return { a: 1, b: 1 };
  const pair = new Set([a.unit, b.unit]);
  if (pair.has('percent') && pair.has('fraction')) {
    return { a: a.unit === 'fraction' ? 100 : 1, b: b.unit === 'fraction' ? 100 : 1 };
  }
  const durationA = DURATION_IN_YEARS.get(a.unit);
  const durationB = DURATION_IN_YEARS.get(b.unit);
  if (durationA !== undefined && durationB !== undefined) return { a: durationA, b: durationB };
  return null;
}

/**
 * True when figure `a` states the same thing as figure `b`: units that measure the same thing,
 * values equal within the rounding either printing implies, and qualifiers that do not point
 * in opposite directions. A range agrees with a range of agreeing ends, or with a single value
 * inside it. See docs/decisions/013-figure-agreement.md.
 */
export function figuresAgree(a: ParsedFigure, b: ParsedFigure): boolean {
  const scale = commonScale(a, b);
  if (!scale) return false;
  const tolerance = (x: number, y: number) =>
    Math.max(printedStep(x) * scale.a, printedStep(y) * scale.b) / 2 +
    1e-9 * Math.max(Math.abs(x * scale.a), Math.abs(y * scale.b));
  const same = (x: number, y: number) => Math.abs(x * scale.a - y * scale.b) <= tolerance(x, y);

  const boundA = boundOf(a.qualifier);
  const boundB = boundOf(b.qualifier);
  if (boundA === 'range' || boundB === 'range') {
    const lowA = a.value;
    const highA = boundA === 'range' ? (a.valueMax ?? a.value) : a.value;
    const lowB = b.value;
    const highB = boundB === 'range' ? (b.valueMax ?? b.value) : b.value;
    if (boundA === 'range' && boundB === 'range') return same(lowA, lowB) && same(highA, highB);
    // One range, one value: the value must lie inside the range.
    if (boundA === 'range') {
      const tol = tolerance(lowA, lowB);
      const point = lowB * scale.b;
      return point >= lowA * scale.a - tol && point <= highA * scale.a + tol;
    }
    const tol = tolerance(lowA, lowB);
    const point = lowA * scale.a;
    return point >= lowB * scale.b - tol && point <= highB * scale.b + tol;
  }
  if ((boundA === 'upper' && boundB === 'lower') || (boundA === 'lower' && boundB === 'upper')) {
    return false;
  }
  return same(a.value, b.value);
}
