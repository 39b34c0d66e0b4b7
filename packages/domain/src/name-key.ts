/**
 * How names, aliases and titles are compared everywhere (the store's look-ups, the extractor's
 * merging of speakers): case, accents, curly quote marks, dash variants and runs of white space do
 * not matter.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
