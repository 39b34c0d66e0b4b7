import type {
  FactStatus,
  Figure,
  Id,
  Organisation,
  Person,
  Quote,
} from '@verbatim/domain/entities';
import type { FactLookup } from '@verbatim/domain/fact-lookup';
import type { FigureMention } from '@verbatim/domain/figures';
import { figuresAgree, findFigureMentions } from '@verbatim/domain/figures';
import type { Finding, RuleId, Severity } from '@verbatim/domain/findings';
import { assertWithinLimit, MAX_DRAFT_LENGTH } from '@verbatim/domain/limits';
import { tokenizeWords } from '@verbatim/domain/quote-text';
import type { Alignment, VerifiedUnit } from './align.ts';
import { alignQuote, bagOverlap, findContiguous } from './align.ts';
import type { Attribution } from './attribution.ts';
import { normaliseName } from './memory-fact-lookup.ts';
import type { ParagraphReading, QuotationReading, ReadingMemo } from './paragraphs.ts';
import {
  detached,
  MAX_MEMO_KEY_LENGTH,
  paragraphKey,
  readParagraph,
  splitParagraphs,
} from './paragraphs.ts';
import { LineIndex } from './positions.ts';
import type { InputFormat } from './prose.ts';
import { extractProse, toOriginalRange } from './prose.ts';
import { RecentlyUsed } from './recently-used.ts';
import { parseSuppressions } from './suppression.ts';
import { contentWords, nameAndCommonWords } from './words.ts';

/** The paragraph cache's key: exported so an editor can tell which paragraphs a check will reuse. */
export { paragraphKey, splitParagraphs } from './paragraphs.ts';
export type { InputFormat } from './prose.ts';

export interface CheckOptions {
  /** How to read the text. Default: "markdown" (plain prose reads the same). */
  format?: InputFormat;
  /** Per-rule severity overrides from configuration; "off" disables a rule. */
  severities?: Partial<Record<RuleId, Severity>>;
  /**
   * Keeps paragraph results between checks (an editor re-checking one changed paragraph).
   * Results depend on the facts: call `cache.clear()` when they change.
   */
  cache?: CheckCache;
  /** What a bare "$" means in figures (ISO code), default USD. */
  dollarCurrency?: string;
}

/** Default severity of each rule. `quote/not-verified` is an error for a retracted quote. */
export const DEFAULT_SEVERITIES: Readonly<Record<RuleId, Exclude<Severity, 'off'>>> = {
  'quote/misquote': 'error',
  'quote/misattributed': 'error',
  'quote/unverified': 'warning',
  'quote/not-verified': 'warning',
  'figure/mismatch': 'error',
};

/** How many candidate quotes to fetch per quotation. */
const CANDIDATES_PER_QUOTATION = 6;
/** Shingles looked up per quotation (see sampleShingles). */
const MAX_SHINGLES_PER_QUOTATION = 8;
/** How many of a quotation's best candidates are aligned word by word. */
const ALIGNED_CANDIDATES = 4;
const FIGURE_CANDIDATES = 24;
/**
 * A figure is about what a sentence says only if they share at least this many words (see
 * aboutSameThing), so the look-up need not return figures sharing fewer.
 */
const MIN_SHARED_MEASURES_WORDS = 2;
const MAX_FIGURES_PER_BATCH = 1000;
/** Characters either side of a number read to decide what it is about. */
const FIGURE_CONTEXT = 300;
const MAX_CACHED_PARAGRAPHS = 5000;
/** And at most this many characters of them (a few hundred drafts' worth), whatever their size. */
const MAX_CACHED_CHARACTERS = 4_000_000;
/** Candidate look-ups kept per kind (each entry a handful of facts) before the map is emptied. */
const MAX_CACHED_LOOKUPS = 10_000;
/** Pronouns look back at most this many name mentions. */
const PRONOUN_LOOKBACK = 8;

interface QuoteMatchResult {
  reading: QuotationReading;
  /** Quotes matched word for word (fragments, ellipses and brackets allowed). */
  exact: { quote: Quote; spanStart: number; spanEnd: number; coversWhole: boolean }[];
  /** The closest verified quote when none matched exactly and it is close enough to be a misquote. */
  near: { quote: Quote; alignment: Alignment; replacement: string; swapped: boolean } | null;
  /**
   * The findings, paragraph-relative, once worked out: they depend on the facts (cached with
   * them) and, for a pronoun ("she said") only, on the names mentioned before the paragraph.
   */
  findings?: Finding[];
}

interface FigureResult {
  mention: FigureMention;
  figure: Figure;
}

interface ParagraphResult {
  reading: ParagraphReading;
  quotes: QuoteMatchResult[];
  figures: FigureResult[];
}

