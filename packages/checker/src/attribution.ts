import type { Quotation, QuotationSegment } from './quotations.ts';
import type { Sentence } from './sentences.ts';
import { sentenceAt } from './sentences.ts';

/**
 * Finds who a draft says spoke a quotation, as reporters write it: "X said", "said X",
 * "X told reporters", "according to X", "X: “…”", "X warned/added/wrote…", appositions
 * ("Jane Roe, the finance minister, said"), descriptions ("the Ontario premier said") and pronouns.
 * Works on the paragraph with the quotations' words blanked, so names inside quotes never count.
 */
export type AttributionKind = 'name' | 'description' | 'pronoun';

export interface Attribution {
  kind: AttributionKind;
  /** The words naming the speaker, as written. */
  text: string;
  /** Offsets of `text` in the paragraph. */
  start: number;
  end: number;
  /** Others named together with it: "Vance" in "Vance and Brandt said". */
  together?: string[];
}

/** How far before or after a quotation an attribution is looked for. */
const ATTRIBUTION_WINDOW = 300;

const VERBS =
  'said|says|say|told|tells|added|adds|asked|asks|warned|warns|wrote|writes|argued|argues|insisted|insists|explained|explains|noted|notes|stated|states|declared|declares|claimed|claims|replied|replies|responded|responds|continued|continues|recalled|recalls|conceded|concedes|admitted|admits|acknowledged|acknowledges|maintained|maintains|observed|observes|remarked|remarks|cautioned|cautions|suggested|suggests|predicted|predicts|promised|promises|vowed|vows|tweeted|posted|announced|announces|testified|countered|counters|complained|complains|boasted|boasts|conceded|joked|jokes|pointed out|points out|went on|goes on';

