import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paragraphKey, splitParagraphs } from '../src/paragraphs.ts';
import { LineIndex } from '../src/positions.ts';
import { extractProse, splitLines } from '../src/prose.ts';

// The scanners jump between the characters that matter instead of visiting every one (or running
// a regular expression over the whole draft). Each is checked against the straightforward version
// it replaced, on text made of the characters that decide where things split.
const tricky = fc
  .array(
    fc.constantFrom('a', 'b', ' ', '\t', '\u00a0', '\r', '\n', '\r\n', '“', '😀', '\ud800', '-'),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(''));

function paragraphsByRegex(text: string): { start: number; text: string }[] {
  const paragraphs: { start: number; text: string }[] = [];
  const push = (start: number, end: number) => {
    const slice = text.slice(start, end);
    if (slice.trim() !== '') paragraphs.push({ start, text: slice });
  };
  let cursor = 0;
  for (const match of text.matchAll(/\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+|\r\n[ \t]*\r\n/g)) {
    if (match.index > cursor) push(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  if (cursor < text.length) push(cursor, text.length);
  return paragraphs;
}

function linesByRegex(text: string): { start: number; end: number; text: string }[] {
  const lines: { start: number; end: number; text: string }[] = [];
  for (const match of text.matchAll(/[^\r\n]*(?:\r\n|\r|\n|$)/g)) {
    if (match[0] === '' && match.index >= text.length) break;
    const content = match[0].replace(/[\r\n]+$/, '');
    lines.push({ start: match.index, end: match.index + content.length, text: content });
    if (match[0] === '') break;
  }
  return lines;
}

function columnByWalking(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let index = 0; index < offset; index++) {
    const code = text.charCodeAt(index);
    if (code === 13 && text.charCodeAt(index + 1) === 10) {
      // One line break; an offset between its two characters is still on the first line.
      if (index + 1 === offset) column++;
      else {
        index++;
        line++;
        column = 1;
      }
    } else if (code === 10 || code === 13) {
      line++;
      column = 1;
    } else {
      const pair =
        code >= 0xd800 &&
        code <= 0xdbff &&
        index + 1 < offset &&
        text.charCodeAt(index + 1) >= 0xdc00 &&
        text.charCodeAt(index + 1) <= 0xdfff;
      if (pair) index++;
      column++;
    }
  }
  return { line, column };
}

describe('scanning a draft', () => {
  it('splits paragraphs exactly where the separator expression matches', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(splitParagraphs(text)).toEqual(paragraphsByRegex(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits lines as the line expression does', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(splitLines(text)).toEqual(linesByRegex(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives every offset the line and column counted character by character', () => {
    fc.assert(
      fc.property(tricky, fc.nat(), (text, seed) => {
        const index = new LineIndex(text);
        const offset = text.length === 0 ? 0 : seed % (text.length + 1);
        const clamped = index.clampOffset(offset);
        expect(index.toLineColumn(offset)).toEqual(columnByWalking(text, clamped));
      }),
      { numRuns: 2000 },
    );
  });

  it('blanks markup with spaces, keeping line breaks and the length', () => {
    const markdown = fc
      .array(
        fc.constantFrom(
          'a',
          ' ',
          '\n',
          '\r\n',
          '`',
          '```',
          '<!-- x -->',
          '[a](b)',
          '# ',
          '> ',
          'http://x.y ',
          '“',
        ),
        {
          maxLength: 40,
        },
      )
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(markdown, (text) => {
        const prose = extractProse(text, 'markdown');
        expect(prose.text.length).toBe(text.length);
        for (let index = 0; index < text.length; index++) {
          const original = text[index];
          const kept = prose.text[index];
          if (original === '\n' || original === '\r') expect(kept).toBe(original);
          else expect(kept === original || kept === ' ').toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
    expect(extractProse('Plain prose, no markup.', 'markdown').text).toBe(
      'Plain prose, no markup.',
    );
    expect(extractProse('a `code` <!-- c --> [link](http://x)\r\nb', 'markdown').text).toBe(
      `a${' '.repeat(20)}link${' '.repeat(11)}\r\nb`,
    );
  });

  it('keys a paragraph by its length and a sample of its characters', () => {
    const long = `${'a'.repeat(100)}${'b'.repeat(100)}${'c'.repeat(100)}`;
    // One character between the sampled ones: the same key (the cache then compares the text).
    const between = `${long.slice(0, 145)}x${long.slice(146)}`;
    expect(paragraphKey(long)).toBe(paragraphKey(between));
    expect(paragraphKey(long)).not.toBe(paragraphKey(`${long}.`));
    expect(paragraphKey(long)).not.toBe(paragraphKey(`x${long.slice(1)}`));
    expect(paragraphKey('A short paragraph.')).not.toBe(paragraphKey('A short paragraph!'));
    expect(Number.isSafeInteger(paragraphKey(long))).toBe(true);
  });
});