interface FactsCache {
  paragraphs: RecentlyUsed<number, ParagraphResult>;
  /** Keyed by id@updatedAt, so never stale: shared by every check of the same facts. */
  verifiedUnits: Map<string, VerifiedUnit[]>;
  measures: Map<string, { names: Set<string>; common: Set<string> }>;
  people: Map<Id, Person | null>;
  organisations: Map<Id, Organisation | null>;
  names: Map<string, Person[]>;
  /** A quotation's candidates, keyed by the shingles looked up. */
  quoteCandidates: Map<string, Quote[]>;
  /** A family's figure candidates, keyed by units, words and limit. */
  figureCandidates: Map<string, Figure[]>;
  /** What each sentence's figures ask (see figureMentionsOf), by currency, then sentence. */
  sentenceFigures: Map<string, Map<string, FigureRequest[]>>;
  /** Quotations and attributions read before (see readParagraph): independent of the facts. */
  readings: ReadingMemo;
}

/** What is derived from one fact's own text, keyed by id@updatedAt: correct for as long as the facts live. */
const derivedFromFacts = new WeakMap<FactLookup, Pick<FactsCache, 'verifiedUnits' | 'measures'>>();

function derivedFor(facts: FactLookup): Pick<FactsCache, 'verifiedUnits' | 'measures'> {
  let derived = derivedFromFacts.get(facts);
  if (!derived) {
    derived = { verifiedUnits: new Map(), measures: new Map() };
    derivedFromFacts.set(facts, derived);
  }
  return derived;
}

/** Paragraph results and fact look-ups kept between checks, per FactLookup. */
export class CheckCache {
  private perFacts = new WeakMap<FactLookup, FactsCache>();

  for(facts: FactLookup): FactsCache {
    let cache = this.perFacts.get(facts);
    if (!cache) {
      cache = {
        ...derivedFor(facts),
        paragraphs: new RecentlyUsed(
          MAX_CACHED_PARAGRAPHS,
          MAX_CACHED_CHARACTERS,
          (result) => result.reading.text.length,
        ),
        people: new Map(),
        organisations: new Map(),
        names: new Map(),
        quoteCandidates: new Map(),
        figureCandidates: new Map(),
        sentenceFigures: new Map(),
        readings: new Map(),
      };
      this.perFacts.set(facts, cache);
    }
    return cache;
  }

  /** Forget everything: the facts changed. */
  clear(): void {
    this.perFacts = new WeakMap();
  }
}

/**
 * Checks a draft against verified facts. Pure: reads facts only through `facts`, does no other
 * I/O, never throws on any text up to MAX_DRAFT_LENGTH (past it: InputTooLargeError, before any
 * work; docs/limits.md). Findings are sorted by position; offsets are into `text`.
 */
export async function checkDraft(
  text: string,
  facts: FactLookup,
  options: CheckOptions = {},
): Promise<Finding[]> {
  assertWithinLimit('draft', text, MAX_DRAFT_LENGTH);
  const cache = (options.cache ?? new CheckCache()).for(facts);
  const prose = extractProse(text, options.format ?? 'markdown');
  const paragraphs = splitParagraphs(prose.text);
  const results: (ParagraphResult | undefined)[] = [];
  const pending: { index: number; key: number; reading: ParagraphReading }[] = [];
  paragraphs.forEach((paragraph, index) => {
    const key = paragraphKey(paragraph.text);
    const cached = cache.paragraphs.get(key);
    if (cached && cached.reading.text === paragraph.text) {
      results[index] = cached;
      return;
    }
    // A copy: the paragraph is a slice of the whole draft, and a cached slice would keep every
    // draft it came from alive (thousands of them, one per edit).
    const own = detached(paragraph.text);
    pending.push({ index, key: paragraphKey(own), reading: readParagraph(own, cache.readings) });
  });
  if (pending.length > 0) {
    const fresh = await matchParagraphs(
      pending.map((item) => item.reading),
      facts,
      cache,
      options,
    );
    pending.forEach((item, position) => {
      const result = fresh[position] as ParagraphResult;
      results[item.index] = result;
      // Kept while used: a draft being edited keeps its paragraphs however many others pass
      // through.
      cache.paragraphs.set(item.key, result);
    });
  }

  const raw: Finding[] = [];
  const mentions: { text: string; start: number }[] = [];
  // Name mentions serve only pronoun attributions ("she said"): without one, none are read.
  const pronouns = results.some((result) =>
    result?.quotes.some((match) => match.reading.attribution?.kind === 'pronoun'),
  );
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index];
    const result = results[index];
    if (!paragraph || !result) continue;
    const base = paragraph.start;
    let mentionCursor = 0;
    const paragraphMentions = pronouns ? result.reading.mentions : [];
    for (const match of result.quotes) {
      // Name mentions before this quotation are in scope for its pronoun.
      while (
        mentionCursor < paragraphMentions.length &&
        (paragraphMentions[mentionCursor]?.start ?? 0) < match.reading.quotation.start
      ) {
        const mention = paragraphMentions[mentionCursor++] as { text: string; start: number };
        mentions.push({ text: mention.text, start: base + mention.start });
      }
      if (match.reading.attribution?.kind === 'pronoun') {
        for (const finding of await quoteFindings(match, base, mentions, facts, cache))
          raw.push(finding);
      } else {
        match.findings ??= await quoteFindings(match, 0, [], facts, cache);
        for (const finding of match.findings)
          raw.push({ ...finding, start: base + finding.start, end: base + finding.end });
      }
      const attribution = match.reading.attribution;
      if (attribution && attribution.kind !== 'pronoun')
        mentions.push({ text: attribution.text, start: base + attribution.start });
    }
    while (mentionCursor < paragraphMentions.length) {
      const mention = paragraphMentions[mentionCursor++] as { text: string; start: number };
      mentions.push({ text: mention.text, start: base + mention.start });
    }
    for (const figure of result.figures) raw.push(figureFinding(figure, base));
  }

  // Only comments can suppress: a draft without any needs no line index.
  const suppressions =
    prose.comments.length > 0 ? parseSuppressions(text, prose.comments, new LineIndex(text)) : null;
  const findings: Finding[] = [];
  for (const finding of raw) {
    const severity = severityOf(finding, options.severities);
    if (severity === 'off') continue;
    const range = toOriginalRange(prose, finding.start, finding.end);
    if (suppressions?.isSuppressed(finding.rule, range.start)) continue;
    findings.push({ ...finding, severity, start: range.start, end: range.end });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return findings;
}

