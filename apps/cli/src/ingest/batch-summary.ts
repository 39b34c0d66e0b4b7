import type { Ambiguity } from '@verbatim/extract/dataset-fragment';
import type { IngestResult } from './ingest-article.ts';

export interface FailedFile {
  path: string;
  reason: string;
}

/** Totals over one `verbatim ingest` run. */
export interface BatchSummary {
  articles: { new: number; updated: number; unchanged: number; failed: number };
  quotes: { new: number; kept: number; retracted: number; unattributed: number };
  figures: { new: number; kept: number; retracted: number };
  people: { new: number; matched: number };
  organisations: { new: number; matched: number };
  ambiguities: (Ambiguity & { path: string })[];
  failed: FailedFile[];
}

export function emptySummary(): BatchSummary {
  return {
    articles: { new: 0, updated: 0, unchanged: 0, failed: 0 },
    quotes: { new: 0, kept: 0, retracted: 0, unattributed: 0 },
    figures: { new: 0, kept: 0, retracted: 0 },
    people: { new: 0, matched: 0 },
    organisations: { new: 0, matched: 0 },
    ambiguities: [],
    failed: [],
  };
}

export function addResult(summary: BatchSummary, result: IngestResult): void {
  summary.articles[result.status]++;
  const s = result.summary;
  if (s) {
    summary.quotes.new += s.quotesNew;
    summary.quotes.kept += s.quotesKept;
    summary.quotes.retracted += s.quotesRetracted;
    summary.quotes.unattributed += s.quotesUnattributed;
    summary.figures.new += s.figuresNew;
    summary.figures.kept += s.figuresKept;
    summary.figures.retracted += s.figuresRetracted;
    summary.people.new += s.peopleNew;
    summary.people.matched += s.peopleMatched;
    summary.organisations.new += s.organisationsNew;
    summary.organisations.matched += s.organisationsMatched;
  }
  for (const ambiguity of result.ambiguities)
    summary.ambiguities.push({ ...ambiguity, path: result.path });
}

export function addFailure(summary: BatchSummary, failure: FailedFile): void {
  summary.articles.failed++;
  summary.failed.push(failure);
}

export function formatSummary(summary: BatchSummary): string {
  const a = summary.articles;
  const lines = [
    `articles: ${a.new} new, ${a.updated} updated, ${a.unchanged} unchanged, ${a.failed} failed`,
    `quotes:   ${summary.quotes.new} new candidates, ${summary.quotes.kept} kept, ${summary.quotes.retracted} retracted, ${summary.quotes.unattributed} without a speaker (not stored)`,
    `figures:  ${summary.figures.new} new candidates, ${summary.figures.kept} kept, ${summary.figures.retracted} retracted`,
    `people:   ${summary.people.new} new, ${summary.people.matched} matched to existing`,
    `organisations: ${summary.organisations.new} new, ${summary.organisations.matched} matched to existing`,
  ];
  if (summary.ambiguities.length > 0) {
    lines.push(
      `ambiguous matches (${summary.ambiguities.length}), attributed to the first candidate until an editor decides:`,
    );
    for (const ambiguity of summary.ambiguities) {
      const candidates = ambiguity.candidates.map((c) => `${c.name} (${c.id})`).join(', ');
      lines.push(
        `  ${ambiguity.path}: "${ambiguity.name}" could be ${candidates}; chose ${ambiguity.chosenId}`,
      );
    }
  }
  if (summary.failed.length > 0) {
    lines.push(`failed (${summary.failed.length}), skipped:`);
    for (const failure of summary.failed) lines.push(`  ${failure.path}: ${failure.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
