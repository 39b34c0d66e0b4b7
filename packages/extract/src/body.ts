import type { Span } from '@verbatim/domain/entities';

/**
 * The article body as plain text, with, for every character, the range of the input it came from.
 * Extraction runs on `text`; every span it finds is mapped back to the input through `toInput`,
 * so offsets are exact even where HTML entities or Markdown markup were removed.
 */
export interface Body {
  readonly text: string;
  /** Input spans of the paragraphs, in order. */
  readonly paragraphs: readonly BodyParagraph[];
  toInput(span: Span): Span;
}

export interface BodyParagraph {
  /** Range in `Body.text`. */
  readonly start: number;
  readonly end: number;
}

/** The separator between paragraphs in `Body.text`; it maps to no input characters. */
export const PARAGRAPH_BREAK = '\n\n';

/** A run of body text and where it came from: copied verbatim, or standing for a whole range. */
interface Segment {
  bodyStart: number;
  inputStart: number;
  inputEnd: number;
  verbatim: boolean;
}

/** Appends text pieces with their input ranges and builds a Body. */
export class BodyBuilder {
  private readonly pieces: string[] = [];
  private length = 0;
  private readonly segments: Segment[] = [];
  private readonly paragraphs: BodyParagraph[] = [];
  private paragraphStart = -1;
  private lastInputEnd = 0;

  /** Text copied verbatim from input[inputStart, inputStart + text.length). */
  appendVerbatim(text: string, inputStart: number): void {
    if (text.length === 0) return;
    this.openParagraph();
    this.push(text, inputStart, inputStart + text.length, true);
  }

  /** Text that stands for the whole input range [inputStart, inputEnd), e.g. a decoded entity. */
  appendReplacement(text: string, inputStart: number, inputEnd: number): void {
    if (text.length === 0) return;
    this.openParagraph();
    this.push(text, inputStart, inputEnd, false);
  }

  /** Ends the current paragraph (if any text was added since the last break). */
  breakParagraph(): void {
    if (this.paragraphStart < 0) return;
    // Trailing white space does not belong to the paragraph.
    let end = this.length;
    for (let p = this.pieces.length - 1; p >= 0 && end > this.paragraphStart; p--) {
      const piece = this.pieces[p] ?? '';
      let i = piece.length;
      while (i > 0 && end > this.paragraphStart && isSpace(piece.charCodeAt(i - 1))) {
        i--;
        end--;
      }
      if (i > 0) break;
    }
    if (end > this.paragraphStart) this.paragraphs.push({ start: this.paragraphStart, end });
    this.paragraphStart = -1;
  }

  build(): Body {
    this.breakParagraph();
    const text = this.pieces.join('');
    const segments = this.segments;
    const inputLength = this.lastInputEnd;
    // The segment holding body position `at` (binary search on bodyStart).
    const segmentAt = (at: number): Segment | undefined => {
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((segments[mid]?.bodyStart ?? 0) <= at) low = mid;
        else high = mid - 1;
      }
      return segments[low];
    };
    const startOf = (at: number): number => {
      const segment = segmentAt(at);
      if (!segment) return 0;
      return segment.verbatim ? segment.inputStart + (at - segment.bodyStart) : segment.inputStart;
    };
    const endOf = (at: number): number => {
      const segment = segmentAt(at);
      if (!segment) return 0;
      return segment.verbatim
        ? segment.inputStart + (at - segment.bodyStart) + 1
        : segment.inputEnd;
    };
    return {
      text,
      paragraphs: this.paragraphs,
      toInput(span: Span): Span {
        if (span.end <= span.start) {
          const at = span.start < text.length ? startOf(span.start) : inputLength;
          return { start: at, end: at };
        }
        return { start: startOf(span.start), end: endOf(span.end - 1) };
      },
    };
  }

  private push(text: string, inputStart: number, inputEnd: number, verbatim: boolean): void {
    this.pieces.push(text);
    this.segments.push({ bodyStart: this.length, inputStart, inputEnd, verbatim });
    this.length += text.length;
    this.lastInputEnd = inputEnd;
  }

  private openParagraph(): void {
    if (this.paragraphStart >= 0) return;
    if (this.length > 0) {
      // The break maps to the position right after the previous character.
      const at = this.lastInputEnd;
      this.push(PARAGRAPH_BREAK, at, at, false);
    }
    this.paragraphStart = this.length;
  }
}

/** Plain text: each non-empty line is a paragraph (news text files put one paragraph per line). */
export function plainTextBody(input: string, from = 0): Body {
  const builder = new BodyBuilder();
  const linePattern = /[^\r\n]+/g;
  linePattern.lastIndex = from;
  for (let match = linePattern.exec(input); match; match = linePattern.exec(input)) {
    const line = match[0];
    const leading = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed.length === 0) continue;
    builder.appendVerbatim(trimmed, match.index + leading);
    builder.breakParagraph();
  }
  return builder.build();
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160 || code === 12;
}
