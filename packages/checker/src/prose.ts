/**
 * Turns a draft (Markdown, plain text or HTML) into the prose the checker reads, keeping a map from
 * every prose character back to the original text so findings point at the original exactly.
 * Markdown and plain text keep their length (markup is blanked with spaces, line breaks kept), so
 * their map is the identity; HTML drops tags and decodes entities, so its map is not.
 */
export type InputFormat = 'markdown' | 'text' | 'html';

export interface HtmlComment {
  /** Offsets of the whole comment `<!-- … -->` in the original. */
  start: number;
  end: number;
  /** The text between `<!--` and `-->`. */
  body: string;
}

export interface ProseText {
  text: string;
  /**
   * Where each prose character starts in the original; null when prose character i is original
   * character i (Markdown and plain text: no map is built for them).
   */
  startOf: Int32Array | null;
  /** Where each prose character ends in the original; null with startOf. */
  endOf: Int32Array | null;
  comments: HtmlComment[];
  /** Length of the original text. */
  originalLength: number;
}

/** Maps a half-open prose range to the original text. */
export function toOriginalRange(
  prose: ProseText,
  start: number,
  end: number,
): { start: number; end: number } {
  const length = prose.text.length;
  if (length === 0) return { start: 0, end: 0 };
  const safeStart = Math.min(Math.max(start, 0), length);
  const safeEnd = Math.min(Math.max(end, safeStart), length);
  if (!prose.startOf || !prose.endOf) return { start: safeStart, end: safeEnd };
  const originalStart =
    safeStart < length ? (prose.startOf[safeStart] ?? 0) : (prose.endOf[length - 1] ?? 0);
  if (safeEnd === safeStart) return { start: originalStart, end: originalStart };
  const originalEnd = prose.endOf[safeEnd - 1] ?? originalStart;
  return { start: originalStart, end: Math.max(originalEnd, originalStart) };
}

export function extractProse(original: string, format: InputFormat): ProseText {
  if (format === 'html') return htmlProse(original);
  const mask = new Mask(original.length);
  const comments = findComments(original, mask);
  if (format === 'markdown') maskMarkdown(original, mask);
  maskBareUrls(original, mask);
  // Masked characters become spaces (line breaks stay): the prose keeps the original's length, so
  // offsets need no map. Runs are found with indexOf, natively: most drafts have few or none.
  const bytes = mask.bytes;
  if (!bytes)
    return {
      text: original,
      startOf: null,
      endOf: null,
      comments,
      originalLength: original.length,
    };
  let text = '';
  let runStart = 0;
  let masked = bytes.indexOf(1);
  while (masked >= 0) {
    text += original.slice(runStart, masked);
    const runEnd = bytes.indexOf(0, masked);
    const end = runEnd < 0 ? original.length : runEnd;
    text += blank(original, masked, end);
    runStart = end;
    masked = runEnd < 0 ? -1 : bytes.indexOf(1, runEnd);
  }
  text += original.slice(runStart);
  return { text, startOf: null, endOf: null, comments, originalLength: original.length };
}

/** original[start, end) as spaces, its line breaks kept. */
function blank(original: string, start: number, end: number): string {
  let spaces = '';
  let runStart = start;
  for (let index = start; index < end; index++) {
    const code = original.charCodeAt(index);
    if (code === 10 || code === 13) {
      spaces += ' '.repeat(index - runStart) + original[index];
      runStart = index + 1;
    }
  }
  return spaces + ' '.repeat(end - runStart);
}

/** Which characters of the original are markup; no memory at all until something is masked. */
class Mask {
  bytes: Uint8Array | null = null;

  constructor(readonly length: number) {}

  has(index: number): boolean {
    return this.bytes !== null && this.bytes[index] === 1;
  }

  fill(start: number, end: number): void {
    const from = Math.max(start, 0);
    const to = Math.min(end, this.length);
    if (to <= from) return;
    this.bytes ??= new Uint8Array(this.length);
    this.bytes.fill(1, from, to);
  }
}

