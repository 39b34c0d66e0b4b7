/**
 * Finds quotations in a paragraph of prose: text between quotation marks (curly, straight,
 * guillemets, low-high), with nested single quotes left inside, and a quotation split around its
 * attribution ("…,” she said. “…") joined into one. Offsets are relative to the paragraph.
 */
export interface QuotationSegment {
  /** Offset of the opening mark. */
  open: number;
  /** The words' range between the marks (white space inside the marks trimmed). */
  innerStart: number;
  innerEnd: number;
  /** Offset just past the closing mark (or the paragraph's end when the quotation is not closed). */
  end: number;
}

export interface Quotation {
  segments: QuotationSegment[];
  start: number;
  end: number;
}

const CLOSERS: Record<string, string> = {
  '\u201C': '\u201D',
  '\u201E': '\u201C\u201D',
  '\u00AB': '\u00BB',
  '\u2039': '\u203A',
  '"': '"',
  '\u2018': '\u2019',
  "'": "'",
};

/** Any of the CLOSERS' keys. */
const OPENING_MARK = /[\u201C\u201E\u00AB\u2039"\u2018']/g;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/:\u201C\u2018"'\u00AB]/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && LETTER_OR_DIGIT.test(char);
}

function opensHere(text: string, index: number): boolean {
  const char = text[index] as string;
  const before = text[index - 1];
  const after = text[index + 1];
  const atWordStart = before === undefined || OPENING_CONTEXT.test(before);
  switch (char) {
    case '\u201C':
    case '\u201E':
    case '\u00AB':
      return true;
    case '\u2039':
      return atWordStart;
    case '"':
      return atWordStart && after !== undefined && !/\s/.test(after);
    case '\u2018':
    case "'":
      // Single marks double as apostrophes: only a mark that starts a word opens a quotation.
      return atWordStart && isWordChar(after);
    default:
      return false;
  }
}

function findCloser(text: string, open: number): number {
  const char = text[open] as string;
  const closers = CLOSERS[char] ?? '';
  const single = char === '\u2018' || char === "'";
  for (let index = open + 1; index < text.length; index++) {
    const candidate = text[index] as string;
    if (!closers.includes(candidate)) continue;
    if (single) {
      // "it’s", "rock ’n’ roll": an apostrophe between letters does not close.
      if (isWordChar(text[index + 1])) continue;
      if (text[index - 1] === undefined || /\s/.test(text[index - 1] as string)) continue;
    } else if (char === '"' && index === open + 1) {
      continue;
    }
    return index;
  }
  return -1;
}

const SPEECH_GAP =
  /\b(?:said|says|say|told|tells|added|adds|asked|asks|warned|warns|wrote|writes|argued|argues|insisted|insists|explained|explains|noted|notes|continued|continues|recalled|recalls|replied|replies|conceded|concedes|admitted|admits|stated|states|declared|declares|claimed|claims|maintained|maintains|observed|cautioned|suggested|predicted|promised|vowed|went on|according to)\b/i;

/** Finds the quotations of a paragraph, in order. */
export function findQuotations(text: string): Quotation[] {
  const raw: QuotationSegment[] = [];
  // Once a mark finds no closer from some point, it finds none from any later point either:
  // remembering that keeps a draft full of unpaired marks linear.
  const noCloserAfter = new Map<string, number>();
  let index = 0;
  while (index < text.length) {
    // Jump to the next mark that may open a quotation: most of a paragraph is none.
    OPENING_MARK.lastIndex = index;
    const next = OPENING_MARK.exec(text);
    if (!next) break;
    index = next.index;
    const char = next[0];
    if (opensHere(text, index)) {
      const known = noCloserAfter.get(char);
      const close = known !== undefined && index >= known ? -1 : findCloser(text, index);
      if (close < 0 && known === undefined) noCloserAfter.set(char, index);
      // An unclosed double quotation runs to the end of the paragraph (a quote that continues in
      // the next paragraph opens again there); an unclosed single mark was an apostrophe.
      if (close < 0 && (char === '\u2018' || char === "'" || char === '\u2039')) {
        index++;
        continue;
      }
      const end = close < 0 ? text.length : close + 1;
      let innerStart = index + 1;
      let innerEnd = close < 0 ? text.length : close;
      while (innerStart < innerEnd && /\s/.test(text[innerStart] as string)) innerStart++;
      while (innerEnd > innerStart && /\s/.test(text[innerEnd - 1] as string)) innerEnd--;
      raw.push({ open: index, innerStart, innerEnd, end });
      index = end;
      continue;
    }
    index++;
  }
  return joinSplitQuotations(text, raw);
}

function joinSplitQuotations(text: string, segments: QuotationSegment[]): Quotation[] {
  const quotations: Quotation[] = [];
  for (const segment of segments) {
    const previous = quotations[quotations.length - 1];
    const last = previous?.segments[previous.segments.length - 1];
    if (previous && last && continuesAfterAttribution(text, last, segment)) {
      previous.segments.push(segment);
      previous.end = segment.end;
      continue;
    }
    quotations.push({ segments: [segment], start: segment.open, end: segment.end });
  }
  return quotations;
}

/** “We will win,” she said. “They will lose.” — the second part continues the first. */
function continuesAfterAttribution(
  text: string,
  first: QuotationSegment,
  second: QuotationSegment,
): boolean {
  const gap = text.slice(first.end, second.open);
  if (gap.length > 100 || !SPEECH_GAP.test(gap)) return false;
  const firstInner = text.slice(first.innerStart, first.innerEnd).trimEnd();
  const lastChar = firstInner[firstInner.length - 1] ?? '';
  const secondFirst = text.slice(second.innerStart, second.innerStart + 1);
  const endsSentence = /[.!?\u2026]/.test(lastChar);
  const continuesLowercase =
    secondFirst !== '' && secondFirst === secondFirst.toLowerCase() && /\p{L}/u.test(secondFirst);
  return lastChar === ',' || (!endsSentence && (continuesLowercase || gap.trim().startsWith(',')));
}
