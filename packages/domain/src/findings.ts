import { z } from 'zod';
import { FactKindSchema, IdSchema } from './entities.ts';

/** Rule IDs are a public contract: configuration files and suppression comments name them. */
export const RuleIdSchema = z.enum([
  'quote/misquote',
  'quote/misattributed',
  'quote/unverified',
  'quote/not-verified',
  'figure/mismatch',
]);
export type RuleId = z.infer<typeof RuleIdSchema>;
export const RULE_IDS = RuleIdSchema.options;

export const SeveritySchema = z.enum(['error', 'warning', 'info', 'off']);
export type Severity = z.infer<typeof SeveritySchema>;

/** A position for people: 1-based line and column, the column counted in Unicode code points. */
export const LineColumnSchema = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type LineColumn = z.infer<typeof LineColumnSchema>;

export const FindingSchema = z.object({
  rule: RuleIdSchema,
  severity: SeveritySchema.exclude(['off']),
  message: z.string(),
  /** Offsets into the checked text in UTF-16 code units, half-open. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The verified fact the finding is about, when there is one. */
  fact: z.object({ kind: FactKindSchema, id: IdSchema }).nullable(),
  /** The verified wording (quote text or figure as printed), shown to the writer. */
  verifiedText: z.string().nullable(),
  /** A suggested replacement for [start, end), when a one-click fix exists. */
  replacement: z.string().nullable(),
});
export type Finding = z.infer<typeof FindingSchema>;
