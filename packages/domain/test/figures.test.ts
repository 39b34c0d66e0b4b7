import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FigureQualifierSchema, FigureUnitSchema } from '../src/entities.ts';
import {
  type FigureMention,
  figuresAgree,
  findFigureMentions,
  type ParsedFigure,
  parseFigure,
  printedStep,
} from '../src/figures.ts';
import { anyText } from './arbitraries.ts';

const figure = (
  value: number,
  unit: string,
  qualifier: ParsedFigure['qualifier'] = 'exact',
  valueMax: number | null = null,
): ParsedFigure => ({ value, valueMax, unit, qualifier });

describe('parseFigure', () => {
  it.each<[string, ParsedFigure]>([
    // Digits and their grouping
    ['49,000', figure(49000, 'count')],
    ['49 000', figure(49000, 'count')],
    ['49\u00A0000', figure(49000, 'count')],
    ['49\u2009000', figure(49000, 'count')],
    ['49\u202F000', figure(49000, 'count')],
    ['1,234,567.5', figure(1234567.5, 'count')],
    ['49k', figure(49000, 'count')],
    ['49K', figure(49000, 'count')],
    ['1.2 million', figure(1200000, 'count')],
    ['1.2m', figure(1200000, 'count')],
    ['4.35m', figure(4350000, 'count')],
    ['1,200 million', figure(1.2e9, 'count')],
    ['3 billion', figure(3e9, 'count')],
    ['2tn', figure(2e12, 'count')],
    // Currencies
    ['$1.2bn', figure(1.2e9, 'currency:USD')],
    ['US$5', figure(5, 'currency:USD')],
    ['C$3 billion', figure(3e9, 'currency:CAD')],
    ['CAD 300', figure(300, 'currency:CAD')],
    ['£40m', figure(40e6, 'currency:GBP')],
    ['€5', figure(5, 'currency:EUR')],
    ['$1.2-billion', figure(1.2e9, 'currency:USD')],
    ['1.2million', figure(1.2e6, 'count')],
    ['¥10bn', figure(10e9, 'currency:CNY')],
    ['3.5bn yuan', figure(3.5e9, 'currency:CNY')],
    ['1.2 billion Canadian dollars', figure(1.2e9, 'currency:CAD')],
    ['40 million euros', figure(40e6, 'currency:EUR')],
    ['multibillion dollar', figure(2e9, 'currency:USD', 'at-least')],
    ['multibillion-dollar', figure(2e9, 'currency:USD', 'at-least')],
    ['multi-million pound', figure(2e6, 'currency:GBP', 'at-least')],
    ['multimillion', figure(2e6, 'count', 'at-least')],
    // Percentages
    ['70%', figure(70, 'percent')],
    ['70 %', figure(70, 'percent')],
    ['70 per cent', figure(70, 'percent')],
    ['70 percent', figure(70, 'percent')],
    ['70pc', figure(70, 'percent')],
    ['10-per-cent', figure(10, 'percent')],
    ['seventy percent', figure(70, 'percent')],
    ['seventy-five per cent', figure(75, 'percent')],
    ['5 percentage points', figure(5, 'percentagepoint')],
    // Qualifiers
    ['about 70%', figure(70, 'percent', 'about')],
    ['roughly 70%', figure(70, 'percent', 'about')],
    ['around 70%', figure(70, 'percent', 'about')],
    ['some 49,000', figure(49000, 'count', 'about')],
    ['approximately 49,000', figure(49000, 'count', 'about')],
    ['an estimated 49,000', figure(49000, 'count', 'about')],
    ['49,000 or so', figure(49000, 'count', 'about')],
    ['nearly a decade', figure(10, 'duration:year', 'nearly')],
    ['almost two decades', figure(20, 'duration:year', 'nearly')],
    ['close to 70%', figure(70, 'percent', 'nearly')],
    ['up to 49,000', figure(49000, 'count', 'up-to')],
    ['at most 49,000', figure(49000, 'count', 'up-to')],
    ['as many as 49,000', figure(49000, 'count', 'up-to')],
    ['no more than 49,000', figure(49000, 'count', 'up-to')],
    ['at least 5', figure(5, 'count', 'at-least')],
    ['70% or more', figure(70, 'percent', 'at-least')],
    ['49,000-plus', figure(49000, 'count', 'at-least')],
    ['more than 5', figure(5, 'count', 'more-than')],
    ['over 5', figure(5, 'count', 'more-than')],
    ['just over 70%', figure(70, 'percent', 'more-than')],
    ['fewer than 5', figure(5, 'count', 'less-than')],
    ['less than 5', figure(5, 'count', 'less-than')],
    ['under 5', figure(5, 'count', 'less-than')],
    // Ranges
    ['between 3 and 5', figure(3, 'count', 'range', 5)],
    ['between 3% and 5%', figure(3, 'percent', 'range', 5)],
    ['3\u20135%', figure(3, 'percent', 'range', 5)],
    ['3-5%', figure(3, 'percent', 'range', 5)],
    ['3 to 5 per cent', figure(3, 'percent', 'range', 5)],
    ['3 to 5 million', figure(3e6, 'count', 'range', 5e6)],
    ['$3bn-$5bn', figure(3e9, 'currency:USD', 'range', 5e9)],
    ['from 2020 to 2025', figure(2020, 'year', 'range', 2025)],
    ['2025\u201326', figure(2025, 'year', 'range', 2026)],
    // Shares in words
    ['two-thirds', figure(66.67, 'percent')],
    ['two thirds', figure(66.67, 'percent')],
    ['a third', figure(33.33, 'percent')],
    ['one-third', figure(33.33, 'percent')],
    ['half', figure(50, 'percent')],
    ['three-quarters', figure(75, 'percent')],
    ['nearly half', figure(50, 'percent', 'nearly')],
    ['one in five', figure(20, 'percent')],
    ['1 in 3', figure(33.33, 'percent')],
    ['nine out of 10', figure(90, 'percent')],
    ['a fifth', figure(20, 'percent')],
    ['two-fifths', figure(40, 'percent')],
    // Number words
    ['twelve', figure(12, 'count')],
    ['forty-nine thousand', figure(49000, 'count')],
    ['two hundred and fifty', figure(250, 'count')],
    ['a dozen', figure(12, 'count')],
    ['two dozen', figure(24, 'count')],
    ['a hundred', figure(100, 'count')],
    ['half a million', figure(500000, 'count')],
    ['three million', figure(3e6, 'count')],
    // Years and durations
    ['2025', figure(2025, 'year')],
    ['a decade', figure(10, 'duration:year')],
    ['10 years', figure(10, 'duration:year')],
    ['six months', figure(6, 'duration:month')],
    ['two weeks', figure(2, 'duration:week')],
    ['48 hours', figure(48, 'duration:hour')],
    ['half an hour', figure(0.5, 'duration:hour')],
    ['ten-year', figure(10, 'duration:year')],
    ['10-year', figure(10, 'duration:year')],
    ['49-year-old', figure(49, 'duration:year')],
    ['nearly a year', figure(1, 'duration:year', 'nearly')],
    ['a quarter of a century', figure(25, 'duration:year')],
    ['two-thirds of a million', figure(666666.67, 'count')],
  ])('%s', (text, expected) => {
    expect(parseFigure(text)).toEqual(expected);
  });

  it('reads past opening brackets and quotation marks', () => {
    expect(parseFigure('(about 70%)')).toEqual(figure(70, 'percent', 'about'));
    expect(parseFigure('\u201Cup to 49,000\u201D')).toEqual(figure(49000, 'count', 'up-to'));
  });

  it('reads the counted noun after the figure as a count', () => {
    expect(parseFigure('49,000 vehicles')).toEqual(figure(49000, 'count'));
  });

  it('reads a bare “$” as the currency it is told', () => {
    expect(parseFigure('$1.2bn', { dollarCurrency: 'CAD' })).toEqual(figure(1.2e9, 'currency:CAD'));
  });

  it.each([
    '',
    'the first time',
    'Friday',
    'one of the most',
    'a year ago',
    'the third quarter',
    'COVID-19',
    'G7',
    '5th',
    '3pm',
    '3:30',
    '24/7',
    'the 1990s',
    'March 3',
    '2026-01-16',
    'dozens of',
    'vehicles 49,000',
  ])('finds no figure at the start of %j', (text) => {
    expect(parseFigure(text)).toBeNull();
  });
});

