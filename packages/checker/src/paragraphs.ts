import { fnv1a32, quoteShingles, tokenizeWords } from '@verbatim/domain/quote-text';
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

/** Paragraphs are separated by blank lines (Markdown) or block elements (HTML, already blank lines). */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const separator = /\n[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+|\r\n[ \t]*\r\n/g;
  let cursor = 0;
  for (const match of text.matchAll(separator)) {
    if (match.index > cursor) pushParagraph(paragraphs, text, cursor, match.index);
    cursor = match.index + match[0].length;
  }
  if (cursor < text.length) pushParagraph(paragraphs, text, cursor, text.length);
  return paragraphs;
}

function pushParagraph(paragraphs: Paragraph[], text: string, start: number, end: number): void {
  const slice = text.slice(start, end);
  if (slice.trim() === '') return;
  paragraphs.push({ start, text: slice });
}

/**
 * V8 hashes a string from its characters only up to this length (String::kMaxHashCalcLength);
 * longer strings hash by their length alone, so many long keys of one length would share a
 * bucket and every look-up would compare them all.
 */
const LONGEST_NATIVELY_HASHED = 16_383;

/**
 * The key the paragraph cache keeps a paragraph under: the text itself, which a Map hashes
 * natively (hashing it in JavaScript cost more than the rest of re-checking an unchanged draft),
 * or a hash of a paragraph too long for that. A key is confirmed against the cached text.
 */
export function paragraphKey(text: string): string {
  return text.length <= LONGEST_NATIVELY_HASHED
    ? text
    : `${fnv1a32(text).toString(36)}:${text.length}`;
}

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

export function readParagraph(text: string): ParagraphReading {
  const quotations = findQuotations(text);
  const sentences = splitSentences(text, quotations);
  const blanked = blankQuotations(text, quotations);
  const readings: QuotationReading[] = [];
  for (const quotation of quotations) {
    const reading = readQuotation(text, quotation);
    if (!reading) continue;
    if (quotation.segments.length > 1) {
      reading.parts = quotation.segments.flatMap((segment) => {
        const part = readQuotation(text, {
          segments: [segment],
          start: segment.open,
          end: segment.end,
        });
        return part ? [part] : [];
      });
    }
    reading.attribution = findAttribution(blanked, quotation, sentences);
    readings.push(reading);
  }
  let mentions: ParagraphReading['mentions'] | undefined;
  return {
    text,
    quotations: readings,
    sentences,
    blanked,
    get mentions() {
      mentions ??= findNameMentions(blanked);
      return mentions;
    },
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
