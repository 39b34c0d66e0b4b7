import { describe, expect, it } from 'vitest';
import { matchScore, normalizeForMatch } from '../src/service/text-match.ts';
import {
  completionContextAt,
  nameCandidatesAt,
  quotationAt,
  quotationsIn,
} from '../src/service/text-scan.ts';

describe('quotations', () => {
  const text = 'He said “first words” and then "second words".\n\n“Unclosed at the end';

  it('finds curly and straight quotations with the offsets of their words', () => {
    const [first, second, third] = quotationsIn(text);
    expect(first?.text).toBe('first words');
    expect(text.slice(first?.start, first?.end)).toBe('first words');
    expect(text.slice(first?.openStart, first?.closeEnd)).toBe('“first words”');
    expect(second?.text).toBe('second words');
    expect(third).toMatchObject({ closed: false, text: 'Unclosed at the end' });
  });

  it('finds the closed quotation around an offset, marks included', () => {
    expect(quotationAt(text, text.indexOf('words'))?.text).toBe('first words');
    expect(quotationAt(text, text.indexOf('“'))?.text).toBe('first words');
    expect(quotationAt(text, text.indexOf('then'))).toBeNull();
    expect(quotationAt(text, text.indexOf('Unclosed'))).toBeNull();
  });

  it('does not let a quotation run into the next paragraph', () => {
    const draft = '“Never closed\n\nNext paragraph” here';
    expect(quotationsIn(draft)[0]).toMatchObject({ closed: false, text: '“Never closed'.slice(1) });
  });
});

describe('names', () => {
  it('offers the longest run of capitalised words first', () => {
    const text = 'As Guy Saint-Jacques said, things changed.';
    const names = nameCandidatesAt(text, text.indexOf('Saint'));
    expect(names[0]?.name).toBe('As Guy Saint-Jacques');
    expect(names.map((n) => n.name)).toContain('Guy Saint-Jacques');
    expect(names.map((n) => n.name)).toContain('Saint-Jacques');
  });

  it('drops a possessive and ignores lower-case words', () => {
    const text = 'It was Carney’s trip.';
    expect(nameCandidatesAt(text, text.indexOf('Carney'))[0]?.name).toBe('Carney');
    expect(nameCandidatesAt(text, text.indexOf('trip'))).toEqual([]);
  });
});

describe('completion context', () => {
  it('is the typed words after an open quotation mark', () => {
    const text = 'Then “The main go';
    expect(completionContextAt(text, text.length)).toEqual({
      typed: 'The main go',
      replaceStart: text.indexOf('“') + 1,
      openingMark: '“',
      closingMark: '”',
      speakerName: null,
    });
  });

  it('knows the speaker after "<Name> said"', () => {
    const text = 'Guy Saint-Jacques said: “';
    expect(completionContextAt(text, text.length)?.speakerName).toBe('Guy Saint-Jacques');
    const noMark = 'Mark Carney said ';
    expect(completionContextAt(noMark, noMark.length)).toMatchObject({
      openingMark: null,
      speakerName: 'Mark Carney',
      typed: '',
    });
  });

  it('is nothing outside a quotation or after a closed one', () => {
    const text = 'He said “done” and';
    expect(completionContextAt(text, text.length)).toBeNull();
  });
});

describe('matching typed words to facts', () => {
  it('ignores case, accents, quotation styles and punctuation', () => {
    expect(normalizeForMatch('“Ça  va,” he said’s')).toBe("ca va he said's");
  });

  it('ranks a prefix above shared words above nothing', () => {
    const quote = 'The main goal of trying to reset the relationship';
    expect(matchScore('the main go', quote)).toBeGreaterThan(1);
    expect(matchScore('reset the relationship', quote)).toBeGreaterThan(0.5);
    expect(matchScore('canola tariffs', quote)).toBe(0);
  });
});
