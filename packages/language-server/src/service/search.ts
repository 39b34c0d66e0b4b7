import type { EditorFacts } from '../facts/editor-facts.ts';
import type { FactSearchHit, SearchFactsParams } from '../protocol.ts';
import { figureDetails, quoteDetails, sourceLine, speakerLine } from './describe.ts';
import { matchScore } from './text-match.ts';

/** Quotes and figures matching a query, for "search verified facts and insert one". */
export async function searchFacts(
  facts: EditorFacts,
  params: SearchFactsParams,
): Promise<FactSearchHit[]> {
  const limit = Math.min(Math.max(params.limit ?? 30, 1), 200);
  const kinds = new Set(params.kinds ?? ['quote', 'figure']);
  const [quotes, figures] = await Promise.all([
    kinds.has('quote') ? facts.searchQuotes(params.query, limit) : [],
    kinds.has('figure') ? facts.searchFigures(params.query, limit) : [],
  ]);
  const hits: FactSearchHit[] = [];
  for (const quote of quotes) {
    const details = await quoteDetails(facts, quote);
    hits.push({
      kind: 'quote',
      id: quote.id,
      text: quote.text,
      detail: `${speakerLine(details)} — ${sourceLine(details.source)}`,
      status: quote.status,
    });
  }
  for (const figure of figures) {
    const details = await figureDetails(facts, figure);
    hits.push({
      kind: 'figure',
      id: figure.id,
      text: figure.text,
      detail: `${figure.measures} — ${sourceLine(details.source)}`,
      status: figure.status,
    });
  }
  // Quotes and figures in one list, best match first.
  const score = (hit: FactSearchHit) => matchScore(params.query, `${hit.text} ${hit.detail}`);
  return hits
    .map((hit, index) => ({ hit, index, score: score(hit) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.hit);
}