function findComments(text: string, mask: Mask): HtmlComment[] {
  const comments: HtmlComment[] = [];
  if (!text.includes('<!--')) return comments; // a native search, where the expression scans
  const pattern = /<!--([\s\S]*?)(?:-->|$)/g;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    comments.push({ start, end, body: match[1] ?? '' });
    mask.fill(start, end);
  }
  return comments;
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"“”()]+/g;

function maskBareUrls(text: string, mask: Mask): void {
  if (!text.includes('://') && !text.includes('www.')) return;
  for (const match of text.matchAll(URL_PATTERN))
    mask.fill(match.index, match.index + match[0].length);
}

export interface Line {
  start: number;
  /** End of content, before the line break. */
  end: number;
  text: string;
}

/**
 * Lines end at "\n", "\r\n" or a lone "\r"; a last line without a break counts if not empty.
 * Exported for its test.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const length = text.length;
  // Without carriage returns (most drafts) the breaks are found natively, with indexOf.
  const hasCarriageReturn = text.includes('\r');
  let start = 0;
  while (start < length) {
    let end: number;
    let next: number;
    if (!hasCarriageReturn) {
      const lineFeed = text.indexOf('\n', start);
      end = lineFeed < 0 ? length : lineFeed;
      next = end + 1;
    } else {
      end = start;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === 10 || code === 13) break;
        end++;
      }
      next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    }
    lines.push({ start, end, text: text.slice(start, end) });
    start = next;
  }
  return lines;
}

const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s/;

/**
 * Whether any line could hold block markup: false when every line is empty or opens with a
 * letter or an opening quote (most drafts), where the line-by-line pass below masks nothing.
 */
function mayHoldBlockMarkup(text: string): boolean {
  if (text.includes('\r')) return true; // lines may also end at a lone "\r": read them all
  let start = 0;
  while (start < text.length) {
    const code = text.charCodeAt(start);
    if (code !== 10 && !startsAsProse(code)) return true;
    const lineFeed = text.indexOf('\n', start);
    if (lineFeed < 0) return false;
    start = lineFeed + 1;
  }
  return false;
}

function maskMarkdown(text: string, mask: Mask): void {
  if (!mayHoldBlockMarkup(text)) {
    maskInlineMarkdown(text, mask);
    return;
  }
  const lines = splitLines(text);
  let lineIndex = 0;
  // Front matter: YAML (---) or TOML (+++) at the very top.
  const first = lines[0];
  if (first && (first.text.trimEnd() === '---' || first.text.trimEnd() === '+++')) {
    const fence = first.text.trimEnd();
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index];
      if (!line) break;
      const trimmed = line.text.trimEnd();
      if (trimmed === fence || (fence === '---' && trimmed === '...')) {
        mask.fill(0, line.end);
        lineIndex = index + 1;
        break;
      }
    }
  }
  let previousBlank = true;
  let inList = false;
  while (lineIndex < lines.length) {
    const line = lines[lineIndex] as Line;
    if (startsAsProse(line.text.charCodeAt(0))) {
      // Most lines: none of the block markers below can match a line opening with a letter.
      if (previousBlank) inList = false;
      previousBlank = false;
      lineIndex++;
      continue;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line.text);
    if (fence?.[1]) {
      const marker = fence[1];
      let closing = lineIndex + 1;
      while (closing < lines.length) {
        const candidate = (lines[closing] as Line).text;
        const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(candidate);
        if (close?.[1] && close[1][0] === marker[0] && close[1].length >= marker.length) break;
        closing++;
      }
      const last = lines[Math.min(closing, lines.length - 1)] as Line;
      mask.fill(line.start, last.end);
      lineIndex = closing + 1;
      previousBlank = false;
      inList = false;
      continue;
    }
    const blank = line.text.trim() === '';
    if (!blank && previousBlank && !inList && /^(?: {4}|\t)/.test(line.text)) {
      // Indented code: runs until a non-blank line that is not indented.
      let last = lineIndex;
      let cursor = lineIndex;
      while (cursor < lines.length) {
        const candidate = (lines[cursor] as Line).text;
        if (candidate.trim() === '') {
          cursor++;
          continue;
        }
        if (!/^(?: {4}|\t)/.test(candidate)) break;
        last = cursor;
        cursor++;
      }
      mask.fill(line.start, (lines[last] as Line).end);
      lineIndex = last + 1;
      previousBlank = false;
      continue;
    }
    if (!blank) {
      if (/^ {0,3}\[[^\]]+\]:\s*\S/.test(line.text)) mask.fill(line.start, line.end);
      const quoteMarker = /^ {0,3}(?:> ?)+/.exec(line.text);
      if (quoteMarker) mask.fill(line.start, line.start + quoteMarker[0].length);
      const heading = /^ {0,3}#{1,6}\s/.exec(line.text);
      if (heading) mask.fill(line.start, line.start + heading[0].length);
      if (LIST_ITEM.test(line.text)) inList = true;
      else if (previousBlank && !/^\s/.test(line.text)) inList = false;
    }
    previousBlank = blank;
    lineIndex++;
  }
  maskInlineMarkdown(text, mask);
}

