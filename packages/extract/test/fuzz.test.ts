/**
 * Fuzzing extractArticle with hostile articles (bench/fuzz/arbitraries.ts): arbitrary Unicode,
 * quotation marks that never pair up, broken Markdown and HTML, 1,000-deep nesting, a 1 MB
 * sentence. Nothing throws, every span is inside the input and holds what the item claims, and
 * extraction time grows linearly. The million-case run is bench/fuzz/fuzz-million.ts.
 */
import { DatasetSchema } from '@verbatim/domain/dataset';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  articleLikeText,
  brokenHtml,
  hostileInput,
  nestedMarkdown,
  unpunctuatedParagraph,
} from '../../../bench/fuzz/arbitraries.ts';
import { extractionViolations } from '../../../bench/fuzz/invariants.ts';
import sample from '../../store/seed/carney-beijing.dataset.json' with { type: 'json' };
import { type ArticleFormat, extractArticle } from '../src/extract.ts';

const dataset = DatasetSchema.parse(sample);
const quotes = dataset.quotes.map((quote) => quote.text);
const words = quotes.flatMap((quote) => quote.split(/\s+/));
/** Fixed by default so CI is repeatable; FUZZ_SEED=<n> explores elsewhere. */
const seed = Number(process.env.FUZZ_SEED ?? 20261128);
const runs = (count: number) => Number(process.env.FUZZ_RUNS ?? count);

function extractedWithoutViolations(text: string, format?: ArticleFormat) {
  const article = extractArticle({ text, format });
  expect(extractionViolations(text, article)).toEqual([]);
  return article;
}

describe('extractArticle under fuzzing', () => {
  it('never throws, and every span holds what it claims (6,000 hostile articles)', () => {
    fc.assert(
      fc.property(hostileInput(quotes), fc.boolean(), ({ text, format }, detect) => {
        extractedWithoutViolations(text, detect ? undefined : format);
      }),
      { numRuns: runs(6_000), seed },
    );
  }, 60_000);

  it('reads broken HTML as HTML when it detects it', () => {
    fc.assert(
      fc.property(brokenHtml(quotes), (body) => {
        const article = extractedWithoutViolations(`<!DOCTYPE html><html><body>${body}`);
        expect(article.format).toBe('html');
      }),
      { numRuns: runs(500), seed },
    );
  }, 30_000);

  it('finds the quotes of a well-formed article (the fuzzing reaches the attribution code)', () => {
    const article = extractedWithoutViolations(articleLikeText(3_000, quotes), 'text');
    expect(article.quotes.length).toBeGreaterThan(5);
    expect(article.quotes.some((quote) => quote.speakers.length > 0)).toBe(true);
  });

  it('never cuts a speaker window inside a surrogate pair (found by fuzz-million, seed 20261128)', () => {
    // 400 code units before a quotation fell between the halves of an astral character.
    const text =
      '\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\u2018> > Ontario Premier Doug Ford\u201d(re-establishing told reporters\n\u0000\u0000\u0000\u0000goalwith\u201cwith said prel> > > > preliminaryLynette O> > > > > prel> > > > > > \u201d\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800> > > Ontario Premier Doug Ford\u201d(re-establishing told reporters\n\u300e\u0000\u0000\u0000\u0000\u0000goalwith\u201cwith s> > > > > > > > > preliminaryL> > > > > > > > > > > > > > > > > > > \u201d\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\ud800\udc00\u2018> emier Doug Ford\u201d(re-establishing told reporters\n\u300e\u0000\u0000\u0000\u0000\u0000goalwith\u201cy';
    for (let shift = 0; shift < 4; shift++)
      extractedWithoutViolations(`${'\u{10000}'.repeat(shift)}${text}`, 'markdown');
  });

  it.each([
    ['blockquotes', '> '],
    ['bulleted lists', '- '],
    ['numbered lists', '1. '],
    ['lists inside blockquotes', '> - '],
  ])(
    'reads %s nested 1,000 deep',
    (_name, marker) => {
      const lines: string[] = [];
      for (let level = 1; level <= 1_000; level++)
        lines.push(`${marker.repeat(level)}“${quotes[level % quotes.length]}” said Carney.`);
      extractedWithoutViolations(lines.join('\n'), 'markdown');
    },
    30_000,
  );

  it('reads generated nesting up to 1,000 deep', () => {
    fc.assert(
      fc.property(nestedMarkdown(quotes, 1_000), ({ text }) => {
        extractedWithoutViolations(text, 'markdown');
      }),
      { numRuns: runs(20), seed },
    );
  }, 30_000);

  it('reads HTML nested 1,000 elements deep', () => {
    const text = `${'<div><blockquote><p>“deep” said Carney. '.repeat(1_000)}${'</p></blockquote></div>'.repeat(500)}`;
    extractedWithoutViolations(text, 'html');
  }, 30_000);

  it('extracts a 1 MB paragraph with no punctuation at all', () => {
    const text = unpunctuatedParagraph(1_000_000, words);
    for (const format of ['text', 'markdown', 'html'] as const)
      extractedWithoutViolations(text, format);
  }, 60_000);
});

/** Median CPU time (ms) of `count` extractions of `text`, after three warm-up runs (skipped for the large text: the small runs warmed the code). */
function medianExtractMs(
  text: string,
  format: ArticleFormat,
  count: number,
  warmUp = true,
): number {
  if (warmUp) for (let run = 0; run < 3; run++) extractArticle({ text, format });
  const times: number[] = [];
  for (let run = 0; run < count; run++) {
    const started = process.cpuUsage();
    extractArticle({ text, format });
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

describe('extractArticle time grows linearly', () => {
  // 100× the text may take at most 1,000× the time: growth below n^1.5. Linear code measures
  // 40–120× here; a quadratic path would take 10,000×. The margin is wide because CPU time counts
  // the garbage collector's helper threads, which a busy CI machine inflates for the 1 MB text
  // (a 150× limit failed in CI). Median CPU time of runs in one process: a ratio, not a time.
  const RATIO_LIMIT = 1_000;
  const html = (length: number) => {
    const paragraphs: string[] = [];
    let size = 0;
    for (let index = 0; size < length; index++) {
      const paragraph = `<p>“${quotes[index % quotes.length]}” said <b>Mark Carney</b> &amp; <i>others</p>`;
      paragraphs.push(paragraph);
      size += paragraph.length;
    }
    return `<!DOCTYPE html><html><body><article>${paragraphs.join('')}`.slice(0, length);
  };

  it.each([
    [
      'a paragraph with no punctuation',
      'text',
      (length: number) => unpunctuatedParagraph(length, words),
    ],
    [
      'article-like prose with quotations',
      'text',
      (length: number) => articleLikeText(length, quotes),
    ],
    ['HTML with unclosed tags', 'html', html],
  ] as const)(
    '%s: 1 MB takes at most 1,000× the time of 10 kB (less than n^1.5)',
    (_name, format, make) => {
      const small = medianExtractMs(make(10_000), format, 15);
      const large = medianExtractMs(make(1_000_000), format, 3, false);
      console.info(
        `${_name}: 10 kB ${small.toFixed(1)} ms, 1 MB ${large.toFixed(1)} ms of CPU, ratio ${(large / small).toFixed(0)}`,
      );
      expect(
        large / small,
        `10 kB: ${small.toFixed(1)} ms, 1 MB: ${large.toFixed(1)} ms`,
      ).toBeLessThan(RATIO_LIMIT);
    },
    120_000,
  );
});
