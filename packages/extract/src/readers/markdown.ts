import { BodyBuilder } from '../body.ts';
import { DATE_LINE } from '../dates.ts';
import type { Located } from '../types.ts';
import { BYLINE_LINE, locate, type ReadArticle } from './read-result.ts';

// Inline markup removed from the body: images, links (their text kept), emphasis, code ticks.
const INLINE =
  /!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|\*\*|__|\*|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|`|<!--.*?-->|<\/?[a-zA-Z][^>]*>/gu;

/**
 * Markdown: YAML front matter (title, author/byline, date, url, outlet), the first "# " heading as
 * headline, paragraphs separated by blank lines, inline markup dropped with offsets kept.
 */
export function readMarkdown(input: string): ReadArticle {
  let headline: Located | null = null;
  let byline: Located | null = null;
  let dateText: Located | null = null;
  let url: string | null = null;
  let outlet: string | null = null;
  let language: string | null = null;
  let bodyFrom = 0;
  const front = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(input);
  if (front?.[1] !== undefined) {
    const frontStart = input.indexOf(front[1]);
    for (const match of front[1].matchAll(/^([A-Za-z_]+)\s*:\s*(.*?)\s*$/gm)) {
      const key = match[1]?.toLowerCase() ?? '';
      const rawValue = match[2] ?? '';
      const unquoted = /^(["'])(.*)\1$/.exec(rawValue)?.[2] ?? rawValue;
      if (unquoted.length === 0) continue;
      const valueStart =
        frontStart + match.index + match[0].indexOf(rawValue) + (unquoted === rawValue ? 0 : 1);
      const located = locate(input, valueStart, valueStart + unquoted.length);
      if ((key === 'title' || key === 'headline') && !headline) headline = located;
      else if (key === 'author' || key === 'byline' || key === 'authors') byline ??= located;
      else if (
        key === 'date' ||
        key === 'published' ||
        key === 'publishedon' ||
        key === 'published_at'
      )
        dateText ??= located;
      else if (key === 'url' || key === 'canonical') url ??= unquoted;
      else if (key === 'outlet' || key === 'publication' || key === 'source' || key === 'site')
        outlet ??= unquoted;
      else if (key === 'language' || key === 'lang') language ??= unquoted;
    }
    bodyFrom = front[0].length;
  }
  const builder = new BodyBuilder();
  let lineCount = 0;
  let inFence = false;
  const linePattern = /[^\r\n]*(?:\r?\n|$)/g;
  linePattern.lastIndex = bodyFrom;
  for (
    let match = linePattern.exec(input);
    match && match[0].length > 0;
    match = linePattern.exec(input)
  ) {
    const raw = match[0].replace(/\r?\n$/, '');
    const lineStart = match.index;
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      builder.breakParagraph();
      continue;
    }
    if (inFence) continue;
    if (raw.trim().length === 0 || /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(raw)) {
      builder.breakParagraph();
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    const content = /^\s*(?:>\s?|[-*+]\s+|\d{1,9}[.)]\s+)*/.exec(raw)?.[0].length ?? 0;
    const text = heading ? (heading[2] ?? '') : raw.slice(content).trimEnd();
    const textStart = heading
      ? lineStart + raw.indexOf(text, heading[1]?.length ?? 0)
      : lineStart + content;
    lineCount++;
    if (heading && heading[1] === '#' && !headline) {
      headline = locate(input, textStart, textStart + text.length);
      builder.breakParagraph();
      continue;
    }
    if (lineCount <= 6) {
      const plain = text.replace(/[*_]/g, '');
      const bylineMatch = BYLINE_LINE.exec(plain);
      if (!byline && bylineMatch?.[1] && plain === text) {
        const start = textStart + text.indexOf(bylineMatch[1]);
        byline = locate(input, start, start + bylineMatch[1].length);
        builder.breakParagraph();
        continue;
      }
      if (!dateText && DATE_LINE.test(plain) && plain === text) {
        dateText = locate(input, textStart, textStart + text.length);
        builder.breakParagraph();
        continue;
      }
    }
    if (heading) builder.breakParagraph();
    appendInline(builder, text, textStart);
    if (heading) builder.breakParagraph();
    else builder.appendReplacement(' ', textStart + text.length, textStart + text.length);
  }
  return { body: builder.build(), headline, byline, dateText, url, outlet, language };
}

function appendInline(builder: BodyBuilder, text: string, offset: number): void {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    builder.appendVerbatim(text.slice(last, match.index), offset + last);
    const linkText = match[1];
    if (linkText !== undefined && !match[0].startsWith('!')) {
      builder.appendVerbatim(linkText, offset + match.index + 1);
    }
    last = match.index + match[0].length;
  }
  builder.appendVerbatim(text.slice(last), offset + last);
}
