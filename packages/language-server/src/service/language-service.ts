import { LineIndex } from '@verbatim/checker/positions';
import type { Quote } from '@verbatim/domain/entities';
import type { Finding, RuleId } from '@verbatim/domain/findings';
import {
  type CodeAction,
  CodeActionKind,
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  InsertTextFormat,
  MarkupKind,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import type { EditorFacts } from '../facts/editor-facts.ts';
import {
  citationText,
  detailsMarkdown,
  type FactDetails,
  factDetails,
  quoteDetails,
  sourceLine,
  speakerLine,
} from './describe.ts';
import { matchScore } from './text-match.ts';
import {
  completionContextAt,
  lineStart,
  nameCandidatesAt,
  type Quotation,
  quotationAt,
} from './text-scan.ts';

/**
 * The language service: document text and facts in, LSP values out. No connection, no I/O of its
 * own (facts come through EditorFacts), so everything here is tested without an editor.
 */

export interface DraftDocument {
  uri: string;
  /** "markdown" or "plaintext": decides the citation and comment syntax. */
  languageId: string;
  text: string;
}

/** Runs the shared checker on a whole draft (the server supplies options and cache). */
export type CheckText = (text: string, format: 'markdown' | 'text') => Promise<Finding[]>;

export const DIAGNOSTIC_SOURCE = 'verbatim';
const COMPLETION_LIMIT = 20;

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for code actions and hovers: the checker's finding itself. */
export interface DiagnosticData {
  finding: Finding;
}

export function findingToDiagnostic(index: LineIndex, finding: Finding): Diagnostic {
  return {
    range: rangeOf(index, finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.rule,
    message: finding.message,
    data: { finding } satisfies DiagnosticData,
  };
}

export async function diagnose(
  document: DraftDocument,
  check: CheckText,
): Promise<{ findings: Finding[]; diagnostics: Diagnostic[] }> {
  const findings = await check(
    document.text,
    document.languageId === 'markdown' ? 'markdown' : 'text',
  );
  const index = new LineIndex(document.text);
  return { findings, diagnostics: findings.map((finding) => findingToDiagnostic(index, finding)) };
}

function rangeOf(index: LineIndex, start: number, end: number): Range {
  return { start: index.toLsp(start), end: index.toLsp(end) };
}

/** The verified quote a quotation in the draft stands for, if one matches it closely. */
export async function matchQuotation(
  facts: EditorFacts,
  quotation: Quotation,
): Promise<Quote | null> {
  const words = quotation.text.trim();
  if (words.length === 0) return null;
  const [best] = await facts.searchQuotes(words, 5);
  return best && matchScore(words, best.text) >= 0.6 ? best : null;
}

export async function hover(
  document: DraftDocument,
  offset: number,
  facts: EditorFacts,
  findings: readonly Finding[],
): Promise<Hover | null> {
  const index = new LineIndex(document.text);
  const sections: string[] = [];
  let range: Range | undefined;

  const finding = findings.find((f) => offset >= f.start && offset <= f.end);
  let details: FactDetails | null = null;
  if (finding) {
    sections.push(`**Verbatim — ${finding.rule}:** ${finding.message}`);
    range = rangeOf(index, finding.start, finding.end);
    if (finding.fact) details = await factDetails(facts, finding.fact);
  }
  const quotation = quotationAt(document.text, offset);
  if (!details && quotation) {
    const quote = await matchQuotation(facts, quotation);
    if (quote) {
      details = await quoteDetails(facts, quote);
      range ??= rangeOf(index, quotation.openStart, quotation.closeEnd);
    }
  }
  if (details) sections.push(detailsMarkdown(details));

  if (sections.length === 0) {
    const person = await personAt(document.text, offset, facts);
    if (person) {
      const quotes = await facts.quotesBySpeaker(person.id, 10);
      const role = person.person.roles[0]?.title;
      const lines = [`**${person.person.name}**${role ? ` — ${role}` : ''}`, ''];
      if (quotes.length === 0) lines.push('No verified quotes.');
      for (const quote of quotes) lines.push(`- “${quote.text}” (${quote.status})`);
      sections.push(lines.join('\n'));
      range = rangeOf(index, person.start, person.end);
    }
  }
  if (sections.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
    ...(range ? { range } : {}),
  };
}

async function personAt(text: string, offset: number, facts: EditorFacts) {
  for (const candidate of nameCandidatesAt(text, offset)) {
    const [person] = await facts.lookup.findPeopleByName(candidate.name);
    if (person) return { person, id: person.id, start: candidate.start, end: candidate.end };
  }
  return null;
}

export async function complete(
  document: DraftDocument,
  offset: number,
  facts: EditorFacts,
): Promise<CompletionList> {
  const context = completionContextAt(document.text, offset);
  if (!context) return { isIncomplete: false, items: [] };
  let quotes: Quote[] = [];
  if (context.speakerName) {
    const [person] = await facts.lookup.findPeopleByName(context.speakerName);
    if (person) {
      const own = await facts.quotesBySpeaker(person.id, 200);
      quotes = context.typed.trim()
        ? own
            .map((quote) => ({ quote, score: matchScore(context.typed, quote.text) }))
            .filter((entry) => entry.score >= 0.3)
            .sort((a, b) => b.score - a.score)
            .map((entry) => entry.quote)
        : own;
    }
  }
  if (quotes.length === 0 && context.openingMark !== null) {
    quotes = await facts.searchQuotes(context.typed, COMPLETION_LIMIT);
  }
  quotes = quotes.filter((quote) => quote.status !== 'retracted').slice(0, COMPLETION_LIMIT);

  const index = new LineIndex(document.text);
  const range = rangeOf(index, context.replaceStart, offset);
  const after = document.text.slice(offset, offset + 1);
  const needsClosing = after !== context.closingMark;
  const items = await Promise.all(
    quotes.map(async (quote, rank): Promise<CompletionItem> => {
      const details = await quoteDetails(facts, quote);
      const words = `${context.openingMark === null ? '“' : ''}${quote.text}${needsClosing ? context.closingMark : ''}`;
      return {
        label: quote.text,
        kind: CompletionItemKind.Text,
        detail: `${speakerLine(details)} — ${sourceLine(details.source)} (${quote.status})`,
        documentation: { kind: MarkupKind.Markdown, value: detailsMarkdown(details) },
        // Whatever was typed must keep the item visible: the server already ranked by words.
        filterText: document.text.slice(context.replaceStart, offset),
        sortText: String(rank).padStart(4, '0'),
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range, newText: words },
        data: { kind: 'quote', id: quote.id },
      };
    }),
  );
  return { isIncomplete: true, items };
}

const REPLACE_TITLES: Partial<Record<RuleId, (replacement: string) => string>> = {
  'quote/misquote': () => 'Replace with the verified wording',
  'quote/misattributed': (replacement) => `Correct the speaker to “${replacement}”`,
  'figure/mismatch': (replacement) => `Replace with the verified figure “${replacement}”`,
};

/** A suppression comment the checker honours on the next line. */
export function suppressionComment(rule: RuleId): string {
  return `<!-- verbatim-disable-next-line ${rule} -->`;
}

export async function codeActions(
  document: DraftDocument,
  range: { start: number; end: number },
  diagnostics: readonly Diagnostic[],
  facts: EditorFacts,
): Promise<CodeAction[]> {
  const index = new LineIndex(document.text);
  const markdown = document.languageId === 'markdown';
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]) => ({ changes: { [document.uri]: edits } });
  const cited = new Set<string>();

  const citationAction = async (
    fact: { kind: 'quote' | 'figure'; id: string },
    at: number,
    diagnostic?: Diagnostic,
  ): Promise<void> => {
    if (cited.has(fact.id)) return;
    const details = await factDetails(facts, fact);
    if (!details?.source) return;
    cited.add(fact.id);
    const position = index.toLsp(at);
    actions.push({
      title: `Insert a citation of “${details.source.title}”`,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      edit: edit([
        {
          range: { start: position, end: position },
          newText: citationText(details.source, markdown),
        },
      ]),
    });
  };

  for (const diagnostic of diagnostics) {
    const finding = (diagnostic.data as DiagnosticData | undefined)?.finding;
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || !finding) continue;
    const title = REPLACE_TITLES[finding.rule];
    if (finding.replacement !== null && title) {
      actions.push({
        title: title(finding.replacement),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: edit([
          { range: rangeOf(index, finding.start, finding.end), newText: finding.replacement },
        ]),
      });
    }
    if (finding.fact) {
      const quotation = quotationAt(document.text, finding.start);
      await citationAction(finding.fact, quotation?.closeEnd ?? finding.end, diagnostic);
    }
    const line = lineStart(document.text, finding.start);
    const indent = /^[ \t]*/.exec(document.text.slice(line))?.[0] ?? '';
    const position = index.toLsp(line);
    actions.push({
      title: `Suppress ${finding.rule} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: edit([
        {
          range: { start: position, end: position },
          newText: `${indent}${suppressionComment(finding.rule)}\n`,
        },
      ]),
    });
  }

  // A verified quotation without a finding can still be cited.
  const quotation = quotationAt(document.text, range.start);
  if (quotation) {
    const quote = await matchQuotation(facts, quotation);
    if (quote) await citationAction({ kind: 'quote', id: quote.id }, quotation.closeEnd);
  }
  return actions;
}

/** The text a "search and insert" inserts for a fact: a quote in marks, a figure as printed. */
export async function insertionText(
  facts: EditorFacts,
  fact: { kind: 'quote' | 'figure'; id: string },
): Promise<string | null> {
  const details = await factDetails(facts, fact);
  if (!details) return null;
  return details.kind === 'quote' ? `“${details.text}”` : details.text;
}
