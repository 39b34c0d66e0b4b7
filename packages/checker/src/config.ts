import { RULE_IDS, type RuleId, type Severity, SeveritySchema } from '@verbatim/domain/findings';
import { z } from 'zod';

/**
 * `.verbatim.yml`: the checker's configuration, found by walking up from each checked file. The
 * CLI and the language server read the file; this module only validates what they parsed, so
 * both give the same errors.
 *
 *   facts: ./newsroom.sqlite        # or a dataset .json, or an https://…/graphql endpoint
 *   rules:
 *     quote/unverified: error       # error | warning | info | off
 *   include: ["drafts/**\/*.md"]
 *   exclude: ["drafts/archive/**"]
 *   dollarCurrency: CAD
 */
export const CONFIG_FILE_NAMES = ['.verbatim.yml', '.verbatim.yaml'] as const;

const Globs = z
  .union([z.string().min(1), z.array(z.string().min(1))])
  .transform((value) => (typeof value === 'string' ? [value] : value));

export const CheckConfigSchema = z
  .object({
    /** Where the facts come from, relative to the configuration file's folder. */
    facts: z.string().min(1).optional(),
    rules: z
      .record(z.string(), SeveritySchema)
      .superRefine((rules, context) => {
        for (const key of Object.keys(rules)) {
          if (!(RULE_IDS as readonly string[]).includes(key))
            context.addIssue({
              code: 'custom',
              path: [key],
              message: `unknown rule; the rules are ${RULE_IDS.join(', ')}`,
            });
        }
      })
      .optional(),
    include: Globs.optional(),
    exclude: Globs.optional(),
    /** What a bare "$" means in figures: an ISO 4217 code such as USD or CAD. */
    dollarCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD or CAD')
      .optional(),
  })
  .strict();

export interface CheckConfig {
  facts?: string;
  rules?: Partial<Record<RuleId, Severity>>;
  include?: string[];
  exclude?: string[];
  dollarCurrency?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates a parsed configuration; throws ConfigError naming the first problem and where. */
export function parseCheckConfig(value: unknown, origin = '.verbatim.yml'): CheckConfig {
  const result = CheckConfigSchema.safeParse(value ?? {});
  if (result.success) return result.data as CheckConfig;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  throw new ConfigError(`${origin}: ${where}${issue?.message ?? 'invalid configuration'}`);
}