/** An ASCII letter or a typographic opening quote: no block marker starts with one. */
function startsAsProse(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 0x201c || code === 0x2018
  );
}

/** The characters that can start inline Markdown. */
const INLINE_MARKDOWN_STARTS = ['\\', '`', '<', '[', ']'] as const;

/**
 * The next of INLINE_MARKDOWN_STARTS at or after `from`. `next` holds each character's next
 * position (-1: none left), searched again only once passed: a few native searches over the
 * whole text instead of a regular expression visiting every character.
 */
function nextInlineStart(text: string, from: number, next: number[]): number {
  let nearest = -1;
  for (let kind = 0; kind < INLINE_MARKDOWN_STARTS.length; kind++) {
    let position = next[kind] as number;
    if (position !== -1 && position < from) {
      position = text.indexOf(INLINE_MARKDOWN_STARTS[kind] as string, from);
      next[kind] = position;
    }
    if (position !== -1 && (nearest === -1 || position < nearest)) nearest = position;
  }
  return nearest;
}

function maskInlineMarkdown(text: string, mask: Mask): void {
  const openBrackets: number[] = [];
  const next = INLINE_MARKDOWN_STARTS.map(() => -2);
  let index = 0;
  while (index < text.length) {
    // Only these characters start inline Markdown: jump from one to the next.
    const found = nextInlineStart(text, index, next);
    if (found < 0) break;
    index = found;
    if (mask.has(index)) {
      index++;
      continue;
    }
    const char = text[index];
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === '`') {
      let run = 1;
      while (text[index + run] === '`') run++;
      const closing = findClosingBackticks(text, index + run, run);
      if (closing >= 0) {
        mask.fill(index, closing + run);
        index = closing + run;
      } else {
        index += run;
      }
      continue;
    }
    if (char === '<') {
      const tag =
        /^<(?:\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?|[a-z][a-z0-9+.-]*:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>/.exec(
          text.slice(index, index + 500),
        );
      if (tag) {
        mask.fill(index, index + tag[0].length);
        index += tag[0].length;
        continue;
      }
    }
    if (char === '[') {
      openBrackets.push(index);
      index++;
      continue;
    }
    if (char === ']' && openBrackets.length > 0) {
      const open = openBrackets.pop() as number;
      const next = text[index + 1];
      if (next === '(') {
        const close = findClosingParen(text, index + 1);
        if (close >= 0) {
          mask.fill(open, open + 1);
          if (text[open - 1] === '!') mask.fill(open - 1, open);
          mask.fill(index, close + 1);
          index = close + 1;
          continue;
        }
      } else if (next === '[') {
        const close = text.indexOf(']', index + 2);
        if (close >= 0 && close - index < 200 && !text.slice(index + 2, close).includes('\n')) {
          mask.fill(open, open + 1);
          mask.fill(index, close + 1);
          index = close + 1;
          continue;
        }
      } else if (text[open + 1] === '^') {
        // A footnote reference [^1].
        mask.fill(open, index + 1);
      }
    }
    index++;
  }
}

