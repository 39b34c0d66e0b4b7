import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SharedCheckCache } from '../src/check-cache.ts';
import { createTestServer, type TestServer } from './helpers.ts';

// The editor flow: one draft re-checked after each edit, through the server's shared check cache,
// which keeps paragraphs, quotation readings and fact look-ups between requests
// (docs/decisions/120). Every answer must be the one a fresh check gives.
let server: TestServer;
let fresh: TestServer;
/** Emptied before each of its checks: a server that has never seen the draft. */
const freshCache = new SharedCheckCache();
beforeAll(async () => {
  server = await createTestServer();
  fresh = await createTestServer({ checkCache: freshCache });
});
afterAll(async () => {
  await server.close();
  await fresh.close();
});

const query = `query ($text: String!) {
  checkDraft(text: $text) { rule replacement range { start end from { line column } } }
}`;

interface Finding {
  rule: string;
  replacement: string | null;
  range: { start: number; end: number; from: { line: number; column: number } };
}

async function findings(on: TestServer, text: string): Promise<Finding[]> {
  const { body } = await on.gql(query, { variables: { text } });
  expect(body.errors).toBeUndefined();
  return body.data.checkDraft;
}

/** What a server that has never seen any version of the draft answers. */
async function freshFindings(text: string): Promise<Finding[]> {
  freshCache.clear();
  return findings(fresh, text);
}

const filler = 'The council met on Tuesday to discuss the harbour, the budget and the ferry.';
const quoted = 'Carney said: “We take the world as it is – not as we wish it to be.”';
const misquoted = 'Carney said: “We take the world as it is, not as we would wish it to be.”';
const figure = 'About 80% of Canada’s exports go to the US.';

describe('checkDraft while a draft is edited', () => {
  test('each version is answered as a fresh check would, however the edits move the text', async () => {
    const versions = [
      [filler, quoted, figure],
      // The quotation misquoted, then a sentence appended after it (its reading is reused).
      [filler, misquoted, figure],
      [filler, `${misquoted} He spoke for an hour.`, figure],
      // A paragraph inserted before: every offset after it moves.
      ['A new first paragraph.', filler, `${misquoted} He spoke for an hour.`, figure],
      // A line break inside a paragraph: lines and columns move, the paragraph is new.
      ['A new first paragraph.', filler, `${misquoted}\nHe spoke for an hour.`, figure],
      // Back to the first version: served from the cache.
      [filler, quoted, figure],
    ].map((paragraphs) => paragraphs.join('\n\n'));
    const rules: string[][] = [];
    for (const text of versions) {
      const answer = await findings(server, text);
      expect(answer).toEqual(await freshFindings(text));
      for (const finding of answer) {
        // Every range points at what it is about in this version of the text.
        const found = text.slice(finding.range.start, finding.range.end);
        if (finding.rule === 'figure/mismatch') expect(found).toContain('80%');
        if (finding.rule === 'quote/misquote') expect(found).toContain('We take the world');
      }
      rules.push(answer.map((finding) => finding.rule).sort());
    }
    expect(rules[0]).toEqual(['figure/mismatch']);
    expect(rules[1]).toEqual(['figure/mismatch', 'quote/misquote']);
    expect(rules[5]).toEqual(rules[0]);
  });
});
