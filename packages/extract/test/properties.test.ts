import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract.ts';
import type { ArticleFormat, ExtractedArticle } from '../src/types.ts';

const pieces = [
  '“',
  '”',
  '"',
  '‘',
  '’',
  "'",
  ' said ',
  ' she said. ',
  'Jane Doe',
  ', a professor at the University of Leeds,',
  ' according to ',
  ': ',
  '\n',
  '\n\n',
  '<p>',
  '</p>',
  '<article>',
  '<script>var x="“";</script>',
  '&amp;',
  '&rdquo;',
  '&#8220;',
  '<b>',
  '# ',
  '**',
  '[link](http://x)',
  '---\n',
  'about 70%',
  ' up to 49,000 ',
  '$1.2bn',
  '. ',
];

const articleText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 60 })
    .map((parts) => parts.join('')),
);
const format = fc.constantFrom<ArticleFormat | undefined>('text', 'markdown', 'html', undefined);

function allSpans(article: ExtractedArticle) {
  const { metadata } = article;
  return [
    ...article.quotes.flatMap((q) => [q.span, ...(q.speakerText ? [q.speakerText.span] : [])]),
    ...article.figures.map((f) => f.span),
    ...article.people.flatMap((p) => p.mentions.map((m) => m.span)),
    ...article.organisations.flatMap((o) => o.mentions.map((m) => m.span)),
    ...article.paragraphs,
    ...[metadata.headline, metadata.byline].flatMap((l) => (l ? [l.span] : [])),
  ];
}

describe('extractArticle on arbitrary input', () => {
  it('never throws and every span lies inside the input', () => {
    fc.assert(
      fc.property(articleText, format, (text, fmt) => {
        const article = extractArticle({ text, ...(fmt ? { format: fmt } : {}) });
        for (const span of allSpans(article)) {
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeGreaterThanOrEqual(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('in plain text, every quote and figure span is exactly the text it claims', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        const article = extractArticle({ text, format: 'text' });
        for (const item of [...article.quotes, ...article.figures]) {
          expect(text.slice(item.span.start, item.span.end)).toBe(item.text);
        }
        for (const quote of article.quotes) {
          if (quote.speakerText) {
            expect(text.slice(quote.speakerText.span.start, quote.speakerText.span.end)).toBe(
              quote.speakerText.text,
            );
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('in HTML, a quote span covers exactly the source of the words it claims', () => {
    fc.assert(
      fc.property(articleText, (text) => {
        const html = `<article><p>${text}</p></article>`;
        const article = extractArticle({ text: html, format: 'html' });
        for (const quote of article.quotes) {
          const raw = html.slice(quote.span.start, quote.span.end);
          // Without markup or entities inside, the raw range is the quote itself (HTML white
          // space collapsed, as a browser shows it).
          if (!/[<&]/.test(raw)) expect(raw.replace(/\s+/g, ' ')).toBe(quote.text);
        }
      }),
      { numRuns: 300 },
    );
  });
});
