import { MONTH_NAMES as MONTHS } from '@verbatim/domain/calendar';

function monthIndex(word: string): number {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return -1;
  return MONTHS.findIndex((m) => m.startsWith(lower));
}

function iso(year: number, month: number, day: number): string | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || year < 1800 || year > 2200) return null;
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "2026-01-16T09:30:00Z", "16 January 2026", "Jan. 16, 2026", "Friday 16 January 2026" → "2026-01-16". */
export function parsePublicationDate(text: string): string | null {
  const isoMatch = /\b(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]) - 1, Number(isoMatch[3]));
  const dayFirst = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}\.?)\s+(\d{4})\b/.exec(text);
  if (dayFirst) {
    return iso(Number(dayFirst[3]), monthIndex(dayFirst[2] ?? ''), Number(dayFirst[1]));
  }
  const monthFirst = /\b([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text);
  if (monthFirst) {
    return iso(Number(monthFirst[3]), monthIndex(monthFirst[1] ?? ''), Number(monthFirst[2]));
  }
  return null;
}

/** A line that is only a date (with an optional "Published" or weekday). */
export const DATE_LINE =
  /^(?:(?:Published|Updated|Posted)\s*:?\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:[\s,]+\d{1,2}[.:]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4})?)?\s*$/;
