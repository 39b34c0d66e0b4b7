import { MONTH_ABBREVIATIONS } from '@verbatim/domain/calendar';
import type { Body } from './body.ts';
import { EntityRegistry } from './entities-registry.ts';
import {
  ORGANISATION_DESCRIPTORS,
  REPORTING_VERBS,
  SPEAKER_PRONOUNS,
  SPEAKER_VERB_FILLERS,
} from './lexicon.ts';
import { findNameGroups, type NameGroup } from './names.ts';
import { findMarkedQuotes, type MarkedQuote } from './quote-marks.ts';
import type { AttributionMethod, Located, SpeakerKey } from './types.ts';

/** A quote found in the body, in body coordinates, with its speaker. */
export interface BodyQuote {
  mark: MarkedQuote;
  paragraph: number;
  sentenceStart: number;
  sentenceEnd: number;
  speakers: SpeakerKey[];
  speakerStart: number;
  speakerEnd: number;
  method: AttributionMethod;
  continuesPrevious: boolean;
  fragment: boolean;
  saidWhen: string | null;
  saidWhere: string | null;
}

export interface BodyAnalysis {
  quotes: BodyQuote[];
  registry: EntityRegistry;
  /** Sentence ranges per paragraph (body coordinates), for figures. */
  sentences: { start: number; end: number }[];
}

const MASK = '∙';
/** Attribution is looked for this many characters either side of a quote at most: linear time. */
const WINDOW = 400;
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'prof',
  'gov',
  'sen',
  'rep',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'inc',
  'ltd',
  'co',
  'corp',
  'no',
  'vs',
  'etc',
  ...MONTH_ABBREVIATIONS,
  'u.s',
  'u.k',
  'e.g',
  'i.e',
  'mt',
  'ft',
  'approx',
]);
const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’\-.]*/gu;
const TRAILING_MODIFIER =
  /[\s,]+(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Twitter|X|Facebook|Instagram|social media|the phone)|in an? (?:interview|statement|email|post|speech|news release|press release|letter|video|briefing|podcast|radio|television|TV)|at an? (?:press|news) conference|last (?:week|month|year|night)|earlier (?:this|on)|this (?:week|month|year|morning|afternoon|evening)|yesterday|today|adding\b|who\b|before\b|after\b|while\b|when\b|because\b|as (?:he|she|they)\b|in (?:a|an|the) \w+ (?:to|with)\b|told\b|during\b|referring\b|speaking\b|of the\b)/;
const WHEN =
  /\b(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|last (?:week|month|year|night)|earlier this (?:week|month|year)|this (?:week|month|year|morning))\b/;
const WHERE =
  /\b(?:told (?:reporters|journalists|the \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)*|[\p{Lu}][\p{L}]+)(?: [^,.;]*)?|in an? (?:interview|statement|email|post|speech|briefing|letter)(?: [^,.;]*)?|at an? (?:press|news) conference(?: [^,.;]*)?)/u;

