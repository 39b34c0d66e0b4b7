/**
 * Compares what `verbatim ingest` stored for the seed article with the shipped sample dataset:
 * quotations (by span overlap), their speakers and kinds, and figures. Run by hand:
 *
 *   rm -f /tmp/seedcheck.sqlite
 *   pnpm verbatim ingest ../shared/seeds/000_27c8d82eaea8fc95.txt --db /tmp/seedcheck.sqlite
 *   npx tsx bench/extract/compare-seed.ts /tmp/seedcheck.sqlite
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../packages/domain/src/dataset.ts';
import type { Quote } from '../../packages/domain/src/entities.ts';
import { SqliteFactStore } from '../../packages/store/src/sqlite/sqlite-store.ts';

const databasePath = process.argv[2] ?? '/tmp/seedcheck.sqlite';
const seed = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../packages/store/seed/carney-beijing.dataset.json'),
    'utf8',
  ),
) as Dataset;
const store = await SqliteFactStore.open(databasePath);
const ingested = await store.exportDataset();
await store.close();

const speakerNames = (dataset: Dataset, quote: Quote): string[] =>
  quote.speakers
    .map((s) =>
      s.kind === 'person'
        ? (dataset.people.find((p) => p.id === s.id)?.name ?? s.id)
        : (dataset.organisations.find((o) => o.id === s.id)?.name ?? s.id),
    )
    .sort();
const overlap = (a: Quote['span'], b: Quote['span']) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

// Organisations are named differently by design ("China" extracted, "Government of China" seeded):
// a speaker agrees when the names match or one's name is an alias of the other.
const sameSpeaker = (expected: string[], actual: string[]) =>
  expected.length === actual.length &&
  expected.every((name) => {
    const seeded = [...seed.people, ...seed.organisations].find((x) => x.name === name);
    const forms = [name, ...(seeded?.aliases ?? [])].map((f) => f.toLowerCase());
    return actual.some((a) => forms.includes(a.toLowerCase()));
  });

let matched = 0;
let speakersAgree = 0;
let kindsAgree = 0;
const used = new Set<string>();
const lines: string[] = [];
for (const expected of seed.quotes) {
  const candidate = ingested.quotes
    .filter((q) => !used.has(q.id) && overlap(q.span, expected.span) > 0)
    .sort((a, b) => overlap(b.span, expected.span) - overlap(a.span, expected.span))[0];
  if (!candidate) {
    lines.push(`missing  “${expected.text.slice(0, 60)}”`);
    continue;
  }
  used.add(candidate.id);
  matched++;
  const want = speakerNames(seed, expected);
  const got = speakerNames(ingested, candidate);
  const exactSpan =
    candidate.span.start === expected.span.start && candidate.span.end === expected.span.end;
  if (sameSpeaker(want, got)) speakersAgree++;
  else
    lines.push(
      `speaker  “${expected.text.slice(0, 50)}”: seed ${want.join(' + ')}, ingest ${got.join(' + ')}`,
    );
  if (candidate.kind === expected.kind) kindsAgree++;
  else
    lines.push(
      `kind     “${expected.text.slice(0, 50)}”: seed ${expected.kind}, ingest ${candidate.kind}`,
    );
  if (!exactSpan)
    lines.push(
      `span     “${expected.text.slice(0, 50)}”: seed ${expected.span.start}-${expected.span.end}, ingest ${candidate.span.start}-${candidate.span.end}`,
    );
}
for (const extra of ingested.quotes.filter((q) => !used.has(q.id))) {
  lines.push(`extra    “${extra.text.slice(0, 60)}”`);
}
const figuresFound = seed.figures.filter((f) =>
  ingested.figures.some((g) => g.span.start === f.span.start && g.span.end === f.span.end),
).length;
console.log(
  `quotations: seed ${seed.quotes.length}, ingested ${ingested.quotes.length}, matched ${matched}`,
);
console.log(`speakers agree: ${speakersAgree}/${matched}; kinds agree: ${kindsAgree}/${matched}`);
console.log(
  `figures: seed ${seed.figures.length}, ingested ${ingested.figures.length}, same span ${figuresFound}`,
);
for (const line of lines) console.log(`  ${line}`);
