/**
 * Generators of hostile text for the extractor and the checker, shared by the CI fuzz tests
 * (packages/checker/test/fuzz.test.ts, packages/extract/test/fuzz.test.ts) and the million-case
 * script (bench/fuzz/fuzz-million.ts). Built from the pieces real articles and drafts are made of
 * (quotation marks of many languages, names, figures, the sample dataset's quotes) mixed with
 * arbitrary Unicode, so the engines' deep paths are reached, not only their first `if`.
 */
import fc from 'fast-check';

export type Format = 'text' | 'markdown' | 'html';

/** Every quotation mark and look-alike a newsroom pastes in, paired and unpaired. */
export const QUOTATION_MARKS = [
  '\u201C', // “
  '\u201D', // ”
  '\u201E', // „
  '\u201F', // ‟
  '\u2018', // ‘
  '\u2019', // ’
  '\u201A', // ‚
  '\u201B', // ‛
  '\u00AB', // «
  '\u00BB', // »
  '\u2039', // ‹
  '\u203A', // ›
  '"',
  "'",
  '`',
  '\u300C', // 「
  '\u300D', // 」
  '\u300E', // 『
  '\u300F', // 』
  '\u275D', // ❝
  '\u275E', // ❞
  '\uFF02', // ＂
  '\u301D', // 〝
  '\u301E', // 〞
  '\u02BC', // ʼ
  '\u2032', // ′
  '\u2033', // ″
] as const;

/** Words and phrases the engines react to: attribution verbs, names, figures, titles. */
const NEWSROOM_PIECES = [
  ' said ',
  ' says ',
  ' told reporters ',
  ', she said. ',
  ' he added: ',
  ' according to ',
  'Mark Carney',
  'Carney',
  'Mr Carney',
  'the prime minister',
  'Lynette Ong',
  'Guy Saint-Jacques',
  'Donald Trump',
  'Xi Jinping',
  'the Chinese government',
  'Ontario Premier Doug Ford',
  'about 70%',
  'up to 49,000',
  'nearly a decade',
  'nearly two decades',
  '$1.5bn',
  'C$3 billion',
  '12 per cent',
  '3.5 percentage points',
  '1,000,000',
  '½',
  '2025',
  'Friday',
  'on 16 January 2026',
  '…',
  '...',
  '[sic]',
  '(',
  ')',
  '—',
  '–',
  '-',
  '. ',
  '? ',
  '! ',
  ', ',
  ': ',
  '; ',
  ' ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\u00A0',
  '\u200B',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u0301',
  '\u202E',
  '\uD800',
  '\uDC00',
  '\u0000',
  '👩🏽‍🚀',
  '🇨🇦',
  'é',
  'e\u0301',
  'ﬁ',
  'İ',
  'ß',
  '北京',
  'مرحبا',
  'שלום',
] as const;

/** Markdown constructs, balanced and not. */
const MARKDOWN_PIECES = [
  '# ',
  '## ',
  '###### ',
  '> ',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '    ',
  '```',
  '```\n',
  '~~~',
  '`',
  '**',
  '__',
  '*',
  '_',
  '~~',
  '[',
  '](',
  ')',
  '![',
  '<!--',
  '-->',
  '<!-- verbatim-disable-next-line -->',
  '<!-- verbatim-disable quote/misquote -->',
  '---\n',
  '***\n',
  '|',
  '| --- |',
  '\\',
  '&amp;',
  '&ldquo;',
  '&#8220;',
  '&#x201D;',
  '&',
  '<br>',
  'https://example.com/a_(b)',
  '<https://example.com>',
  '[^1]',
  '[^1]: ',
] as const;

/** HTML fragments, mostly broken: unclosed, misnested, half-written tags and entities. */
const HTML_PIECES = [
  '<p>',
  '</p>',
  '<div>',
  '</div>',
  '<article>',
  '</article>',
  '<blockquote>',
  '</blockquote>',
  '<b>',
  '</i>',
  '<em>',
  '</em>',
  '<a href="',
  '<a href="https://example.com">',
  '</a>',
  '<br/>',
  '<br',
  '<p class="x',
  '<',
  '>',
  '</',
  '<>',
  '<!-- ',
  ' -->',
  '<!DOCTYPE html>',
  '<html>',
  '<head><title>',
  '</title>',
  '<meta name="author" content="',
  '<meta property="article:published_time" content="2026-01-16">',
  '<h1>',
  '</h1>',
  '<script>',
  '</script>',
  '<style>',
  '</style>',
  '<![CDATA[',
  ']]>',
  '<svg><text>',
  '</svg>',
  '<table><tr><td>',
  '&amp;',
  '&lt;',
  '&gt;',
  '&quot;',
  '&nbsp;',
  '&ldquo;',
  '&rdquo;',
  '&rsquo;',
  '&#8220;',
  '&#x201d;',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '&',
  '&am',
  '&#',
  '&#x',
] as const;

/**
 * Words of the dataset's verified quotes (and whole quotes), so quotations in the generated text
 * sometimes match, nearly match or misattribute a verified quote.
 */
export function datasetPieces(quotes: readonly string[]): fc.Arbitrary<string> {
  const words = [...new Set(quotes.flatMap((text) => text.split(/\s+/)))].filter(Boolean);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(words.length > 0 ? words : ['word'])) },
    { weight: 1, arbitrary: fc.constantFrom(...(quotes.length > 0 ? quotes : ['a quote'])) },
  );
}

