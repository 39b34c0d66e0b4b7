import { describe, expect, it } from 'vitest';
import { scoreCorpus } from '../scripts/score-corpus.ts';

// Floors sit just under the measured scores (docs/checker-accuracy.md): a change that makes the
// checker miss or invent findings on the labelled corpus fails here.
const PRECISION_FLOOR = 0.9;
const RECALL_FLOOR = 0.9;
const CLEAN_FLOOR = 0.95;

describe('labelled accuracy corpus', () => {
  it('keeps every rule above its precision and recall floor', async () => {
    const score = await scoreCorpus();
    expect(score.items).toBeGreaterThanOrEqual(60);
    for (const rule of score.rules) {
      expect(rule.truePositives + rule.falseNegatives, rule.rule).toBeGreaterThan(0);
      expect(
        rule.precision,
        `${rule.rule} precision\n${score.mistakes.join('\n')}`,
      ).toBeGreaterThanOrEqual(PRECISION_FLOOR);
      expect(
        rule.recall,
        `${rule.rule} recall\n${score.mistakes.join('\n')}`,
      ).toBeGreaterThanOrEqual(RECALL_FLOOR);
    }
    expect(score.cleanCorrectUses / score.correctUses).toBeGreaterThanOrEqual(CLEAN_FLOOR);
  });
});