describe('findFigureMentions', () => {
  it.each<[string, string, Partial<FigureMention>[]]>([
    [
      'qualifier and percent sign',
      'Canada sends about 70% of its exports to the US.',
      [{ text: 'about 70%', value: 70, unit: 'percent', qualifier: 'about' }],
    ],
    [
      'the counted noun is not part of the figure',
      'allowing up to 49,000 Chinese electric vehicles into the market',
      [{ text: 'up to 49,000', value: 49000, unit: 'count', qualifier: 'up-to' }],
    ],
    [
      'duration in words',
      'the first time in nearly a decade that a Canadian prime minister',
      [{ text: 'nearly a decade', value: 10, unit: 'duration:year', qualifier: 'nearly' }],
    ],
    [
      'currency with a scale suffix',
      'the $1.2bn deal',
      [{ text: '$1.2bn', value: 1.2e9, unit: 'currency:USD', qualifier: 'exact' }],
    ],
    [
      'several figures',
      'Sales rose 70 per cent to £40m in 2025, about two-thirds of the target.',
      [
        { text: '70 per cent', value: 70, unit: 'percent' },
        { text: '£40m', value: 40e6, unit: 'currency:GBP' },
        { text: '2025', value: 2025, unit: 'year' },
        { text: 'about two-thirds', value: 66.67, unit: 'percent', qualifier: 'about' },
      ],
    ],
    [
      'a number in a name is not a figure',
      'tariffs under Section 232 hit the Boeing 737 Max 8 and Canada’s 41 million people',
      [{ text: '41 million', value: 41e6, unit: 'count' }],
    ],
    [
      '“over” a duration after an amount means “during”',
      'worth C$3bn over five years, and in talks for over a decade',
      [
        { text: 'C$3bn', value: 3e9, unit: 'currency:CAD' },
        { text: 'five years', value: 5, unit: 'duration:year', qualifier: 'exact' },
        { text: 'over a decade', value: 10, unit: 'duration:year', qualifier: 'more-than' },
      ],
    ],
    [
      'scores are not figures, ranges and vote counts are',
      'lost 3-2 after leading 2-1; a 5-5 draw; 10-12 days; passed 31 to 12',
      [
        { text: '10-12 days', value: 10, valueMax: 12, unit: 'duration:day', qualifier: 'range' },
        { text: '31', value: 31 },
        { text: '12', value: 12 },
      ],
    ],
    [
      'a year-like number in a name is not a year',
      'the planet, known as LHS 1140 c, and the Paris 2024 Games',
      [],
    ],
    [
      'a vague multiple',
      'the mounting precarity of a multibillion dollar auto sector',
      [{ text: 'multibillion dollar', value: 2e9, unit: 'currency:USD', qualifier: 'at-least' }],
    ],
    [
      '“from … to …” is a change between two figures, or a period of years',
      'Exports rose from 3% to 5% in the years from 2020 to 2025.',
      [
        { text: '3%', value: 3, qualifier: 'exact' },
        { text: '5%', value: 5, qualifier: 'exact' },
        {
          text: 'from 2020 to 2025',
          value: 2020,
          valueMax: 2025,
          unit: 'year',
          qualifier: 'range',
        },
      ],
    ],
    [
      'a range in words',
      'between 3 and 5 per cent of vehicles',
      [
        {
          text: 'between 3 and 5 per cent',
          value: 3,
          valueMax: 5,
          unit: 'percent',
          qualifier: 'range',
        },
      ],
    ],
    [
      'a day of a date is not a figure; its year is',
      'On Friday, March 3, 2025, and on 16 January 2026',
      [
        { text: '2025', unit: 'year' },
        { text: '2026', unit: 'year' },
      ],
    ],
    ['an ISO date is not a figure', 'published 2026-01-16 at 09:30', []],
    ['an abbreviated month’s day is not a figure', 'said on Wednesday, Jan. 28.', []],
    [
      'phone numbers and codes with leading zeros are not figures',
      'call 1-800-555-0199 or agent 007',
      [],
    ],
    ['clock times are not figures', 'at 3 p.m. or 10am or 3:30', []],
    ['ordinals are not figures', 'the first time, the 5th time, the third quarter', []],
    ['codes are not figures', 'COVID-19 and the G7 and 24/7 news in 3D', []],
    ['decades of years are not figures', 'in the 1990s and the ’80s', []],
    ['a small number word after “the” names things', 'the two sides; between the two', []],
    ['“one” alone is not a figure', 'one of the most; any one partner; a one-party state', []],
    [
      'the counted noun after a number word',
      'two leaders met for six hours',
      [
        { text: 'two', value: 2, unit: 'count' },
        { text: 'six hours', value: 6, unit: 'duration:hour' },
      ],
    ],
    [
      '“and” joins number words only after hundreds and thousands',
      'two hundred and fifty, or two and five',
      [
        { text: 'two hundred and fifty', value: 250 },
        { text: 'two', value: 2 },
        { text: 'five', value: 5 },
      ],
    ],
    [
      'curly apostrophes and no-break spaces',
      'China’s 49\u00A0000 vehicles and Canada’s 70\u00A0%',
      [
        { text: '49\u00A0000', value: 49000 },
        { text: '70\u00A0%', value: 70, unit: 'percent' },
      ],
    ],
  ])('%s', (_name, text, expected) => {
    const mentions = findFigureMentions(text);
    expect(mentions).toHaveLength(expected.length);
    mentions.forEach((mention, index) => {
      expect(text.slice(mention.start, mention.end)).toBe(mention.text);
      expect(mention).toMatchObject(expected[index] ?? {});
    });
  });

  it('finds the seed article’s figures at their offsets', () => {
    const text =
      'Carney’s visit is the first time in nearly a decade that a Canadian prime minister has been welcomed in Beijing. ' +
      'Canada sends about 70% of its exports to the US. ' +
      'On Friday, China and Canada announced “a preliminary, provisional agreement” allowing up to 49,000 Chinese electric vehicles into the Canadian market.';
    const mentions = findFigureMentions(text);
    expect(mentions.map((mention) => [mention.text, mention.start, mention.end])).toEqual([
      ['nearly a decade', 36, 51],
      ['about 70%', 126, 135],
      ['up to 49,000', 248, 260],
    ]);
    for (const mention of mentions)
      expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('reads every mention it finds the same way parseFigure reads the mention’s text', () => {
    fc.assert(
      fc.property(figureishText, (text) => {
        for (const mention of findFigureMentions(text)) {
          const { value, valueMax, unit, qualifier } = mention;
          expect(parseFigure(mention.text)).toEqual({ value, valueMax, unit, qualifier });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and gives valid mentions on any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, figureishText), (text) => {
        assertValidMentions(text, findFigureMentions(text));
      }),
      { numRuns: 1000 },
    );
  });
});

function assertValidMentions(text: string, mentions: readonly FigureMention[]): void {
  let previousEnd = 0;
  for (const mention of mentions) {
    expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
    expect(mention.end).toBeGreaterThan(mention.start);
    expect(mention.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(Number.isFinite(mention.value)).toBe(true);
    if (mention.valueMax !== null) {
      expect(mention.qualifier).toBe('range');
      expect(mention.valueMax).toBeGreaterThan(mention.value);
    }
    expect(FigureUnitSchema.safeParse(mention.unit).success).toBe(true);
    expect(FigureQualifierSchema.safeParse(mention.qualifier).success).toBe(true);
    previousEnd = mention.end;
  }
}

describe('printed numbers parse back to their value', () => {
  const separators = [',', ' ', '\u00A0', '\u2009', '\u202F'];

  const grouped = (n: number, separator: string) =>
    String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

  it('with any digit-group separator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 999_999_999_999 }),
        fc.constantFrom(...separators),
        (n, separator) => {
          expect(parseFigure(grouped(n, separator))).toEqual(figure(n, 'count'));
        },
      ),
    );
  });

  it('printed plainly: a count, or a calendar year for four digits from 1000 to 2199', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const isYear = n >= 1000 && n <= 2199;
        expect(parseFigure(String(n))).toEqual(figure(n, isYear ? 'year' : 'count'));
      }),
    );
  });

  it('with a “k”, “m” or “bn” suffix where it is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.constantFrom(['k', 1e3], ['m', 1e6], ['bn', 1e9], [' million', 1e6], [' billion', 1e9]),
        fc.integer({ min: 0, max: 3 }),
        (mantissa, [suffix, scale], decimals) => {
          const printed = (mantissa / 10 ** decimals).toFixed(decimals);
          const expected = Number(`${printed}e${Math.log10(scale as number)}`);
          expect(parseFigure(`${printed}${suffix}`)).toEqual(figure(expected, 'count'));
        },
      ),
    );
  });

  it('with “%”, “per cent” or “percent”', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom('%', ' %', ' per cent', ' percent', '\u00A0%'),
        (hundredths, suffix) => {
          const printed = String(hundredths / 100);
          expect(parseFigure(`${printed}${suffix}`)).toEqual(figure(hundredths / 100, 'percent'));
        },
      ),
    );
  });

  it('inside prose, with offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000, max: 99_999_999 }),
        fc.constantFrom(...separators),
        fc.constantFrom('about ', 'up to ', 'more than ', ''),
        (n, separator, qualifier) => {
          const printed = `${qualifier}${grouped(n, separator)}`;
          const text = `Officials said ${printed} vehicles, on Friday.`;
          const mentions = findFigureMentions(text);
          expect(mentions).toHaveLength(1);
          expect(mentions[0]).toMatchObject({ text: printed, value: n, unit: 'count' });
          expect(mentions[0]?.start).toBe(text.indexOf(printed));
        },
      ),
    );
  });
});

