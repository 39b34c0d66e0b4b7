import type { FactLookup } from '@verbatim/domain/fact-lookup';
import { SqliteFactStore } from '@verbatim/store/sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SharedCheckCache } from '../src/check-cache.ts';
import { createTestServer, globalId, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

const checkDraft = `query ($text: String!, $format: DraftFormat) {
  checkDraft(text: $text, format: $format) {
    rule severity message verifiedText replacement
    range { start end from { line column } to { line column } }
    fact { __typename ... on Quote { id text } ... on Figure { id text } }
  }
}`;

describe('checkDraft', () => {
  test('finds a misquote and a wrong figure, with positions, the fact and a fix', async () => {
    const text = [
      '# Carney in Beijing',
      '',
      'Carney said: “We take the world as it is, not as we would wish it to be.”',
      '',
      'About 80% of Canada’s exports go to the US.',
    ].join('\n');
    const { body } = await server.gql(checkDraft, { variables: { text }, as: 'reader' });
    expect(body.errors).toBeUndefined();
    const findings = body.data.checkDraft;
    const misquote = findings.find(
      (finding: { rule: string }) => finding.rule === 'quote/misquote',
    );
    expect(misquote).toMatchObject({
      severity: 'ERROR',
      verifiedText: 'We take the world as it is – not as we wish it to be.',
      fact: { __typename: 'Quote', id: globalId('Quote', 'quo_carney_beijing_30') },
    });
    expect(misquote.range.from.line).toBe(3);
    expect(text.slice(misquote.range.start, misquote.range.end)).toContain('We take the world');
    expect(misquote.replacement).toEqual(expect.any(String));

    const figure = findings.find((finding: { rule: string }) => finding.rule === 'figure/mismatch');
    expect(figure).toMatchObject({
      severity: 'ERROR',
      fact: { __typename: 'Figure', text: 'about 70%' },
      range: { from: { line: 5 } },
    });
    expect(text.slice(figure.range.start, figure.range.end)).toContain('80%');
  });

  test('a draft that agrees with the facts has no findings; HTML is read as HTML', async () => {
    const { body } = await server.gql(checkDraft, {
      variables: {
        text: '<p>Carney said: “We take the world as it is – not as we wish it to be.”</p>',
        format: 'HTML',
      },
    });
    expect(body.data.checkDraft).toEqual([]);
  });

  test('columns count code points, not UTF-16 units', async () => {
    const text = '😀😀 Carney said: “We take the world as it is, not as we would wish it to be.”';
    const { body } = await server.gql(checkDraft, { variables: { text } });
    const [finding] = body.data.checkDraft;
    const before = text.slice(0, finding.range.start);
    expect(finding.range.from.column).toBe([...before].length + 1);
    expect(finding.range.from.column).toBeLessThan(finding.range.start + 1);
  });

  test('a draft over the length limit is refused', async () => {
    const { body } = await server.gql(checkDraft, { variables: { text: 'a'.repeat(200_001) } });
    expect(body.data).toBeNull();
    expect(body.errors[0].message).toMatch(/200000|too big|Too big/i);
  });
});

/** A stand-in key for the checker's per-facts cache (only its identity matters here). */
function isolatedFacts(): FactLookup {
  return {} as FactLookup;
}

describe('the shared check cache', () => {
  const misquote = 'Carney said: “We take the world as it is, not as we would wish it to be.”';
  const verifiedTexts = async (target: TestServer) => {
    const { body } = await target.gql(checkDraft, { variables: { text: misquote } });
    return body.data.checkDraft.map((finding: { verifiedText: string }) => finding.verifiedText);
  };

  test('a change through the API empties it: the next check sees the new wording', async () => {
    expect(await verifiedTexts(server)).toEqual([
      'We take the world as it is – not as we wish it to be.',
    ]);
    const { body } = await server.gql(
      `mutation { updateQuote(id: "${globalId('Quote', 'quo_carney_beijing_30')}", patch: { text: "We take the world as it is – not as we would wish it to be." }) { __typename } }`,
      { as: 'editor' },
    );
    expect(body.data.updateQuote.__typename).toBe('UpdateQuoteSuccess');
    expect(await verifiedTexts(server)).toEqual([]);
  });

  test('a change another process commits to the SQLite file shows on the very next check', async () => {
    const isolated = await createTestServer();
    try {
      expect(await verifiedTexts(isolated)).toHaveLength(1);
      // Another process (say `verbatim import`) corrects the quote in the same database file:
      // its own connection, nothing published to this server.
      const filename = (isolated.store as SqliteFactStore).filename;
      const other = await SqliteFactStore.open(filename);
      try {
        await other.updateQuote('quo_carney_beijing_30', {
          text: 'We take the world as it is – not as we would wish it to be.',
        });
      } finally {
        await other.close();
      }
      expect(await verifiedTexts(isolated)).toEqual([]);
    } finally {
      await isolated.close();
    }
  });

  test('a write on the server’s own connection that publishes nothing shows on the next check', async () => {
    const isolated = await createTestServer();
    try {
      expect(await verifiedTexts(isolated)).toHaveLength(1);
      await isolated.store.updateQuote('quo_carney_beijing_30', {
        text: 'We take the world as it is – not as we would wish it to be.',
      });
      expect(await verifiedTexts(isolated)).toEqual([]);
    } finally {
      await isolated.close();
    }
  });

  test('with a version to compare, the cache lives as long as the version stays the same', () => {
    let now = 0;
    let version = 1;
    const cache = new SharedCheckCache(
      10_000,
      () => now,
      () => version,
    );
    const facts = isolatedFacts();
    const filled = cache.current().for(facts);
    now = 1_000_000; // far past the age limit: age alone no longer empties it
    expect(cache.current().for(facts)).toBe(filled);
    version = 2;
    expect(cache.current().for(facts)).not.toBe(filled);
  });

  test('without a version to compare, a change the server is not told about shows once the cache is older than its limit', async () => {
    let now = 0;
    const isolated = await createTestServer({
      checkCache: new SharedCheckCache(10_000, () => now),
    });
    try {
      expect(await verifiedTexts(isolated)).toHaveLength(1);
      // Another process (say `verbatim import`) corrects the quote in the same database file.
      await isolated.store.updateQuote('quo_carney_beijing_30', {
        text: 'We take the world as it is – not as we would wish it to be.',
      });
      now = 5_000;
      expect(await verifiedTexts(isolated)).toHaveLength(1); // still the cached result
      now = 10_001;
      expect(await verifiedTexts(isolated)).toEqual([]);
    } finally {
      await isolated.close();
    }
  });
});
