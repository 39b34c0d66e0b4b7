import { MemoryFactLookup } from '@verbatim/checker/memory-fact-lookup';
import { readDatasetFile } from '@verbatim/store/dataset-file';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { createCheck } from '../src/check.ts';
import { datasetFacts } from '../src/facts/dataset-facts.ts';
import type { EditorFacts } from '../src/facts/editor-facts.ts';
import { factsTreeChildren } from '../src/facts-tree.ts';
import {
  codeActions,
  complete,
  type DraftDocument,
  diagnose,
  hover,
} from '../src/service/language-service.ts';
import { searchFacts } from '../src/service/search.ts';
import { FIXTURE_DATASET } from './server-process.ts';

const VERIFIED =
  'The main goal of trying to reset or recalibrate the relationship with China has been achieved during this trip.';
const MISQUOTED =
  'The main goal of trying to reset the relationship with China has been achieved on this trip.';
const DRAFT = `# After Beijing\n\n“${MISQUOTED}” said Guy Saint-Jacques.\n\nMark Carney said: “China is a more predictable partner than the United States.”\n`;

let facts: EditorFacts;
const hoverText = (result: Hover | null) =>
  (result?.contents as { value: string } | undefined)?.value ?? '';
const draft = (text: string, languageId = 'markdown'): DraftDocument => ({
  uri: 'file:///newsroom/draft.md',
  languageId,
  text,
});

beforeAll(() => {
  const dataset = readDatasetFile(FIXTURE_DATASET);
  facts = datasetFacts(dataset, new MemoryFactLookup(dataset), 'fixture');
});

describe('diagnostics', () => {
  it('reports the misquote with the checker rule, message and severity, at its exact range', async () => {
    const { findings, diagnostics } = await diagnose(draft(DRAFT), createCheck(facts.lookup, {}));
    const misquote = diagnostics.find((d) => d.code === 'quote/misquote');
    expect(misquote).toBeDefined();
    expect(misquote?.severity).toBe(1);
    expect(misquote?.source).toBe('verbatim');
    const finding = findings.find((f) => f.rule === 'quote/misquote');
    expect(finding?.verifiedText).toBe(VERIFIED);
    // The range is where the finding is, on line 2 (0-based), in UTF-16 characters.
    expect(misquote?.range.start.line).toBe(2);
    const lines = DRAFT.split('\n');
    const line = lines[2] ?? '';
    const flagged = line.slice(misquote?.range.start.character, misquote?.range.end.character);
    expect(flagged).toContain('reset the relationship with China has been achieved on this trip');
    // The verified quote by Carney raises nothing.
    expect(diagnostics.filter((d) => d.range.start.line === 4)).toEqual([]);
  });

  it('applies configured severities the way the CLI does, "off" included', async () => {
    const off = await diagnose(
      draft(DRAFT),
      createCheck(facts.lookup, { 'quote/misquote': 'off' }),
    );
    expect(off.diagnostics.some((d) => d.code === 'quote/misquote')).toBe(false);
    const info = await diagnose(
      draft(DRAFT),
      createCheck(facts.lookup, { 'quote/misquote': 'info' }),
    );
    expect(info.diagnostics.find((d) => d.code === 'quote/misquote')?.severity).toBe(3);
  });

  it('checks plain text the same way', async () => {
    const { diagnostics } = await diagnose(
      draft(DRAFT, 'plaintext'),
      createCheck(facts.lookup, {}),
    );
    expect(diagnostics.some((d) => d.code === 'quote/misquote')).toBe(true);
  });
});

describe('hover', () => {
  it('on a misquote: the rule, the verified wording, speaker and role, source, status and note', async () => {
    const document = draft(DRAFT);
    const { findings } = await diagnose(document, createCheck(facts.lookup, {}));
    const result = await hover(document, DRAFT.indexOf('reset the'), facts, findings);
    const text = hoverText(result);
    expect(text).toContain('quote/misquote');
    expect(text).toContain(VERIFIED);
    expect(text).toContain('Guy Saint-Jacques, former Canadian ambassador to China');
    expect(text).toContain('Carney wraps up Beijing trip (CBC News, 2026-01-16)');
    expect(text).toContain('Status: **verified**');
    expect(text).toContain('checked against the recording');
  });

  it('on a correct quotation: its verified details, without findings', async () => {
    const result = await hover(draft(DRAFT), DRAFT.indexOf('predictable'), facts, []);
    const text = hoverText(result);
    expect(text).toContain('China is a more predictable partner than the United States.');
    expect(text).toContain('Mark Carney, Prime Minister of Canada');
  });

  it("on a person's name: their verified quotes", async () => {
    const text = 'We asked Mark Carney about it.';
    const result = await hover(draft(text), text.indexOf('Carney'), facts, []);
    const value = hoverText(result);
    expect(value).toContain('**Mark Carney**');
    expect(value).toContain('China is a more predictable partner');
    expect(value).toContain('(retracted)');
  });

  it('on ordinary words: nothing', async () => {
    expect(await hover(draft('plain words here'), 3, facts, [])).toBeNull();
  });
});

