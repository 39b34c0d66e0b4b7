/**
 * Word-level alignment of a quotation in a draft against a verified quote. The draft may quote a
 * fragment (free skips at both ends of the verified words), drop words with an ellipsis (a gap of
 * any length), replace or add words in [square brackets] (a bounded gap), or split the quote
 * around its attribution (a short gap). Every other difference costs one edit: a changed, added
 * or dropped word. Edit distance on whole strings would count letters; writers change words.
 */
export type DraftUnit =
  | { kind: 'word'; norm: string; start: number; end: number }
  | { kind: 'gap'; maxWords: number; reason: 'ellipsis' | 'bracket' | 'split' };

export interface VerifiedUnit {
  norm: string;
  start: number;
  end: number;
}

export interface WordEdit {
  kind: 'changed' | 'added' | 'dropped';
  /** The draft's word (changed, added). */
  draft: string | null;
  /** The verified word (changed, dropped). */
  verified: string | null;
}

export interface Alignment {
  /** The edits in reading order. */
  changes: WordEdit[];
  /** Changed + added + dropped words. */
  edits: number;
  /** Draft words matched exactly. */
  matched: number;
  draftWords: number;
  /** The verified words the draft covers: [spanStart, spanEnd) as unit indices. */
  spanStart: number;
  spanEnd: number;
}

const INSERT = 1;
const DIAGONAL = 2;
const DELETE = 3;
const GAP = 4;

export function alignQuote(
  draft: readonly DraftUnit[],
  verified: readonly VerifiedUnit[],
): Alignment {
  const rows = draft.length + 1;
  const columns = verified.length + 1;
  const cost = new Int32Array(rows * columns);
  const step = new Uint8Array(rows * columns);
  const gapFrom = new Int32Array(rows * columns);
  // Row 0: a fragment may start anywhere in the verified quote, for free.
  for (let row = 1; row < rows; row++) {
    const unit = draft[row - 1] as DraftUnit;
    const base = row * columns;
    const previous = (row - 1) * columns;
    if (unit.kind === 'gap') {
      // A gap consumes up to maxWords verified words for nothing.
      for (let column = 0; column < columns; column++) {
        let best = Number.MAX_SAFE_INTEGER;
        let from = column;
        const lowest = Math.max(0, column - unit.maxWords);
        for (let start = column; start >= lowest; start--) {
          const candidate = cost[previous + start] as number;
          if (candidate < best) {
            best = candidate;
            from = start;
          }
        }
        cost[base + column] = best;
        step[base + column] = GAP;
        gapFrom[base + column] = from;
      }
      continue;
    }
    for (let column = 0; column < columns; column++) {
      let best = (cost[previous + column] as number) + 1;
      let move = INSERT;
      if (column > 0) {
        const same = (verified[column - 1] as VerifiedUnit).norm === unit.norm;
        const diagonal = (cost[previous + column - 1] as number) + (same ? 0 : 1);
        if (diagonal <= best) {
          best = diagonal;
          move = DIAGONAL;
        }
        const deletion = (cost[base + column - 1] as number) + 1;
        if (deletion < best) {
          best = deletion;
          move = DELETE;
        }
      }
      cost[base + column] = best;
      step[base + column] = move;
    }
  }
  // A fragment may end anywhere, for free; prefer the longest cover on ties.
  const last = (rows - 1) * columns;
  let end = 0;
  for (let column = 0; column < columns; column++) {
    if ((cost[last + column] as number) <= (cost[last + end] as number)) end = column;
  }
  let row = rows - 1;
  let column = end;
  let matched = 0;
  let spanEnd = end;
  let trailingDeletes = true;
  const changes: WordEdit[] = [];
  while (row > 0) {
    const index = row * columns + column;
    const move = step[index];
    if (move === GAP) {
      column = gapFrom[index] as number;
      row--;
      trailingDeletes = false;
    } else if (move === DIAGONAL) {
      const unit = draft[row - 1];
      const verifiedWord = verified[column - 1]?.norm ?? null;
      if (unit?.kind === 'word' && verifiedWord === unit.norm) matched++;
      else if (unit?.kind === 'word')
        changes.push({ kind: 'changed', draft: unit.norm, verified: verifiedWord });
      row--;
      column--;
      trailingDeletes = false;
    } else if (move === INSERT) {
      const unit = draft[row - 1];
      if (unit?.kind === 'word') changes.push({ kind: 'added', draft: unit.norm, verified: null });
      row--;
      trailingDeletes = false;
    } else {
      column--;
      if (trailingDeletes) spanEnd = column;
      else changes.push({ kind: 'dropped', draft: null, verified: verified[column]?.norm ?? null });
    }
  }
  const draftWords = draft.filter((unit) => unit.kind === 'word').length;
  changes.reverse();
  return {
    changes,
    edits: cost[last + end] as number,
    matched,
    draftWords,
    spanStart: column,
    spanEnd: Math.max(spanEnd, column),
  };
}

/**
 * The common case without the table: the draft's words (no gaps) appear in the verified words
 * in order and contiguously. Returns the covered span or null.
 */
export function findContiguous(
  draft: readonly DraftUnit[],
  verified: readonly VerifiedUnit[],
): { spanStart: number; spanEnd: number } | null {
  const words: string[] = [];
  for (const unit of draft) {
    if (unit.kind === 'gap') return null;
    words.push(unit.norm);
  }
  if (words.length === 0 || words.length > verified.length) return null;
  const first = words[0];
  for (let start = 0; start + words.length <= verified.length; start++) {
    if (verified[start]?.norm !== first) continue;
    let index = 1;
    while (index < words.length && verified[start + index]?.norm === words[index]) index++;
    if (index === words.length) return { spanStart: start, spanEnd: start + words.length };
  }
  return null;
}

/** How much of the draft's words the verified quote holds, ignoring order: catches swapped clauses. */
export function bagOverlap(draft: readonly DraftUnit[], verified: readonly VerifiedUnit[]): number {
  const counts = new Map<string, number>();
  for (const unit of verified) counts.set(unit.norm, (counts.get(unit.norm) ?? 0) + 1);
  let words = 0;
  let shared = 0;
  for (const unit of draft) {
    if (unit.kind !== 'word') continue;
    words++;
    const left = counts.get(unit.norm) ?? 0;
    if (left > 0) {
      shared++;
      counts.set(unit.norm, left - 1);
    }
  }
  return words === 0 ? 0 : shared / words;
}
