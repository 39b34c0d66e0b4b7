import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheck } from '../src/check.ts';
import type { EditorFacts } from '../src/facts/editor-facts.ts';
import { openSqliteFacts } from '../src/facts/sqlite-facts.ts';
import { factsTreeChildren } from '../src/facts-tree.ts';
import { complete, diagnose, hover } from '../src/service/language-service.ts';
import { searchFacts } from '../src/service/search.ts';

/** The language service over the real SQLite store, seeded with the shipped sample article. */
const VERIFIED =
  'The main goal of trying to reset or recalibrate the relationship with China has been achieved during this trip.';
let directory: string;
let facts: EditorFacts;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'verbatim-sqlite-'));
  facts = await openSqliteFacts(join(directory, 'verbatim.sqlite'));
});
afterAll(async () => {
  await facts?.close();
  rmSync(directory, { recursive: true, force: true });
});

const draft = (text: string) => ({ uri: 'file:///draft.md', languageId: 'markdown', text });

describe('facts from the SQLite store', () => {
  it('counts the sample article', async () => {
    expect(await facts.counts()).toMatchObject({ quotes: 30, figures: 5 });
  });

  it('flags a misquote and explains it on hover', async () => {
    const text =
      'Guy Saint-Jacques said: “The main goal of trying to reset the relationship with China has been achieved on this trip.”\n';
    const { findings, diagnostics } = await diagnose(draft(text), createCheck(facts.lookup, {}));
    expect(diagnostics.map((d) => d.code)).toEqual(['quote/misquote']);
    const result = await hover(draft(text), text.indexOf('reset'), facts, findings);
    const value = (result?.contents as { value: string } | undefined)?.value ?? '';
    expect(value).toContain(VERIFIED);
    expect(value).toContain('Guy Saint-Jacques');
  });

  it('completes a quotation from the typed words and from the speaker', async () => {
    const typed = 'She recalled: “The main goal of trying to res';
    const byWords = await complete(draft(typed), typed.length, facts);
    expect(byWords.items[0]?.label).toBe(VERIFIED);
    const said = 'Guy Saint-Jacques said “';
    const bySpeaker = await complete(draft(said), said.length, facts);
    expect(bySpeaker.items.map((item) => item.label)).toContain(VERIFIED);
  });

  it('searches and lists the article, its people and their quotes', async () => {
    const hits = await searchFacts(facts, { query: 'recalibrate the relationship' });
    expect(hits[0]).toMatchObject({ kind: 'quote', text: VERIFIED });
    const [source] = await factsTreeChildren(facts, undefined);
    const children = await factsTreeChildren(facts, source?.key);
    const person = children.find((node) => node.label === 'Guy Saint-Jacques');
    expect(person?.kind).toBe('person');
    const quotes = await factsTreeChildren(facts, person?.key);
    expect(quotes.map((node) => node.label)).toContain(VERIFIED);
  });
});