describe('figuresAgree', () => {
  const agreeing: Array<[string, string]> = [
    ['70%', '70 per cent'],
    ['70%', 'seventy percent'],
    ['about 70%', '70%'],
    ['about 70%', 'around 70 per cent'],
    ['49k', '49,000'],
    ['49,000', '49 000'],
    ['1.2bn', '1,200 million'],
    ['$1.2bn', 'US$1.2 billion'],
    ['1.2bn', '1,234 million'],
    ['two-thirds', '67%'],
    ['two-thirds', '66.7%'],
    ['a third', '33%'],
    ['half', '50%'],
    ['nearly a decade', 'almost 10 years'],
    ['nearly a decade', 'nearly ten years'],
    ['a decade', '120 months'],
    ['six months', 'half a year'],
    ['up to 49,000', 'as many as 49,000'],
    ['up to 49,000', '49,000'],
    ['more than 5', 'over five'],
    ['between 3 and 5%', '3–5 per cent'],
    ['3–5%', '4%'],
    ['2025', '2025'],
    ['nearly a decade', 'a decade'],
    ['70%', '70.4%'],
    ['49,000', '49,400'],
  ];
  it.each(agreeing)('%s agrees with %s', (a, b) => {
    const first = parseFigure(a);
    const second = parseFigure(b);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    if (!first || !second) return;
    expect(figuresAgree(first, second)).toBe(true);
    expect(figuresAgree(second, first)).toBe(true);
  });

  const disagreeing: Array<[string, string]> = [
    ['70%', '75%'],
    ['70%', '70'],
    ['70%', '7%'],
    ['two-thirds', '60%'],
    ['up to 49,000', '94,000'],
    ['49,000', '94,000'],
    ['49,000', '49,600'],
    ['1.2bn', '1.4bn'],
    ['$1.2bn', 'C$1.2bn'],
    ['$1.2bn', '1.2bn'],
    ['nearly a decade', 'nearly two decades'],
    ['a decade', 'nine years'],
    ['up to 49,000', 'at least 49,000'],
    ['nearly 70%', 'more than 70%'],
    ['fewer than 5', 'more than 5'],
    ['between 3 and 5%', 'between 3 and 6%'],
    ['3–5%', '7%'],
    ['2025', '2026'],
    ['2025', '2,025'],
    ['10 years', '10 months'],
    ['about 70%', '72%'],
    ['70%', '70.6%'],
    ['5%', '5 percentage points'],
    ['a decade', '2025'],
  ];
  it.each(disagreeing)('%s disagrees with %s', (a, b) => {
    const first = parseFigure(a);
    const second = parseFigure(b);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    if (!first || !second) return;
    expect(figuresAgree(first, second)).toBe(false);
    expect(figuresAgree(second, first)).toBe(false);
  });

  it('compares a percent with a fraction', () => {
    expect(figuresAgree(figure(0.7, 'fraction'), figure(70, 'percent'))).toBe(true);
    expect(figuresAgree(figure(0.7, 'fraction'), figure(7, 'percent'))).toBe(false);
  });

  it('is symmetric and reflexive', () => {
    const anyFigure: fc.Arbitrary<ParsedFigure> = fc
      .tuple(
        fc.oneof(
          fc.integer({ min: -1e6, max: 1e12 }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        ),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom('percent', 'fraction', 'count', 'duration:year', 'duration:month', 'year'),
        fc.constantFrom(...FigureQualifierSchema.options),
      )
      .map(([value, width, unit, qualifier]) => ({
        value,
        valueMax: qualifier === 'range' ? value + width + 1 : null,
        unit,
        qualifier,
      }));
    fc.assert(
      fc.property(anyFigure, anyFigure, (a, b) => {
        expect(figuresAgree(a, a)).toBe(true);
        expect(figuresAgree(a, b)).toBe(figuresAgree(b, a));
      }),
    );
  });
});

describe('printedStep', () => {
  it.each([
    [70, 1],
    [66.67, 0.01],
    [1.5, 0.1],
    [999, 1],
    [49000, 1000],
    [50000, 1000],
    [1.2e9, 1e8],
    [1e9, 1e8],
    [1234, 1],
    [0, 1],
  ])('%d was printed to the nearest %d', (value, step) => {
    expect(printedStep(value)).toBeCloseTo(step, 12);
  });
});

/** Text that looks like figures: digits, separators, units, qualifiers, dates, in any order. */
const figureishText = fc
  .array(
    fc.constantFrom(
      '1',
      '49',
      '000',
      '2025',
      ',',
      '.',
      ' ',
      '\u00A0',
      '-',
      '\u2013',
      '%',
      '$',
      'C$',
      '£',
      'k',
      'm',
      'bn',
      'about ',
      'up to ',
      'between ',
      ' and ',
      ' to ',
      'a ',
      'half',
      'third',
      'two-thirds',
      'decade',
      'years',
      'per cent',
      'March ',
      ':',
      '/',
      'forty-nine',
      'thousand',
      ' in ',
      'one',
      'the ',
      'two',
      ' dozen',
      'fifty',
      ' of ',
      'nearly ',
      'over ',
      ' or more',
      '-year-old',
      'US',
      'Canadian dollars',
      'percentage points',
      'pm',
      'th',
      '\u{1F44D}',
      '\uD800',
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));