/** Code units of any kind, lone surrogates included (what a broken paste or a bad decoder gives). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Arbitrary Unicode: grapheme clusters, any code point, any code unit. */
export function arbitraryUnicode(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: anyCodeUnit, maxLength }),
  );
}

function joined(piece: fc.Arbitrary<string>, maxPieces: number): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/** Text full of quotation marks that rarely pair up, with names, figures and dataset words. */
export function quotationSoup(quotes: readonly string[], maxPieces = 60): fc.Arbitrary<string> {
  return joined(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...QUOTATION_MARKS) },
      { weight: 4, arbitrary: fc.constantFrom(...NEWSROOM_PIECES) },
      { weight: 4, arbitrary: datasetPieces(quotes) },
      { weight: 1, arbitrary: arbitraryUnicode(8) },
    ),
    maxPieces,
  );
}

/** Markdown: unbalanced markup mixed with quotations. */
export function brokenMarkdown(quotes: readonly string[], maxPieces = 60): fc.Arbitrary<string> {
  return joined(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...MARKDOWN_PIECES) },
      { weight: 2, arbitrary: fc.constantFrom(...QUOTATION_MARKS) },
      { weight: 3, arbitrary: fc.constantFrom(...NEWSROOM_PIECES) },
      { weight: 3, arbitrary: datasetPieces(quotes) },
    ),
    maxPieces,
  );
}

/** Lists and blockquotes nested `depth` deep, each level holding a line of quotation soup. */
export function nestedMarkdown(
  quotes: readonly string[],
  maxDepth: number,
): fc.Arbitrary<{ depth: number; text: string }> {
  const marker = fc.constantFrom('> ', '- ', '* ', '1. ', '  ', '>', '+ ', '> - ');
  return fc
    .record({
      depth: fc.integer({ min: 1, max: maxDepth }),
      markers: fc.array(marker, { minLength: 1, maxLength: 8 }),
      lines: fc.array(quotationSoup(quotes, 8), { minLength: 1, maxLength: 6 }),
      indentOnly: fc.boolean(),
    })
    .map(({ depth, markers, lines, indentOnly }) => {
      const out: string[] = [];
      for (let level = 1; level <= depth; level++) {
        const line = lines[level % lines.length] ?? '';
        if (indentOnly) {
          out.push(`${'  '.repeat(level)}- ${line}`);
        } else {
          let prefix = '';
          for (let step = 0; step < level; step++) prefix += markers[step % markers.length];
          out.push(`${prefix}${line}`);
        }
      }
      return { depth, text: out.join('\n') };
    });
}

/** Broken HTML: misnested and unclosed tags, half entities, quotations across tags. */
export function brokenHtml(quotes: readonly string[], maxPieces = 60): fc.Arbitrary<string> {
  return joined(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HTML_PIECES) },
      { weight: 2, arbitrary: fc.constantFrom(...QUOTATION_MARKS) },
      { weight: 3, arbitrary: fc.constantFrom(...NEWSROOM_PIECES) },
      { weight: 3, arbitrary: datasetPieces(quotes) },
    ),
    maxPieces,
  );
}

/** One hostile input of any family, with the format to read it as (sometimes the wrong one). */
export function hostileInput(
  quotes: readonly string[],
  maxNestingDepth = 20,
): fc.Arbitrary<{ family: string; text: string; format: Format }> {
  const format = fc.constantFrom<Format>('text', 'markdown', 'html');
  return fc.oneof(
    fc.record({ family: fc.constant('unicode'), text: arbitraryUnicode(200), format }),
    fc.record({ family: fc.constant('quotations'), text: quotationSoup(quotes), format }),
    fc.record({
      family: fc.constant('markdown'),
      text: brokenMarkdown(quotes),
      format: fc.constantFrom<Format>('markdown', 'markdown', 'text'),
    }),
    fc.record({
      family: fc.constant('nested-markdown'),
      text: nestedMarkdown(quotes, maxNestingDepth).map((nested) => nested.text),
      format: fc.constant<Format>('markdown'),
    }),
    fc.record({
      family: fc.constant('html'),
      text: brokenHtml(quotes),
      format: fc.constantFrom<Format>('html', 'html', 'markdown'),
    }),
  );
}

/** A paragraph of `length` code units with no punctuation at all: one endless sentence. */
export function unpunctuatedParagraph(length: number, words: readonly string[]): string {
  const pool = words.length > 0 ? words : ['word'];
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < length; index++) {
    // A fixed stride through the pool: deterministic, and varied enough to look like prose.
    const word = (pool[(index * 7 + 3) % pool.length] as string).replace(/[^\p{L}\p{N}]/gu, '');
    if (word === '') continue;
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

/** Prose made of complete, punctuated sentences with quotations and figures, of `length`. */
export function articleLikeText(length: number, quotes: readonly string[]): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < length; index++) {
    const quote = quotes[index % Math.max(quotes.length, 1)] ?? 'a quote';
    const sentence =
      index % 3 === 0
        ? `“${quote}” said Mark Carney on Friday. About ${index % 90}% of exports go south.`
        : index % 3 === 1
          ? `Lynette Ong, a professor, said the deal was “${quote.split(' ').slice(0, 4).join(' ')}”.`
          : `The visit was the first in nearly a decade, the prime minister’s office said.`;
    parts.push(sentence);
    size += sentence.length + 1;
    if (index % 4 === 3) {
      parts.push('\n\n');
      size += 2;
    }
  }
  return parts.join(' ').slice(0, length);
}
