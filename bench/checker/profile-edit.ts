/**
 * Profiling aid: the editor flow in process — a 2,000-word draft re-checked with a shared cache,
 * one paragraph (the first holding a quotation) changed before each check, as in
 * bench/api/run.ts. Prints CPU per check for the edited and the unchanged draft.
 *   npx tsx [--cpu-prof --cpu-prof-dir=/tmp/prof] bench/checker/profile-edit.ts [size] [checks]
 */
import { CheckCache, checkDraft } from '../../packages/checker/src/check.ts';
import { draft2kFor, openBenchDatabase } from './build-db.ts';

const size = Number(process.argv[2] ?? 100_000);
const checks = Number(process.argv[3] ?? 5000);
const store = await openBenchDatabase(size);
const text = draft2kFor(size);
const paragraphs = text.trimEnd().split('\n\n');
const quoted = Math.max(
  0,
  paragraphs.findIndex((paragraph) => paragraph.includes('“')),
);
const edited = (round: number) =>
  paragraphs
    .map((paragraph, index) => (index === quoted ? `${paragraph} Edit ${round}.` : paragraph))
    .join('\n\n');
const cache = new CheckCache();
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
async function measure(name: string, textOf: (round: number) => string): Promise<void> {
  for (let round = 0; round < 200; round++) await checkDraft(textOf(-1 - round), store, { cache });
  const texts = Array.from({ length: checks }, (_, round) => textOf(round));
  const before = cpuMs();
  for (const draftText of texts) await checkDraft(draftText, store, { cache });
  console.log(`size ${size}, ${name}: ${((cpuMs() - before) / checks).toFixed(3)} ms CPU a check`);
}
for (let repeat = 0; repeat < 2; repeat++) {
  await measure('one paragraph edited', (round) => edited(repeat * checks + round));
  await measure('unchanged', () => text);
}
await store.close();