const CAPITAL_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’\-]*\.?`;
const PARTICLE = `(?:de|da|del|della|di|van|von|der|den|le|la|bin|al|ibn|dos|du|ter|ten|y)`;
const PROPER = String.raw`${CAPITAL_WORD}(?:\s+(?:${PARTICLE}\s+)?${CAPITAL_WORD}){0,4}`;
const DESCRIPTION = String.raw`(?:the|a|an|its|his|her|their)\s+[\p{L}\p{M}'’\-]+(?:\s+(?!(?:${VERBS})\b)[\p{L}\p{M}'’\-]+){0,5}?`;
const PRONOUN = `(?:he|she|they|He|She|They)`;
const SPEAKER = `(?<speaker>${PRONOUN}|${PROPER}|${DESCRIPTION})`;
const APPOSITION = String.raw`(?:,\s[^,.!?“”"«»]{1,80},)?`;
const ADVERB = String.raw`(?:\s+(?:also|later|then|once|previously|earlier|has|had|have|would|will|quickly|flatly|simply))*`;

/** After the closing mark: ”, Smith said. / ”, said Smith. / ” according to Smith. */
const AFTER_NAME_VERB = new RegExp(
  String.raw`^[\s,;:\u2014\u2013\-]*${SPEAKER}${APPOSITION}${ADVERB}\s+(?:${VERBS})\b`,
  'u',
);
const AFTER_VERB_NAME = new RegExp(
  String.raw`^[\s,;:\u2014\u2013\-]*(?:${VERBS})\s+${SPEAKER}(?=[\s,.;:!?\u2014]|$)`,
  'u',
);
const AFTER_ACCORDING = new RegExp(
  String.raw`^[\s,;:\u2014\u2013\-]*[Aa]ccording\s+to\s+${SPEAKER}(?=[\s,.;:!?\u2014]|$)`,
  'u',
);
/** Before the opening mark: Smith said: “ / Smith told reporters on Tuesday that the plan was “ */
const BEFORE_NAME_VERB = new RegExp(
  String.raw`${SPEAKER}${APPOSITION}${ADVERB}\s+(?:${VERBS})\b[^.!?“”"«»]{0,160}$`,
  'u',
);
const BEFORE_ACCORDING = new RegExp(
  String.raw`[Aa]ccording\s+to\s+${SPEAKER}[^.!?“”"«»]{0,80}$`,
  'u',
);
const BEFORE_COLON = new RegExp(String.raw`${SPEAKER}\s*:\s*$`, 'u');
const BEFORE_VERB_NAME = new RegExp(String.raw`(?:${VERBS})\s+${SPEAKER}\s*[,:]\s*$`, 'u');

/** Capitalised words that open sentences but name nobody. */
const NOT_NAMES = new Set(
  'but and yet so then later still however meanwhile when as also now today yesterday on in at the a an this that these those it its there here officials critics experts analysts residents police observers some others many several most few all both everyone nobody somebody supporters opponents sources authorities protesters workers voters members leaders he she they we i you his her their our my your if while after before since although though because asked speaking writing mr mrs ms dr'.split(
    ' ',
  ),
);

function cleanSpeaker(paragraph: string, offset: number, raw: string): Attribution | null {
  // A trailing full stop ends the sentence, not an initial: "said Kim." → "Kim".
  let text = raw.replace(/\.$/, '');
  let start = offset;
  if (/^(?:he|she|they)$/i.test(text))
    return { text, start, end: start + text.length, kind: 'pronoun' };
  if (/^(?:the|a|an|its|his|her|their)\s/i.test(text))
    return { text, start, end: start + text.length, kind: 'description' };
  // Drop sentence-opening words that name nobody: "But Smith said" → "Smith".
  for (;;) {
    const first = /^(\S+)\s+/u.exec(text);
    if (!first?.[1] || !NOT_NAMES.has(first[1].toLowerCase().replace(/[.,]$/, ''))) break;
    start += first[0].length;
    text = text.slice(first[0].length);
  }
  if (NOT_NAMES.has(text.toLowerCase())) return null;
  void paragraph;
  return { text, start, end: start + text.length, kind: 'name' };
}

function fromMatch(
  paragraph: string,
  base: number,
  match: RegExpExecArray | null,
): Attribution | null {
  const speaker = match?.groups?.speaker;
  if (!match || !speaker) return null;
  const offsetInMatch = match[0].indexOf(speaker);
  const found = cleanSpeaker(paragraph, base + match.index + offsetInMatch, speaker);
  if (found?.kind === 'name') {
    // "Vance and Brandt said": the quote may be either's.
    const before = paragraph.slice(Math.max(0, found.start - JOINED_LOOKBACK), found.start);
    const partner = JOINED_NAME.exec(before);
    if (partner?.[1]) found.together = [partner[1]];
  }
  return found;
}

const JOINED_NAME = new RegExp(String.raw`(${PROPER})\s*(?:,|\band\b|&)\s*$`, 'u');

/** How far before a speaker "Vance and Brandt said" is looked for (see fromMatch). */
const JOINED_LOOKBACK = 80;

/**
 * Looks up what a reading of `key` gave, or works it out and keeps it: findAttribution's key is
 * every character and offset it reads, so the answer is the same.
 */
export type AttributionMemo = (key: string, work: () => Attribution | null) => Attribution | null;

/**
 * The attribution of a quotation: first in what follows it (and the gaps of a split quote), then
 * in what precedes it within its sentence. With a memo, a quotation whose surroundings were read
 * before (in an earlier version of the paragraph) is not read again.
 */
export function findAttribution(
  blanked: string,
  quotation: Quotation,
  sentences: readonly Sentence[],
  memo?: AttributionMemo,
): Attribution | null {
  const first = quotation.segments[0];
  const last = quotation.segments[quotation.segments.length - 1];
  if (!first || !last) return null;
  const closing = sentenceAt(sentences, Math.max(last.end - 1, 0));
  const afterEnd = Math.max(
    Math.min(
      closing?.end ?? blanked.length,
      nextOpeningMark(blanked, last.end),
      last.end + ATTRIBUTION_WINDOW,
    ),
    last.end,
  );
  const opening = sentenceAt(sentences, first.open);
  let beforeStart = opening?.start ?? 0;
  // The sentence before a quote that opens its own sentence may end with "X said:".
  if (beforeStart === first.open || blanked.slice(beforeStart, first.open).trim() === '') {
    beforeStart = Math.max(0, first.open - 200);
  }
  beforeStart = Math.max(beforeStart, first.open - ATTRIBUTION_WINDOW);
  if (!memo) return attributionWithin(blanked, quotation.segments, afterEnd, beforeStart);
  // Everything read below lies in [from, afterEnd): the windows, and the look-back for a name
  // joined to the speaker.
  const from = Math.max(0, Math.min(beforeStart, first.open) - JOINED_LOOKBACK);
  const segments = quotation.segments.map((segment) => ({
    open: segment.open - from,
    innerStart: segment.innerStart - from,
    innerEnd: segment.innerEnd - from,
    end: segment.end - from,
  }));
  const key = `a${afterEnd - from},${beforeStart - from}:${segments.map((s) => `${s.open},${s.end}`).join(';')}|${blanked.slice(from, afterEnd)}`;
  const relative = memo(key, () =>
    attributionWithin(blanked.slice(from, afterEnd), segments, afterEnd - from, beforeStart - from),
  );
  return relative && { ...relative, start: relative.start + from, end: relative.end + from };
}

function attributionWithin(
  blanked: string,
  segments: readonly QuotationSegment[],
  afterEnd: number,
  beforeStart: number,
): Attribution | null {
  const first = segments[0] as QuotationSegment;
  const last = segments[segments.length - 1] as QuotationSegment;
  // Between the parts of a split quote: “…,” she said, “…”
  for (let index = 0; index + 1 < segments.length; index++) {
    const from = (segments[index] as QuotationSegment).end;
    const to = Math.min((segments[index + 1] as QuotationSegment).open, from + ATTRIBUTION_WINDOW);
    const found = afterQuote(blanked, from, to);
    if (found) return found;
  }
  const after = afterQuote(blanked, last.end, afterEnd);
  if (after) return after;
  const before = blanked.slice(beforeStart, first.open);
  for (const pattern of [BEFORE_COLON, BEFORE_VERB_NAME, BEFORE_ACCORDING, BEFORE_NAME_VERB]) {
    const found = fromMatch(blanked, beforeStart, pattern.exec(before));
    if (found) return found;
  }
  return null;
}

function nextOpeningMark(text: string, from: number): number {
  const match = /[“"«„]/.exec(text.slice(from, from + ATTRIBUTION_WINDOW));
  return match ? from + match.index : text.length;
}

function afterQuote(blanked: string, from: number, to: number): Attribution | null {
  const after = blanked.slice(from, to);
  for (const pattern of [AFTER_ACCORDING, AFTER_VERB_NAME, AFTER_NAME_VERB]) {
    const found = fromMatch(blanked, from, pattern.exec(after));
    if (found) return found;
  }
  return null;
}

const NAME_MENTION = new RegExp(PROPER, 'gu');

/** Capitalised name-like sequences (outside quotations), for resolving pronouns. */
export function findNameMentions(blanked: string): { text: string; start: number; end: number }[] {
  const mentions: { text: string; start: number; end: number }[] = [];
  for (const match of blanked.matchAll(NAME_MENTION)) {
    const cleaned = cleanSpeaker(blanked, match.index, match[0].replace(/\.$/, ''));
    if (cleaned && cleaned.kind === 'name' && cleaned.text.length > 1) mentions.push(cleaned);
  }
  return mentions;
}
