import type { RuleId } from '@verbatim/domain/findings';
import { RULE_IDS } from '@verbatim/domain/findings';
import type { LineIndex } from './positions.ts';
import type { HtmlComment } from './prose.ts';

/**
 * Inline suppression through HTML comments, which Markdown and HTML both hide from readers:
 * `<!-- verbatim-disable-next-line quote/unverified -->` silences the next non-blank line;
 * `<!-- verbatim-disable rule -->` … `<!-- verbatim-enable rule -->` silences a region.
 * Naming no rule means every rule.
 */
interface SuppressedRegion {
  start: number;
  end: number;
  /** null: every rule. */
  rules: ReadonlySet<RuleId> | null;
}

export class Suppressions {
  constructor(private readonly regions: readonly SuppressedRegion[]) {}

  isSuppressed(rule: RuleId, offset: number): boolean {
    for (const region of this.regions) {
      if (
        offset >= region.start &&
        offset < region.end &&
        (!region.rules || region.rules.has(rule))
      )
        return true;
    }
    return false;
  }

  get size(): number {
    return this.regions.length;
  }
}

const DIRECTIVE = /^\s*verbatim-(disable-next-line|disable-line|disable|enable)\b([\s\S]*)$/;

function parseRules(list: string): Set<RuleId> | null {
  const names = list
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== '--');
  if (names.length === 0) return null;
  const known = new Set<RuleId>();
  for (const name of names) {
    // "quote/*" silences every quote rule.
    for (const rule of RULE_IDS) {
      if (rule === name || (name.endsWith('/*') && rule.startsWith(name.slice(0, -1))))
        known.add(rule);
    }
  }
  return known;
}

export function parseSuppressions(
  original: string,
  comments: readonly HtmlComment[],
  lines: LineIndex,
): Suppressions {
  const regions: SuppressedRegion[] = [];
  const open = new Map<string, { start: number; rules: Set<RuleId> | null }>();
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.body);
    if (!match) continue;
    const kind = match[1];
    const rulesText = (match[2] ?? '').trim();
    const rules = parseRules(rulesText);
    if (kind === 'disable-next-line' || kind === 'disable-line') {
      let line = lines.lineOf(comment.end);
      if (kind === 'disable-next-line') {
        line++;
        while (
          line < lines.lineCount &&
          original.slice(lines.lineStart(line), lines.lineContentEnd(line)).trim() === ''
        )
          line++;
      } else {
        line = lines.lineOf(comment.start);
      }
      if (line < lines.lineCount)
        regions.push({ start: lines.lineStart(line), end: lines.lineContentEnd(line) + 1, rules });
    } else if (kind === 'disable') {
      open.set(rulesText, { start: comment.end, rules });
    } else {
      const started = open.get(rulesText);
      if (started) {
        regions.push({ start: started.start, end: comment.start, rules: started.rules });
        open.delete(rulesText);
      } else if (rulesText === '') {
        // A bare enable closes every open region.
        for (const region of open.values())
          regions.push({ start: region.start, end: comment.start, rules: region.rules });
        open.clear();
      }
    }
  }
  for (const region of open.values())
    regions.push({ start: region.start, end: original.length + 1, rules: region.rules });
  return new Suppressions(regions);
}