function findClosingBackticks(text: string, from: number, run: number): number {
  let index = from;
  while (index < text.length) {
    const found = text.indexOf('`', index);
    if (found < 0) return -1;
    // Code spans do not cross a blank line.
    if (/\n[ \t]*\n/.test(text.slice(index, found))) return -1;
    let length = 1;
    while (text[found + length] === '`') length++;
    if (length === run) return found;
    index = found + length;
  }
  return -1;
}

function findClosingParen(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length && index < open + 2000; index++) {
    const char = text[index];
    if (char === '\\') {
      index++;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
      if (depth === 0) return index;
    } else if (char === '\n' && text[index + 1] === '\n') {
      return -1;
    }
  }
  return -1;
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  laquo: '\u00ab',
  raquo: '\u00bb',
  bdquo: '\u201e',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  thinsp: '\u2009',
  euro: '\u20ac',
  pound: '\u00a3',
};

class ProjectionBuilder {
  private readonly chunks: string[] = [];
  private readonly chunkStarts: number[] = [];
  private readonly chunkEnds: number[] = [];
  /** Whether a chunk is a copy (character i maps to start + i) or a replacement of [start, end). */
  private readonly chunkCopies: boolean[] = [];
  private length = 0;

  copy(original: string, start: number, end: number): void {
    if (end <= start) return;
    this.push(original.slice(start, end), start, end, true);
  }

  replace(text: string, start: number, end: number): void {
    if (text === '') return;
    this.push(text, start, end, false);
  }

  private push(text: string, start: number, end: number, isCopy: boolean): void {
    this.chunks.push(text);
    this.chunkStarts.push(start);
    this.chunkEnds.push(end);
    this.chunkCopies.push(isCopy);
    this.length += text.length;
  }

  build(comments: HtmlComment[], originalLength: number): ProseText {
    const startOf = new Int32Array(this.length);
    const endOf = new Int32Array(this.length);
    let position = 0;
    for (let chunk = 0; chunk < this.chunks.length; chunk++) {
      const text = this.chunks[chunk] as string;
      const start = this.chunkStarts[chunk] as number;
      const end = this.chunkEnds[chunk] as number;
      const isCopy = this.chunkCopies[chunk] as boolean;
      for (let index = 0; index < text.length; index++) {
        startOf[position] = isCopy ? start + index : start;
        endOf[position] = isCopy ? start + index + 1 : end;
        position++;
      }
    }
    return { text: this.chunks.join(''), startOf, endOf, comments, originalLength };
  }
}

function htmlProse(original: string): ProseText {
  const builder = new ProjectionBuilder();
  const comments: HtmlComment[] = [];
  const pattern =
    /<!--([\s\S]*?)(?:-->|$)|<(script|style|template)\b[^>]*>[\s\S]*?(?:<\/\2\s*>|$)|<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>|<!DOCTYPE[^>]*>|&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/g;
  let cursor = 0;
  for (const match of original.matchAll(pattern)) {
    const start = match.index;
    const end = start + match[0].length;
    builder.copy(original, cursor, start);
    cursor = end;
    if (match[0].startsWith('<!--')) {
      comments.push({ start, end, body: match[1] ?? '' });
    } else if (match[3]) {
      const tag = match[3].toLowerCase();
      if (tag === 'br') builder.replace('\n', start, end);
      else if (BLOCK_TAGS.has(tag)) builder.replace('\n\n', start, end);
    } else if (match[4]) {
      builder.replace(decodeEntity(match[4]) ?? match[0], start, end);
    }
  }
  builder.copy(original, cursor, original.length);
  return builder.build(comments, original.length);
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (
      !Number.isFinite(code) ||
      code <= 0 ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff)
    )
      return null;
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[name] ?? null;
}
