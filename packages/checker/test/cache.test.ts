import { describe, expect, it } from 'vitest';
import { CheckCache, checkDraft } from '../src/check.ts';
import { RecentlyUsed } from '../src/recently-used.ts';
import { sampleFacts } from './fixtures.ts';

describe('CheckCache', () => {
  it('keeps the paragraphs a draft still uses however many others pass through', async () => {
    const facts = sampleFacts();
    // Counts the look-ups of quotations: only the one quoted paragraph has any.
    let lookups = 0;
    const counting = Object.create(facts) as typeof facts;
    counting.quoteCandidatesPerQuotation = (quotations, perQuotation) => {
      lookups++;
      return facts.quoteCandidatesPerQuotation(quotations, perQuotation);
    };
    const quoted = '“We will build the bridge before the first snow falls,” Roe said.';
    const cache = new CheckCache();
    let findings = 0;
    // Six checks of the quoted paragraph with 1,000 new ones each: 6,001 paragraphs pass through
    // a cache of 5,000, and the quoted one, used every time, is never read again.
    for (let round = 0; round < 6; round++) {
      const fillers = Array.from(
        { length: 1000 },
        (_, index) => `Filler paragraph ${round}-${index} says nothing.`,
      );
      const draft = [quoted, ...fillers].join('\n\n');
      findings += (await checkDraft(draft, counting, { cache })).length;
    }
    expect(lookups).toBe(1);
    expect(findings).toBe(0);
  });
});

describe('RecentlyUsed', () => {
  it('keeps what is used, and no more than its weight allows', () => {
    const cache = new RecentlyUsed<string, string>(4, 10, (value) => value.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'b');
    // The generation holds 5 characters: 'c' starts the next one, 'a' and 'b' become the previous.
    cache.set('c', 'ccc');
    // 'a' moves to the current generation, which it fills; 'b', never used again, is dropped.
    expect(cache.get('a')).toBe('aaaa');
    cache.set('d', 'dd');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    // One entry heavier than a generation is kept until the next one fills.
    cache.set('huge', 'x'.repeat(50));
    expect(cache.get('huge')).toHaveLength(50);
    cache.set('e', 'e');
    expect(cache.get('huge')).toHaveLength(50);
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});
