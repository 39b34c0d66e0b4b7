import { checkDraft } from '@verbatim/checker/check';
import type { FactLookup } from '@verbatim/domain/fact-lookup';
import type { RuleId, Severity } from '@verbatim/domain/findings';
import type { CheckText } from './service/language-service.ts';

/** The shared checker with this workspace's severities: the same findings as `verbatim check`. */
export function createCheck(
  lookup: FactLookup,
  severities: Partial<Record<RuleId, Severity>>,
): CheckText {
  return (text, format) => checkDraft(text, lookup, { severities, format });
}
