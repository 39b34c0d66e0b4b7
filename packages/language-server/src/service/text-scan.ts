/**
 * Finding quotations, names and completion contexts in a draft by offset. Offsets are UTF-16
 * code units into the whole text, like the checker's; nothing here converts to line/character.
 */

export interface Quotation {
  /** Offset of the opening mark. */
  openStart: number;
  /** First character inside the marks. */
  start: number;
  /** End of the words inside the marks (exclusive); the closing mark is at `end`, if closed. */
  end: number;
  /** After the closing mark, or `end` when the quotation is not closed yet. */
  closeEnd: number;
  closed: boolean;
  text: string;
}

const OPENING = new Map([
  ['“', '”'],
  ['"', '"'],
  ['«', '»'],
  ['„', '“'],
]);

/** The paragraph (between blank lines) around `offset`, as [start, end). */
export function paragraphAround(text: string, offset: number): { start: number; end: number } {
  const before = text.lastIndexOf('\n\n', Math.max(0, offset - 1));
  const start = before === -1 ? 0 : before + 2;
  const after = text.indexOf('\n\n', offset);
  return { start, end: after === -1 ? text.length : after };
}

/** Every quotation in [from, to): an opening mark up to its closing mark or the end. */
export function quotationsIn(text: string, from = 0, to = text.length): Quotation[] {
  const quotations: Quotation[] = [];
  let index = from;
  while (index < to) {
    const closing = OPENING.get(text[index] ?? '');
    if (closing === undefined) {
      index += 1;
      continue;
    }
    const openStart = index;
    const close = text.indexOf(closing, index + 1);
    const paragraphEnd = text.indexOf('\n\n', index + 1);
    const limit = Math.min(to, paragraphEnd === -1 ? to : paragraphEnd);
    const closed = close !== -1 && close < limit;
    const end = closed ? close : limit;
    quotations.push({
      openStart,
      start: openStart + 1,
      end,
      closeEnd: closed ? end + closing.length : end,
      closed,
      text: text.slice(openStart + 1, end),
    });
    index = closed ? end + closing.length : limit;
  }
  return quotations;
}

/** The quotation whose marks or words contain `offset`, if any. */
export function quotationAt(text: string, offset: number): Quotation | null {
  const paragraph = paragraphAround(text, offset);
  return (
    quotationsIn(text, paragraph.start, paragraph.end).find(
      (quotation) =>
        quotation.closed && offset >= quotation.openStart && offset <= quotation.closeEnd,
    ) ?? null
  );
}

const NAME_WORD = /[\p{Lu}][\p{L}'’.-]*/uy;

/**
 * Names that could contain the word at `offset`: runs of capitalised words ("Dominic LeBlanc",
 * "Saint-Jacques"), longest first, each with its span.
 */
export function nameCandidatesAt(
  text: string,
  offset: number,
): { name: string; start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  const paragraph = paragraphAround(text, offset);
  const pattern = /[\p{L}'’.-]+/gu;
  pattern.lastIndex = paragraph.start;
  const slice = text.slice(0, paragraph.end);
  for (let match = pattern.exec(slice); match; match = pattern.exec(slice)) {
    words.push({ start: match.index, end: match.index + match[0].length });
  }
  const at = words.findIndex((word) => offset >= word.start && offset <= word.end);
  if (at === -1) return [];
  const capitalised = (index: number) => {
    const word = words[index];
    if (!word) return false;
    NAME_WORD.lastIndex = word.start;
    return NAME_WORD.test(text);
  };
  if (!capitalised(at)) return [];
  // Extend over neighbouring capitalised words separated by single spaces only.
  let first = at;
  while (
    first > 0 &&
    capitalised(first - 1) &&
    /^ $/.test(text.slice(words[first - 1]?.end, words[first]?.start))
  )
    first -= 1;
  let last = at;
  while (capitalised(last + 1) && /^ $/.test(text.slice(words[last]?.end, words[last + 1]?.start)))
    last += 1;
  const candidates: { name: string; start: number; end: number }[] = [];
  for (let from = first; from <= at; from += 1) {
    for (let to = last; to >= at; to -= 1) {
      const start = words[from]?.start ?? 0;
      const end = words[to]?.end ?? 0;
      const name = text.slice(start, end).replace(/[’'.]s?$|\.$/u, '');
      candidates.push({ name, start, end });
    }
  }
  return candidates.sort((a, b) => b.end - b.start - (a.end - a.start));
}

export interface CompletionContext {
  /** What has been typed since the opening mark (empty right after it). */
  typed: string;
  /** The range the accepted quote replaces: from after the opening mark to the cursor. */
  replaceStart: number;
  /** The opening mark, or null when the writer typed `Name said ` and no mark yet. */
  openingMark: string | null;
  closingMark: string;
  /** "Dominic LeBlanc" when the quotation follows `<Name> said`. */
  speakerName: string | null;
}

const SAID =
  /(\p{Lu}[\p{L}'’-]*(?:[ -]\p{Lu}[\p{L}'’-]*){0,3})(?:,[^,\n]{1,80},)?\s+(?:said|says|told\s[^,“"\n]{1,60}|added|wrote|stated|declared)[,:]?\s*$/u;

/** Whether the cursor is in an open quotation, or right after "<Name> said". */
export function completionContextAt(text: string, offset: number): CompletionContext | null {
  const paragraph = paragraphAround(text, offset);
  const open = quotationsIn(text, paragraph.start, offset).at(-1);
  if (open && !open.closed) {
    const openingMark = text[open.openStart] ?? '“';
    const before = text.slice(paragraph.start, open.openStart);
    return {
      typed: text.slice(open.start, offset),
      replaceStart: open.start,
      openingMark,
      closingMark: OPENING.get(openingMark) ?? '”',
      speakerName: SAID.exec(before)?.[1] ?? null,
    };
  }
  const before = text.slice(paragraph.start, offset);
  const said = SAID.exec(before);
  if (said?.[1] && /\s$/.test(before)) {
    return {
      typed: '',
      replaceStart: offset,
      openingMark: null,
      closingMark: '”',
      speakerName: said[1],
    };
  }
  return null;
}

/** Start of the line that contains `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
}
