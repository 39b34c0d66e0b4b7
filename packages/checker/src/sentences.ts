import type { Quotation } from './quotations.ts';

/**
 * Sentence boundaries of a paragraph, computed with the quotations' words blanked so that a full
 * stop inside a quotation never ends the reporter's sentence ("“We will win. They lose,” she said").
 */
export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'jr',
  'sr',
  'inc',
  'corp',
  'ltd',
  'co',
  'vs',
  'no',
  'jan',
  'feb',
  'mar',
  'apr',
  'aug',
  'sept',
  'sep',
  'oct',
  'nov',
  'dec',
  'approx',
  'est',
  'hon',
  'rev',
  'fr',
  'mt',
  'ft',
]);

/** The paragraph with every quotation's inner text replaced by spaces (marks kept). */
export function blankQuotations(text: string, quotations: readonly Quotation[]): string {
  let blanked = '';
  let cursor = 0;
  for (const quotation of quotations) {
    for (const segment of quotation.segments) {
      blanked += text.slice(cursor, segment.innerStart);
      blanked += ' '.repeat(segment.innerEnd - segment.innerStart);
      cursor = segment.innerEnd;
    }
  }
  return blanked + text.slice(cursor);
}

export function splitSentences(text: string, quotations: readonly Quotation[]): Sentence[] {
  // Keep a quotation's last character when it ends a sentence: “We lose.” Then… ends there.
  const blanked = blankQuotations(text, quotations);
  const pieces: string[] = [];
  let cursor = 0;
  for (const quotation of quotations) {
    const last = quotation.segments[quotation.segments.length - 1];
    if (!last || last.innerEnd <= last.innerStart) continue;
    const char = text[last.innerEnd - 1] as string;
    if (!/[.!?]/.test(char)) continue;
    pieces.push(blanked.slice(cursor, last.innerEnd - 1), char);
    cursor = last.innerEnd;
  }
  pieces.push(blanked.slice(cursor));
  const prepared = pieces.join('');
  const sentences: Sentence[] = [];
  let start = 0;
  const boundary = /[.!?\u2026]+["”’»)\]]*(?=\s+["“‘«(]?[\p{Lu}\p{N}])|\n/gu;
  for (const match of prepared.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (match[0] === '.' && isAbbreviation(prepared, match.index)) continue;
    if (end > start) sentences.push({ start, end });
    start = end;
  }
  if (start < text.length) sentences.push({ start, end: text.length });
  return sentences.filter((sentence) => text.slice(sentence.start, sentence.end).trim() !== '');
}

function isAbbreviation(text: string, dot: number): boolean {
  const word = wordBefore(text, dot);
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  if (/\p{L}\.\p{L}/u.test(word)) return true; // "U.S", "e.g"
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** The letters and dots just before `dot` (at most 12 characters back): "U.S", "Dr", "J". */
function wordBefore(text: string, dot: number): string {
  const from = Math.max(0, dot - 12);
  let start = dot;
  // ASCII by hand; anything else by the Unicode expression.
  while (start > from) {
    const code = text.charCodeAt(start - 1);
    if (code >= 0x80) return /([\p{L}.]+)$/u.exec(text.slice(from, dot))?.[1] ?? '';
    const lower = code | 0x20;
    if ((lower >= 0x61 && lower <= 0x7a) || code === 0x2e) start--;
    else break;
  }
  return text.slice(start, dot);
}

export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  // Binary search (sentences are in order): a run-on list of "1. 1. 1." has one sentence per
  // figure, and a scan per figure was quadratic (docs/robustness.md).
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const sentence = sentences[middle] as Sentence;
    if (offset < sentence.start) high = middle - 1;
    else if (offset >= sentence.end) low = middle + 1;
    else return sentence;
  }
  return sentences[sentences.length - 1];
}
