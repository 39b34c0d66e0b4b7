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

/** Appends text pieces with their input ranges and builds a Body. */
export class BodyBuilder {
  private readonly pieces: string[] = [];
  private length = 0;
  // Per body character: where its input range starts and ends.
  private starts: number[] = [];
  private ends: number[] = [];
  private readonly paragraphs: BodyParagraph[] = [];
  private paragraphStart = -1;

  /** Text copied verbatim from input[inputStart, inputStart + text.length). */
  appendVerbatim(text: string, inputStart: number): void {
    if (text.length === 0) return;
    this.openParagraph();
    this.pieces.push(text);
    for (let i = 0; i < text.length; i++) {
      this.starts.push(inputStart + i);
      this.ends.push(inputStart + i + 1);
    }
    this.length += text.length;
  }

  /** Text that stands for the whole input range [inputStart, inputEnd), e.g. a decoded entity. */
  appendReplacement(text: string, inputStart: number, inputEnd: number): void {
    if (text.length === 0) return;
    this.openParagraph();
    this.pieces.push(text);
    for (let i = 0; i < text.length; i++) {
      this.starts.push(inputStart);
      this.ends.push(inputEnd);
    }
    this.length += text.length;
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
    const starts = Int32Array.from(this.starts);
    const ends = Int32Array.from(this.ends);
    const paragraphs = this.paragraphs;
    return {
      text,
      paragraphs,
      toInput(span: Span): Span {
        if (span.end <= span.start) {
          const at = span.start < starts.length ? (starts[span.start] ?? 0) : (ends.at(-1) ?? 0);
          return { start: at, end: at };
        }
        return { start: starts[span.start] ?? 0, end: ends[span.end - 1] ?? 0 };
      },
    };
  }

  private openParagraph(): void {
    if (this.paragraphStart >= 0) return;
    if (this.length > 0) {
      // The break maps to the position right after the previous character.
      const at = this.ends[this.ends.length - 1] ?? 0;
      this.pieces.push(PARAGRAPH_BREAK);
      for (let i = 0; i < PARAGRAPH_BREAK.length; i++) {
        this.starts.push(at);
        this.ends.push(at);
      }
      this.length += PARAGRAPH_BREAK.length;
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
