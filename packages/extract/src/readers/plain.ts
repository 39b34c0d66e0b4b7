import { BodyBuilder } from '../body.ts';
import { DATE_LINE } from '../dates.ts';
import type { Located } from '../types.ts';
import { BYLINE_LINE, locate, type ReadArticle } from './read-result.ts';

/**
 * Plain text: one paragraph a line (a blank line also separates). A short first line without a
 * full stop is the headline; "By …" and date lines near the top are the byline and the date.
 */
export function readPlainText(input: string): ReadArticle {
  const lines: { start: number; end: number }[] = [];
  for (const match of input.matchAll(/[^\r\n]+/g)) {
    const text = match[0];
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    if (trimmed.length > 0)
      lines.push({ start: match.index + lead, end: match.index + lead + trimmed.length });
  }
  let headline: Located | null = null;
  let byline: Located | null = null;
  let dateText: Located | null = null;
  const skip = new Set<number>();
  lines.slice(0, 5).forEach((line, index) => {
    const text = input.slice(line.start, line.end);
    const bylineMatch = BYLINE_LINE.exec(text);
    if (!byline && bylineMatch?.[1] && text.split(/\s+/).length <= 14) {
      const start = line.start + text.indexOf(bylineMatch[1]);
      byline = locate(input, start, start + bylineMatch[1].length);
      skip.add(index);
    } else if (!dateText && DATE_LINE.test(text)) {
      dateText = locate(input, line.start, line.end);
      skip.add(index);
    } else if (
      index === 0 &&
      lines.length > 1 &&
      text.split(/\s+/).length <= 16 &&
      !/[.?!:”"’]$/.test(text)
    ) {
      headline = locate(input, line.start, line.end);
      skip.add(index);
    }
  });
  const builder = new BodyBuilder();
  lines.forEach((line, index) => {
    if (skip.has(index)) return;
    builder.appendVerbatim(input.slice(line.start, line.end), line.start);
    builder.breakParagraph();
  });
  return {
    body: builder.build(),
    headline,
    byline,
    dateText,
    url: null,
    outlet: null,
    language: null,
  };
}
