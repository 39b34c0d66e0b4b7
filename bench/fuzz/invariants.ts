/**
 * What must hold for ANY input, checked by the fuzz tests and the million-case script. Each
 * function returns the violations it found (empty when all is well) rather than throwing, so the
 * script can count them and the tests can print them whole.
 */
import type { Finding } from '../../packages/domain/src/findings.ts';
import type { ExtractedArticle } from '../../packages/extract/src/types.ts';
import { QUOTATION_MARKS } from './arbitraries.ts';

interface Span {
  start: number;
  end: number;
}

const OPENING_MARKS = new Set<string>(QUOTATION_MARKS);

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** An offset that falls between the two halves of one astral character. */
function splitsPair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHigh(text.charCodeAt(offset - 1)) &&
    isLow(text.charCodeAt(offset))
  );
}

function spanViolation(text: string, span: Span, what: string): string | null {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `${what}: non-integer offsets`;
  if (start < 0 || end < start || end > text.length)
    return `${what}: span [${start}, ${end}) outside [0, ${text.length}]`;
  if (splitsPair(text, start) || splitsPair(text, end))
    return `${what}: span [${start}, ${end}) splits a surrogate pair`;
  return null;
}

/**
 * Checker findings: valid offsets, sorted, and the text at each finding is what the finding says
 * it is. In plain text and Markdown the checker reads the draft character for character (markup is
 * blanked with spaces, never removed), so what a message quotes from the draft must sit at exactly
 * those offsets, markup aside.
 */
export function findingViolations(
  text: string,
  format: 'text' | 'markdown' | 'html',
  findings: readonly Finding[],
): string[] {
  const violations: string[] = [];
  let previous = -1;
  for (const finding of findings) {
    const what = `${finding.rule} at [${finding.start}, ${finding.end})`;
    const bad = spanViolation(text, finding, what);
    if (bad) {
      violations.push(bad);
      continue;
    }
    if (finding.start < previous) violations.push(`${what}: findings not sorted by position`);
    previous = finding.start;
    if (finding.end === finding.start) violations.push(`${what}: empty range`);
    if (format === 'html') continue;
    const slice = text.slice(finding.start, finding.end);
    switch (finding.rule) {
      case 'figure/mismatch': {
        // “<the figure as the draft prints it>” contradicts …
        const quoted = /^\u201C([\s\S]*?)\u201D contradicts/.exec(finding.message)?.[1];
        if (quoted === undefined || !sameBesideMarkup(quoted, slice))
          violations.push(`${what}: message quotes “${quoted}”, the draft has “${slice}”`);
        break;
      }
      case 'quote/misattributed': {
        const named = /attributes this quote to ([\s\S]*), but it is verified/.exec(
          finding.message,
        )?.[1];
        if (named === undefined || !sameBesideMarkup(named.slice(0, slice.length), slice))
          violations.push(`${what}: message names “${named}”, the draft has “${slice}”`);
        break;
      }
      case 'quote/unverified':
      case 'quote/not-verified':
        // The whole quotation, from its opening mark.
        if (!OPENING_MARKS.has(slice[0] ?? ''))
          violations.push(`${what}: “${slice.slice(0, 40)}” does not open with a quotation mark`);
        break;
      case 'quote/misquote':
        // The quoted words: something to replace, no white space at either end.
        if (!/[\p{L}\p{N}]/u.test(slice) || slice.trim() !== slice)
          violations.push(`${what}: “${slice.slice(0, 40)}” is not the quoted words`);
        break;
    }
  }
  return violations;
}

/** Equal, except where the draft holds markup the checker blanked (read as a space). */
function sameBesideMarkup(claimed: string, draft: string): boolean {
  if (claimed.length !== draft.length) return false;
  for (let index = 0; index < claimed.length; index++) {
    const a = claimed[index];
    const b = draft[index];
    if (a !== b && !(a === ' ' || /\s/.test(a ?? ''))) return false;
  }
  return true;
}

/** The letters and digits of `claimed` appear, in order, in `slice` (markup only removes). */
function isSubsequence(claimed: string, slice: string): boolean {
  let position = 0;
  for (const char of claimed) {
    if (!/^[A-Za-z0-9]$/.test(char)) continue;
    position = slice.indexOf(char, position);
    if (position < 0) return false;
    position++;
  }
  return true;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Extraction: every span inside the input, never splitting a character, and the text each item
 * claims is the input at its span — exactly (white space aside) for plain text; for Markdown and
 * HTML, whose markup and entities the reader removes, its ASCII letters and digits in order.
 */
export function extractionViolations(input: string, article: ExtractedArticle): string[] {
  const violations: string[] = [];
  const located: { what: string; text: string; span: Span }[] = [];
  const spans: { what: string; span: Span }[] = [];
  if (article.metadata.headline) located.push({ what: 'headline', ...article.metadata.headline });
  if (article.metadata.byline) located.push({ what: 'byline', ...article.metadata.byline });
  article.paragraphs.forEach((span, index) => {
    spans.push({ what: `paragraph ${index}`, span });
  });
  for (const person of article.people)
    for (const mention of person.mentions)
      located.push({ what: `mention of ${person.key}`, ...mention });
  for (const organisation of article.organisations)
    for (const mention of organisation.mentions)
      located.push({ what: `mention of ${organisation.key}`, ...mention });
  article.quotes.forEach((quote, index) => {
    located.push({ what: `quote ${index}`, text: quote.text, span: quote.span });
    if (quote.speakerText)
      located.push({ what: `speaker of quote ${index}`, ...quote.speakerText });
    if (quote.paragraph < 0 || quote.paragraph >= article.paragraphs.length)
      violations.push(`quote ${index}: paragraph ${quote.paragraph} does not exist`);
  });
  article.figures.forEach((figure, index) => {
    located.push({ what: `figure ${index}`, text: figure.text, span: figure.span });
    if (!Number.isFinite(figure.value)) violations.push(`figure ${index}: value ${figure.value}`);
  });
  for (const { what, span } of [...spans, ...located]) {
    const bad = spanViolation(input, span, what);
    if (bad) violations.push(bad);
  }
  for (const { what, text, span } of located) {
    if (spanViolation(input, span, what)) continue;
    const slice = input.slice(span.start, span.end);
    const holds =
      article.format === 'text' ? collapse(text) === collapse(slice) : isSubsequence(text, slice);
    if (!holds)
      violations.push(
        `${what}: claims ${JSON.stringify(text.slice(0, 60))}, input holds ${JSON.stringify(slice.slice(0, 60))}`,
      );
  }
  let previousEnd = 0;
  article.paragraphs.forEach((span, index) => {
    if (span.start < previousEnd) violations.push(`paragraph ${index} overlaps the previous one`);
    previousEnd = Math.max(previousEnd, span.end);
  });
  return violations;
}
