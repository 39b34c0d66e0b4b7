import { Parser } from 'htmlparser2';
import { BodyBuilder } from '../body.ts';
import type { Located } from '../types.ts';
import { BYLINE_LINE, locate, type ReadArticle } from './read-result.ts';

/** Elements whose text is never article body. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'footer',
  'figure',
  'figcaption',
  'form',
  'iframe',
  'svg',
  'button',
  'select',
  'textarea',
  'object',
  'video',
  'audio',
  'canvas',
  'head',
  'menu',
]);
/** class/id/role words that mark page furniture around the article. */
const SKIPPED_ATTRIBUTE =
  /(?:^|[\s_-])(?:related|share|sharing|social|newsletter|promo|advert|advertisement|ad|ads|caption|breadcrumbs?|comments?|footer|nav|navigation|menu|sidebar|subscribe|signup|more-stories|recommended|tags|most-popular|popular|outbrain|taboola|cookie|banner|complementary|contentinfo|credit|visually-hidden|sr-only)(?:$|[\s_-])/i;
const BYLINE_ATTRIBUTE = /(?:^|[\s_-])(?:byline|author|authors|contributor)(?:$|[\s_-])/i;
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'br',
  'hr',
  'tr',
  'td',
  'th',
  'table',
  'dd',
  'dt',
  'dl',
  'pre',
  'address',
  'body',
]);

interface Frame {
  tag: string;
  skip: boolean;
  byline: boolean;
  root: boolean;
}

/**
 * HTML of a saved news page: the body is the text of `<article>` (else `<main>`, else `<body>`)
 * without navigation, captions, related links, scripts and styles. Metadata comes from the `<h1>`,
 * `<meta>` tags, JSON-LD, `<time>` and byline elements. Offsets of body text point into the HTML.
 */
