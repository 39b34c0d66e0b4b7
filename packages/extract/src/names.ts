import {
  GOVERNMENT_PLACES,
  NOT_NAME_WORDS,
  ORGANISATION_WORDS,
  PLACE_PHRASES,
  TITLES,
} from './lexicon.ts';

/** A capitalised phrase found in text, classified. Offsets are into the text searched. */
export interface NameGroup {
  start: number;
  end: number;
  text: string;
  /** Leading titles peeled off: "Prime Minister" of "Prime Minister Mark Carney". */
  title: string | null;
  /** Name tokens without titles. */
  tokens: string[];
  kind: 'person' | 'organisation' | 'government' | 'place' | 'single';
  orgKind: 'organisation' | 'government' | 'outlet' | 'party';
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const _TOKEN = /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’.\-&]*/gu;
const OUTLET_WORDS = new Set([
  'Times',
  'Post',
  'News',
  'Daily',
  'Journal',
  'Guardian',
  'Herald',
  'Tribune',
  'Press',
  'Reuters',
]);
const GOVERNMENT_WORDS = new Set([
  'Government',
  'Ministry',
  'Department',
  'Parliament',
  'Kremlin',
  'Pentagon',
  'Cabinet',
  'Congress',
  'Senate',
  'Embassy',
  'Administration',
]);

function _isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isAcronym(word: string): boolean {
  return /^\p{Lu}{2,6}s?$/u.test(word);
}

