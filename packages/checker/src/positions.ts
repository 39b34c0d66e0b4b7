/**
 * The one place where positions are converted. Findings carry offsets into the original text in
 * UTF-16 code units (JavaScript string indices); people read 1-based line and column counted in
 * Unicode code points; editors speak LSP positions (0-based line, UTF-16 character).
 * Line breaks are "\n", "\r\n" or a lone "\r", as LSP defines them.
 */
export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in Unicode code points. */
  column: number;
}

export interface LspPosition {
  /** 0-based. */
  line: number;
  /** 0-based, in UTF-16 code units. */
  character: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export class LineIndex {
  /** Offset at which each line starts; lineStarts[0] is 0. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // Most texts: the line feeds are found natively.
      for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
        starts.push(index + 1);
      this.lineStarts = starts;
      return;
    }
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(index + 1) === 10) index++;
        starts.push(index + 1);
      } else if (code === 10 /* \n */) {
        starts.push(index + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Clamps into [0, text.length] and off a surrogate pair's second half. */
  clampOffset(offset: number): number {
    if (!Number.isFinite(offset) || offset <= 0) return 0;
    const clamped = Math.min(Math.trunc(offset), this.text.length);
    if (clamped > 0 && clamped < this.text.length && isLowSurrogate(this.text, clamped))
      return isHighSurrogate(this.text, clamped - 1) ? clamped - 1 : clamped;
    return clamped;
  }

  /** 0-based line containing `offset`. */
  lineOf(offset: number): number {
    const target = this.clampOffset(offset);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= target) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** Offset just past the line's content, before its line break. */
  lineContentEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  toLineColumn(offset: number): LineColumn {
    const target = this.clampOffset(offset);
    const line = this.lineOf(target);
    const start = this.lineStart(line);
    // On a line without surrogate pairs, code points are code units: no need to walk it.
    const column = this.lineHasSurrogates(line)
      ? countCodePoints(this.text, start, target)
      : target - start;
    return { line: line + 1, column: column + 1 };
  }

  /** Per line, whether it holds a surrogate: found on first use. */
  private readonly surrogates: (boolean | undefined)[] = [];

  private lineHasSurrogates(line: number): boolean {
    let found = this.surrogates[line];
    if (found === undefined) {
      found = SURROGATE.test(this.text.slice(this.lineStart(line), this.lineContentEnd(line)));
      this.surrogates[line] = found;
    }
    return found;
  }

  fromLineColumn(position: LineColumn): number {
    const line = Math.min(Math.max(position.line - 1, 0), this.lineCount - 1);
    const start = this.lineStart(line);
    const end = this.lineContentEnd(line);
    let offset = start;
    for (let column = 1; column < position.column && offset < end; column++) {
      offset += isHighSurrogate(this.text, offset) && isLowSurrogate(this.text, offset + 1) ? 2 : 1;
    }
    return Math.min(offset, end);
  }

  toLsp(offset: number): LspPosition {
    const target = this.clampOffset(offset);
    const line = this.lineOf(target);
    return { line, character: target - this.lineStart(line) };
  }

  fromLsp(position: LspPosition): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineCount) return this.text.length;
    const start = this.lineStart(position.line);
    const end = this.lineContentEnd(position.line);
    return this.clampOffset(Math.min(start + Math.max(position.character, 0), end));
  }
}

function isHighSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

function countCodePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    if (isHighSurrogate(text, index) && isLowSurrogate(text, index + 1) && index + 1 < end) index++;
    count++;
  }
  return count;
}

/** A finding's range for people: start and end as 1-based line/column. */
export function toLineColumnRange(
  index: LineIndex,
  start: number,
  end: number,
): { start: LineColumn; end: LineColumn } {
  return { start: index.toLineColumn(start), end: index.toLineColumn(end) };
}

/** A finding's range for LSP. */
export function toLspRange(
  index: LineIndex,
  start: number,
  end: number,
): { start: LspPosition; end: LspPosition } {
  return { start: index.toLsp(start), end: index.toLsp(end) };
}
