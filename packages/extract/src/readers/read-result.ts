import type { Body } from '../body.ts';
import type { Located } from '../types.ts';

/** What a reader gets out of one input format: the body and whatever metadata it shows. */
export interface ReadArticle {
  body: Body;
  headline: Located | null;
  byline: Located | null;
  /** The date as printed (or as the attribute holds it). */
  dateText: Located | null;
  url: string | null;
  outlet: string | null;
  language: string | null;
}

export function locate(input: string, start: number, end: number): Located {
  return { text: input.slice(start, end), span: { start, end } };
}

/** "By Helen Davidson and Leyland Cecco" → "Helen Davidson and Leyland Cecco". */
export const BYLINE_LINE = /^\s*(?:By|BY|Words by|Written by)\s+(\p{Lu}.{1,150}?)\s*$/u;