describe('completion', () => {
  it('after an opening mark: matching verified quotes, inserting the exact words and the closing mark', async () => {
    const text = 'He said: “The main goal of';
    const list = await complete(draft(text), text.length, facts);
    const first = list.items[0];
    expect(first?.label).toBe(VERIFIED);
    expect(first?.textEdit).toMatchObject({
      newText: `${VERIFIED}”`,
      range: {
        start: { line: 0, character: text.indexOf('“') + 1 },
        end: { line: 0, character: text.length },
      },
    });
  });

  it('after "<Person> said": that person\'s quotes, never retracted ones', async () => {
    const text = 'Mark Carney said “';
    const list = await complete(draft(text), text.length, facts);
    expect(list.items.map((item) => item.label)).toEqual([
      'China is a more predictable partner than the United States.',
    ]);
    const bare = 'Guy Saint-Jacques said ';
    const withoutMark = await complete(draft(bare), bare.length, facts);
    expect(withoutMark.items[0]?.textEdit).toMatchObject({ newText: `“${VERIFIED}”` });
  });

  it('outside a quotation: nothing', async () => {
    expect((await complete(draft('Some words'), 4, facts)).items).toEqual([]);
  });
});

describe('code actions', () => {
  it('replace with the verified wording, cite the source, suppress the rule', async () => {
    const document = draft(DRAFT);
    const { diagnostics } = await diagnose(document, createCheck(facts.lookup, {}));
    const misquote = diagnostics.filter((d) => d.code === 'quote/misquote');
    const start = DRAFT.indexOf('reset the');
    const actions = await codeActions(document, { start, end: start }, misquote, facts);
    const titles = actions.map((action) => action.title);
    expect(titles).toContain('Replace with the verified wording');
    expect(titles).toContain('Insert a citation of “Carney wraps up Beijing trip”');
    expect(titles).toContain('Suppress quote/misquote on this line');

    const apply = (title: string) => {
      const edits = actions.find((a) => a.title === title)?.edit?.changes?.[document.uri] ?? [];
      const lines = DRAFT.split('\n');
      // Apply single-line edits from the last to the first.
      for (const edit of [...edits].reverse()) {
        const line = lines[edit.range.start.line] ?? '';
        lines[edit.range.start.line] =
          line.slice(0, edit.range.start.character) +
          edit.newText +
          line.slice(edit.range.end.character);
      }
      return lines.join('\n');
    };
    expect(apply('Replace with the verified wording')).toContain(
      `“${VERIFIED}” said Guy Saint-Jacques.`,
    );
    expect(apply('Insert a citation of “Carney wraps up Beijing trip”')).toContain(
      '” ([CBC News, 2026-01-16](https://www.cbc.ca/news/politics/carney-china-trip)) said',
    );
    const suppressed = apply('Suppress quote/misquote on this line');
    expect(suppressed).toContain(
      '<!-- verbatim-disable-next-line quote/misquote -->\n“The main goal of trying to reset the',
    );
    // And the checker honours the comment.
    const after = await diagnose(draft(suppressed), createCheck(facts.lookup, {}));
    expect(after.diagnostics.some((d) => d.code === 'quote/misquote')).toBe(false);
  });

  it('corrects the speaker of a misattributed quote', async () => {
    const text =
      '“China is a more predictable partner than the United States,” said Guy Saint-Jacques.\n';
    const document = draft(text);
    const { diagnostics } = await diagnose(document, createCheck(facts.lookup, {}));
    const misattributed = diagnostics.filter((d) => d.code === 'quote/misattributed');
    expect(misattributed).toHaveLength(1);
    const actions = await codeActions(document, { start: 0, end: 0 }, misattributed, facts);
    const correct = actions.find((a) => a.title === 'Correct the speaker to “Mark Carney”');
    const [edit] = correct?.edit?.changes?.[document.uri] ?? [];
    expect(edit?.newText).toBe('Mark Carney');
    const line = text.split('\n')[0] ?? '';
    expect(line.slice(edit?.range.start.character, edit?.range.end.character)).toBe(
      'Guy Saint-Jacques',
    );
  });
});

describe('search and tree', () => {
  it('finds quotes and figures by their words', async () => {
    const hits = await searchFacts(facts, { query: 'exports united states' });
    expect(hits[0]).toMatchObject({ kind: 'figure', id: 'fig_exports', text: 'about 75%' });
    const quotes = await searchFacts(facts, { query: 'recalibrate', kinds: ['quote'] });
    expect(quotes.map((hit) => hit.id)).toEqual(['quo_goal']);
  });

  it('lists sources → people and figures → quotes', async () => {
    const [source] = await factsTreeChildren(facts, undefined);
    expect(source).toMatchObject({ kind: 'source', label: 'Carney wraps up Beijing trip' });
    const children = await factsTreeChildren(facts, source?.key);
    expect(children.map((node) => `${node.kind}:${node.label}`)).toEqual([
      'person:Guy Saint-Jacques',
      'person:Mark Carney',
      'figure:about 75%',
    ]);
    const carney = children.find((node) => node.label === 'Mark Carney');
    const quotes = await factsTreeChildren(facts, carney?.key);
    expect(quotes.map((node) => node.status)).toEqual(['verified', 'retracted']);
  });
});
