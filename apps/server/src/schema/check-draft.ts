import { type CheckOptions, checkDraft } from '@verbatim/checker/check';
import { LineIndex } from '@verbatim/checker/positions';
import type { Finding } from '@verbatim/domain/findings';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { FactUnion } from './fact.ts';
import { FigureRef } from './figure.ts';
import { QuoteRef } from './quote.ts';

/** Longer than any article; keeps one request from tying up a core (the body limit is 1 MB). */
export const MAX_DRAFT_LENGTH = 200_000;

const DraftFormatEnum = builder.enumType('DraftFormat', {
  values: {
    MARKDOWN: { value: 'markdown', description: 'Markdown; plain prose reads the same.' },
    TEXT: { value: 'text' },
    HTML: { value: 'html' },
  } as const,
});

const SeverityEnum = builder.enumType('Severity', {
  values: {
    ERROR: { value: 'error' },
    WARNING: { value: 'warning' },
    INFO: { value: 'info' },
  } as const,
});

const LineColumnRef = builder.objectRef<{ line: number; column: number }>('LineColumn').implement({
  description: 'A position for people: 1-based line, 1-based column in Unicode code points.',
  fields: (t) => ({ line: t.exposeInt('line'), column: t.exposeInt('column') }),
});

interface FindingRange {
  start: number;
  end: number;
  /** The draft's line index, built on first use: a client that reads offsets only never pays. */
  lines: () => LineIndex;
}

const TextRangeRef = builder.objectRef<FindingRange>('TextRange').implement({
  description: 'Where in the draft: [start, end) in UTF-16 code units, and as lines and columns.',
  fields: (t) => ({
    start: t.exposeInt('start'),
    end: t.exposeInt('end'),
    from: t.field({
      type: LineColumnRef,
      resolve: (range) => range.lines().toLineColumn(range.start),
    }),
    to: t.field({ type: LineColumnRef, resolve: (range) => range.lines().toLineColumn(range.end) }),
  }),
});

const FindingRef = builder
  .objectRef<{ finding: Finding; range: FindingRange }>('Finding')
  .implement({
    description: 'Something in the draft that disagrees with (or lacks) a verified fact.',
    fields: (t) => ({
      rule: t.string({
        description: '"quote/misquote", "quote/misattributed", "quote/unverified", …',
        resolve: ({ finding }) => finding.rule,
      }),
      severity: t.field({ type: SeverityEnum, resolve: ({ finding }) => finding.severity }),
      message: t.string({ resolve: ({ finding }) => finding.message }),
      range: t.field({ type: TextRangeRef, resolve: ({ range }) => range }),
      fact: t.field({
        type: FactUnion,
        nullable: true,
        description: 'The verified fact the finding is about.',
        resolve: ({ finding }, _args, context) => {
          if (!finding.fact) return null;
          return finding.fact.kind === 'quote'
            ? QuoteRef.getDataloader(context).load(finding.fact.id)
            : FigureRef.getDataloader(context).load(finding.fact.id);
        },
      }),
      verifiedText: t.string({
        nullable: true,
        description: 'The verified wording, to show the writer.',
        resolve: ({ finding }) => finding.verifiedText,
      }),
      replacement: t.string({
        nullable: true,
        description: 'A one-click fix: the text to put in place of `range`.',
        resolve: ({ finding }) => finding.replacement,
      }),
    }),
  });

builder.queryFields((t) => ({
  checkDraft: t.field({
    type: [FindingRef],
    description:
      'Checks a draft against the verified facts — the same checker as `verbatim check` and the editor — and returns its findings in order of position.',
    authScopes: { read: true },
    args: {
      text: t.arg.string({ required: true, validate: z.string().max(MAX_DRAFT_LENGTH) }),
      format: t.arg({ type: DraftFormatEnum, defaultValue: 'markdown' }),
    },
    resolve: async (_root, args, context) => {
      const options: CheckOptions = {
        format: args.format ?? 'markdown',
        cache: context.checkCache.current(),
      };
      const findings = await checkDraft(args.text, context.store, options);
      let index: LineIndex | undefined;
      const lines = () => {
        index ??= new LineIndex(args.text);
        return index;
      };
      return findings.map((finding) => ({
        finding,
        range: { start: finding.start, end: finding.end, lines },
      }));
    },
  }),
}));
