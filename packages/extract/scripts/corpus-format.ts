/** The labelled corpus (packages/extract/corpus): one article file and one labels file per article. */
export interface LabelledQuote {
  /** Half-open range of the quoted words (marks excluded) in the article file. */
  start: number;
  end: number;
  text: string;
  /** The speaker's name; several speakers are joined with " + ". */
  speaker: string;
}

export interface ArticleLabels {
  file: string;
  format: 'text' | 'markdown' | 'html';
  headline: string;
  byline: string;
  publishedOn: string;
  /** "development": articles the rules were tuned on; "held-out": written afterwards, scored untuned. */
  split: 'development' | 'held-out';
  quotes: LabelledQuote[];
}