/** Finds every quotation in the body, the people and organisations, and who said what. */
export function analyseBody(body: Body, toLocated: (start: number, end: number) => Located) {
  const text = body.text;
  const registry = new EntityRegistry(toLocated);
  const marksByParagraph = body.paragraphs.map((p) => findMarkedQuotes(text, p.start, p.end));
  const masked = maskQuotes(text, marksByParagraph.flat());
  const quotes: BodyQuote[] = [];
  const sentences: { start: number; end: number }[] = [];
  let previousParagraphQuote: BodyQuote | null = null;
  let previousParagraphIndex = -2;

  body.paragraphs.forEach((paragraph, paragraphIndex) => {
    const marks = marksByParagraph[paragraphIndex] ?? [];
    const bounds = sentenceBounds(masked, paragraph.start, paragraph.end);
    for (const bound of bounds) sentences.push(bound);
    let firstContent = paragraph.start;
    while (firstContent < paragraph.end && /\s/.test(masked.charAt(firstContent))) firstContent++;
    let sentenceIndex = 0;
    const paragraphGroups = registerMentions(
      masked,
      paragraph.start,
      paragraph.end,
      paragraphIndex,
      registry,
    );
    let lastInParagraph: BodyQuote | null = null;

    for (const [markIndex, mark] of marks.entries()) {
      // Marks come in text order, so the sentence pointer only moves forward.
      while (sentenceIndex < bounds.length - 1 && (bounds[sentenceIndex]?.end ?? 0) <= mark.open) {
        sentenceIndex++;
      }
      const sentence = bounds[sentenceIndex] ?? { start: paragraph.start, end: paragraph.end };
      let closingIndex = sentenceIndex;
      while (closingIndex < bounds.length - 1 && (bounds[closingIndex]?.end ?? 0) < mark.close) {
        closingIndex++;
      }
      const sentenceEnd = Math.max(sentence.end, bounds[closingIndex]?.end ?? sentence.end);
      const atParagraphStart = mark.open <= firstContent;
      const continuesPrevious =
        atParagraphStart &&
        previousParagraphQuote?.mark.unclosed === true &&
        previousParagraphIndex === paragraphIndex - 1;
      const context: QuoteContext = {
        masked,
        mark,
        marks,
        markIndex,
        sentenceStart: sentence.start,
        sentenceEnd,
        paragraph: paragraphIndex,
        paragraphStart: paragraph.start,
        registry,
        groups: paragraphGroups,
      };
      let found = attributeInSentence(context);
      if (!found && continuesPrevious && previousParagraphQuote) {
        found = inherit(previousParagraphQuote, 'previous-paragraph');
      }
      if (!found) {
        const recent = registry.mostRecent(mark.open, { paragraph: paragraphIndex });
        if (recent) {
          found = {
            speakers: recent,
            start: mark.open,
            end: mark.open,
            method: 'same-paragraph',
            saidWhen: null,
            saidWhere: null,
          };
        }
      }
      if (!found && lastInParagraph && lastInParagraph.speakers.length > 0) {
        found = inherit(lastInParagraph, 'same-paragraph');
      }
      if (
        !found &&
        atParagraphStart &&
        previousParagraphQuote &&
        previousParagraphIndex === paragraphIndex - 1 &&
        previousParagraphQuote.speakers.length > 0
      ) {
        found = inherit(previousParagraphQuote, 'previous-paragraph');
      }
      const quote: BodyQuote = {
        mark,
        paragraph: paragraphIndex,
        sentenceStart: sentence.start,
        sentenceEnd,
        speakers: found?.speakers ?? [],
        speakerStart: found?.start ?? mark.open,
        speakerEnd: found?.end ?? mark.open,
        method: found?.method ?? 'none',
        continuesPrevious,
        fragment: isFragment(text, masked, mark, sentence.start, continuesPrevious),
        saidWhen: found?.saidWhen ?? null,
        saidWhere: found?.saidWhere ?? null,
      };
      if (found && found.end > found.start && found.method !== 'previous-paragraph') {
        const attributionEnd =
          found.method === 'after-quote' ? Math.max(found.end, sentenceEnd) : found.end;
        registry.suppressWithin(paragraphIndex, found.start, attributionEnd, found.speakers);
        registry.remember(Math.max(found.start, mark.open), paragraphIndex, found.speakers);
      }
      quotes.push(quote);
      lastInParagraph = quote;
    }
    if (lastInParagraph) {
      previousParagraphQuote = lastInParagraph;
      previousParagraphIndex = paragraphIndex;
    }
  });
  return { quotes, registry, sentences } satisfies BodyAnalysis;
}

interface Attribution {
  speakers: SpeakerKey[];
  /** The attribution as printed, body coordinates ([start, start) when inherited). */
  start: number;
  end: number;
  method: AttributionMethod;
  saidWhen: string | null;
  saidWhere: string | null;
}

interface QuoteContext {
  masked: string;
  mark: MarkedQuote;
  marks: readonly MarkedQuote[];
  /** Index of `mark` in `marks`. */
  markIndex: number;
  sentenceStart: number;
  sentenceEnd: number;
  paragraph: number;
  paragraphStart: number;
  registry: EntityRegistry;
  /** The paragraph's capitalised phrases, found once and reused for every attribution. */
  groups: readonly NameGroup[];
}

