import { assertWithinLimit, MAX_ARTICLE_LENGTH } from '@verbatim/domain/limits';
import { analyseBody } from './attribution.ts';
import { parsePublicationDate } from './dates.ts';
import { extractFigures } from './figures.ts';
import { readHtml } from './readers/html.ts';
import { readMarkdown } from './readers/markdown.ts';
import { readPlainText } from './readers/plain.ts';
import type { ReadArticle } from './readers/read-result.ts';
import type {
  ArticleFormat,
  ExtractedArticle,
  ExtractedQuote,
  ExtractInput,
  Located,
} from './types.ts';

export type * from './types.ts';

/** Longest `sentence` kept whole; past it, a window around the item (a run-on "sentence" of a
 * megabyte would otherwise be copied into every quote of it). */
const MAX_SENTENCE = 2000;

export function sentenceAround(
  text: string,
  start: number,
  end: number,
  itemStart: number,
  itemEnd: number,
): string {
  if (end - start <= MAX_SENTENCE) return text.slice(start, end);
  return text.slice(Math.max(start, itemStart - 500), Math.min(end, itemEnd + 500));
}

/** Guesses the format of an article from its first characters and tell-tale markup. */
export function detectFormat(text: string): ArticleFormat {
  const head = text.slice(0, 2000);
  if (
    /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<meta[\s>])/i.test(head)
  ) {
    return 'html';
  }
  if (/<\/p>|<p[\s>]|<\/div>/i.test(head)) return 'html';
  if (/^\uFEFF?---\r?\n[\s\S]*?\r?\n---/.test(head) || /^#{1,6}\s+\S/m.test(head))
    return 'markdown';
  if (/\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*/.test(head)) return 'markdown';
  return 'text';
}

/**
 * Extracts an article's metadata, people, organisations, quotes (with speakers) and figures.
 * Pure and total up to MAX_ARTICLE_LENGTH (past it: InputTooLargeError): any input gives a
 * result, and every `span` is an exact range of `input.text`.
 */
export function extractArticle(input: ExtractInput): ExtractedArticle {
  const text = input.text;
  // The one refusal: past the stated limit (docs/limits.md), before any work is done.
  assertWithinLimit('article', text, MAX_ARTICLE_LENGTH);
  const format = input.format ?? detectFormat(text);
  const read: ReadArticle =
    format === 'html'
      ? readHtml(text)
      : format === 'markdown'
        ? readMarkdown(text)
        : readPlainText(text);
  const body = read.body;
  const toLocated = (from: number, to: number): Located => {
    // Windows are cut by counting code units: never start or end inside a surrogate pair.
    const start = codePointBoundary(body.text, from);
    const end = Math.max(start, codePointBoundary(body.text, to));
    return { text: body.text.slice(start, end), span: body.toInput({ start, end }) };
  };
  const analysis = analyseBody(body, toLocated);
  const url = input.url ?? (read.url && /^https?:\/\//.test(read.url) ? read.url : null);
  const quotes: ExtractedQuote[] = analysis.quotes
    .filter((q) => q.mark.innerEnd > q.mark.innerStart)
    .map((q) => ({
      text: body.text.slice(q.mark.innerStart, q.mark.innerEnd),
      span: body.toInput({ start: q.mark.innerStart, end: q.mark.innerEnd }),
      kind: q.fragment ? 'fragment' : 'full',
      speakers: q.speakers,
      speakerText: q.speakerEnd > q.speakerStart ? toLocated(q.speakerStart, q.speakerEnd) : null,
      sentence: sentenceAround(
        body.text,
        q.sentenceStart,
        q.sentenceEnd,
        q.mark.open,
        q.mark.close,
      ),
      paragraph: q.paragraph,
      continuesPrevious: q.continuesPrevious,
      saidWhen: q.saidWhen,
      saidWhere: q.saidWhere,
      attribution: q.method,
    }));
  const dollarCurrency = /\.ca\b|canad/i.test(`${url ?? ''} ${read.outlet ?? ''}`) ? 'CAD' : 'USD';
  const figures = extractFigures(body, analysis.sentences, dollarCurrency).map(
    ({ bodyStart, bodyEnd, ...figure }) => ({
      ...figure,
      span: body.toInput({ start: bodyStart, end: bodyEnd }),
    }),
  );
  return {
    format,
    metadata: {
      headline: read.headline,
      byline: read.byline,
      publishedOn: read.dateText ? parsePublicationDate(read.dateText.text) : null,
      url,
      outlet: read.outlet,
      language: read.language ?? 'en',
    },
    body: body.text,
    paragraphs: body.paragraphs.map((p) => body.toInput(p)),
    people: analysis.registry.people,
    organisations: analysis.registry.organisations,
    quotes,
    figures,
  };
}

/** `offset`, or the one after it when it falls between the halves of a surrogate pair. */
function codePointBoundary(text: string, offset: number): number {
  const low = text.charCodeAt(offset);
  const high = text.charCodeAt(offset - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? offset + 1 : offset;
}