function severityOf(
  finding: Finding,
  overrides: Partial<Record<RuleId, Severity>> | undefined,
): Severity {
  return overrides?.[finding.rule] ?? finding.severity;
}

// ---------------------------------------------------------------------------------------------
// Matching quotations and figures (fact look-ups, batched)

async function matchParagraphs(
  readings: readonly ParagraphReading[],
  facts: FactLookup,
  cache: FactsCache,
  options: CheckOptions,
): Promise<ParagraphResult[]> {
  // One group of shingles per quotation (with those of its parts, which are matched with the
  // same candidates), looked up in one batch.
  const groups: number[][] = [];
  for (const reading of readings) {
    for (const quotation of reading.quotations) {
      const group = new Set(sampleShingles(quotation.shingles));
      for (const part of quotation.parts ?? [])
        for (const shingle of sampleShingles(part.shingles)) group.add(shingle);
      groups.push([...group]);
    }
  }
  const figureRequests = readings.map((reading) => figureMentionsOf(reading, options, cache));
  // One figure look-up per family of units (shares, counts, durations…) for the whole batch.
  const families = new Map<string, { units: string[]; words: Set<string>; requests: number }>();
  for (const requests of figureRequests) {
    for (const request of requests) {
      const key = request.units.join(',');
      const family = families.get(key) ?? { units: request.units, words: new Set(), requests: 0 };
      for (const word of request.words) family.words.add(word);
      family.requests++;
      families.set(key, family);
    }
  }
  const familyKeys = [...families.keys()];
  const [candidatesPerQuotation, familyFigures] = await Promise.all([
    quoteCandidatesFor(groups, facts, cache),
    Promise.all(
      familyKeys.map((key) => {
        const family = families.get(key) as {
          units: string[];
          words: Set<string>;
          requests: number;
        };
        return figureCandidatesFor(
          family.units,
          [...family.words].sort(),
          Math.min(MAX_FIGURES_PER_BATCH, FIGURE_CANDIDATES * family.requests),
          facts,
          cache,
        );
      }),
    ),
  ]);
  const figuresByFamily = new Map(
    familyKeys.map((key, index) => [key, familyFigures[index] ?? []]),
  );
  let quotationIndex = 0;
  return readings.map((reading, index) => {
    const requests = figureRequests[index] ?? [];
    return {
      reading,
      quotes: reading.quotations.map((quotation) =>
        matchQuotation(
          quotation,
          (candidatesPerQuotation[quotationIndex++] ?? []).map((quote) => ({
            quote,
            units: verifiedUnitsOf(quote, cache),
          })),
        ),
      ),
      figures: matchFigures(
        requests,
        requests.map((request) => figuresByFamily.get(request.units.join(',')) ?? []),
        cache,
      ),
    };
  });
}

/**
 * Each quotation's candidates, looked up in one batch for the quotations not seen with these
 * facts before. A quotation's answer depends only on its own shingles (FactLookup's rule), so an
 * edit elsewhere in its paragraph reuses it.
 */
