import { z } from 'zod';

// Identifiers are opaque strings. New ones come from `newId`; imported ones are kept as they are
// so that export → import → export round-trips byte for byte.
export const IdSchema = z.string().min(1).max(128);
export type Id = z.infer<typeof IdSchema>;

/** An ISO-8601 timestamp with a time zone, e.g. "2026-01-16T09:30:00.000Z". */
export const TimestampSchema = z.iso.datetime({ offset: true });
/** A calendar date, e.g. "2026-01-16". */
export const DateSchema = z.iso.date();

/** Half-open character range [start, end) into a text, in UTF-16 code units (JavaScript indices). */
export const SpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((span) => span.end >= span.start, { message: 'span end must not precede its start' });
export type Span = z.infer<typeof SpanSchema>;

export const SourceSchema = z.object({
  id: IdSchema,
  title: z.string().min(1),
  outlet: z.string().nullable(),
  byline: z.string().nullable(),
  url: z.url().nullable(),
  publishedOn: DateSchema.nullable(),
  language: z.string().min(2).max(35),
  /** "sha256:<hex>" of the article text as ingested; identifies a re-ingest of the same text. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Source = z.infer<typeof SourceSchema>;

export const RoleSchema = z.object({
  /** "former Canadian ambassador to China", "professor of political science". */
  title: z.string().min(1),
  organisationId: IdSchema.nullable(),
  /** Free text as printed or known: "2023–2025", "former", "since March 2025". */
  period: z.string().nullable(),
});
export type Role = z.infer<typeof RoleSchema>;

export const PersonSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  /** Other ways the person is named: "Carney", "Mr Carney", "the prime minister". */
  aliases: z.array(z.string().min(1)),
  roles: z.array(RoleSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Person = z.infer<typeof PersonSchema>;

export const OrganisationKindSchema = z.enum(['organisation', 'government', 'outlet', 'party']);
export const OrganisationSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  kind: OrganisationKindSchema,
  aliases: z.array(z.string().min(1)),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/** Who said it: one person, an organisation or government, or several people together. */
export const SpeakerRefSchema = z.object({
  kind: z.enum(['person', 'organisation']),
  id: IdSchema,
});
export type SpeakerRef = z.infer<typeof SpeakerRefSchema>;

export const FactStatusSchema = z.enum(['candidate', 'verified', 'disputed', 'retracted']);
export type FactStatus = z.infer<typeof FactStatusSchema>;

export const QuoteKindSchema = z.enum(['full', 'fragment']);
export type QuoteKind = z.infer<typeof QuoteKindSchema>;

export const QuoteSchema = z.object({
  id: IdSchema,
  /** The exact words between the quotation marks, as published. */
  text: z.string().min(1),
  speakers: z.array(SpeakerRefSchema).min(1),
  /** The attribution as printed: "Wang Wen and Jin Zhen, professors at Renmin University". */
  speakerText: z.string().nullable(),
  sourceId: IdSchema,
  /** Where `text` stands in the source article. */
  span: SpanSchema,
  /** The sentence (or paragraph) the quote stands in, for context. */
  sentence: z.string(),
  kind: QuoteKindSchema,
  /** When it was said, if the article says: "on Friday", "2026-01-16". */
  saidWhen: z.string().nullable(),
  /** Where or how it was said: "told reporters at the White House". */
  saidWhere: z.string().nullable(),
  status: FactStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Quote = z.infer<typeof QuoteSchema>;

export const FigureQualifierSchema = z.enum([
  'exact',
  'about',
  'nearly',
  'up-to',
  'at-least',
  'more-than',
  'less-than',
  'range',
]);
export type FigureQualifier = z.infer<typeof FigureQualifierSchema>;

/**
 * Units are lower-case words so that new ones need no schema change:
 * "percent", "count", "currency:USD", "currency:CAD", "year" (a calendar year), "duration:year",
 * "duration:month", "duration:day", "duration:hour", "fraction".
 */
export const FigureUnitSchema = z.string().regex(/^[a-z]+(:[A-Za-z]+)?$/);

export const FigureSchema = z.object({
  id: IdSchema,
  value: z.number().finite(),
  /** Upper bound when the qualifier is "range"; otherwise null. */
  valueMax: z.number().finite().nullable(),
  unit: FigureUnitSchema,
  qualifier: FigureQualifierSchema,
  /** The figure as printed: "about 70%", "up to 49,000", "nearly a decade". */
  text: z.string().min(1),
  /** What it measures, in words: "share of Canada's exports that go to the US". */
  measures: z.string().min(1),
  sourceId: IdSchema,
  span: SpanSchema,
  sentence: z.string(),
  status: FactStatusSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Figure = z.infer<typeof FigureSchema>;

export const FactKindSchema = z.enum(['quote', 'figure']);
export type FactKind = z.infer<typeof FactKindSchema>;

/** One change of a fact's status. Events are only ever appended; the latest one is the status. */
export const VerificationEventSchema = z.object({
  id: IdSchema,
  factKind: FactKindSchema,
  factId: IdSchema,
  status: FactStatusSchema,
  /** Who made the change: an editor's name or a token's label. */
  actor: z.string().min(1),
  at: TimestampSchema,
  /** How it was checked: "checked against the recording", "published article". */
  method: z.string().nullable(),
  note: z.string().nullable(),
});
export type VerificationEvent = z.infer<typeof VerificationEventSchema>;

export function newId(prefix: 'src' | 'per' | 'org' | 'quo' | 'fig' | 'evt' | 'tok'): string {
  return `${prefix}_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}
