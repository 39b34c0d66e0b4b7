import { CheckCache, checkDraft } from '@verbatim/checker/check';
import type { FactLookup } from '@verbatim/domain/fact-lookup';
import type { RuleId, Severity } from '@verbatim/domain/findings';
import type { CheckText } from './service/language-service.ts';

/**
 * The shared checker with this workspace's severities: the same findings as `verbatim check`.
 * One paragraph cache per facts source, so an edit re-checks only the paragraph it touched;
 * a new lookup (facts reloaded or changed) starts a new cache.
 */
export function createCheck(
  lookup: FactLookup,
  severities: Partial<Record<RuleId, Severity>>,
  dollarCurrency?: string,
): CheckText {
  const cache = new CheckCache();
  return (text, format) =>
    checkDraft(text, lookup, {
      severities,
      format,
      cache,
      ...(dollarCurrency ? { dollarCurrency } : {}),
    });
}