async function quoteCandidatesFor(
  groups: readonly number[][],
  facts: FactLookup,
  cache: FactsCache,
): Promise<Quote[][]> {
  const keys = groups.map((group) => group.join(','));
  const missing: number[] = [];
  keys.forEach((key, index) => {
    if (!cache.quoteCandidates.has(key)) missing.push(index);
  });
  if (missing.length > 0) {
    const fetched = await facts.quoteCandidatesPerQuotation(
      missing.map((index) => groups[index] as number[]),
      CANDIDATES_PER_QUOTATION,
    );
    if (cache.quoteCandidates.size + missing.length > MAX_CACHED_LOOKUPS)
      cache.quoteCandidates.clear();
    missing.forEach((index, position) => {
      cache.quoteCandidates.set(keys[index] as string, fetched[position] ?? []);
    });
  }
  return keys.map((key) => cache.quoteCandidates.get(key) ?? []);
}

/** A family's figure candidates: the same question (units, words, limit) is asked once per facts. */
async function figureCandidatesFor(
  units: readonly string[],
  words: readonly string[],
  limit: number,
  facts: FactLookup,
  cache: FactsCache,
): Promise<Figure[]> {
  const key = `${units.join(',')}|${words.join(' ')}|${limit}`;
  let figures = cache.figureCandidates.get(key);
  if (!figures) {
    figures = await facts.figureCandidates(units, words, limit, MIN_SHARED_MEASURES_WORDS);
    // A huge batch's question is not kept: it would hold its words for nothing.
    if (key.length <= MAX_MEMO_KEY_LENGTH) {
      if (cache.figureCandidates.size >= MAX_CACHED_LOOKUPS) cache.figureCandidates.clear();
      cache.figureCandidates.set(key, figures);
    }
  }
  return figures;
}

/**
 * At most MAX_SHINGLES_PER_QUOTATION of a quotation's shingles, spread over it: the quote it comes
 * from shares all of them (a misquote most), and the index look-up costs per shingle.
 */
function sampleShingles(shingles: readonly number[]): readonly number[] {
  if (shingles.length <= MAX_SHINGLES_PER_QUOTATION) return shingles;
  const sample: number[] = [];
  const step = (shingles.length - 1) / (MAX_SHINGLES_PER_QUOTATION - 1);
  for (let index = 0; index < MAX_SHINGLES_PER_QUOTATION; index++)
    sample.push(shingles[Math.round(index * step)] as number);
  return sample;
}

function verifiedUnitsOf(quote: Quote, cache: FactsCache): VerifiedUnit[] {
  const key = `${quote.id}@${quote.updatedAt}`;
  let units = cache.verifiedUnits.get(key);
  if (!units) {
    units = [];
    for (const token of tokenizeWords(quote.text)) {
      if (token.kind !== 'word') continue;
      for (const piece of token.norm.split('-'))
        if (piece !== '') units.push({ norm: piece, start: token.start, end: token.end });
    }
    if (cache.verifiedUnits.size > 50_000) cache.verifiedUnits.clear();
    cache.verifiedUnits.set(key, units);
  }
  return units;
}

const STATUS_ORDER: Record<FactStatus, number> = {
  verified: 0,
  candidate: 1,
  disputed: 2,
  retracted: 3,
};

function matchQuotation(
  reading: QuotationReading,
  candidates: readonly { quote: Quote; units: VerifiedUnit[] }[],
): QuoteMatchResult {
  const result: QuoteMatchResult = { reading, exact: [], near: null };
  const draftWords = new Set<string>();
  for (const unit of reading.units) if (unit.kind === 'word') draftWords.add(unit.norm);
  // Rank candidates by shared words first: cheap, and the shingle ranking was for the whole batch.
  const scored: { quote: Quote; units: VerifiedUnit[]; shared: number }[] = [];
  for (const candidate of candidates) {
    let shared = 0;
    for (const unit of candidate.units) if (draftWords.has(unit.norm)) shared++;
    if (shared > 0) scored.push({ ...candidate, shared });
  }
  scored.sort((a, b) => b.shared - a.shared);
  for (const candidate of scored) {
    const contiguous = findContiguous(reading.units, candidate.units);
    if (contiguous) {
      result.exact.push({
        quote: candidate.quote,
        ...contiguous,
        coversWhole: contiguous.spanStart === 0 && contiguous.spanEnd === candidate.units.length,
      });
    }
  }
  const hasGaps = reading.units.some((unit) => unit.kind === 'gap');
  if (result.exact.length === 0 || hasGaps) {
    let bestScore = -1;
    for (const candidate of scored.slice(0, ALIGNED_CANDIDATES * 2)) {
      const alignment = alignQuote(reading.units, candidate.units);
      if (alignment.edits === 0) {
        if (!result.exact.some((match) => match.quote.id === candidate.quote.id))
          result.exact.push({
            quote: candidate.quote,
            spanStart: alignment.spanStart,
            spanEnd: alignment.spanEnd,
            coversWhole: alignment.spanStart === 0 && alignment.spanEnd === candidate.units.length,
          });
        continue;
      }
      if (candidate.quote.status !== 'verified') continue;
      const near = nearMatch(reading, candidate, alignment);
      if (near && near.score > bestScore) {
        bestScore = near.score;
        result.near = near.value;
      }
    }
  }
  if (result.exact.length === 0 && reading.parts && reading.parts.length > 1) {
    // Joined as a split quote but matching nothing: two quotations side by side, each of which
    // may match on its own ("…,” she said, calling it “…”).
    const parts = reading.parts.map((part) => matchQuotation(part, candidates));
    if (parts.every((part) => part.exact.length > 0)) {
      result.exact = parts.flatMap((part) =>
        part.exact.map((exact) => ({ ...exact, coversWhole: false })),
      );
    }
  }
  if (result.exact.length > 0) result.near = null;
  result.exact.sort((a, b) => STATUS_ORDER[a.quote.status] - STATUS_ORDER[b.quote.status]);
  return result;
}

