import type { CheckOptions } from '@verbatim/checker/check';
import type { Finding, RuleId, Severity } from '@verbatim/domain/findings';
import { FindingSchema } from '@verbatim/domain/findings';
import { UsageError } from '../cli-error.ts';

const CHECK_DRAFT = `query CheckDraft($text: String!, $format: DraftFormat) {
  checkDraft(text: $text, format: $format) {
    rule severity message verifiedText replacement
    range { start end }
    fact { __typename ... on Quote { id } ... on Figure { id } }
  }
}`;

interface RemoteFinding {
  rule: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  message: string;
  verifiedText: string | null;
  replacement: string | null;
  range: { start: number; end: number };
  fact: { __typename: 'Quote' | 'Figure'; id: string } | null;
}

/**
 * Checks a draft through a Verbatim GraphQL server's `checkDraft` (the same engine, run against
 * the server's facts). Rule severities from .verbatim.yml are applied here, on the way back.
 */
export async function checkRemotely(
  endpoint: string,
  text: string,
  options: CheckOptions,
  token: string | undefined,
): Promise<Finding[]> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: CHECK_DRAFT,
        variables: { text, format: (options.format ?? 'markdown').toUpperCase() },
      }),
    });
  } catch (error) {
    throw new UsageError(
      `--facts ${endpoint}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let body: { data?: { checkDraft?: RemoteFinding[] }; errors?: { message: string }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new UsageError(`--facts ${endpoint}: HTTP ${response.status}, not a GraphQL response`);
  }
  if (body.errors?.length || !body.data?.checkDraft) {
    const message =
      body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`;
    throw new UsageError(`--facts ${endpoint}: ${message}`);
  }
  const findings: Finding[] = [];
  for (const remote of body.data.checkDraft) {
    const override: Severity | undefined = options.severities?.[remote.rule as RuleId];
    if (override === 'off') continue;
    const finding = FindingSchema.parse({
      rule: remote.rule,
      severity: override ?? remote.severity.toLowerCase(),
      message: remote.message,
      start: remote.range.start,
      end: remote.range.end,
      fact: remote.fact
        ? {
            kind: remote.fact.__typename === 'Quote' ? 'quote' : 'figure',
            id: plainId(remote.fact.id),
          }
        : null,
      verifiedText: remote.verifiedText,
      replacement: remote.replacement,
    });
    findings.push(finding);
  }
  return findings;
}

/** Relay global IDs ("Quote:quo_…" in base64) back to the fact's own id. */
function plainId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const match = /^(?:Quote|Figure):(.+)$/.exec(decoded);
  return match?.[1] ?? globalId;
}
