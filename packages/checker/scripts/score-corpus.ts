/**
 * Scores the checker on the labelled corpus (corpus/drafts + corpus/labels.json, checked against
 * corpus/facts.dataset.json): per-rule precision and recall, and how many correct uses stay clean.
 * `npx tsx scripts/score-corpus.ts` prints a Markdown table and every mistake.
 */
// biome-ignore lint/style/noRestrictedImports: the scorer is a script beside the pure package; it reads the corpus files.
import { readFileSync } from 'node:fs';
import { DatasetSchema } from '@verbatim/domain/dataset';
import { RULE_IDS, type RuleId } from '@verbatim/domain/findings';
import { checkDraft, type InputFormat } from '../src/check.ts';
import { MemoryFactLookup } from '../src/memory-fact-lookup.ts';

interface LabelledItem {
  text: string;
  expect: RuleId | 'ok';
  tests: string;
}

interface LabelledDraft {
  file: string;
  format: InputFormat;
  items: LabelledItem[];
}

export interface RuleScore {
  rule: RuleId;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  drafts: number;
  items: number;
  rules: RuleScore[];
  /** Items labelled "ok" that got no finding, over all items labelled "ok". */
  cleanCorrectUses: number;
  correctUses: number;
  mistakes: string[];
}

const corpus = new URL('../corpus/', import.meta.url);

export async function scoreCorpus(): Promise<CorpusScore> {
  const labels = JSON.parse(readFileSync(new URL('labels.json', corpus), 'utf8')) as {
    drafts: LabelledDraft[];
  };
  const dataset = DatasetSchema.parse(
    JSON.parse(readFileSync(new URL('facts.dataset.json', corpus), 'utf8')),
  );
  const facts = MemoryFactLookup.fromDataset(dataset);
  const counts = new Map<RuleId, { tp: number; fp: number; fn: number }>(
    RULE_IDS.map((rule) => [rule, { tp: 0, fp: 0, fn: 0 }]),
  );
  const mistakes: string[] = [];
  let items = 0;
  let correctUses = 0;
  let cleanCorrectUses = 0;
  for (const draft of labels.drafts) {
    const text = readFileSync(new URL(`drafts/${draft.file}`, corpus), 'utf8');
    const findings = await checkDraft(text, facts, { format: draft.format });
    const ranges = draft.items.map((item) => {
      const start = text.indexOf(item.text);
      if (start < 0) throw new Error(`${draft.file}: label text not found: ${item.text}`);
      if (text.indexOf(item.text, start + 1) >= 0)
        throw new Error(`${draft.file}: label text is not unique: ${item.text}`);
      return { start, end: start + item.text.length };
    });
    const rulesPerItem = draft.items.map(() => new Set<RuleId>());
    for (const finding of findings) {
      const index = ranges.findIndex(
        (range) => finding.start < range.end && finding.end > range.start,
      );
      if (index < 0) {
        (counts.get(finding.rule) as { fp: number }).fp++;
        mistakes.push(
          `${draft.file}: unlabelled ${finding.rule} on “${text.slice(finding.start, finding.end)}”`,
        );
        continue;
      }
      rulesPerItem[index]?.add(finding.rule);
    }
    draft.items.forEach((item, index) => {
      items++;
      const fired = rulesPerItem[index] ?? new Set<RuleId>();
      if (item.expect === 'ok') {
        correctUses++;
        if (fired.size === 0) cleanCorrectUses++;
      } else {
        const count = counts.get(item.expect) as { tp: number; fn: number };
        if (fired.has(item.expect)) count.tp++;
        else count.fn++;
      }
      for (const rule of fired) {
        if (rule !== item.expect) (counts.get(rule) as { fp: number }).fp++;
      }
      const wrong = [...fired].filter((rule) => rule !== item.expect);
      if (wrong.length > 0 || (item.expect !== 'ok' && !fired.has(item.expect)))
        mistakes.push(
          `${draft.file}: expected ${item.expect}, got ${fired.size === 0 ? 'nothing' : [...fired].join(', ')} (${item.tests}): ${item.text}`,
        );
    });
  }
  const rules = RULE_IDS.map((rule) => {
    const { tp, fp, fn } = counts.get(rule) as { tp: number; fp: number; fn: number };
    return {
      rule,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    };
  });
  return { drafts: labels.drafts.length, items, rules, cleanCorrectUses, correctUses, mistakes };
}

export function formatScore(score: CorpusScore): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `${score.items} labelled quotations and figures in ${score.drafts} drafts.`,
    '',
    '| rule | expected | found | false positives | precision | recall |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...score.rules.map(
      (rule) =>
        `| \`${rule.rule}\` | ${rule.truePositives + rule.falseNegatives} | ${rule.truePositives} | ${rule.falsePositives} | ${percent(rule.precision)} | ${percent(rule.recall)} |`,
    ),
    '',
    `Correct uses left alone: ${score.cleanCorrectUses} of ${score.correctUses} (${percent(score.cleanCorrectUses / Math.max(score.correctUses, 1))}).`,
  ];
  if (score.mistakes.length > 0)
    lines.push('', 'Mistakes:', ...score.mistakes.map((line) => `- ${line}`));
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(formatScore(await scoreCorpus()));
}
