/**
 * How the general-purpose NLP libraries on npm compare with the extractor's own rules for the two
 * things extraction needs from language tooling: finding people's names (speaker candidates) and
 * speed. Measured on the labelled corpus and on generated ~800-word articles. The libraries are
 * not dependencies of the project; install them in a scratch folder and point NLP_MODULES at it:
 *
 *   mkdir -p /tmp/nlp && (cd /tmp/nlp && npm init -y && npm install compromise@14.17.0 wink-nlp@2.4.0 wink-eng-lite-web-model@1.8.1)
 *   NLP_MODULES=/tmp/nlp/node_modules npx tsx bench/extract/compare-nlp.ts
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadCorpus } from '../../packages/extract/scripts/score.ts';
import { extractArticle } from '../../packages/extract/src/extract.ts';
import { ORGANISATION_WORDS } from '../../packages/extract/src/lexicon.ts';
import { generateArticle } from './generate-articles.ts';

const modules = process.env.NLP_MODULES ?? '/tmp/nlp/node_modules';
const require = createRequire(join(modules, 'noop.js'));
// biome-ignore lint/suspicious/noExplicitAny: untyped optional libraries loaded at run time
const nlp: any = require('compromise');
// biome-ignore lint/suspicious/noExplicitAny: as above
const winkNLP: any = require('wink-nlp');
const winkModel = require('wink-eng-lite-web-model');
const wink = winkNLP(winkModel);
const its = wink.its;

type PeopleFinder = (text: string) => string[];
const tokens = (name: string) =>
  name
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}]+/u)
    .filter((t) => t.length > 1);

const finders: Record<string, PeopleFinder> = {
  'rules (extractArticle)': (text) => extractArticle({ text }).people.map((p) => p.name),
  'compromise 14.17 .people()': (text) => nlp(text).people().out('array') as string[],
  'wink-nlp 2.4 + lite model, entities': (text) =>
    wink
      .readDoc(text)
      .entities()
      .out(its.detail)
      .filter((e: { type: string }) => e.type === 'PERSON' || e.type === 'ORG' || e.type === 'GPE')
      .map((e: { value: string }) => e.value),
};

// Recall of speakers' names: each labelled person speaker found as (part of) a detected name.
const corpus = loadCorpus();
const rows: string[] = [];
const generated = Array.from({ length: 200 }, (_, i) => generateArticle(i));
for (const [name, find] of Object.entries(finders)) {
  let speakers = 0;
  let found = 0;
  let detected = 0;
  for (const { text, labels } of corpus) {
    const plain = extractArticle({ text, format: labels.format }).body;
    const names = find(plain).map(tokens);
    detected += names.length;
    // Named people only: organisations and unnamed speakers ("western diplomat") are left out.
    const people = new Set(
      labels.quotes
        .flatMap((q) => q.speaker.split(' + '))
        .filter(
          (s) =>
            /^\p{Lu}\p{Ll}+ \p{Lu}/u.test(s) &&
            !s.split(' ').some((w) => ORGANISATION_WORDS.has(w)),
        ),
    );
    for (const person of people) {
      speakers++;
      const want = tokens(person);
      // Same rule as the scorer: one name's words contain the other's ("Morgan", "Lady Justice Morgan").
      if (
        names.some(
          (n) =>
            n.length > 0 && (want.every((t) => n.includes(t)) || n.every((t) => want.includes(t))),
        )
      )
        found++;
    }
  }
  for (const text of generated.slice(0, 20)) find(text); // warm-up
  const started = performance.now();
  for (const text of generated) find(text);
  const perSecond = generated.length / ((performance.now() - started) / 1000);
  rows.push(
    `| ${name} | ${((100 * found) / speakers).toFixed(1)}% (${found}/${speakers}) | ${detected} | ${perSecond.toFixed(0)} |`,
  );
}
// Sentence splitting speed alone, for the libraries that do it.
const sentenceRows: string[] = [];
for (const [name, split] of Object.entries({
  'compromise .sentences()': (text: string) => nlp(text).sentences().out('array').length,
  'wink-nlp sentences()': (text: string) => wink.readDoc(text).sentences().length(),
})) {
  const started = performance.now();
  for (const text of generated) split(text);
  sentenceRows.push(
    `| ${name} | ${(generated.length / ((performance.now() - started) / 1000)).toFixed(0)} |`,
  );
}
console.log('| Tool | Speakers’ names found | Names detected | Articles/s (~800 words) |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log('\n| Sentence splitting only | Articles/s |\n| --- | --- |');
for (const row of sentenceRows) console.log(row);
