import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../scripts/score.ts';
import { scoreCorpus } from '../scripts/scoring.ts';

// Floors just under the measured scores (docs/extraction-accuracy.md): a change that makes
// extraction worse on the labelled corpus fails here.
describe('accuracy on the labelled corpus', () => {
  const corpus = loadCorpus();

  it('holds at least 15 articles and 150 labelled quotations in text, Markdown and HTML', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    expect(corpus.reduce((n, a) => n + a.labels.quotes.length, 0)).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((a) => a.labels.format))).toEqual(
      new Set(['text', 'markdown', 'html']),
    );
  });

  it('labels point at the words they name', () => {
    for (const { text, labels } of corpus) {
      for (const quote of labels.quotes) {
        const raw = text.slice(quote.start, quote.end);
        if (labels.format !== 'html') expect(raw).toBe(quote.text);
        else expect(raw.replaceAll('&amp;', '&')).toBe(quote.text);
      }
    }
  });

  it('keeps quotation F1 and speaker accuracy above the floor', () => {
    const all = scoreCorpus(corpus);
    expect(all.f1).toBeGreaterThanOrEqual(0.97);
    expect(all.precision).toBeGreaterThanOrEqual(0.97);
    expect(all.speakerAccuracy).toBeGreaterThanOrEqual(0.97);
    const heldOut = scoreCorpus(corpus.filter((a) => a.labels.split === 'held-out'));
    expect(heldOut.f1).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.speakerAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