function nearMatch(
  reading: QuotationReading,
  candidate: { quote: Quote; units: VerifiedUnit[] },
  alignment: Alignment,
): { score: number; value: NonNullable<QuoteMatchResult['near']> } | null {
  const spanLength = Math.max(alignment.spanEnd - alignment.spanStart, 0);
  const length = Math.max(alignment.draftWords, spanLength, 1);
  const similarity = 1 - alignment.edits / length;
  const closeEnough = alignment.matched >= 3 && similarity >= 0.6;
  const overlap = bagOverlap(reading.units, candidate.units);
  // Swapped clauses: the same words in another order.
  const swapped = !closeEnough && alignment.draftWords >= 5 && overlap >= 0.9;
  if (!closeEnough && !swapped) return null;
  const units = candidate.units;
  let replacement: string;
  if (swapped || spanLength === 0) {
    replacement = candidate.quote.text.trim();
  } else {
    const first = units[alignment.spanStart] as VerifiedUnit;
    const last = units[alignment.spanEnd - 1] as VerifiedUnit;
    replacement = candidate.quote.text.slice(first.start, last.end);
  }
  return {
    score: swapped ? overlap - 0.5 : similarity,
    value: { quote: candidate.quote, alignment, replacement, swapped },
  };
}

interface FigureRequest {
  mention: FigureMention;
  units: string[];
  words: string[];
  /** Stemmed content words of the sentence, to measure how much it is about a figure. */
  sentenceWords: Set<string>;
  sentenceStart: number;
}

/** Units a figure may be compared in: durations with durations, shares with shares. */
function comparableUnits(unit: string): string[] {
  if (unit.startsWith('duration:'))
    return ['duration:year', 'duration:month', 'duration:week', 'duration:day', 'duration:hour'];
  if (unit === 'percent' || unit === 'fraction') return ['percent', 'fraction'];
  return [unit];
}

/** Cheap test before the figure scanner: a paragraph with no digit and no number word has no figure. */
const MAY_HOLD_FIGURE =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths|decade|decades|century|centuries)\b/i;

function figureMentionsOf(
  reading: ParagraphReading,
  options: CheckOptions,
  cache: FactsCache,
): FigureRequest[] {
  const requests: FigureRequest[] = [];
  if (!MAY_HOLD_FIGURE.test(reading.blanked)) return requests;
  const currency = options.dollarCurrency ?? 'USD';
  let sentenceFigures = cache.sentenceFigures.get(currency);
  if (!sentenceFigures) {
    sentenceFigures = new Map();
    cache.sentenceFigures.set(currency, sentenceFigures);
  }
  for (const sentence of reading.sentences) {
    // What a sentence's figures ask depends on the sentence alone: an edit elsewhere in the
    // paragraph finds it read already. (Keyed by the slice itself: a Map hashes a slice in
    // place, where a concatenated key would be copied first.)
    const text = reading.blanked.slice(sentence.start, sentence.end);
    let relative = sentenceFigures.get(text);
    if (!relative) {
      relative = sentenceFigureRequests(text, currency);
      if (text.length <= MAX_MEMO_KEY_LENGTH) {
        if (sentenceFigures.size >= MAX_CACHED_LOOKUPS) sentenceFigures.clear();
        sentenceFigures.set(detached(text), relative);
      }
    }
    for (const request of relative) {
      requests.push({
        ...request,
        mention: {
          ...request.mention,
          start: request.mention.start + sentence.start,
          end: request.mention.end + sentence.start,
        },
        sentenceStart: sentence.start,
      });
    }
  }
  return requests;
}

