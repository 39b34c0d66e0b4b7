/** One quotation found by its marks inside a paragraph. Offsets are into the body text. */
export interface MarkedQuote {
  /** Position of the opening mark (or the paragraph start when a quote continues without one). */
  open: number;
  /** First character inside the marks. */
  innerStart: number;
  /** End of the words inside the marks (exclusive). */
  innerEnd: number;
  /** Position after the closing mark (or after the inner text when the paragraph ends unclosed). */
  close: number;
  /** The paragraph ended before a closing mark: the quote goes on in the next paragraph. */
  unclosed: boolean;
  /** Double marks (“ ” " « ») or single (‘ ’ '). */
  style: 'double' | 'single';
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '‟']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const SINGLE_OPEN = new Set(['‘', '‚']);

function isLetterOrDigit(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isSpaceOrStart(ch: string | undefined): boolean {
  return ch === undefined || /[\s([{—–\-/]/.test(ch);
}

function isSpaceOrEnd(ch: string | undefined): boolean {
  return ch === undefined || /[\s)\]}.,;:!?—–\-…]/.test(ch);
}

/**
 * Finds the quotations in one paragraph: double marks first (single marks inside them are part of
 * the quote), then single-mark quotations outside any double ones (British style). A quote left
 * open at the end of the paragraph is returned with `unclosed` set.
 */
export function findMarkedQuotes(text: string, start: number, end: number): MarkedQuote[] {
  const quotes: MarkedQuote[] = [];
  let open = -1;
  // Jump from mark to mark instead of looking at every character.
  const marks = /[“„«‟”»"]/g;
  for (const match of text.slice(start, end).matchAll(marks)) {
    const i = start + match.index;
    const ch = match[0];
    if (open < 0) {
      if (DOUBLE_OPEN.has(ch) || (ch === '"' && opensStraight(text, i, start, end))) open = i;
      continue;
    }
    if (DOUBLE_CLOSE.has(ch) || ch === '"') {
      // A closing mark right after the opening one, with nothing between, is noise; skip it.
      if (i === open + 1) {
        open = -1;
        continue;
      }
      quotes.push(makeQuote(text, open, open + 1, i, i + 1, false, 'double'));
      open = -1;
    } else if (DOUBLE_OPEN.has(ch) && i === open + 1) {
      open = i;
    }
  }
  if (open >= 0 && open + 1 < end) {
    quotes.push(makeQuote(text, open, open + 1, end, end, true, 'double'));
  }
  if (!hasSingleMark(text, start, end)) return quotes;
  const singles = findSingleQuotes(text, start, end, quotes);
  if (singles.length === 0) return quotes;
  return [...quotes, ...singles].sort((a, b) => a.open - b.open);
}

function hasSingleMark(text: string, start: number, end: number): boolean {
  const at = text.slice(start, end).search(/(?:^|[\s([{—–\-/])[‘‚']/);
  return at >= 0;
}

function opensStraight(text: string, i: number, start: number, end: number): boolean {
  const before = i > start ? text.charAt(i - 1) : undefined;
  const after = i + 1 < end ? text.charAt(i + 1) : undefined;
  if (after === undefined || /\s/.test(after)) return false;
  return isSpaceOrStart(before) || !isLetterOrDigit(before);
}

function findSingleQuotes(
  text: string,
  start: number,
  end: number,
  doubles: readonly MarkedQuote[],
): MarkedQuote[] {
  const found: MarkedQuote[] = [];
  let open = -1;
  let doubleIndex = 0;
  for (let i = start; i < end; i++) {
    const inside = doubles[doubleIndex];
    if (inside && i >= inside.open) {
      // Skip over the double-quoted stretch; single marks inside belong to that quote.
      i = inside.close - 1;
      doubleIndex++;
      continue;
    }
    const ch = text.charAt(i);
    const before = i > start ? text.charAt(i - 1) : undefined;
    const after = i + 1 < end ? text.charAt(i + 1) : undefined;
    if (open < 0) {
      if ((SINGLE_OPEN.has(ch) || ch === "'") && isSpaceOrStart(before) && isLetterOrDigit(after)) {
        if (ch === "'" && after !== undefined && /\d/.test(after)) continue; // '90s
        open = i;
      }
      continue;
    }
    if ((ch === '’' || ch === "'") && !isLetterOrDigit(after) && isSpaceOrEnd(after)) {
      const last = text.charAt(i - 1);
      // "the players’ union": a plural possessive, not the end of a quote, unless punctuation precedes.
      if (/s/i.test(last) && after === ' ' && /\p{Ll}/u.test(text.charAt(i + 2))) continue;
      if (!/\s/.test(last)) {
        found.push(makeQuote(text, open, open + 1, i, i + 1, false, 'single'));
        open = -1;
      }
    }
  }
  if (open >= 0 && open === start && open + 1 < end) {
    found.push(makeQuote(text, open, open + 1, end, end, true, 'single'));
  }
  return found;
}

function makeQuote(
  text: string,
  open: number,
  innerStart: number,
  innerEnd: number,
  close: number,
  unclosed: boolean,
  style: 'double' | 'single',
): MarkedQuote {
  let s = innerStart;
  let e = innerEnd;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return { open, innerStart: s, innerEnd: e, close, unclosed, style };
}
