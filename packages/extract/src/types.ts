import type { FigureQualifier, QuoteKind, Span } from '@verbatim/domain/entities';

export type ArticleFormat = 'text' | 'markdown' | 'html';

export interface ExtractInput {
  text: string;
  /** Detected from the text when absent. */
  format?: ArticleFormat;
  url?: string;
}

/** A piece of the input: `span` is its exact range in the input, `text` the words as read. */
export interface Located {
  text: string;
  span: Span;
}

export interface ArticleMetadata {
  headline: Located | null;
  byline: Located | null;
  /** "YYYY-MM-DD" when a publication date was found and understood. */
  publishedOn: string | null;
  url: string | null;
  outlet: string | null;
  language: string;
}

export interface SpeakerKey {
  kind: 'person' | 'organisation';
  /** Index-based key into `people` ("p0") or `organisations` ("o0") of the same extraction. */
  key: string;
}

export interface ExtractedPerson {
  key: string;
  /** The fullest form of the name found in the article. */
  name: string;
  /** Shorter forms used in the article: the surname, "Mr Carney". */
  aliases: string[];
  /** Roles as printed: "former Canadian ambassador to China". */
  roles: string[];
  mentions: Located[];
}

export interface ExtractedOrganisation {
  key: string;
  name: string;
  kind: 'organisation' | 'government' | 'outlet' | 'party';
  mentions: Located[];
}

export interface ExtractedQuote {
  /** The words between the marks; `span` excludes the marks. */
  text: string;
  span: Span;
  kind: QuoteKind;
  /** Empty when no speaker could be found. */
  speakers: SpeakerKey[];
  /** The attribution as printed ("said Lynette Ong, a professor …" → "Lynette Ong, a professor …"). */
  speakerText: Located | null;
  /** The sentence the quote stands in (for a long quote, the quote and its attribution). */
  sentence: string;
  /** Index into `paragraphs`. */
  paragraph: number;
  /** True when this quote continues the previous one across a paragraph break. */
  continuesPrevious: boolean;
  saidWhen: string | null;
  saidWhere: string | null;
  /** How the speaker was found, for scoring and debugging. */
  attribution: AttributionMethod;
}

export type AttributionMethod =
  | 'after-quote'
  | 'before-quote'
  | 'same-sentence'
  | 'same-paragraph'
  | 'previous-paragraph'
  | 'none';

export interface ExtractedFigure {
  text: string;
  span: Span;
  value: number;
  valueMax: number | null;
  unit: string;
  qualifier: FigureQualifier;
  /** What the figure measures, from the words around it. */
  measures: string;
  sentence: string;
}

export interface ExtractedArticle {
  format: ArticleFormat;
  metadata: ArticleMetadata;
  /** The article body as plain text (markup removed, paragraphs separated by a blank line). */
  body: string;
  /** Input spans of the body's paragraphs. */
  paragraphs: Span[];
  people: ExtractedPerson[];
  organisations: ExtractedOrganisation[];
  quotes: ExtractedQuote[];
  figures: ExtractedFigure[];
}