/** The figure look-ups of one sentence (its quotations blanked), offsets from its start. */
function sentenceFigureRequests(text: string, currency: string): FigureRequest[] {
  const requests: FigureRequest[] = [];
  // Numbers inside quotations are the speaker's words, checked as quotes. Only sentences that may
  // hold a number are scanned: the scanner costs more than the test.
  if (!MAY_HOLD_FIGURE.test(text)) return requests;
  for (const mention of findFigureMentions(text, { dollarCurrency: currency })) {
    if (mention.unit === 'year') continue; // a calendar year is a date, not a measured figure
    // The words of the sentence around the figure (a sentence may run on for pages: a window).
    const from = Math.max(0, mention.start - FIGURE_CONTEXT);
    const to = Math.min(text.length, mention.end + FIGURE_CONTEXT);
    const around = `${text.slice(from, mention.start)} ${text.slice(mention.end, to)}`;
    // Only the content words' stems are looked up: aboutSameThing counts nothing else, and the
    // store finds every word a stem starts ("export" → exports, exported).
    const stems = new Set(contentWords(around));
    requests.push({
      mention,
      units: comparableUnits(mention.unit),
      words: [...stems],
      sentenceWords: stems,
      sentenceStart: 0,
    });
  }
  return requests;
}

/**
 * A figure is about the same thing when the sentence holds most of what it measures, and not
 * only its place names: "5,000 tonnes of Kestrel Bay's catch" is not about "residents of Kestrel Bay".
 */
function aboutSameThing(request: FigureRequest, figure: Figure, cache: FactsCache): boolean {
  const key = `${figure.id}@${figure.updatedAt}`;
  let measures = cache.measures.get(key);
  if (!measures) {
    measures = nameAndCommonWords(figure.measures);
    if (cache.measures.size > 50_000) cache.measures.clear();
    cache.measures.set(key, measures);
  }
  const { names, common } = measures;
  if (common.size === 0) return false;
  let sharedCommon = 0;
  for (const word of common) if (request.sentenceWords.has(word)) sharedCommon++;
  let sharedNames = 0;
  for (const word of names) if (request.sentenceWords.has(word)) sharedNames++;
  return (
    sharedCommon + sharedNames >= MIN_SHARED_MEASURES_WORDS && sharedCommon / common.size >= 0.5
  );
}

function matchFigures(
  requests: readonly FigureRequest[],
  candidates: readonly Figure[][],
  cache: FactsCache,
): FigureResult[] {
  const results: FigureResult[] = [];
  // A sentence that states the verified figure anywhere agrees with it.
  const bySentence = new Map<number, FigureRequest[]>();
  for (const request of requests) {
    const list = bySentence.get(request.sentenceStart) ?? [];
    if (list.length < 50) list.push(request);
    bySentence.set(request.sentenceStart, list);
  }
  requests.forEach((request, index) => {
    const relevant = (candidates[index] ?? []).filter(
      (figure) => figure.status === 'verified' && aboutSameThing(request, figure, cache),
    );
    if (relevant.length === 0) return;
    if (relevant.some((figure) => figuresAgree(request.mention, figure))) return;
    // Another number in the same sentence, in the same units, may be the one that states it.
    const siblings = (bySentence.get(request.sentenceStart) ?? []).filter(
      (other) =>
        other !== request && comparableUnits(other.mention.unit).includes(request.mention.unit),
    );
    if (siblings.some((other) => relevant.some((figure) => figuresAgree(other.mention, figure))))
      return;
    const best = relevant[0] as Figure;
    results.push({ mention: request.mention, figure: best });
  });
  return results;
}

function figureFinding(result: FigureResult, base: number): Finding {
  return {
    rule: 'figure/mismatch',
    severity: DEFAULT_SEVERITIES['figure/mismatch'],
    message: `“${result.mention.text}” contradicts the verified figure “${result.figure.text}” (${result.figure.measures}).`,
    start: base + result.mention.start,
    end: base + result.mention.end,
    fact: { kind: 'figure', id: result.figure.id },
    verifiedText: result.figure.text,
    replacement: result.figure.text,
  };
}

// ---------------------------------------------------------------------------------------------
// Turning matches into findings (attribution needs people, looked up through the cache)

