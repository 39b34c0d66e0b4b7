import { FindingSchema } from '@verbatim/domain/findings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../src/check.ts';
import { sampleFacts } from './fixtures.ts';

const facts = sampleFacts();

// Text built from the pieces drafts are made of, so the engine's paths are reached, not just noise.
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom(
    '“',
    '”',
    '"',
    "'",
    '‘',
    '’',
    '«',
    '»',
    '…',
    '...',
    '[',
    ']',
    '(',
    ')',
    '`',
    '```',
    '\n',
    '\n\n',
    '\r\n',
    '<!--',
    '-->',
    '<p>',
    '&ldquo;',
    '&#x1F600;',
    '---\n',
    '    ',
    ' said Roe. ',
    ' she said, ',
    'We will build the bridge before the first snow falls',
    'about 75% of Port Elm’s exports',
    '94,000 jobs',
    'nearly two decades',
    '👩🏽‍🚀',
    '\u0301',
    '\ud800',
  ),
);
const draft = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('checkDraft on arbitrary text', () => {
  it('never throws and returns valid findings with offsets inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(
        draft,
        fc.constantFrom('markdown', 'text', 'html') as fc.Arbitrary<'markdown' | 'text' | 'html'>,
        async (text, format) => {
          const findings = await checkDraft(text, facts, { format });
          for (const finding of findings) {
            expect(FindingSchema.safeParse(finding).success).toBe(true);
            expect(finding.start).toBeGreaterThanOrEqual(0);
            expect(finding.end).toBeGreaterThanOrEqual(finding.start);
            expect(finding.end).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