export function readHtml(input: string): ReadArticle {
  const rootTag = /<article[\s>]/i.test(input)
    ? 'article'
    : /<main[\s>]/i.test(input)
      ? 'main'
      : null;
  const builder = new BodyBuilder();
  const stack: Frame[] = [];
  let skipDepth = 0;
  let rootDepth = rootTag ? 0 : 1;
  let bylineDepth = 0;
  let spaceBefore = true;
  let h1: { start: number; end: number; text: string } | null = null;
  let inH1 = false;
  let inTitle = false;
  let title: Located | null = null;
  let jsonLd: { text: string; start: number } | null = null;
  let inJsonLd = false;
  let bylineText: { start: number; end: number } | null = null;
  const meta = new Map<string, Located>();
  let timeAttribute: Located | null = null;
  let timeText: Located | null = null;
  let inTime = false;
  let language: string | null = null;

  const attributeSpan = (tagStart: number, tagEnd: number, value: string): Located => {
    const tag = input.slice(tagStart, tagEnd + 1);
    const at = value.length > 0 ? tag.indexOf(value) : -1;
    if (at >= 0) return locate(input, tagStart + at, tagStart + at + value.length);
    return { text: value, span: { start: tagStart, end: tagEnd + 1 } };
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const classes = `${attributes.class ?? ''} ${attributes.id ?? ''} ${attributes.role ?? ''}`;
        const isRoot = rootTag !== null && name === rootTag;
        const skip =
          SKIPPED_TAGS.has(name) ||
          (name === 'header' && rootDepth === 0) ||
          (!isRoot && SKIPPED_ATTRIBUTE.test(classes)) ||
          attributes.hidden !== undefined ||
          attributes['aria-hidden'] === 'true';
        const byline = BYLINE_ATTRIBUTE.test(classes) || attributes.rel === 'author';
        stack.push({ tag: name, skip, byline, root: isRoot });
        if (skip) skipDepth++;
        if (isRoot) rootDepth++;
        if (byline) bylineDepth++;
        if (BLOCK_TAGS.has(name)) {
          builder.breakParagraph();
          spaceBefore = true;
        }
        if (name === 'html' && attributes.lang) language = attributes.lang;
        if (name === 'h1' && !h1) inH1 = true;
        if (name === 'title') inTitle = true;
        if (name === 'time') {
          inTime = true;
          if (attributes.datetime && !timeAttribute) {
            timeAttribute = attributeSpan(parser.startIndex, parser.endIndex, attributes.datetime);
          }
        }
        if (name === 'script' && /ld\+json/i.test(attributes.type ?? '')) inJsonLd = true;
        if (name === 'meta') {
          const key = (
            attributes.property ??
            attributes.name ??
            attributes.itemprop ??
            ''
          ).toLowerCase();
          const content = attributes.content;
          if (key && content && !meta.has(key)) {
            meta.set(key, attributeSpan(parser.startIndex, parser.endIndex, content));
          }
        }
        if (
          name === 'link' &&
          attributes.rel === 'canonical' &&
          attributes.href &&
          !meta.has('canonical')
        ) {
          meta.set('canonical', attributeSpan(parser.startIndex, parser.endIndex, attributes.href));
        }
      },
      ontext(data) {
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (inTitle && !title) title = { text: data.trim(), span: { start, end } };
        if (inJsonLd) jsonLd = { text: (jsonLd?.text ?? '') + data, start: jsonLd?.start ?? start };
        if (inTime && !timeText && data.trim())
          timeText = locate(
            input,
            start + data.indexOf(data.trim()),
            start + data.indexOf(data.trim()) + data.trim().length,
          );
        if (inH1) {
          // Decoded text pieces (entities come separately); white space is collapsed at the end.
          if (!h1 && data.trim()) {
            const lead = data.length - data.trimStart().length;
            h1 = { start: start + lead, end, text: data };
          } else if (h1) {
            h1.end = end;
            h1.text += data;
          }
        }
        if (bylineDepth > 0 && data.trim() && skipDepth === 0) {
          const lead = data.length - data.trimStart().length;
          if (!bylineText)
            bylineText = { start: start + lead, end: start + lead + data.trim().length };
          else if (start - bylineText.end < 80) bylineText.end = start + lead + data.trim().length;
          return;
        }
        if (skipDepth > 0 || rootDepth === 0 || inH1 || inTime) return;
        appendText(data, start, end);
      },
      onclosetag(name) {
        // htmlparser2 closes implied tags itself, so the stack stays balanced.
        const frame = stack.pop();
        if (frame?.skip) skipDepth--;
        if (frame?.root) rootDepth--;
        if (frame?.byline) bylineDepth--;
        if (BLOCK_TAGS.has(name)) {
          builder.breakParagraph();
          spaceBefore = true;
        }
        if (name === 'h1') inH1 = false;
        if (name === 'title') inTitle = false;
        if (name === 'time') inTime = false;
        if (name === 'script') inJsonLd = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  function appendText(data: string, start: number, end: number): void {
    const raw = input.slice(start, end);
    if (raw === data) {
      // Collapse white space as a browser shows it, keeping exact offsets. Runs of text with
      // single spaces are copied whole (one segment each, not one per word).
      let last = 0;
      const appendRun = (from: number, to: number) => {
        let runStart = from;
        if (spaceBefore && data.charAt(runStart) === ' ') runStart++;
        if (runStart >= to) return;
        builder.appendVerbatim(data.slice(runStart, to), start + runStart);
        spaceBefore = data.charAt(to - 1) === ' ';
      };
      for (const match of data.matchAll(/\s{2,}|[^\S ]/g)) {
        appendRun(last, match.index);
        if (!spaceBefore) {
          builder.appendReplacement(
            ' ',
            start + match.index,
            start + match.index + match[0].length,
          );
        }
        spaceBefore = true;
        last = match.index + match[0].length;
      }
      appendRun(last, data.length);
      return;
    }
    // A decoded entity: its characters all stand for the entity's range.
    const decoded = data.replace(/[\s\u00a0]+/g, ' ');
    if (decoded === ' ') {
      if (!spaceBefore) builder.appendReplacement(' ', start, end);
      spaceBefore = true;
      return;
    }
    builder.appendReplacement(decoded, start, end);
    spaceBefore = decoded.endsWith(' ');
  }

  parser.write(input);
  parser.end();

  const ld = parseJsonLd(jsonLd, input);
  const heading = h1 as { start: number; end: number; text: string } | null;
  const headingText = heading?.text.replace(/\s+/g, ' ').trim() ?? '';
  const headline: Located | null =
    heading && headingText
      ? { text: headingText, span: trimSpan(input, heading.start, heading.end) }
      : (meta.get('og:title') ?? ld.headline ?? title);
  const bylineFromBody = bylineText
    ? cleanByline(
        input,
        (bylineText as { start: number }).start,
        (bylineText as { end: number }).end,
      )
    : null;
  const byline =
    bylineFromBody ?? meta.get('author') ?? meta.get('article:author') ?? ld.author ?? null;
  const dateText =
    meta.get('article:published_time') ??
    meta.get('datepublished') ??
    ld.datePublished ??
    timeAttribute ??
    meta.get('date') ??
    meta.get('pubdate') ??
    timeText ??
    null;
  const urlValue = meta.get('og:url')?.text ?? meta.get('canonical')?.text ?? null;
  return {
    body: builder.build(),
    headline,
    byline,
    dateText,
    url: urlValue,
    outlet: meta.get('og:site_name')?.text ?? ld.publisher ?? null,
    language,
  };
}

function trimSpan(input: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(input.charAt(s))) s++;
  while (e > s && /\s/.test(input.charAt(e - 1))) e--;
  return { start: s, end: e };
}