/** Strips a possessive ("Carney’s") or a sentence full stop ("China.") from a token. */
function cleanToken(raw: string): { text: string; possessive: boolean; endsSentence: boolean } {
  let text = raw;
  let possessive = false;
  let endsSentence = false;
  if (/['’]s$/.test(text)) {
    text = text.slice(0, -2);
    possessive = true;
  } else if (/s['’]$/.test(text)) {
    text = text.slice(0, -1);
    possessive = true;
  }
  if (text.endsWith('.') && !TITLES.has(text) && !/^\p{Lu}\.$/u.test(text)) {
    text = text.slice(0, -1);
    endsSentence = true;
  }
  text = text.replace(/[-’']+$/, '');
  return { text, possessive, endsSentence };
}

const CAPITALISED = /\p{Lu}[\p{L}\p{M}\p{N}'’.\-&]*/gu;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const CONNECTOR_GAP =
  /^ (of|for|and|&|de|del|della|der|di|da|das|do|dos|du|van|von|la|le|bin|bint|al|el|ibn|ter|ten) $/;

/**
 * Finds capitalised phrases (names of people, organisations, places) in `text[from, to)`,
 * joining "of"/"for" only inside organisation names ("University of Toronto"). Only capitalised
 * words are looked at, so the cost follows the number of names, not of words.
 */
export function findNameGroups(text: string, from: number, to: number): NameGroup[] {
  const groups: NameGroup[] = [];
  let run: (Token & { possessive: boolean; endsSentence: boolean })[] = [];
  let previousRawEnd = -1;
  // The regex runs over the range alone: its cost is the range's length, wherever it lies.
  const range = text.slice(from, to);
  for (const match of range.matchAll(CAPITALISED)) {
    const index = from + match.index;
    const rawEnd = index + match[0].length;
    // Inside a word ("iPhone"): not the start of a name.
    if (index > 0 && WORD_CHAR.test(text.charAt(index - 1))) continue;
    const cleaned = cleanToken(match[0]);
    if (cleaned.text.length === 0) continue;
    const token = {
      text: cleaned.text,
      start: index,
      end: index + cleaned.text.length,
      possessive: cleaned.possessive,
      endsSentence: cleaned.endsSentence,
    };
    const previous = run[run.length - 1];
    if (previous?.endsSentence) {
      // "… Pierre Poilievre. The Ontario premier": a full stop ends the name.
      groups.push(...splitAndClassify(text, run));
      run = [];
    } else if (previous) {
      const gap = text.slice(previousRawEnd, index);
      // "People’s Daily" is one name; "Carney’s trip" ends at the possessive.
      const afterPossessive =
        previous.possessive &&
        !(OUTLET_WORDS.has(token.text) || ORGANISATION_WORDS.has(token.text));
      const connector = CONNECTOR_GAP.exec(gap)?.[1];
      if (gap === ' ' && !afterPossessive) {
        // joins
      } else if (connector && !previous.possessive) {
        const at = previousRawEnd + 1;
        run.push({
          text: connector,
          start: at,
          end: at + connector.length,
          possessive: false,
          endsSentence: false,
        });
      } else {
        groups.push(...splitAndClassify(text, run));
        run = [];
      }
    }
    run.push(token);
    previousRawEnd = rawEnd;
  }
  if (run.length > 0) groups.push(...splitAndClassify(text, run));
  return groups;
}

function splitAndClassify(text: string, run: Token[]): NameGroup[] {
  // "Wang Wen and Jin Zhen" are two people; "Procter and Gamble Company" stays one organisation.
  const hasOrgWord = run.some((t) => ORGANISATION_WORDS.has(t.text) || OUTLET_WORDS.has(t.text));
  const parts: Token[][] = [];
  let current: Token[] = [];
  const isOrgWord = (t: Token) => ORGANISATION_WORDS.has(t.text) || OUTLET_WORDS.has(t.text);
  for (const token of run) {
    // "Miguel Santos of Ridgeway Capital": a person of an organisation, not one long name.
    const personBeforeOf = token.text === 'of' && current.length > 0 && !current.some(isOrgWord);
    const splits =
      token.text === 'and' ||
      token.text === '&' ||
      (token.text === 'of' && (!hasOrgWord || personBeforeOf));
    if (splits) {
      if (current.length > 0) parts.push(current);
      current = [];
      continue;
    }
    current.push(token);
  }
  if (current.length > 0) parts.push(current);
  const result: NameGroup[] = [];
  for (const part of parts) {
    const group = classify(text, part);
    if (group) result.push(group);
  }
  return result;
}

const FUNCTION_WORDS =
  /^(?:The|A|An|And|But|Or|So|If|In|On|At|By|For|From|To|Of|As|When|While|After|Before|Since|Although|However|Meanwhile|Yet|Still|Then|This|That|These|Those|Its|His|Her|Their|Our)$/;

function classify(text: string, part: Token[]): NameGroup | null {
  // Organisation names keep words a person's name would not ("World Health Organization").
  let orgTokens = part;
  while (orgTokens.length > 0 && FUNCTION_WORDS.test(orgTokens[0]?.text ?? ''))
    orgTokens = orgTokens.slice(1);
  if (
    orgTokens.length > 1 &&
    orgTokens.some(
      (t) =>
        ORGANISATION_WORDS.has(t.text) || OUTLET_WORDS.has(t.text) || GOVERNMENT_WORDS.has(t.text),
    )
  ) {
    while (orgTokens.length > 0 && /^(of|for|and|&)$/.test(orgTokens.at(-1)?.text ?? ''))
      orgTokens = orgTokens.slice(0, -1);
    const words = orgTokens.map((t) => t.text);
    const start = orgTokens[0]?.start ?? 0;
    const end = orgTokens.at(-1)?.end ?? start;
    const base = { start, end, text: text.slice(start, end), title: null, tokens: words };
    if (words.some((w) => GOVERNMENT_WORDS.has(w)))
      return { ...base, kind: 'government', orgKind: 'government' };
    if (words.some((w) => OUTLET_WORDS.has(w)))
      return { ...base, kind: 'organisation', orgKind: 'outlet' };
    if (words.includes('Party')) return { ...base, kind: 'organisation', orgKind: 'party' };
    return { ...base, kind: 'organisation', orgKind: 'organisation' };
  }
  let tokens = part;
  // Sentence-initial and other non-name words at the start ("But Carney", "The Ontario").
  while (tokens.length > 0 && NOT_NAME_WORDS.has(tokens[0]?.text ?? '')) tokens = tokens.slice(1);
  // Trailing "for"/"of"/"and" cannot end a name.
  while (tokens.length > 0 && /^(of|for|and|&)$/.test(tokens.at(-1)?.text ?? ''))
    tokens = tokens.slice(0, -1);
  if (tokens.length === 0) return null;
  const words = tokens.map((t) => t.text);
  const start = tokens[0]?.start ?? 0;
  const end = tokens.at(-1)?.end ?? start;
  const phrase = text.slice(start, end);
  const base = { start, end, text: phrase, title: null, tokens: words };
  const placeKey = words.join('-').toLowerCase();
  if (PLACE_PHRASES.has(placeKey)) {
    return {
      ...base,
      kind: placeKey === 'white-house' ? 'government' : 'place',
      orgKind: 'government',
    };
  }
  if (words.some((w) => GOVERNMENT_WORDS.has(w))) {
    return { ...base, kind: 'government', orgKind: 'government' };
  }
  if (words.some((w) => OUTLET_WORDS.has(w))) {
    return { ...base, kind: 'organisation', orgKind: 'outlet' };
  }
  if (words.includes('Party')) return { ...base, kind: 'organisation', orgKind: 'party' };
  if (
    words.some((w) => ORGANISATION_WORDS.has(w)) ||
    (words.length === 1 && isAcronym(words[0] ?? ''))
  ) {
    if (words.length === 1 && GOVERNMENT_PLACES.has(words[0] ?? '')) {
      return { ...base, kind: 'place', orgKind: 'government' };
    }
    return { ...base, kind: 'organisation', orgKind: 'organisation' };
  }
  if (words.length === 1 && GOVERNMENT_PLACES.has(words[0] ?? '')) {
    return { ...base, kind: 'place', orgKind: 'government' };
  }
  // Peel titles: "Prime Minister Mark Carney", "Dr Jane Smith".
  let titleCount = 0;
  while (titleCount < words.length - 1 && TITLES.has(words[titleCount] ?? '')) titleCount++;
  const nameTokens = tokens.slice(titleCount);
  const nameWords = nameTokens.map((t) => t.text);
  if (nameWords.some((w) => NOT_NAME_WORDS.has(w) || GOVERNMENT_PLACES.has(w))) {
    // "Canadian Prime" or "China Daily"-like phrases: keep only a trailing run of name words.
    let k = nameWords.length;
    while (
      k > 0 &&
      !NOT_NAME_WORDS.has(nameWords[k - 1] ?? '') &&
      !GOVERNMENT_PLACES.has(nameWords[k - 1] ?? '')
    )
      k--;
    if (k === nameWords.length) return null;
    return classify(text, nameTokens.slice(k));
  }
  if (nameWords.every((w) => TITLES.has(w))) return null;
  const nameStart = nameTokens[0]?.start ?? start;
  return {
    start: nameStart,
    end,
    text: text.slice(nameStart, end),
    title: titleCount > 0 ? text.slice(start, tokens[titleCount - 1]?.end ?? start) : null,
    tokens: nameWords,
    kind: nameWords.length === 1 ? 'single' : 'person',
    orgKind: 'organisation',
  };
}
