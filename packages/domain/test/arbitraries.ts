import fc from 'fast-check';

/**
 * Any string: UTF-16 code units (lone surrogates included), astral characters (emoji) and a few
 * digits, letters and separators so that words and numbers appear. Cheaper to generate than
 * `fc.string({ unit: 'binary' })`, which keeps the suite fast.
 */
export const anyText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
      fc.constantFrom(' ', '\u00A0', '1', '9', 'a', 'Z', ',', '.', '%', "'", '\u2019', '-'),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(''));