function cleanByline(input: string, start: number, end: number): Located | null {
  const text = input.slice(start, end);
  if (/<|>/.test(text)) {
    const plain = text
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const name = BYLINE_LINE.exec(plain)?.[1] ?? plain;
    // The name usually sits inside one link: point at it when it is there verbatim.
    const at = text.indexOf(name);
    if (at >= 0) return locate(input, start + at, start + at + name.length);
    return { text: name, span: { start, end } };
  }
  const match = BYLINE_LINE.exec(text);
  if (match?.[1]) {
    const at = start + text.indexOf(match[1]);
    return locate(input, at, at + match[1].length);
  }
  return locate(input, start, end);
}

interface LdFields {
  headline: Located | null;
  author: Located | null;
  datePublished: Located | null;
  publisher: string | null;
}

function parseJsonLd(jsonLd: { text: string; start: number } | null, input: string): LdFields {
  const fields: LdFields = { headline: null, author: null, datePublished: null, publisher: null };
  if (!jsonLd) return fields;
  let data: unknown;
  try {
    data = JSON.parse(jsonLd.text);
  } catch {
    return fields;
  }
  const nodes: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      nodes.push(value as Record<string, unknown>);
      const graph = (value as Record<string, unknown>)['@graph'];
      if (graph) visit(graph);
    }
  };
  visit(data);
  const find = (value: string | null): Located | null => {
    if (!value) return null;
    const at = input.indexOf(value, jsonLd.start);
    return at >= 0
      ? locate(input, at, at + value.length)
      : { text: value, span: { start: jsonLd.start, end: jsonLd.start } };
  };
  const asName = (value: unknown): string | null => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) {
      const names = value.map(asName).filter((n): n is string => n !== null);
      return names.length > 0 ? names.join(' and ') : null;
    }
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as { name?: unknown }).name === 'string'
    ) {
      return (value as { name: string }).name;
    }
    return null;
  };
  for (const node of nodes) {
    if (typeof node.headline === 'string') fields.headline ??= find(node.headline);
    if (typeof node.datePublished === 'string') fields.datePublished ??= find(node.datePublished);
    const author = asName(node.author);
    if (author) {
      const located = find(author);
      fields.author ??= located ?? {
        text: author,
        span: { start: jsonLd.start, end: jsonLd.start },
      };
    }
    fields.publisher ??= asName(node.publisher);
  }
  return fields;
}
