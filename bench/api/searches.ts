import { PEOPLE } from '../checker/build-db.ts';
import { mulberry32, quoteAt, vocabulary } from '../checker/generate.ts';

/**
 * The API benchmark's searches over an archive of `size` quotes: from `draws` quotes drawn across
 * the whole archive (so searches touch every part of the index), two distinctive words each, as a
 * reporter searches for a phrase they remember. The 200 commonest words of the skewed vocabulary
 * are left out: they would match a large part of the archive. Quotes without two such words give
 * no search, so there are a few fewer searches than draws.
 */
export function benchmarkSearches(size: number, draws: number): string[] {
  const words = vocabulary();
  const common = new Set(words.slice(0, 200));
  const random = mulberry32(size);
  const searches: string[] = [];
  for (let draw = 0; draw < draws; draw++) {
    const distinctive = quoteAt(Math.floor(random() * size), words, PEOPLE)
      .text.toLowerCase()
      .replace(/\.$/, '')
      .split(' ')
      .filter((word) => !common.has(word))
      .slice(0, 2);
    if (distinctive.length === 2) searches.push(distinctive.join(' '));
  }
  return searches;
}
