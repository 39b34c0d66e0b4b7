/**
 * Throughput of the domain normalisers on ordinary and adversarial text, at doubling sizes, to
 * show that time grows linearly with the input (decision 012).
 *
 *   npx tsx bench/domain/normalisers.ts            # writes docs/bench/domain-normalisers.md
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { findFigureMentions } from '../../packages/domain/src/figures.ts';
import {
  normaliseQuoteText,
  quoteShingles,
  quoteWords,
  tokenizeWords,
} from '../../packages/domain/src/quote-text.ts';

const OUT = join(import.meta.dirname, '../../docs/bench/domain-normalisers.md');
const SIZES = [100_000, 200_000, 400_000, 800_000];

const INPUTS: Record<string, string> = {
  'news prose':
    'Canada sends about 70% of its exports to the US, allowing up to 49,000 Chinese electric ' +
    'vehicles, the first time in nearly a decade. “It’s a new world order,” he said… ',
  'digit groups': '1,000,',
  'space-grouped digits': '1 000 ',
  'number words': 'forty-nine thousand and ',
  'qualifiers without numbers': 'between up to more than about a ',
  dots: '. .',
  'emoji and CJK': '\u{1F44D}在北京',
  'one long word': 'a',
};

const WORKLOADS: Record<string, (text: string) => unknown> = {
  normaliseQuoteText: (text) => normaliseQuoteText(text),
  tokenizeWords: (text) => tokenizeWords(text),
  'quoteShingles(quoteWords)': (text) => quoteShingles(quoteWords(text)),
  findFigureMentions: (text) => findFigureMentions(text),
};

/** The best of three runs after a warm-up, to keep other processes' noise out. */
function timeOf(run: () => unknown): number {
  run(); // warm up the JIT and the regular expressions
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const lines: string[] = [
  '# Domain normalisers: time by input size',
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0]?.toFixed(1)} at the start (a shared machine: single timings are noisy).`,
  'Milliseconds for one call on the input repeated to each size (characters); the last column is',
  'the ratio of the largest to the smallest time: 8 for linear growth, 64 for quadratic; on a',
  'loaded machine, garbage collection and cache effects push linear code to 8–20.',
  '',
];
for (const [workload, run] of Object.entries(WORKLOADS)) {
  lines.push(`## ${workload}`, '');
  lines.push(`| input | ${SIZES.map((size) => `${size / 1000}k`).join(' | ')} | ratio |`);
  lines.push(`| --- | ${SIZES.map(() => '---:').join(' | ')} | ---: |`);
  for (const [name, unit] of Object.entries(INPUTS)) {
    const times = SIZES.map((size) => {
      const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      return timeOf(() => run(text));
    });
    const ratio = (times.at(-1) ?? 0) / Math.max(times[0] ?? 1, 0.01);
    lines.push(
      `| ${name} | ${times.map((time) => time.toFixed(1)).join(' | ')} | ${ratio.toFixed(1)} |`,
    );
  }
  lines.push('');
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
