import { LineIndex } from '@verbatim/checker/positions';
import type { Finding, RuleId } from '@verbatim/domain/findings';
import { RULE_IDS } from '@verbatim/domain/findings';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

export interface FileReport {
  /** As shown to people and CI: relative to the working directory, "/" separators; "<stdin>". */
  path: string;
  text: string;
  findings: Finding[];
}

interface Located {
  finding: Finding;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function locate(report: FileReport): Located[] {
  const lines = new LineIndex(report.text);
  return report.findings.map((finding) => {
    const start = lines.toLineColumn(finding.start);
    const end = lines.toLineColumn(finding.end);
    return {
      finding,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  });
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarise(reports: readonly FileReport[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

export function format(formatName: OutputFormat, reports: readonly FileReport[]): string {
  switch (formatName) {
    case 'text':
      return formatText(reports);
    case 'json':
      return formatJson(reports);
    case 'sarif':
      return `${JSON.stringify(toSarif(reports), null, 2)}\n`;
    case 'github':
      return formatGithub(reports);
  }
}

/** For people: grouped by file, one line per finding, the verified wording beneath. */
export function formatText(reports: readonly FileReport[]): string {
  let output = '';
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    output += `${report.path}\n`;
    for (const located of locate(report)) {
      const { finding } = located;
      const position = `${located.line}:${located.column}`;
      output += `  ${position.padEnd(8)} ${finding.severity.padEnd(8)} ${finding.rule.padEnd(20)} ${oneLine(finding.message)}\n`;
      if (finding.verifiedText !== null && !finding.message.includes(finding.verifiedText))
        output += `  ${''.padEnd(8)} ${''.padEnd(8)} ${''.padEnd(20)} verified: “${oneLine(finding.verifiedText)}”\n`;
    }
    output += '\n';
  }
  const summary = summarise(reports);
  const total = summary.errors + summary.warnings + summary.infos;
  if (total === 0)
    return `No problems in ${reports.length} file${reports.length === 1 ? '' : 's'}.\n`;
  return `${output}${total} problem${total === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}) in ${reports.length} file${reports.length === 1 ? '' : 's'}.\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((report) => ({
    path: report.path,
    findings: locate(report).map((located) => ({
      ...located.finding,
      line: located.line,
      column: located.column,
      endLine: located.endLine,
      endColumn: located.endColumn,
    })),
  }));
  return `${JSON.stringify({ version: 1, files, summary: summarise(reports) }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflow commands

/** Message data: %, CR and LF. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape ":" and ",", which separate properties. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(reports: readonly FileReport[]): string {
  let output = '';
  for (const report of reports) {
    for (const located of locate(report)) {
      const { finding } = located;
      const command =
        finding.severity === 'error'
          ? 'error'
          : finding.severity === 'warning'
            ? 'warning'
            : 'notice';
      const properties = [
        `file=${escapeGithubProperty(report.path)}`,
        `line=${located.line}`,
        `col=${located.column}`,
        `endLine=${located.endLine}`,
        `endColumn=${located.endColumn}`,
        `title=${escapeGithubProperty(`verbatim ${finding.rule}`)}`,
      ].join(',');
      const message =
        finding.verifiedText !== null && !finding.message.includes(finding.verifiedText)
          ? `${finding.message}\nVerified: “${finding.verifiedText}”`
          : finding.message;
      output += `::${command} ${properties}::${escapeGithubData(message)}\n`;
    }
  }
  return output;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0, as GitHub code scanning reads it

const RULE_DESCRIPTIONS: Record<
  RuleId,
  { short: string; full: string; level: 'error' | 'warning' }
> = {
  'quote/misquote': {
    short: 'Quotation differs from a verified quote',
    full: 'Words inside quotation marks are close to a verified quote but not the same words: a changed, added or dropped word, or clauses in another order.',
    level: 'error',
  },
  'quote/misattributed': {
    short: 'Quotation attributed to the wrong speaker',
    full: 'The words match a verified quote, but the draft gives them to someone else.',
    level: 'error',
  },
  'quote/unverified': {
    short: 'Quotation matches no verified quote',
    full: 'A full-sentence quotation that matches nothing verified.',
    level: 'warning',
  },
  'quote/not-verified': {
    short: 'Quotation matches a quote that is not verified',
    full: 'The quotation matches a quote that is only a candidate or is disputed (warning), or was retracted (error).',
    level: 'warning',
  },
  'figure/mismatch': {
    short: 'Number contradicts a verified figure',
    full: 'A number about the same thing as a verified figure states a different value.',
    level: 'error',
  },
};

function sarifLevel(severity: Finding['severity']): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

export function toSarif(reports: readonly FileReport[]): Record<string, unknown> {
  const rules = RULE_IDS.map((id) => ({
    id,
    name: id
      .replace(/\/(.)/, (_match, letter: string) => letter.toUpperCase())
      .replace(/-(.)/g, (_match, letter: string) => letter.toUpperCase()),
    shortDescription: { text: RULE_DESCRIPTIONS[id].short },
    fullDescription: { text: RULE_DESCRIPTIONS[id].full },
    defaultConfiguration: { level: RULE_DESCRIPTIONS[id].level },
    help: { text: `See docs/checker.md, rule ${id}.` },
  }));
  const results = reports.flatMap((report) =>
    locate(report).map((located) => {
      const { finding } = located;
      const region = {
        startLine: located.line,
        startColumn: located.column,
        endLine: located.endLine,
        endColumn: located.endColumn,
      };
      const artifactLocation = { uri: encodeURI(report.path), uriBaseId: '%SRCROOT%' };
      const result: Record<string, unknown> = {
        ruleId: finding.rule,
        ruleIndex: RULE_IDS.indexOf(finding.rule),
        level: sarifLevel(finding.severity),
        message: {
          text:
            finding.verifiedText !== null && !finding.message.includes(finding.verifiedText)
              ? `${finding.message} Verified: “${finding.verifiedText}”`
              : finding.message,
        },
        locations: [{ physicalLocation: { artifactLocation, region } }],
        partialFingerprints: {
          verbatimFinding: `${finding.rule}:${finding.fact?.id ?? 'none'}:${report.text.slice(finding.start, finding.end).slice(0, 200)}`,
        },
      };
      if (finding.fact)
        result.properties = { factKind: finding.fact.kind, factId: finding.fact.id };
      if (finding.replacement !== null) {
        result.fixes = [
          {
            description: { text: `Replace with the verified wording` },
            artifactChanges: [
              {
                artifactLocation,
                replacements: [
                  { deletedRegion: region, insertedContent: { text: finding.replacement } },
                ],
              },
            ],
          },
        ];
      }
      return result;
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'verbatim', semanticVersion: '0.1.0', rules } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}