async function quoteFindings(
  match: QuoteMatchResult,
  base: number,
  mentions: readonly { text: string; start: number }[],
  facts: FactLookup,
  cache: FactsCache,
): Promise<Finding[]> {
  const { reading } = match;
  const quotation = reading.quotation;
  const start = base + quotation.start;
  const end = base + quotation.end;
  if (match.exact.length > 0) {
    const verified = match.exact.filter((exact) => exact.quote.status === 'verified');
    if (verified.length === 0) {
      const worst = match.exact.reduce((a, b) =>
        STATUS_ORDER[b.quote.status] > STATUS_ORDER[a.quote.status] ? b : a,
      );
      const status = worst.quote.status;
      return [
        {
          rule: 'quote/not-verified',
          severity: status === 'retracted' ? 'error' : 'warning',
          message: `This quote matches a ${status} quote, not a verified one${status === 'retracted' ? ': it was retracted and must not be used' : ''}.`,
          start,
          end,
          fact: { kind: 'quote', id: worst.quote.id },
          verifiedText: worst.quote.text,
          replacement: null,
        },
      ];
    }
    // A short fragment ("a clear threat") may be anyone's words; only longer ones are owned.
    const attributable = verified.filter((exact) => exact.coversWhole || reading.wordCount >= 4);
    if (attributable.length === 0 || !reading.attribution) return [];
    const misattributed = await checkAttribution(
      reading.attribution,
      attributable.map((exact) => exact.quote),
      base,
      mentions,
      facts,
      cache,
    );
    if (!misattributed) return [];
    const quote = attributable[0]?.quote as Quote;
    const attribution = reading.attribution;
    return [
      {
        rule: 'quote/misattributed',
        severity: DEFAULT_SEVERITIES['quote/misattributed'],
        message: `The draft attributes this quote to ${misattributed.draftSpeaker}, but it is verified as said by ${misattributed.verifiedSpeaker}.`,
        start: base + attribution.start,
        end: base + attribution.end,
        fact: { kind: 'quote', id: quote.id },
        verifiedText: quote.text,
        replacement: misattributed.verifiedSpeaker,
      },
    ];
  }
  if (match.near) {
    const near = match.near;
    return [
      {
        rule: 'quote/misquote',
        severity: DEFAULT_SEVERITIES['quote/misquote'],
        message: near.swapped
          ? `The words of a verified quote are in another order. Verified wording: “${near.quote.text}”`
          : `${describeEdits(near.alignment)} Verified wording: “${near.quote.text}”`,
        start: base + reading.wordsStart,
        end: base + reading.wordsEnd,
        fact: { kind: 'quote', id: near.quote.id },
        verifiedText: near.quote.text,
        replacement: near.replacement,
      },
    ];
  }
  if (reading.fullSentence) {
    return [
      {
        rule: 'quote/unverified',
        severity: DEFAULT_SEVERITIES['quote/unverified'],
        message: 'No verified quote matches this quotation.',
        start,
        end,
        fact: null,
        verifiedText: null,
        replacement: null,
      },
    ];
  }
  return [];
}

/** "“greatest” for “biggest”; “new” added; “in transit” dropped without an ellipsis." */
function describeEdits(alignment: Alignment): string {
  const parts: string[] = [];
  let index = 0;
  const changes = alignment.changes;
  while (index < changes.length) {
    const change = changes[index] as Alignment['changes'][number];
    // Consecutive words of one kind read as one phrase.
    const words: string[] = [];
    const replaced: string[] = [];
    let next = index;
    while (next < changes.length && changes[next]?.kind === change.kind) {
      const item = changes[next] as Alignment['changes'][number];
      if (item.draft) words.push(item.draft);
      if (item.verified) replaced.push(item.verified);
      next++;
    }
    if (change.kind === 'changed') parts.push(`“${words.join(' ')}” for “${replaced.join(' ')}”`);
    else if (change.kind === 'added') parts.push(`“${words.join(' ')}” added`);
    else parts.push(`“${replaced.join(' ')}” dropped without an ellipsis`);
    index = next;
  }
  if (parts.length === 0 || parts.length > 4)
    return `The quotation differs from a verified quote by ${alignment.edits} words.`;
  const sentence = parts.join('; ');
  return `Misquoted: ${sentence}.`;
}

interface Speaker {
  display: string;
  /** Normalised names, aliases and role titles. */
  names: string[];
  surname: string | null;
  personIds: Set<Id>;
}

async function speakersOf(
  quotes: readonly Quote[],
  facts: FactLookup,
  cache: FactsCache,
): Promise<Speaker[]> {
  const personIds = new Set<Id>();
  const organisationIds = new Set<Id>();
  for (const quote of quotes) {
    for (const speaker of quote.speakers)
      (speaker.kind === 'person' ? personIds : organisationIds).add(speaker.id);
  }
  const people = await cachedByIds([...personIds], cache.people, (ids) => facts.peopleByIds(ids));
  const organisations = await cachedByIds([...organisationIds], cache.organisations, (ids) =>
    facts.organisationsByIds(ids),
  );
  const speakers: Speaker[] = [];
  for (const person of people) {
    if (!person) continue;
    const parts = normaliseName(person.name).split(' ');
    speakers.push({
      display: person.name,
      names: [person.name, ...person.aliases, ...person.roles.map((role) => role.title)].map(
        stripForComparison,
      ),
      surname: parts.length > 1 ? (parts[parts.length - 1] ?? null) : null,
      personIds: new Set([person.id]),
    });
  }
  for (const organisation of organisations) {
    if (!organisation) continue;
    speakers.push({
      display: organisation.name,
      names: [organisation.name, ...organisation.aliases].map(stripForComparison),
      surname: null,
      personIds: new Set(),
    });
  }
  return speakers;
}

