import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fnv1a32,
  normaliseQuoteText,
  QUOTE_MARK_PAIRS,
  quoteShingles,
  quoteWords,
  tokenizeWords,
} from '../src/quote-text.ts';
import { anyText } from './arbitraries.ts';

describe('normaliseQuoteText', () => {
  it.each([
    ['curly double quotes', '\u201CNew world order\u201D', '"new world order"'],
    ['angle quotes', '\u00ABnew world order\u00BB', '"new world order"'],
    ['low-9 quotes', '\u201Enew world order\u201C', '"new world order"'],
    ['double prime', '\u2033hi\u2033', '"hi"'],
    ['curly apostrophe', 'it\u2019s', "it's"],
    ['left single quote', '\u2018tis', "'tis"],
    ['low-9 single quote', '\u201Ahi\u2018', "'hi'"],
    ['reversed-9 single quote', '\u201Bhi', "'hi"],
    ['prime, backtick, acute accent', '\u2032a`b\u00B4', "'a'b'"],
    ['en dash', 'a \u2013 b', 'a - b'],
    ['em dash', 'a\u2014b', 'a-b'],
    ['hyphen, non-breaking hyphen, figure dash', '\u2010\u2011\u2012', '---'],
    ['horizontal bar and minus', '\u2015\u2212', '--'],
    ['no-break space', 'new\u00A0world', 'new world'],
    ['thin and narrow spaces', 'new\u2009world\u202Forder', 'new world order'],
    ['newlines and tabs', 'new\n\tworld\r\n order', 'new world order'],
    ['leading and trailing space', '  new world  ', 'new world'],
    ['case', 'New WORLD Order', 'new world order'],
    ['three dots', 'we will...', 'we will…'],
    ['spaced dots', 'we will . . . go', 'we will…go'],
    ['the space around an ellipsis is house style', 'we will… go … now …', 'we will…go…now…'],
    ['ellipsis character', 'we will\u2026', 'we will…'],
    ['four dots keep the full stop', 'end....', 'end….'],
    ['composed and decomposed accents', 'Qu\u0065\u0301bec', 'qu\u00E9bec'],
    ['soft hyphen and zero-width space', 'pre\u00ADlimi\u200Bnary', 'preliminary'],
    ['ligatures pasted from a PDF', '\uFB01nance and \uFB02ow', 'finance and flow'],
    ['full-width letters and marks', '\uFF23\uFF41\uFF52\uFF4E\uFF45\uFF59\uFF02', 'carney"'],
    ['empty', '', ''],
    ['white space only', ' \u00A0\n', ''],
  ])('%s', (_name, input, expected) => {
    expect(normaliseQuoteText(input)).toBe(expected);
  });

  it('makes the seed article’s quotation and a plain retyping equal', () => {
    const published =
      '\u201CThe main goal of trying to reset or recalibrate the relationship\u2026\u201D';
    const retyped = '"the main goal of trying to reset or  recalibrate the relationship..."';
    expect(normaliseQuoteText(published)).toBe(normaliseQuoteText(retyped));
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normaliseQuoteText(text);
        expect(normaliseQuoteText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on typographically busy text', () => {
    fc.assert(
      fc.property(busyText, (text) => {
        const once = normaliseQuoteText(text);
        expect(normaliseQuoteText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('gives every typographic variant of the same words the same form', () => {
    fc.assert(
      fc.property(sentenceVariants, ([first, second]) => {
        expect(normaliseQuoteText(first)).toBe(normaliseQuoteText(second));
      }),
      { numRuns: 500 },
    );
  });
});

describe('tokenizeWords', () => {
  it.each([
    ['straight and curly apostrophes', 'It\u2019s we\u2019ll', ["it's", "we'll"]],
    ['inner hyphens', 'a high-level deal', ['a', 'high-level', 'deal']],
    [
      'quotation marks and punctuation dropped',
      '\u201CNew world order,\u201D he said.',
      ['new', 'world', 'order', 'he', 'said'],
    ],
    ['thousands with commas', '49,000 vehicles', ['49000', 'vehicles']],
    ['millions with commas', '1,200,000.5', ['1200000.5']],
    ['a comma not before three digits separates', '1,2 and 1,2345', ['1', '2', 'and', '1', '2345']],
    ['thousands with a space', '49 000 vehicles', ['49000', 'vehicles']],
    ['thousands with a no-break space', '49\u00A0000', ['49000']],
    ['thousands with a thin space', '1\u2009200\u2009000', ['1200000']],
    ['a percent sign stays on its number', 'about 70% of', ['about', '70%', 'of']],
    ['decimals', '1.2bn', ['1.2bn']],
    [
      'a trailing apostrophe is punctuation',
      'the countries\u2019 leaders',
      ['the', 'countries', 'leaders'],
    ],
    ['an en dash separates', '3\u20135', ['3', '5']],
    ['other scripts', 'Carney 在北京 говорит', ['carney', '在', '北', '京', 'говорит']],
    ['combining marks stay in the word', 'Que\u0301bec', ['qu\u00E9bec']],
    ['a ligature is spelled out', 'the \uFB01nal deal', ['the', 'final', 'deal']],
    ['emoji are not words', 'good \u{1F44D} deal', ['good', 'deal']],
  ])('%s', (_name, text, norms) => {
    const tokens = tokenizeWords(text).filter((token) => token.kind === 'word');
    expect(tokens.map((token) => token.norm)).toEqual(norms);
  });

  it('keeps ellipses as tokens of their own, with offsets', () => {
    const text = 'we will . . . go\u2026 now... yes';
    const tokens = tokenizeWords(text);
    expect(
      tokens.map((token) => [token.kind, token.norm, text.slice(token.start, token.end)]),
    ).toEqual([
      ['word', 'we', 'we'],
      ['word', 'will', 'will'],
      ['ellipsis', '…', '. . .'],
      ['word', 'go', 'go'],
      ['ellipsis', '…', '\u2026'],
      ['word', 'now', 'now'],
      ['ellipsis', '…', '...'],
      ['word', 'yes', 'yes'],
    ]);
  });

  it('points at the original text, curly apostrophe and all', () => {
    const text = '\u201CIt\u2019s a \u201Cnew world order\u201D,\u201D said Carney.';
    const token = tokenizeWords(text)[0];
    expect(token).toEqual({ norm: "it's", start: 1, end: 5, kind: 'word' });
    expect(text.slice(1, 5)).toBe('It\u2019s');
  });

  it('gives valid, ordered offsets whose text normalises to the token, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, busyText), (text) => {
        let previousEnd = 0;
        for (const token of tokenizeWords(text)) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          expect(token.end).toBeLessThanOrEqual(text.length);
          previousEnd = token.end;
          const printed = text.slice(token.start, token.end);
          if (token.kind === 'ellipsis') {
            expect(normaliseQuoteText(printed)).toBe('…');
            continue;
          }
          expect(token.norm).not.toBe('');
          expect(token.norm).not.toMatch(/\s/);
          expect(normaliseQuoteText(printed).replace(/[, \u00A0\u2009\u202F\u2007]/g, '')).toBe(
            token.norm,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same words from every typographic variant of a text', () => {
    fc.assert(
      fc.property(sentenceVariants, ([first, second]) => {
        expect(quoteWords(first)).toEqual(quoteWords(second));
      }),
      { numRuns: 300 },
    );
  });
});

describe('quoteShingles', () => {
  it('hashes word 3-grams joined by one space', () => {
    const words = ['a', 'new', 'world', 'order'];
    expect(quoteShingles(words)).toEqual([fnv1a32('a new world'), fnv1a32('new world order')]);
  });

  it.each([
    [[], []],
    [['order'], [fnv1a32('order')]],
    [['world', 'order'], [fnv1a32('world order')]],
  ])('gives one shingle for fewer than three words: %j', (words, expected) => {
    expect(quoteShingles(words)).toEqual(expected);
  });

  it('drops repeated shingles and keeps first-appearance order', () => {
    const words = ['no', 'no', 'no', 'no', 'yes'];
    expect(quoteShingles(words)).toEqual([fnv1a32('no no no'), fnv1a32('no no yes')]);
  });

  it('is FNV-1a over UTF-8, unsigned', () => {
    // Reference values of 32-bit FNV-1a.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    expect(fnv1a32('é')).toBe(fnv1a32('\u00E9'));
    expect(fnv1a32('\u{1F44D}')).toBeGreaterThanOrEqual(0);
  });

  it('hashes the UTF-8 bytes TextEncoder gives, lone surrogates included', () => {
    const reference = (text: string) => {
      let hash = 0x811c9dc5;
      for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
      return hash >>> 0;
    };
    fc.assert(
      fc.property(anyText, (text) => {
        expect(fnv1a32(text)).toBe(reference(text));
      }),
    );
  });

  it('gives the hashes of the 3-grams joined by one space, on any words', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 12 }), (words) => {
        const expected: number[] = [];
        if (words.length > 0 && words.length < 3) expected.push(fnv1a32(words.join(' ')));
        for (let index = 0; index + 3 <= words.length; index++) {
          const hash = fnv1a32(words.slice(index, index + 3).join(' '));
          if (!expected.includes(hash)) expected.push(hash);
        }
        expect(quoteShingles(words)).toEqual(expected);
      }),
    );
  });

  it('finds the fragment “new world order” inside the sentence it came from', () => {
    const sentence = quoteWords(
      'Countries are operating in a \u201Cnew world order\u201D, Carney said.',
    );
    const fragment = quoteWords('New World Order');
    const index = new Set(quoteShingles(sentence));
    expect(quoteShingles(fragment).every((shingle) => index.has(shingle))).toBe(true);
  });

  it('gives a fragment of three words or more only shingles of the text containing it', () => {
    const vocabulary = ['new', 'world', 'order', 'canada', 'china', "it's", '49000', '70%', 'deal'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 3, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (words, a, b) => {
          const start = a % (words.length - 2);
          const end = start + 3 + (b % (words.length - start - 2));
          const whole = new Set(quoteShingles(words));
          for (const shingle of quoteShingles(words.slice(start, end))) {
            expect(whole.has(shingle)).toBe(true);
          }
        },
      ),
    );
  });

  it('gives a quoted fragment the shingles of its article text, whatever the typography', () => {
    fc.assert(
      fc.property(sentenceVariants, fc.nat(), ([article, draft], offset) => {
        const articleWords = quoteWords(article);
        const draftWords = quoteWords(draft);
        if (draftWords.length < 3) return;
        const start = offset % (draftWords.length - 2);
        const fragment = draftWords.slice(start, start + 3);
        const index = new Set(quoteShingles(articleWords));
        for (const shingle of quoteShingles(fragment)) expect(index.has(shingle)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('QUOTE_MARK_PAIRS', () => {
  it('pairs each opening mark with its closing mark', () => {
    const pairs = QUOTE_MARK_PAIRS.map((pair) => pair.open + pair.close);
    expect(pairs).toEqual([
      '\u201C\u201D',
      '""',
      '\u2018\u2019',
      '\u00AB\u00BB',
      '\u201E\u201C',
      '\u201E\u201D',
      '\u201A\u2018',
    ]);
  });

  it('marks the pairs whose marks double as apostrophes', () => {
    const ambiguous = QUOTE_MARK_PAIRS.filter((pair) => pair.ambiguous).map((pair) => pair.open);
    expect(ambiguous).toEqual(['\u2018', '\u201A']);
  });
});

// --- Generators -------------------------------------------------------------------------------

const SINGLE_QUOTES = ["'", '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`', '\u00B4'];
const DOUBLE_QUOTES = ['"', '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB', '\u2033'];
const DASHES = ['-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212'];
const SPACES = [' ', '  ', '\u00A0', '\u2009', '\u202F', '\n', '\t', ' \r\n'];
const ELLIPSES = ['...', '. . .', '\u2026'];
const WORDS = [
  'new',
  'world',
  'order',
  'carney',
  'qu\u00E9bec',
  'landmark',
  'it\u2019s',
  'we\u2019ll',
  'deal',
];

/** Text made of the characters normalisation cares about, in any order. */
const busyText = fc
  .array(
    fc.constantFrom(
      ...SINGLE_QUOTES,
      ...DOUBLE_QUOTES,
      ...DASHES,
      ...SPACES,
      '.',
      '\u2026',
      'a',
      'B',
      '\u00C9',
      'e\u0301',
      '\u0301',
      '\u0130', // İ lower-cases to two code points
      '\u03A3', // Σ lower-cases by context
      '\u00DF',
      '\u00AD',
      '\u200B',
      '1',
      ',',
      '%',
      '\u{1F44D}',
      '\uFB03', // ﬃ
      '\uFF21', // Ａ
      '\uFF02', // ＂
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

type Piece =
  | { kind: 'word'; word: string }
  | { kind: 'space' }
  | { kind: 'single' }
  | { kind: 'double' }
  | { kind: 'dash' }
  | { kind: 'ellipsis' };

const piece: fc.Arbitrary<Piece> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...WORDS).map((word) => ({ kind: 'word' as const, word })),
  },
  fc.constant({ kind: 'single' as const }),
  fc.constant({ kind: 'double' as const }),
  fc.constant({ kind: 'dash' as const }),
  fc.constant({ kind: 'ellipsis' as const }),
);

/** Words separated by spaces, with quotation marks, dashes and ellipses standing between them. */
const sentence = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => {
  const spaced: Piece[] = [];
  for (const item of pieces) spaced.push(item, { kind: 'space' });
  return spaced;
});

/** One rendering of a sentence: each mark, space and letter case picked at random. */
function render(pieces: readonly Piece[], choices: readonly number[]): string {
  let choice = 0;
  const pick = <T>(options: readonly T[]): T => {
    const index = (choices[choice++ % choices.length] ?? 0) % options.length;
    return options[index] as T;
  };
  return pieces
    .map((item) => {
      switch (item.kind) {
        case 'word': {
          const cased = [...item.word]
            .map((letter) => (pick([true, false]) ? letter.toUpperCase() : letter))
            .join('');
          const apostrophe = pick(["'", '\u2019']);
          const accented = pick([true, false]) ? cased.normalize('NFD') : cased;
          return accented.replace(/['\u2019]/g, apostrophe);
        }
        case 'space':
          return pick(SPACES);
        case 'single':
          return pick(SINGLE_QUOTES);
        case 'double':
          return pick(DOUBLE_QUOTES);
        case 'dash':
          return pick(DASHES);
        default:
          return pick(ELLIPSES);
      }
    })
    .join('');
}

const choices = fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 50 });
const sentenceVariants: fc.Arbitrary<[string, string]> = fc
  .tuple(sentence, choices, choices)
  .map(([pieces, first, second]) => [render(pieces, first), render(pieces, second)]);
