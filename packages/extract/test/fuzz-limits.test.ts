/**
 * The stated article limit (docs/limits.md): the largest article is extracted, one character
 * more is refused with InputTooLargeError before any work is done.
 */
import { InputTooLargeError, MAX_ARTICLE_LENGTH } from '@verbatim/domain/limits';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract.ts';

/** Paragraphs of plain prose, one a line, exactly `length` characters. */
function articleOf(length: number): string {
  return 'The council met on Tuesday and talked about the harbour.\n'
    .repeat(Math.ceil(length / 57))
    .slice(0, length);
}

describe('the article limit', () => {
  it(`extracts an article of exactly ${MAX_ARTICLE_LENGTH.toLocaleString('en')} characters`, () => {
    const article = extractArticle({ text: articleOf(MAX_ARTICLE_LENGTH), format: 'text' });
    expect(article.paragraphs.length).toBeGreaterThan(80_000);
  }, 60_000);

  it('refuses one character more with a clear, typed error', () => {
    expect(() =>
      extractArticle({ text: articleOf(MAX_ARTICLE_LENGTH + 1), format: 'text' }),
    ).toThrow(
      expect.objectContaining({
        name: 'InputTooLargeError',
        code: 'INPUT_TOO_LARGE',
        limit: 'article',
        message: expect.stringContaining('accepts at most 5,000,000'),
      }),
    );
    expect(() => extractArticle({ text: 'x'.repeat(MAX_ARTICLE_LENGTH + 1) })).toThrow(
      InputTooLargeError,
    );
  });
});
