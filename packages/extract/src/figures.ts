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
  for (const whole of sentences) {
    const wholeText = body.text.slice(whole.start, whole.end);
    // Most sentences have no figure: a cheap test spares them the figure scanner.
    if (!MAY_HOLD_FIGURE.test(wholeText)) continue;
    for (const mention of findFigureMentions(wholeText, { dollarCurrency })) {
      // A run-on "sentence" is cut to a window around the figure, to stay linear.
      const start = wholeText.length <= 2000 ? 0 : Math.max(0, mention.start - 500);
      const end =
        wholeText.length <= 2000 ? wholeText.length : Math.min(wholeText.length, mention.end + 500);
      const text = wholeText.slice(start, end);
      const measures = describeMeasure(text, mention.start - start, mention.end - start);
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
  return figures;
}

const MAY_HOLD_FIGURE =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|half|halves|third|thirds|quarters?|fifths?|tenths?|decades?|century|centuries|a year|a month|a week|multibillion|multimillion|percent|per cent)\b/i;

function describeMeasure(sentence: string, start: number, end: number): string {
  const after = sentence.slice(end);
  const words = /^[\s]*((?:[\p{L}’'-]+[ ]?){1,8})/u.exec(after)?.[1]?.trim().split(/\s+/) ?? [];
  // Cut the following phrase at a verb-ish or clause word.
  const cut: string[] = [];
  for (const word of words) {
    if (
      /^(?:is|are|was|were|will|would|has|have|had|into|that|which|who|from|since|until|when|because|and|but|said|says)$/i.test(
        word,
      )
    ) {
      if (cut.length > 0) break;
    }
    cut.push(word);
    if (cut.length >= 6) break;
  }
  while (cut.length > 0 && STOP_WORDS.has((cut.at(-1) ?? '').toLowerCase())) cut.pop();
  if (cut[0]?.toLowerCase() === 'of') cut.shift();
  const phrase = cut.join(' ');
  if (
    cut.length > 0 &&
    !/^(?:in|on|at|by|for|to|from|since|until|during|ago|later|earlier)$/i.test(cut[0] ?? '')
  ) {
    return phrase;
  }
  // Otherwise the words before the figure, back to a clause boundary.
  const before = sentence.slice(0, start);
  const clause = before.split(/[,;:—–(]|\b(?:and|but|that|which|while)\b/).at(-1) ?? '';
  const beforeWords = clause
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(-6);
  while (beforeWords.length > 0 && STOP_WORDS.has((beforeWords.at(-1) ?? '').toLowerCase()))
    beforeWords.pop();
  return beforeWords.join(' ').replace(/[“”"]/g, '');
}
