/**
 * Loose text comparison for finding facts from what a writer typed: case, accents, quotation
 * mark styles, punctuation and spacing do not matter. (The checker decides what is a misquote;
 * this only ranks suggestions.)
 */
export function normalizeWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

export function normalizeForMatch(text: string): string {
  return normalizeWords(text).join(' ');
}

/**
 * How well `candidate` matches what was typed: 1 when the typed words are a prefix of it, less
 * for shared words, 0 for nothing in common. An empty query matches everything a little.
 */
export function matchScore(typed: string, candidate: string): number {
  const typedWords = normalizeWords(typed);
  if (typedWords.length === 0) return 0.01;
  const candidateNormal = normalizeForMatch(candidate);
  const typedNormal = typedWords.join(' ');
  if (candidateNormal.startsWith(typedNormal)) return 1 + typedWords.length / 1000;
  if (candidateNormal.includes(typedNormal)) return 0.9;
  const candidateWords = new Set(normalizeWords(candidate));
  let shared = 0;
  for (const word of typedWords) if (candidateWords.has(word)) shared += 1;
  // The last typed word may be incomplete: count a prefix of any candidate word.
  const last = typedWords.at(-1) ?? '';
  if (!candidateWords.has(last) && [...candidateWords].some((word) => word.startsWith(last))) {
    shared += 0.5;
  }
  return (0.8 * shared) / typedWords.length;
}

/** The best matches of `typed` among `items`, best first; ties keep the items' order. */
export function rankByMatch<T>(
  typed: string,
  items: readonly T[],
  textOf: (item: T) => string,
  limit: number,
  minimum = 0.3,
): T[] {
  return items
    .map((item, index) => ({ item, index, score: matchScore(typed, textOf(item)) }))
    .filter((entry) => entry.score >= minimum)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.item);
}
