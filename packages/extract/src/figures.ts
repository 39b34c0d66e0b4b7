import { findFigureMentions } from '@verbatim/domain/figures';
import type { Body } from './body.ts';
import type { ExtractedFigure } from './types.ts';

const STOP_WORDS = new Set(
  'the a an of to in on at for and or but that which who is are was were be been has have had its their his her this these those by with from as it than'.split(
    ' ',
  ),
);

/**
 * Every figure in the body with what it measures: the counted noun phrase after the figure
 * ("49,000 Chinese electric vehicles"), or the "of …" phrase ("70% of its exports"), or else the
 * words before it ("inflation rose to 3%").
 */
export function extractFigures(
  body: Body,
  sentences: readonly { start: number; end: number }[],
  dollarCurrency: string,
): (ExtractedFigure & { bodyStart: number; bodyEnd: number })[] {
  const figures: (ExtractedFigure & { bodyStart: number; bodyEnd: number })[] = [];
  for (const sentence of sentences) {
    for (const whole of chunksOf(body.text, sentence)) {
      const wholeText = body.text.slice(whole.start, whole.end);
      // Most sentences have no figure: a cheap test spares them the figure scanner.
      if (!MAY_HOLD_FIGURE.test(wholeText)) continue;
      let previousEnd = 0;
      for (const mention of findFigureMentions(wholeText, { dollarCurrency })) {
        // A run-on "sentence" is cut to a window around the figure, to stay linear.
        const long = wholeText.length > MAX_SENTENCE;
        const start = long ? Math.max(0, mention.start - 500) : 0;
        const end = long ? Math.min(wholeText.length, mention.end + 500) : wholeText.length;
        const text = wholeText.slice(start, end);
        const measures = describeMeasure(
          text,
          mention.start - start,
          mention.end - start,
          Math.max(0, previousEnd - start),
        );
        previousEnd = mention.end;
        figures.push({
          text: mention.text,
          span: { start: 0, end: 0 },
          bodyStart: whole.start + mention.start,
          bodyEnd: whole.start + mention.end,
          value: mention.value,
          valueMax: mention.valueMax,
          unit: mention.unit,
          qualifier: mention.qualifier,
          measures: measures.length > 0 ? measures : mention.text,
          sentence: text,
        });
      }
    }
  }
  return figures;
}

const MAX_SENTENCE = 2000;

/**
 * A sentence, or for a run-on one (a megabyte without a full stop) pieces of about MAX_SENTENCE
 * characters cut at white space: the figure scanner then never holds more than a piece's tokens.
 */
function chunksOf(
  text: string,
  sentence: { start: number; end: number },
): { start: number; end: number }[] {
  if (sentence.end - sentence.start <= MAX_SENTENCE * 2) return [sentence];
  const chunks: { start: number; end: number }[] = [];
  let start = sentence.start;
  while (start < sentence.end) {
    let end = Math.min(sentence.end, start + MAX_SENTENCE);
    if (end < sentence.end) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + MAX_SENTENCE / 2) end = space;
    }
    chunks.push({ start, end });
    start = end;
  }
  return chunks;
}

const MAY_HOLD_FIGURE =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|half|halves|third|thirds|quarters?|fifths?|tenths?|decades?|century|centuries|a year|a month|a week|multibillion|multimillion|percent|per cent)\b/i;

const CLAUSE_WORD =
  /^(?:is|are|was|were|will|would|could|should|can|may|might|has|have|had|be|been|into|onto|that|which|who|whom|from|since|until|when|while|because|and|but|or|said|says|than|as|if|after|before|on|in|at|by|for|to|with|during|over|under|ago|later|earlier|this|last|next)$/i;
const LEADING_FILLER =
  /^(?:was|were|is|are|has|have|had|been|be|being|will|would|the|a|an|of|for|to|by|at|on|in|over|under|about|nearly|almost|around|roughly|some|up|more|less|than|least|most|only|just|also|still|then|now|from|with|into|across|next|last|this|that|its|their|his|her)$/i;

/**
 * What a figure measures, in a few words: the counted noun phrase after it ("49,000 Chinese
 * electric vehicles"), its "of" phrase ("70% of its exports to the US"), or else the clause just
 * before it, back to the previous figure or clause boundary ("was jailed for eight years" →
 * "jailed").
 */
function describeMeasure(
  sentence: string,
  start: number,
  end: number,
  previousEnd: number,
): string {
  const after = sentence.slice(end);
  const words = /^[\s]*((?:[\p{L}’'-]+[ ]?){1,8})/u.exec(after)?.[1]?.trim().split(/\s+/) ?? [];
  const ofPhrase = words[0]?.toLowerCase() === 'of';
  const cut: string[] = [];
  for (const word of ofPhrase ? words.slice(1) : words) {
    // The counted noun phrase ends at a verb, a preposition or a clause word ("of" continues it).
    if (CLAUSE_WORD.test(word) && !(ofPhrase && /^(?:to|in|on|at|for)$/i.test(word))) break;
    cut.push(word);
    if (cut.length >= 6) break;
  }
  while (cut.length > 0 && STOP_WORDS.has((cut.at(-1) ?? '').toLowerCase())) cut.pop();
  if (cut.length > 0) return cut.join(' ');
  // Otherwise the words before the figure, back to a clause boundary.
  // Back to the previous figure or clause boundary.
  const before = sentence.slice(Math.min(previousEnd, start), start);
  const clause = before.split(/[,;:—–(]|\b(?:and|but|that|which|while|who)\b/).at(-1) ?? '';
  const beforeWords = clause
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(-6);
  while (beforeWords.length > 0 && LEADING_FILLER.test(beforeWords.at(-1) ?? '')) beforeWords.pop();
  while (beforeWords.length > 0 && LEADING_FILLER.test(beforeWords[0] ?? '')) beforeWords.shift();
  return beforeWords.join(' ').replace(/[“”"]/g, '');
}
