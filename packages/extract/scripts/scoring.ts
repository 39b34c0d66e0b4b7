import { extractArticle } from '../src/extract.ts';
import type { ExtractedArticle, ExtractedQuote } from '../src/types.ts';
import type { ArticleLabels, LabelledQuote } from './corpus-format.ts';

export interface ArticleScore {
  file: string;
  labelled: number;
  predicted: number;
  /** Labels overlapped by a prediction. */
  found: number;
  /** Predictions that overlap a label. */
  correct: number;
  /** Found labels whose predicted speaker is right. */
  speakerRight: number;
  errors: string[];
}

export interface CorpusScore {
  articles: ArticleScore[];
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
  labelled: number;
  predicted: number;
}

/** A prediction counts for a label when they share at least half of the label's characters. */
const MIN_OVERLAP = 0.5;

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0 && t !== 'the' && t !== 'a' && t !== 'an');
}

/** Same speaker: each labelled name matches one predicted name, one being a subset of the other ("Jonathan Hale KC"). */
export function sameSpeakers(label: string, predicted: string[]): boolean {
  const labels = label.split(' + ').map(nameTokens);
  const predictions = predicted.map(nameTokens);
  if (labels.length !== predictions.length) return false;
  return labels.every((l) =>
    predictions.some(
      (p) => p.length > 0 && (l.every((t) => p.includes(t)) || p.every((t) => l.includes(t))),
    ),
  );
}

export function speakerNames(article: ExtractedArticle, quote: ExtractedQuote): string[] {
  return quote.speakers.map((s) =>
    s.kind === 'person'
      ? (article.people.find((p) => p.key === s.key)?.name ?? '?')
      : (article.organisations.find((o) => o.key === s.key)?.name ?? '?'),
  );
}

export function scoreArticle(text: string, labels: ArticleLabels): ArticleScore {
  const article = extractArticle({ text, format: labels.format });
  // What ingest stores: quotes with a speaker.
  const predictions = article.quotes.filter((q) => q.speakers.length > 0);
  const used = new Set<number>();
  let found = 0;
  let speakerRight = 0;
  const errors: string[] = [];
  const matchOf = (label: LabelledQuote): number => {
    let best = -1;
    let bestOverlap = 0;
    predictions.forEach((p, i) => {
      const o = overlap(p.span, label);
      if (!used.has(i) && o > bestOverlap) {
        best = i;
        bestOverlap = o;
      }
    });
    return bestOverlap >= MIN_OVERLAP * Math.max(1, label.end - label.start) ? best : -1;
  };
  for (const label of labels.quotes) {
    const index = matchOf(label);
    if (index < 0) {
      errors.push(`missed: “${label.text.slice(0, 60)}” (${label.speaker})`);
      continue;
    }
    used.add(index);
    found++;
    const prediction = predictions[index] as ExtractedQuote;
    const names = speakerNames(article, prediction);
    if (sameSpeakers(label.speaker, names)) speakerRight++;
    else
      errors.push(
        `speaker: “${label.text.slice(0, 50)}” is ${label.speaker}, got ${names.join(' + ')} (${prediction.attribution})`,
      );
  }
  predictions.forEach((p, i) => {
    if (!used.has(i))
      errors.push(`extra: “${p.text.slice(0, 60)}” (${speakerNames(article, p).join(' + ')})`);
  });
  return {
    file: labels.file,
    labelled: labels.quotes.length,
    predicted: predictions.length,
    found,
    correct: used.size,
    speakerRight,
    errors,
  };
}

export function scoreCorpus(articles: { text: string; labels: ArticleLabels }[]): CorpusScore {
  const scores = articles.map((a) => scoreArticle(a.text, a.labels));
  const sum = (key: keyof Omit<ArticleScore, 'file' | 'errors'>) =>
    scores.reduce((total, s) => total + s[key], 0);
  const precision = sum('correct') / Math.max(1, sum('predicted'));
  const recall = sum('found') / Math.max(1, sum('labelled'));
  return {
    articles: scores,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    speakerAccuracy: sum('speakerRight') / Math.max(1, sum('found')),
    labelled: sum('labelled'),
    predicted: sum('predicted'),
  };
}
