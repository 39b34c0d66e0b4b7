import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReadingMemo, readParagraph } from '../src/paragraphs.ts';

// Paragraphs built from what attributions and quotations are made of.
const piece = fc.constantFrom(
  '“We will build the bridge before the first snow falls,”',
  '“We will build it,” she said, “before the snow.”',
  ' Roe said.',
  ' said Jane Roe, the mayor.',
  ' according to the Ontario premier.',
  ' Vance and Brandt said: ',
  'The council met on Tuesday.',
  ' It cost $4 million.',
  ' [The council] ',
  '…',
  ' ',
  '. ',
  ', ',
  '"',
  '‘a clear threat’',
  'Dr. J. Smith',
  ' Edit 17.',
);
const paragraph = fc.array(piece, { minLength: 1, maxLength: 12 }).map((pieces) => pieces.join(''));

function plain(reading: ReturnType<typeof readParagraph>) {
  return { quotations: reading.quotations, sentences: reading.sentences, blanked: reading.blanked };
}

describe('readParagraph with a memo', () => {
  it('reads every paragraph exactly as without one, however many were read before', () => {
    const memo: ReadingMemo = new Map();
    fc.assert(
      fc.property(paragraph, fc.array(piece, { maxLength: 3 }), (text, edit) => {
        // The paragraph, then an edited version of it, through one memo.
        for (const version of [text, `${edit.join('')}${text}`, `${text}${edit.join('')}`]) {
          expect(plain(readParagraph(version, memo))).toEqual(plain(readParagraph(version)));
        }
      }),
      { numRuns: 1500 },
    );
    expect(memo.size).toBeGreaterThan(0);
  });
});
