/**
 * One million hostile inputs (bench/fuzz/arbitraries.ts) through both engines: each input is
 * extracted as an article (extractArticle) and checked as a draft (checkDraft against the sample
 * dataset), and must satisfy bench/fuzz/invariants.ts. The CI tests run 10,000 of the same cases.
 *
 *   node --import tsx bench/fuzz/fuzz-million.ts [--cases 1000000] [--seed 1] [--size small|medium|large]
 *
 * Prints progress every 10,000 cases, and on a failure fast-check's shrunk counterexample with the
 * seed and path to replay it. Results of a run are recorded in docs/robustness.md.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { checkDraft } from '../../packages/checker/src/check.ts';
import { MemoryFactLookup } from '../../packages/checker/src/memory-fact-lookup.ts';
import { DatasetSchema } from '../../packages/domain/src/dataset.ts';
import { extractArticle } from '../../packages/extract/src/extract.ts';
import { hostileInput } from './arbitraries.ts';
import { extractionViolations, findingViolations } from './invariants.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    // fast-check's size of generated arrays and strings; CI uses the default, "small".
    size: { type: 'string', default: 'small' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const size = values.size as fc.Size;
fc.configureGlobal({ baseSize: size });

const dataset = DatasetSchema.parse(
  JSON.parse(
    readFileSync(
      new URL('../../packages/store/seed/carney-beijing.dataset.json', import.meta.url),
      'utf8',
    ),
  ),
);
const facts = MemoryFactLookup.fromDataset(dataset);
const quotes = dataset.quotes.map((quote) => quote.text);

let done = 0;
let characters = 0;
let findings = 0;
let extractedQuotes = 0;
let slowest = { ms: 0, family: '', length: 0 };
const byFamily = new Map<string, number>();
const started = performance.now();

const property = fc.asyncProperty(hostileInput(quotes), async ({ family, text, format }) => {
  const caseStarted = performance.now();
  const article = extractArticle({ text, format });
  const extractProblems = extractionViolations(text, article);
  if (extractProblems.length > 0)
    throw new Error(`extractArticle (${format}): ${extractProblems.join('; ')}`);
  const found = await checkDraft(text, facts, { format });
  const checkProblems = findingViolations(text, format, found);
  if (checkProblems.length > 0)
    throw new Error(`checkDraft (${format}): ${checkProblems.join('; ')}`);

  const ms = performance.now() - caseStarted;
  if (ms > slowest.ms) slowest = { ms, family, length: text.length };
  done++;
  characters += text.length;
  findings += found.length;
  extractedQuotes += article.quotes.length;
  byFamily.set(family, (byFamily.get(family) ?? 0) + 1);
  if (done % 10_000 === 0) {
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${done.toLocaleString('en')} cases, ${seconds.toFixed(0)} s (${(done / seconds).toFixed(0)}/s), ${findings} findings, ${extractedQuotes} quotes extracted, slowest ${slowest.ms.toFixed(0)} ms`,
    );
  }
});

console.log(
  `fuzz-million: ${cases.toLocaleString('en')} cases, seed ${seed}, size ${size}, ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, ${new Date().toISOString()}`,
);
const result = await fc.check(property, { numRuns: cases, seed, endOnFailure: false });
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      seed,
      size,
      cases: done,
      failed: result.failed,
      seconds: Math.round(seconds),
      casesPerSecond: Math.round(done / seconds),
      meanInputLength: Math.round(characters / Math.max(done, 1)),
      findings,
      extractedQuotes,
      slowestCase: { ms: Math.round(slowest.ms), family: slowest.family, length: slowest.length },
      byFamily: Object.fromEntries(byFamily),
    },
    null,
    2,
  ),
);
if (result.failed) {
  console.error(fc.defaultReportMessage(result));
  process.exitCode = 1;
}
