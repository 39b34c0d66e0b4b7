/**
 * The sizes Verbatim promises to handle, and refuses past, with a clear error (docs/limits.md).
 * Lengths of text are in UTF-16 code units (JavaScript's `string.length`), the unit every offset
 * in Verbatim uses; sizes of HTTP bodies are in bytes. Each limit has a test that shows the
 * largest accepted input passing and the next one refused.
 */

/** The largest draft `checkDraft` accepts: about 2 MB of English, some 300,000 words. */
export const MAX_DRAFT_LENGTH = 2_000_000;

/** The largest article `extractArticle` (and `verbatim ingest`) accepts, markup included. */
export const MAX_ARTICLE_LENGTH = 5_000_000;

/**
 * The largest GraphQL request body the API reads (the server's own limit, reused). Over HTTP it
 * binds before MAX_DRAFT_LENGTH: a `checkDraft` call carries at most about a million characters.
 */
export const MAX_GRAPHQL_BODY_BYTES = 1_000_000;

/** The longest search string (`search(q:)`, the API's existing validation, reused). */
export const MAX_SEARCH_LENGTH = 500;

/** Which limit an input ran into; the `code` is stable for clients to match on. */
export type LimitName = 'draft' | 'article' | 'graphql-body' | 'search';

/** An input larger than Verbatim accepts. Nothing was read or written. */
export class InputTooLargeError extends Error {
  readonly code = 'INPUT_TOO_LARGE';

  constructor(
    readonly limit: LimitName,
    readonly length: number,
    readonly maximum: number,
    unit = 'characters',
  ) {
    super(
      `The ${describe(limit)} is ${length.toLocaleString('en')} ${unit} long; Verbatim accepts at most ${maximum.toLocaleString('en')} (docs/limits.md).`,
    );
    this.name = 'InputTooLargeError';
  }
}

function describe(limit: LimitName): string {
  switch (limit) {
    case 'draft':
      return 'draft';
    case 'article':
      return 'article';
    case 'graphql-body':
      return 'request body';
    case 'search':
      return 'search string';
  }
}

/** Throws InputTooLargeError when `text` is longer than `maximum`. */
export function assertWithinLimit(limit: LimitName, text: string, maximum: number): void {
  if (text.length > maximum) throw new InputTooLargeError(limit, text.length, maximum);
}