/** The paragraph's name groups lying inside [start, end). */
function groupsWithin(context: QuoteContext, start: number, end: number): NameGroup[] {
  return context.groups.filter((g) => g.start >= start && g.end <= end);
}

function inherit(from: BodyQuote, method: AttributionMethod): Attribution | null {
  if (from.speakers.length === 0) return null;
  return {
    speakers: from.speakers,
    start: from.speakerStart,
    end: from.speakerEnd,
    method,
    saidWhen: from.saidWhen,
    saidWhere: from.saidWhere,
  };
}

function maskQuotes(text: string, marks: readonly MarkedQuote[]): string {
  if (marks.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const mark of [...marks].sort((a, b) => a.innerStart - b.innerStart)) {
    if (mark.innerStart < last) continue;
    const keepLast = /[.?!,]/.test(text.charAt(mark.innerEnd - 1));
    const end = keepLast ? mark.innerEnd - 1 : mark.innerEnd;
    if (end <= mark.innerStart) continue;
    parts.push(text.slice(last, mark.innerStart), MASK.repeat(end - mark.innerStart));
    last = end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Sentence ranges of a paragraph; quoted words are masked so their full stops do not count. */
export function sentenceBounds(
  masked: string,
  start: number,
  end: number,
): { start: number; end: number }[] {
  const bounds: { start: number; end: number }[] = [];
  const boundary = /[.?!…]+['"”’»]*(\s+)(?=["“‘'«(]?[\p{Lu}\p{N}∙])/gu;
  // The regex runs over the paragraph alone, so a paragraph without a boundary costs its length.
  const paragraph = masked.slice(start, end);
  let sentenceStart = start;
  for (const match of paragraph.matchAll(boundary)) {
    const at = start + match.index;
    const wordBefore = /([\p{L}.]+)$/u.exec(masked.slice(Math.max(start, at - 12), at));
    const word = wordBefore?.[1]?.toLowerCase() ?? '';
    if (masked.charAt(at) === '.' && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) {
      continue;
    }
    const sentenceEnd = at + match[0].length - (match[1]?.length ?? 0);
    if (sentenceEnd > end) break;
    bounds.push({ start: sentenceStart, end: sentenceEnd });
    sentenceStart = at + match[0].length;
  }
  if (sentenceStart < end) bounds.push({ start: sentenceStart, end });
  return bounds;
}

function registerMentions(
  masked: string,
  start: number,
  end: number,
  paragraph: number,
  registry: EntityRegistry,
): NameGroup[] {
  const groups = findNameGroups(masked, start, end);
  for (const group of groups) {
    if (group.kind === 'person' || group.kind === 'single') {
      const key = registry.personMention(
        group.tokens,
        group.start,
        group.end,
        group.kind === 'person',
      );
      if (!key) continue;
      registry.remember(group.start, paragraph, [{ kind: 'person', key }]);
      attachRoles(masked, group, key, start, end, registry);
    } else if (group.kind === 'organisation' || group.kind === 'government') {
      registry.organisationMention(group.text, group.orgKind, group.start, group.end);
    }
  }
  return groups;
}

/** "X, a professor at Y," / "the Ontario premier, X," / "Prime Minister X". */
function attachRoles(
  masked: string,
  group: NameGroup,
  key: string,
  paragraphStart: number,
  paragraphEnd: number,
  registry: EntityRegistry,
): void {
  if (group.title) registry.addRole(key, group.title);
  const after = masked.slice(group.end, Math.min(paragraphEnd, group.end + 200));
  const appositive =
    /^,\s+((?:a|an|the)\s+)?([\p{L}][^,.;:∙“”"]{2,150}?)(?=,|\.\s|\.$|\s+(?:said|says|told|wrote|added)\b)/u.exec(
      after,
    );
  if (appositive?.[2] && looksLikeRole(appositive[2], appositive[1] !== undefined)) {
    registry.addRole(key, appositive[2]);
  }
  const before = masked.slice(Math.max(paragraphStart, group.start - 120), group.start);
  const leading =
    /(?:^|[,.;:]\s+|\b(?:after|before|by|from|with|to|and|but|said|says|for|of|as|when|while|including|like)\s+)(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+((?:(?!\bthe\b)[^,.;:∙“”"]){2,60}),\s+$/u.exec(
      before,
    );
  if (
    leading?.[1] &&
    masked.slice(group.end, group.end + 1) === ',' &&
    looksLikeRole(leading[1], true)
  ) {
    registry.addRole(key, leading[1]);
  }
}

const NOT_ROLE_START =
  /^(?:who|whom|whose|which|that|and|but|or|said|says|told|wrote|he|she|they|it|was|is|were|are|has|had|have|will|would|could|can|may|might|also|then|now|however|meanwhile|though|although|in|on|at|for|with|as|if)\b/i;
const ROLE_NOUN =
  /\b(?:of|at|for|to|in)\s|^(?:former|senior|junior|chief|deputy|vice|co-|executive|professor|president|director|head|leader|chair|minister|secretary|spokes|analyst|economist|manager|coach|captain|founder|owner|editor|author|researcher|scientist|lawyer|attorney|judge|officer|official|expert|fellow|lecturer|governor|mayor|premier|ambassador|diplomat|chancellor|commissioner|member|partner|strategist|adviser|advisor|consultant|chairman|chairwoman|ceo|cfo|cto)/i;

/** "a former diplomat", "vice-president of X" are roles; "was telling reporters" is not. */
function looksLikeRole(phrase: string, hasArticle: boolean): boolean {
  const trimmed = phrase.trim();
  if (NOT_ROLE_START.test(trimmed)) return false;
  const words = trimmed.split(/\s+/);
  if (words.length > 18) return false;
  if (/^\p{Ll}+ed$/u.test(words[0] ?? '')) return false;
  if (/\b(?:might|will|would|could|should|was|were|is|are|has|had|have|did|does)\b/.test(trimmed))
    return false;
  return hasArticle || ROLE_NOUN.test(trimmed);
}

function wordsIn(masked: string, start: number, end: number, maxWords = Number.POSITIVE_INFINITY) {
  const words: { text: string; lower: string; start: number; end: number }[] = [];
  const range = masked.slice(start, end);
  WORD.lastIndex = 0;
  for (let match = WORD.exec(range); match && words.length < maxWords; match = WORD.exec(range)) {
    const raw = match[0].replace(/[.’']+$/, '');
    words.push({
      text: raw,
      lower: raw.toLowerCase(),
      start: start + match.index,
      end: start + match.index + raw.length,
    });
  }
  return words;
}

function attributeInSentence(context: QuoteContext): Attribution | null {
  return (
    afterQuote(context) ??
    beforeQuote(context) ??
    verbBeforeInSentence(context) ??
    verbAfterInSentence(context)
  );
}

/** The stretch after the closing mark up to the sentence end or the next quote. */
function tailLimit(context: QuoteContext): number {
  const next = context.marks[context.markIndex + 1];
  return Math.min(
    context.sentenceEnd,
    next ? next.open : context.sentenceEnd,
    context.mark.close + WINDOW,
  );
}

/** “…,” X said / “…,” said X, a … / “…,” according to X. */
function afterQuote(context: QuoteContext): Attribution | null {
  const { masked, mark } = context;
  if (mark.unclosed) return null;
  const limit = tailLimit(context);
  const words = wordsIn(masked, mark.close, limit, 16);
  if (words.length === 0) return null;
  const lead = masked.slice(mark.close, words[0]?.start ?? limit);
  if (!/^[\s,.;:!?—–-]*$/.test(lead)) return null;
  if (words[0]?.lower === 'according' && words[1]?.lower === 'to' && words[2]) {
    return speakerFrom(context, words[2].start, limit, 'after-quote');
  }
  for (let i = 0; i < Math.min(words.length, 14); i++) {
    const word = words[i];
    if (!word || !REPORTING_VERBS.has(word.lower)) continue;
    if (i === 0) {
      const next = words[1];
      if (!next) return null;
      const from = next.lower === 'out' || next.lower === 'of' ? words[2]?.start : next.start;
      if (from === undefined) return null;
      return speakerFrom(context, from, limit, 'after-quote');
    }
    const subjectStart = words[0]?.start ?? word.start;
    const result = speakerFrom(context, subjectStart, word.start, 'after-quote');
    if (result) {
      const clause = masked.slice(word.start, limit);
      result.saidWhen ??= WHEN.exec(clause)?.[0] ?? null;
      result.saidWhere ??= WHERE.exec(clause)?.[0] ?? null;
    }
    return result;
  }
  return null;
}

/** X said: “…” / According to X, “…” / X told reporters on Friday: “…”. */
function beforeQuote(context: QuoteContext): Attribution | null {
  const { masked, mark, marks } = context;
  const previous = marks[context.markIndex - 1];
  const headStart = Math.max(
    context.sentenceStart,
    previous?.close ?? context.sentenceStart,
    mark.open - WINDOW,
  );
  const head = masked.slice(headStart, mark.open);
  if (!/[:,]\s*$/.test(head) && !/\b(?:said|says|wrote|writes|added|adds)\s*$/.test(head))
    return null;
  const according = /\b[Aa]ccording to\s+/.exec(head);
  const words = wordsIn(masked, headStart, mark.open);
  if (according) {
    const from = headStart + according.index + according[0].length;
    const end = headStart + head.search(/[:,]?\s*$/);
    const found = speakerFrom(context, from, Math.max(from, end), 'before-quote');
    if (found) return found;
  }
  for (let i = words.length - 1; i >= 0 && i >= words.length - 10; i--) {
    const word = words[i];
    if (!word || !REPORTING_VERBS.has(word.lower)) continue;
    const found = speakerFrom(context, headStart, word.start, 'before-quote', true);
    if (found) {
      const clause = masked.slice(word.start, mark.open);
      found.saidWhen ??= WHEN.exec(clause)?.[0] ?? null;
      found.saidWhere ??= WHERE.exec(clause)?.[0] ?? null;
    }
    return found;
  }
  return null;
}

/** X said it was a “creative agreement” / what he described as a “landmark” deal. */
function verbBeforeInSentence(context: QuoteContext): Attribution | null {
  const { masked, mark } = context;
  const windowStart = Math.max(context.sentenceStart, mark.open - WINDOW);
  const words = wordsIn(masked, windowStart, mark.open);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i];
    if (!word || !REPORTING_VERBS.has(word.lower)) continue;
    // Passive: "described by the World Health Organization as “…”".
    const agent = words[i + 1];
    if (agent?.lower === 'by' && words[i + 2]) {
      const rest = masked.slice(agent.end, mark.open);
      const as = rest.search(/\s(?:as|that|to be)\s/);
      const end = as >= 0 ? agent.end + as : mark.open;
      const found = speakerFrom(context, words[i + 2]?.start ?? agent.end, end, 'same-sentence');
      if (found) return found;
    }
    const found = speakerFrom(context, windowStart, word.start, 'same-sentence', true);
    if (found) return found;
  }
  return null;
}

/** … are “desperate” …, said Lynette Ong, a professor … */
function verbAfterInSentence(context: QuoteContext): Attribution | null {
  const { masked, mark } = context;
  if (mark.unclosed) return null;
  const limit = tailLimit(context);
  const words = wordsIn(masked, mark.close, limit);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word || !REPORTING_VERBS.has(word.lower)) continue;
    const before = masked.slice(Math.max(mark.close, word.start - 3), word.start);
    if (/,\s*$/.test(before) && words[i + 1]) {
      return speakerFrom(context, words[i + 1]?.start ?? word.end, limit, 'same-sentence');
    }
    const subjectStart = words[Math.max(0, i - 8)]?.start ?? mark.close;
    return speakerFrom(context, subjectStart, word.start, 'same-sentence', true);
  }
  return null;
}

/**
 * Turns the words naming a speaker into people or organisations. With `adjacent`, the speaker is
 * the phrase that ends right before the verb ("… what he described" → "he").
 */
function speakerFrom(
  context: QuoteContext,
  from: number,
  to: number,
  method: AttributionMethod,
  adjacent = false,
): Attribution | null {
  const { masked, registry } = context;
  let end = to;
  let start = from;
  // Cut at the first quote mark or masked quote, and at trailing modifiers ("on Friday").
  const raw = masked.slice(start, end);
  const stop = raw.search(/[∙“”"«»]/);
  if (stop >= 0) end = start + stop;
  let phrase = masked.slice(start, end);
  let saidWhen: string | null = WHEN.exec(phrase)?.[0] ?? null;
  let saidWhere: string | null = null;
  if (!adjacent) {
    const modifier = TRAILING_MODIFIER.exec(phrase);
    if (modifier) {
      const rest = phrase.slice(modifier.index);
      saidWhen ??= WHEN.exec(rest)?.[0] ?? null;
      saidWhere = WHERE.exec(rest)?.[0] ?? null;
      end = start + modifier.index;
    }
  }
  phrase = masked.slice(start, end);
  // Trim punctuation and, before a verb, the adverbs between speaker and verb ("Carney also").
  const trimmed = trimPhrase(masked, start, end);
  start = trimmed.start;
  end = trimmed.end;
  if (end <= start) return null;
  if (adjacent) {
    const narrowed = adjacentSubject(masked, start, end);
    if (!narrowed) return null;
    start = narrowed.start;
    end = narrowed.end;
  }
  phrase = masked.slice(start, end);
  const words = phrase.split(/\s+/);
  const firstWord = words[0] ?? '';
  if (SPEAKER_PRONOUNS.has(firstWord) && words.length <= 2) {
    const lower = firstWord.toLowerCase();
    const plural = lower === 'they' || lower === 'we';
    const recent =
      registry.mostRecent(start, { plural }) ?? (plural ? registry.mostRecent(start) : null);
    if (!recent) return null;
    return { speakers: recent, start, end, method, saidWhen, saidWhere };
  }
  const speakers = namedSpeakers(context, start, end);
  if (!speakers || speakers.length === 0) return null;
  return { speakers, start, end, method, saidWhen, saidWhere };
}

function trimPhrase(masked: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /[\s,.;:!?—–\-()]/.test(masked.charAt(s))) s++;
  while (e > s && /[\s,.;:!?—–\-()]/.test(masked.charAt(e - 1))) e--;
  // Drop fillers before the verb: "Carney also", "she has".
  for (;;) {
    const match = /\s+([\p{L}]+)$/u.exec(masked.slice(s, e));
    if (!match?.[1] || !SPEAKER_VERB_FILLERS.has(match[1].toLowerCase())) break;
    e -= match[0].length;
  }
  // Leading conjunctions: "But Nadjibulla", "And she".
  const lead = /^(?:But|And|So|Yet|Then|Still|Now|However|Instead|Meanwhile)[,]?\s+/.exec(
    masked.slice(s, e),
  );
  if (lead) s += lead[0].length;
  return { start: s, end: e };
}

/** The subject right before a verb: a pronoun, a name, "X, a role,", or "the prime minister". */
function adjacentSubject(
  masked: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  // "X, who study glacier hazards at Y, wrote": the relative clause is not the subject.
  const relative = /,\s+(?:who|which|whose)\b[^,]*,?\s*$/.exec(masked.slice(start, end));
  if (relative) end = start + relative.index;
  const phrase = masked.slice(start, end);
  const lastWord = /([\p{L}’'\-.]+)$/u.exec(phrase);
  if (!lastWord?.[1]) return null;
  const wordStart = end - lastWord[1].length;
  if (SPEAKER_PRONOUNS.has(lastWord[1])) return { start: wordStart, end };
  // "Guy Saint-Jacques, a former Canadian ambassador to China," / "the Ontario premier, Doug Ford,"
  const clauseStart = Math.max(
    start,
    ...[
      /[.;:!?]\s/g,
      /\b(?:that|what|which|who|while|whereas|because|as|but|when|if)\s|\band\s(?=\p{Ll})/gu,
    ].map((pattern) => lastMatchEnd(phrase, pattern, start)),
  );
  const clause = masked.slice(clauseStart, end);
  if (/^\p{Lu}/u.test(lastWord[1]) || clause.includes(',')) {
    const trimmed = trimPhrase(masked, clauseStart, end);
    return trimmed.end > trimmed.start ? trimmed : null;
  }
  // Lower-case descriptor: "the company", "police", "the prime minister".
  const descriptor =
    /(?:^|\s)((?:the|a|an)\s+)?([\p{Ll}\p{Lu}][\p{L}\-']*\s+){0,3}[\p{Ll}][\p{L}\-']*$/u.exec(
      clause,
    );
  if (!descriptor) return null;
  const descriptorStart = clauseStart + descriptor.index + (descriptor[0].startsWith(' ') ? 1 : 0);
  return { start: descriptorStart, end };
}

function lastMatchEnd(text: string, pattern: RegExp, offset: number): number {
  let last = offset;
  for (const match of text.matchAll(pattern)) last = offset + match.index + match[0].length;
  return last;
}

/** People (or organisations) named in a speaker phrase, with roles attached. */
function namedSpeakers(context: QuoteContext, start: number, end: number): SpeakerKey[] | null {
  const { masked, registry, paragraph } = context;
  const phrase = masked.slice(start, end);
  const spokes = /spokes(?:man|woman|person)\s+(?:for|at)\s+(.+)$/i.exec(phrase);
  if (spokes?.[1]) {
    const orgStart = start + (spokes.index ?? 0) + spokes[0].length - spokes[1].length;
    const groups = groupsWithin(context, orgStart, end);
    const org = groups.find(
      (g) => g.kind === 'organisation' || g.kind === 'government' || g.kind === 'place',
    );
    if (org) {
      return [
        {
          kind: 'organisation',
          key: registry.organisationMention(org.text, org.orgKind, org.start, org.end),
        },
      ];
    }
  }
  // Split into comma chunks: "the Ontario premier", "Doug Ford" / "Lynette Ong", "a professor …".
  const chunks: { start: number; end: number }[] = [];
  let chunkStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || masked.charAt(i) === ',') {
      const trimmed = trimPhrase(masked, chunkStart, i);
      if (trimmed.end > trimmed.start) chunks.push(trimmed);
      chunkStart = i + 1;
    }
  }
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c];
    if (!chunk) continue;
    const groups = groupsWithin(context, chunk.start, chunk.end);
    const chunkText = masked.slice(chunk.start, chunk.end);
    // A lone capitalised word is a speaker only if it names someone already met or stands alone.
    const people = groups.filter(
      (g) =>
        g.kind === 'person' ||
        (g.kind === 'single' &&
          (registry.hasPerson(g.tokens) ||
            chunkText.replace(/[.’']/g, '').trim() === g.text ||
            g.title !== null)),
    );
    if (people.length === 0) continue;
    const nameLike = /^[\p{Lu}]/u.test(chunkText) || /^(?:the|a|an)\s/i.test(chunkText) === false;
    const chosen =
      nameLike && people.length > 1 && / and /.test(chunkText) ? people : [people.at(-1)];
    const keys: SpeakerKey[] = [];
    for (const group of chosen) {
      if (!group) continue;
      const key = registry.personMention(group.tokens, group.start, group.end, true);
      if (!key) continue;
      keys.push({ kind: 'person', key });
      if (group.title) registry.addRole(key, group.title);
      const next = chunks[c + 1];
      if (next && /^(?:(?:a|an|the)\s|\p{Ll})/u.test(masked.slice(next.start, next.end))) {
        registry.addRole(key, singularRole(masked.slice(next.start, next.end), chosen.length));
      }
      const previous = chunks[c - 1];
      if (
        previous &&
        c === 1 &&
        /^(?:the|his|her)\s/i.test(masked.slice(previous.start, previous.end))
      ) {
        registry.addRole(key, masked.slice(previous.start, previous.end));
      }
      const leading = masked.slice(chunk.start, group.start).trim();
      if (
        leading.length > 0 &&
        /\p{Ll}/u.test(leading) &&
        chosen.length === 1 &&
        !/\band$/.test(leading)
      ) {
        registry.addRole(key, leading.replace(/^(?:the|a|an)\s+/i, ''));
      }
    }
    if (keys.length > 0) {
      registry.remember(start, paragraph, keys);
      return keys;
    }
  }
  // Organisations and governments as speakers: "Apple said", "Beijing said", "the White House".
  for (const chunk of chunks) {
    const groups = groupsWithin(context, chunk.start, chunk.end);
    const organisations = groups.filter(
      (g) => g.kind === 'organisation' || g.kind === 'government' || g.kind === 'place',
    );
    const first = organisations[0];
    if (!first || first.start - chunk.start > 4) continue;
    // "China and Canada announced": every organisation joined by "and" speaks.
    const joined = [first];
    for (const next of organisations.slice(1)) {
      const between = masked.slice(joined.at(-1)?.end ?? next.start, next.start);
      if (/^\s*(?:and|&|,)\s*(?:the\s+)?$/.test(between)) joined.push(next);
      else break;
    }
    const keys = joined.map((org) => ({
      kind: 'organisation' as const,
      key: registry.organisationMention(org.text, org.orgKind, org.start, org.end),
    }));
    registry.remember(start, paragraph, keys);
    return keys;
  }
  // A descriptor: "the prime minister" (a person named earlier with that role), "the company".
  const first = chunks[0];
  if (!first) return null;
  const descriptor = masked.slice(first.start, first.end);
  if (descriptor.split(/\s+/).length > 6) return null;
  const byRole = registry.personByRole(descriptor);
  if (byRole) return [{ kind: 'person', key: byRole }];
  const descriptorWords = descriptor.toLowerCase().split(/\s+/);
  const lastWord = descriptorWords.find((w) => ORGANISATION_DESCRIPTORS.has(w)) ?? '';
  if (lastWord) {
    const known = registry.organisationByWord(lastWord);
    if (known) return [{ kind: 'organisation', key: known }];
    // "a government spokesperson" after "The German government said …": use the fuller name.
    const earlier = new RegExp(`\\b((?:\\p{Lu}[\\p{L}’'-]+\\s+)+${lastWord})\\b`, 'iu').exec(
      masked.slice(context.paragraphStart, first.start),
    );
    const fuller = earlier?.[1]?.replace(/^(?:The|A|An)\s+/, '');
    const name =
      fuller && /^\p{Lu}/u.test(fuller) && fuller.includes(' ')
        ? fuller
        : descriptor
            .replace(/^(?:the|a|an)\s+/i, '')
            .replace(/\s+spokes(?:man|woman|person)$/i, '');
    return [
      {
        kind: 'organisation',
        key: registry.organisationMention(name, 'organisation', first.start, first.end),
      },
    ];
  }
  return null;
}

function singularRole(role: string, speakers: number): string {
  if (speakers < 2) return role;
  return role.replace(/^(\p{Ll}+)s\b/u, '$1');
}

function isFragment(
  text: string,
  masked: string,
  mark: MarkedQuote,
  sentenceStart: number,
  continuesPrevious: boolean,
): boolean {
  if (continuesPrevious) return false;
  const first = text.charAt(mark.innerStart);
  if (/\p{Ll}/u.test(first)) return true;
  const inner = text.slice(mark.innerStart, mark.innerEnd);
  if (/[.?!,…:;—–-]$/.test(inner) || mark.unclosed) return false;
  const before = masked.slice(Math.max(sentenceStart, mark.open - WINDOW), mark.open).trimEnd();
  // Embedded in the sentence ("a “Creative Agreement” deal") rather than introduced by ":" or ",".
  if (before.length > 0 && !/[:,]$/.test(before)) return true;
  return inner.split(/\s+/).length < 4;
}
