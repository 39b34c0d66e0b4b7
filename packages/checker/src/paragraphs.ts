import { quoteShingles, tokenizeWords } from '@verbatim/domain/quote-text';
import type { DraftUnit } from './align.ts';
import type { Attribution } from './attribution.ts';
import { findAttribution, findNameMentions } from './attribution.ts';
import type { Quotation } from './quotations.ts';
import { findQuotations } from './quotations.ts';
import { blankQuotations, type Sentence, sentenceAt, splitSentences } from './sentences.ts';

/**
 * The fact-independent reading of one paragraph: its quotations (as alignment units and lookup
 * shingles), their attributions, its sentences and name mentions. Offsets are paragraph-relative
 * so an unchanged paragraph that moved still hits the cache.
 */
export interface Paragraph {
  /** Offset of the paragraph in the prose text. */
  start: number;
  text: string;
}

export interface QuotationReading {
  quotation: Quotation;
  units: DraftUnit[];
  /** The quotation's words, for shingles and fragments. */
  wordCount: number;
  shingles: number[];
  /** Starts with a capital (or digit) and has more than three words: a full-sentence quotation. */
  fullSentence: boolean;
  attribution: Attribution | null;
  /** For a quotation joined from a split, each part on its own (the join may be wrong). */
  parts?: QuotationReading[];
  /** The words' range inside the marks: first word to last word. */
  wordsStart: number;
  wordsEnd: number;
}

export interface ParagraphReading {
  text: string;
  quotations: QuotationReading[];
  sentences: Sentence[];
  /** The paragraph with quotations' words blanked. */
  blanked: string;
  /** Names mentioned, for pronouns: found on first use (most drafts need none). */
  readonly mentions: { text: string; start: number; end: number }[];
}

/**
 * Paragraphs are separated by blank lines (Markdown) or block elements (HTML, already blank
 * lines): the separator is what /\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+|\r\n[ \t]*\r\n/g matches, found
 * here by jumping from line feed to line feed (a regular expression visited every character).
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let cursor = 0;
  let lineFeed = text.indexOf('\n');
  while (lineFeed >= 0) {
    let start = -1;
    let end = -1;
    // "\r\n[ \t]*\r\n", which starts one character earlier, is found first.
    if (lineFeed - 1 >= cursor && text.charCodeAt(lineFeed - 1) === CR) {
      const after = skipSpaces(text, lineFeed + 1, false);
      if (text.charCodeAt(after) === CR && text.charCodeAt(after + 1) === LF) {
        start = lineFeed - 1;
        end = after + 2;
      }
    }
    if (start < 0) {
      // "\n[ \t\u00a0]*" and then at least one "\r?\n[ \t\u00a0]*".
      let position = skipSpaces(text, lineFeed + 1, true);
      let breaks = 0;
      for (;;) {
        const code = text.charCodeAt(position);
        if (code === LF) position++;
        else if (code === CR && text.charCodeAt(position + 1) === LF) position += 2;
        else break;
        breaks++;
        position = skipSpaces(text, position, true);
      }
      if (breaks > 0) {
        start = lineFeed;
        end = position;
      }
    }
    if (start < 0) {
      lineFeed = text.indexOf('\n', lineFeed + 1);
      continue;
    }
    if (start > cursor) pushParagraph(paragraphs, text, cursor, start);
    cursor = end;
    lineFeed = text.indexOf('\n', end);
  }
  if (cursor < text.length) pushParagraph(paragraphs, text, cursor, text.length);
  return paragraphs;
}

const LF = 10;
const CR = 13;

/** Past spaces and tabs (and no-break spaces when `noBreak`) from `position`. */
function skipSpaces(text: string, position: number, noBreak: boolean): number {
  let index = position;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9 || (noBreak && code === 0xa0)) index++;
    else return index;
  }
}

function pushParagraph(paragraphs: Paragraph[], text: string, start: number, end: number): void {
  const slice = text.slice(start, end);
  if (slice.trim() === '') return;
  paragraphs.push({ start, text: slice });
}

/** Characters hashed for a paragraph's cache key: all of a short one, a sample of a longer one. */
const KEY_CHARACTERS = 64;

