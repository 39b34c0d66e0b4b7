import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/positions.ts';

describe('LineIndex', () => {
  const text = 'a“b\r\n😀x\ry\n\nz';
  const index = new LineIndex(text);

  it.each([
    [0, { line: 1, column: 1 }, { line: 0, character: 0 }],
    [2, { line: 1, column: 3 }, { line: 0, character: 2 }],
    [5, { line: 2, column: 1 }, { line: 1, character: 0 }],
    [7, { line: 2, column: 2 }, { line: 1, character: 2 }],
    [8, { line: 2, column: 3 }, { line: 1, character: 3 }],
    [9, { line: 3, column: 1 }, { line: 2, character: 0 }],
    [12, { line: 5, column: 1 }, { line: 4, character: 0 }],
  ])('offset %i is %o for people and %o for LSP', (offset, lineColumn, lsp) => {
    expect(index.toLineColumn(offset)).toEqual(lineColumn);
    expect(index.toLsp(offset)).toEqual(lsp);
    expect(index.fromLineColumn(lineColumn)).toBe(offset);
    expect(index.fromLsp(lsp)).toBe(offset);
  });

  it('counts an astral character as one column but two UTF-16 units', () => {
    expect(index.toLineColumn(7).column).toBe(2);
    expect(index.toLsp(7).character).toBe(2);
  });

  it('never lands inside a surrogate pair', () => {
    expect(index.clampOffset(6)).toBe(5);
  });

  it('round-trips every offset that is not inside a pair or a CRLF', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (sample) => {
        const lines = new LineIndex(sample);
        for (let offset = 0; offset <= sample.length; offset++) {
          const clamped = lines.clampOffset(offset);
          if (sample[clamped - 1] === '\r' && sample[clamped] === '\n') continue;
          expect(lines.fromLsp(lines.toLsp(clamped))).toBe(clamped);
          expect(lines.fromLineColumn(lines.toLineColumn(clamped))).toBe(clamped);
        }
      }),
    );
  });
});
