/**
 * The stated draft limit (docs/limits.md): the largest draft is checked, one character more is
 * refused with InputTooLargeError before any work is done.
 */
import { InputTooLargeError, MAX_DRAFT_LENGTH } from '@verbatim/domain/limits';
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../src/check.ts';
import { MemoryFactLookup } from '../src/memory-fact-lookup.ts';

const facts = new MemoryFactLookup({});

/** Short paragraphs of plain prose, exactly `length` characters. */
function draftOf(length: number): string {
  return 'The council met on Tuesday and talked about the harbour.\n\n'
    .repeat(Math.ceil(length / 58))
    .slice(0, length);
}

describe('the draft limit', () => {
  it(`checks a draft of exactly ${MAX_DRAFT_LENGTH.toLocaleString('en')} characters`, async () => {
    const findings = await checkDraft(draftOf(MAX_DRAFT_LENGTH), facts);
    expect(findings).toEqual([]);
  }, 60_000);

  it('refuses one character more with a clear, typed error', async () => {
    const refusal = checkDraft(draftOf(MAX_DRAFT_LENGTH + 1), facts);
    await expect(refusal).rejects.toBeInstanceOf(InputTooLargeError);
    await expect(refusal).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      limit: 'draft',
      length: MAX_DRAFT_LENGTH + 1,
      maximum: MAX_DRAFT_LENGTH,
      message: expect.stringContaining('accepts at most 2,000,000'),
    });
  });
});