async function cachedByIds<T>(
  ids: Id[],
  cache: Map<Id, T | null>,
  load: (ids: Id[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  const missing = ids.filter((id) => !cache.has(id));
  if (missing.length > 0) {
    const loaded = await load(missing);
    missing.forEach((id, index) => {
      cache.set(id, loaded[index] ?? null);
    });
  }
  return ids.map((id) => cache.get(id) ?? null);
}

const TITLES =
  /^(?:mr|mrs|ms|mx|dr|prof|professor|sir|dame|lord|lady|president|prime minister|premier|minister|senator|sen|rep|representative|governor|gov|mayor|chancellor|judge|justice|general|gen|chief|ceo|chair|chairman|chairwoman|secretary|ambassador|director|rev|father|sister|king|queen|prince|princess)\.?\s+/;

function stripForComparison(name: string): string {
  return normaliseName(name)
    .replace(/'s$/, '')
    .replace(/^(?:the|a|an)\s+/, '')
    .replace(/\./g, '')
    .trim();
}

function stripTitles(name: string): string {
  let stripped = stripForComparison(name);
  for (;;) {
    const next = stripped.replace(TITLES, '');
    if (next === stripped) return stripped;
    stripped = next;
  }
}

function containsWords(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  return ` ${haystack} `.includes(` ${needle} `);
}

/** Whether the way the draft names a speaker fits one of the verified speakers. */
function namesSpeaker(text: string, speakers: readonly Speaker[]): boolean {
  const plain = stripForComparison(text);
  const untitled = stripTitles(text);
  for (const speaker of speakers) {
    for (const name of speaker.names) {
      if (name === '') continue;
      if (plain === name || untitled === name) return true;
      // "Ontario Premier Jane Roe" holds "jane roe"; "the premier" is held by "ontario premier".
      if (name.length >= 4 && containsWords(plain, name)) return true;
      if (plain.length >= 4 && containsWords(name, plain)) return true;
    }
    if (speaker.surname && (untitled === speaker.surname || plain.endsWith(` ${speaker.surname}`)))
      return true;
  }
  return false;
}

async function peopleNamed(text: string, facts: FactLookup, cache: FactsCache): Promise<Person[]> {
  const variants = new Set([text.trim(), stripForComparison(text), stripTitles(text)]);
  const found = new Map<Id, Person>();
  for (const variant of variants) {
    if (variant === '') continue;
    let people = cache.names.get(variant);
    if (!people) {
      people = await facts.findPeopleByName(variant);
      if (cache.names.size > 20_000) cache.names.clear();
      cache.names.set(variant, people);
    }
    for (const person of people) found.set(person.id, person);
  }
  return [...found.values()];
}

/** "Jane Roe", or a single surname that does not open the sentence: a person the writer names. */
function looksLikeAName(text: string): boolean {
  const words = stripTitles(text).split(' ').filter(Boolean);
  return words.length >= 1 && words.length <= 4 && /^\p{Lu}/u.test(text.trim());
}

async function checkAttribution(
  attribution: Attribution,
  quotes: readonly Quote[],
  base: number,
  mentions: readonly { text: string; start: number }[],
  facts: FactLookup,
  cache: FactsCache,
): Promise<{ draftSpeaker: string; verifiedSpeaker: string } | null> {
  const speakers = await speakersOf(quotes, facts, cache);
  if (speakers.length === 0) return null;
  const verifiedSpeaker = speakers.map((speaker) => speaker.display).join(' and ');
  const speakerIds = new Set(speakers.flatMap((speaker) => [...speaker.personIds]));
  if (attribution.kind === 'pronoun') {
    // "she said": the last person named before the quotation.
    let looked = 0;
    for (let index = mentions.length - 1; index >= 0 && looked < PRONOUN_LOOKBACK; index--) {
      const mention = mentions[index] as { text: string; start: number };
      if (mention.start >= base + attribution.start) continue;
      looked++;
      if (namesSpeaker(mention.text, speakers)) return null;
      const people = await peopleNamed(mention.text, facts, cache);
      if (people.length === 0) continue;
      if (people.some((person) => speakerIds.has(person.id))) return null;
      return { draftSpeaker: `${attribution.text} (${people[0]?.name})`, verifiedSpeaker };
    }
    return null;
  }
  if (namesSpeaker(attribution.text, speakers)) return null;
  if (attribution.together?.some((name) => namesSpeaker(name, speakers))) return null;
  const people = await peopleNamed(attribution.text, facts, cache);
  if (people.some((person) => speakerIds.has(person.id))) return null;
  if (people.length > 0) return { draftSpeaker: attribution.text, verifiedSpeaker };
  // An unknown name is still someone else; a description we cannot resolve ("the minister") is not.
  if (attribution.kind === 'name' && looksLikeAName(attribution.text))
    return { draftSpeaker: attribution.text, verifiedSpeaker };
  return null;
}