/**
 * The key the paragraph cache keeps a paragraph under: a 30-bit hash (a small integer, cheap for
 * a Map) of its length and of up to 64 of its characters — the first and last 16 and 32 spread
 * between. Hashing every character of a draft (a string key is hashed whole) cost more than the
 * rest of re-checking it unchanged. Two paragraphs with one key are told apart by comparing the
 * cached text, so the key only decides which one is kept: an edit that leaves the length and the
 * sampled characters alone replaces the paragraph's old version, which an editor no longer needs.
 */
export function paragraphKey(text: string): number {
  const length = text.length;
  let hash = Math.imul(FNV_OFFSET ^ length, FNV_PRIME);
  if (length <= KEY_CHARACTERS) {
    for (let index = 0; index < length; index++)
      hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  } else {
    const ends = KEY_CHARACTERS / 4;
    const spread = KEY_CHARACTERS - 2 * ends;
    const step = (length - 2 * ends) / spread;
    for (let index = 0; index < ends; index++) {
      hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
      hash = Math.imul(hash ^ text.charCodeAt(length - 1 - index), FNV_PRIME);
    }
    for (let sample = 0; sample < spread; sample++)
      hash = Math.imul(hash ^ text.charCodeAt(ends + Math.floor(sample * step)), FNV_PRIME);
  }
  return hash & 0x3fffffff;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A copy of `text` that keeps nothing else alive. A JavaScript engine may represent a slice as a
 * view of the string it was cut from (V8 does, from 13 characters), so a cached paragraph would
 * hold its whole draft; concatenating and slicing again makes the engine copy the characters.
 */
export function detached(text: string): string {
  return ` ${text}`.slice(1);
}

const FRAGMENT_MAX_WORDS = 3;
const SPLIT_GAP_WORDS = 3;

/**
 * What reading a quotation or an attribution gave, keyed by exactly the text it read (with the
 * offsets it used, relative to that text): an edit elsewhere in a paragraph finds it done.
 */
export type ReadingMemo = Map<string, QuotationReading | Attribution | null>;

/** Entries a memo holds before it is emptied. */
const MAX_MEMO_ENTRIES = 10_000;
/**
 * Longer readings (a quotation or a sentence running on for pages) are not kept: with the entry
 * count, this bounds the memo's memory whatever drafts are sent.
 */
export const MAX_MEMO_KEY_LENGTH = 2_000;

export function readParagraph(text: string, memo?: ReadingMemo): ParagraphReading {
  const quotations = findQuotations(text);
  const sentences = splitSentences(text, quotations);
  const blanked = blankQuotations(text, quotations);
  const readings: QuotationReading[] = [];
  for (const quotation of quotations) {
    const reading = readQuotationOnce(text, quotation, memo);
    if (!reading) continue;
    if (quotation.segments.length > 1) {
      reading.parts = quotation.segments.flatMap((segment) => {
        const part = readQuotationOnce(
          text,
          { segments: [segment], start: segment.open, end: segment.end },
          memo,
        );
        return part ? [part] : [];
      });
    }
    reading.attribution = findAttribution(blanked, quotation, sentences, memo && remember(memo));
    readings.push(reading);
  }
  return new Reading(text, readings, sentences, blanked);
}

/** A class, not an object literal with a getter: V8 builds such a literal slowly. */
class Reading implements ParagraphReading {
  private names: ParagraphReading['mentions'] | undefined;

  constructor(
    readonly text: string,
    readonly quotations: QuotationReading[],
    readonly sentences: Sentence[],
    readonly blanked: string,
  ) {}

  get mentions(): ParagraphReading['mentions'] {
    this.names ??= findNameMentions(this.blanked);
    return this.names;
  }
}

/** The memo as findAttribution uses it: look up, or work out and keep. */
function remember(memo: ReadingMemo) {
  return (key: string, work: () => Attribution | null): Attribution | null => {
    if (memo.has(key)) return memo.get(key) as Attribution | null;
    const found = work();
    keep(memo, key, found);
    return found;
  };
}

function keep(memo: ReadingMemo, key: string, value: QuotationReading | Attribution | null): void {
  if (key.length > MAX_MEMO_KEY_LENGTH) return;
  if (memo.size >= MAX_MEMO_ENTRIES) memo.clear();
  memo.set(key, value);
}

/** How far past the first word readQuotation looks to tell a full sentence. */
const OPENING_LOOKAHEAD = 40;

/**
 * readQuotation, done once per quotation text: it reads the quotation's marks and words and at
 * most OPENING_LOOKAHEAD characters from its first word, so those (and the marks' offsets) are
 * the key. Each call gets its own copy, at this paragraph's offsets.
 */
function readQuotationOnce(
  text: string,
  quotation: Quotation,
  memo: ReadingMemo | undefined,
): QuotationReading | null {
  const first = quotation.segments[0];
  const last = quotation.segments[quotation.segments.length - 1];
  if (!memo || !first || !last) return readQuotation(text, quotation);
  const from = first.open;
  const to = Math.min(text.length, Math.max(last.end, first.innerStart + OPENING_LOOKAHEAD));
  const segments = quotation.segments.map((segment) => ({
    open: segment.open - from,
    innerStart: segment.innerStart - from,
    innerEnd: segment.innerEnd - from,
    end: segment.end - from,
  }));
  const key = `q${segments.map((s) => `${s.open},${s.innerStart},${s.innerEnd},${s.end}`).join(';')}|${text.slice(from, to)}`;
  let relative = memo.get(key) as QuotationReading | null | undefined;
  if (relative === undefined) {
    relative = readQuotation(text.slice(from, to), {
      segments,
      start: quotation.start - from,
      end: quotation.end - from,
    });
    keep(memo, key, relative);
  }
  if (!relative) return null;
  return {
    quotation,
    units: relative.units.map((unit) =>
      unit.kind === 'word'
        ? { ...unit, start: unit.start + from, end: unit.end + from }
        : { ...unit },
    ),
    wordCount: relative.wordCount,
    shingles: relative.shingles,
    fullSentence: relative.fullSentence,
    attribution: null,
    wordsStart: relative.wordsStart + from,
    wordsEnd: relative.wordsEnd + from,
  };
}

function readQuotation(text: string, quotation: Quotation): QuotationReading | null {
  const units: DraftUnit[] = [];
  const shingles: number[] = [];
  let run: string[] = [];
  let wordCount = 0;
  let wordsStart = -1;
  let wordsEnd = -1;
  const flush = () => {
    for (const shingle of quoteShingles(run)) shingles.push(shingle);
    run = [];
  };
  quotation.segments.forEach((segment, segmentIndex) => {
    if (segmentIndex > 0) {
      flush();
      units.push({ kind: 'gap', maxWords: SPLIT_GAP_WORDS, reason: 'split' });
    }
    const inner = text.slice(segment.innerStart, segment.innerEnd);
    const brackets = [...inner.matchAll(/\[[^\]]{0,80}\]/g)].map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
    }));
    let bracketIndex = 0;
    for (const token of tokenizeWords(inner)) {
      while (bracketIndex < brackets.length && (brackets[bracketIndex]?.end ?? 0) <= token.start)
        bracketIndex++;
      const bracket = brackets[bracketIndex];
      if (bracket && token.start >= bracket.start && token.end <= bracket.end) {
        // "[The government] will": the bracket stands for up to a few words of the original.
        const previous = units[units.length - 1];
        if (previous?.kind === 'gap' && previous.reason === 'bracket') previous.maxWords++;
        else {
          flush();
          units.push({ kind: 'gap', maxWords: 3, reason: 'bracket' });
        }
        continue;
      }
      if (token.kind === 'ellipsis') {
        flush();
        units.push({ kind: 'gap', maxWords: Number.MAX_SAFE_INTEGER, reason: 'ellipsis' });
        continue;
      }
      const start = segment.innerStart + token.start;
      const end = segment.innerStart + token.end;
      if (wordsStart < 0) wordsStart = start;
      wordsEnd = end;
      wordCount++;
      run.push(token.norm);
      // Hyphenated words align piece by piece: "high-level" meets "high level".
      for (const piece of token.norm.split('-')) {
        if (piece !== '') units.push({ kind: 'word', norm: piece, start, end });
      }
    }
  });
  flush();
  if (wordCount === 0) return null;
  // "[The council] will…" starts a sentence too: look past brackets, ellipses and marks.
  const firstSegment = quotation.segments[0];
  const opening = firstSegment
    ? text.slice(firstSegment.innerStart, firstSegment.innerStart + 40)
    : '';
  const startsLikeSentence = /^[\s[(\u2026.'"‘“]*[\p{Lu}\p{N}]/u.test(opening);
  return {
    quotation,
    units,
    wordCount,
    shingles,
    fullSentence: wordCount > FRAGMENT_MAX_WORDS && startsLikeSentence,
    attribution: null,
    wordsStart,
    wordsEnd,
  };
}

export { sentenceAt };
