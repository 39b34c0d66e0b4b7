/**
 * CPU time of the domain normalisers on ordinary and adversarial text at doubling sizes, to show
 * that it grows linearly with the input (decision 012).
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
const SIZES = [250_000, 500_000, 1_000_000, 2_000_000];

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

/** Median CPU time (ms) of three runs after a warm-up: other processes barely move CPU time. */
function timeOf(run: () => unknown): number {
  run(); // warm up the JIT and the regular expressions
  const times: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[1] ?? 0;
}

const lines: string[] = [
  '# Domain normalisers: time by input size',
  '',
  `Machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0]?.toFixed(1)} at the start (a shared machine: single timings are noisy).`,
  'CPU milliseconds (median of three) for one call on the input repeated to each size in',
  'characters. The last column is the 2M/1M ratio: 2 for linear growth, 4 for quadratic.',
  'Small inputs grow faster than that because of garbage collection, which is why the ratio is',
  'taken at the top.',
  '',
];
for (const [workload, run] of Object.entries(WORKLOADS)) {
  lines.push(`## ${workload}`, '');
  lines.push(`| input | ${SIZES.map((size) => `${size / 1000}k`).join(' | ')} | 2M/1M |`);
  lines.push(`| --- | ${SIZES.map(() => '---:').join(' | ')} | ---: |`);
  for (const [name, unit] of Object.entries(INPUTS)) {
    const times = SIZES.map((size) => {
      const text = unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      return timeOf(() => run(text));
    });
    const ratio = (times.at(-1) ?? 0) / Math.max(times.at(-2) ?? 1, 0.01);
    lines.push(
      `| ${name} | ${times.map((time) => time.toFixed(1)).join(' | ')} | ${ratio.toFixed(1)} |`,
    );
  }
  lines.push('');
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
