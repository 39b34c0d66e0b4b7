/**
 * Content words for deciding whether a sentence is about what a figure measures: lower case,
 * accents and possessives dropped, stop words removed, a light stem so "exports" meets "export".
 */
const STOP_WORDS = new Set(
  `a about above after again against all almost also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself nearly no nor not now of off on once only or other our ours ourselves out over
own per cent percent same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up upon very was we were what when where which while
who whom why will with would you your yours yourself yourselves said says say told according one two
three four five six seven eight nine ten hundred thousand million billion trillion dozen roughly around
approximately almost least less fewer many much new year years last first since ago go goes went gone
get got make made still even just like well mr ms mrs dr`.split(/\s+/),
);

export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('es') && /(?:ss|x|ch|sh)es$/.test(word))
    return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;
const ASCII = /^[^\u0080-\uffff]*$/;
const APOSTROPHE = /['’]/;

/** The content words of a text, stemmed, in order (duplicates kept). */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  // ASCII text has no accents to take off: it skips the decomposition and the mark removal.
  const ascii = ASCII.test(text);
  for (const match of (ascii ? text : text.normalize('NFD')).matchAll(WORD)) {
    let word = (ascii ? match[0] : match[0].replace(/\p{M}/gu, '')).toLowerCase();
    if (APOSTROPHE.test(word)) word = word.replace(/['’]s$/, '').replace(/['’]/g, '');
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    words.push(stem(word));
  }
  return words;
}

/** Content words split into names (capitalised: "Kestrel", "Bay") and common words ("fish", "export"). */
export function nameAndCommonWords(text: string): { names: Set<string>; common: Set<string> } {
  const names = new Set<string>();
  const common = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const [word] = contentWords(match[0]);
    if (word === undefined) continue;
    (/^\p{Lu}/u.test(match[0]) ? names : common).add(word);
  }
  for (const word of common) names.delete(word);
  return { names, common };
}

/** Distinct content words of a figure's `measures`, what `figureCandidates` is given. */
export function measuresWords(text: string): string[] {
  return [...new Set(contentWords(text))];
}
