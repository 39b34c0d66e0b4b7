// Scores extractArticle on the labelled corpus: quotation precision, recall and F1 (by span
// overlap) and speaker accuracy. Run: npx tsx packages/extract/scripts/score.ts [--verbose]
// biome-ignore lint/style/noRestrictedImports: a dev script that reads the corpus files
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleLabels } from './corpus-format.ts';
import { scoreCorpus } from './scoring.ts';

export function loadCorpus(dir = join(import.meta.dirname, '..', 'corpus')) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()
    .map((f) => {
      const labels = JSON.parse(readFileSync(join(dir, f), 'utf8')) as ArticleLabels;
      return { labels, text: readFileSync(join(dir, labels.file), 'utf8') };
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const verbose = process.argv.includes('--verbose');
  const corpus = loadCorpus();
  const score = scoreCorpus(corpus);
  const pct = (x: number) => `${(100 * x).toFixed(1)}`;
  for (const a of score.articles) {
    console.log(
      `${a.file.padEnd(32)} labelled ${String(a.labelled).padStart(3)}  predicted ${String(a.predicted).padStart(3)}  found ${String(a.found).padStart(3)}  speaker ok ${String(a.speakerRight).padStart(3)}`,
    );
    if (verbose) for (const e of a.errors) console.log(`    ${e}`);
  }
  for (const split of ['development', 'held-out'] as const) {
    const part = scoreCorpus(corpus.filter((a) => a.labels.split === split));
    console.log(
      `${split}: ${part.labelled} labelled, precision ${pct(part.precision)}  recall ${pct(part.recall)}  F1 ${pct(part.f1)}  speaker accuracy ${pct(part.speakerAccuracy)}`,
    );
  }
  console.log(
    `\nall quotations: ${score.labelled} labelled, ${score.predicted} predicted\nprecision ${pct(score.precision)}  recall ${pct(score.recall)}  F1 ${pct(score.f1)}  speaker accuracy ${pct(score.speakerAccuracy)}`,
  );
}
