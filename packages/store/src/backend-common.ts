import {
  type FactKind,
  type Figure,
  FigureSchema,
  type Id,
  newId,
  type Organisation,
  OrganisationSchema,
  type Person,
  PersonSchema,
  type Quote,
  QuoteSchema,
  type VerificationEvent,
  VerificationEventSchema,
} from '@verbatim/domain/entities';
import type { z } from 'zod';
import { distinctAliases } from './fact-index.ts';
import {
  ConflictError,
  type FigureInput,
  InvalidInputError,
  type OrganisationInput,
  type Page,
  type PersonInput,
  type QuoteInput,
} from './fact-store.ts';

// What both backends do alike, in one place: paging, optimistic concurrency, new and patched
// entities with their defaults, entity validation.

/** The most items one page may hold, whatever the caller asks for. */
export const MAX_PAGE_SIZE = 500;

/** Strictly after `previous`, so that optimistic concurrency sees every change. */
export function nextTimestamp(previous: string): string {
  return new Date(Math.max(Date.now(), Date.parse(previous) + 1)).toISOString();
}

export function checkVersion(
  kind: string,
  current: { id: Id; updatedAt: string },
  expectedUpdatedAt: string | undefined,
): void {
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== current.updatedAt) {
    throw new ConflictError(
      `${kind} ${current.id} was changed at ${current.updatedAt} (expected ${expectedUpdatedAt})`,
    );
  }
}

export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

export function creationEvent(
  factKind: FactKind,
  factId: Id,
  actor: string,
  at: string,
): VerificationEvent {
  return parseEntity(VerificationEventSchema, {
    id: newId('evt'),
    factKind,
    factId,
    status: 'candidate',
    actor: actor.trim(),
    at,
    method: null,
    note: 'created',
  });
}

export function parseEntity<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw new InvalidInputError(`${path ? `${path}: ` : ''}${issue?.message ?? 'invalid input'}`);
}

export function emptyPage<T>(): Page<T> {
  return { items: [], totalCount: 0, hasNextPage: false, endCursor: null };
}

/**
 * One page of a listing: the loaded items (missing ones already dropped), where the page started
 * (an offset) and how many match in all. The cursor of a page with no items is the one asked for.
 */
export function pageAt<T>(
  items: T[],
  offset: number,
  totalCount: number,
  after: string | null | undefined,
): Page<T> {
  const end = offset + items.length;
  return {
    items,
    totalCount,
    hasNextPage: end < totalCount,
    endCursor: items.length > 0 ? encodeCursor(end) : (after ?? null),
  };
}

export function clampPageSize(first: number): number {
  if (!Number.isFinite(first)) return MAX_PAGE_SIZE;
  return Math.max(0, Math.min(MAX_PAGE_SIZE, Math.floor(first)));
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1]) throw new InvalidInputError(`not a valid cursor: ${cursor}`);
  return Number(match[1]);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function newPerson(input: PersonInput, now: string): Person {
  return parseEntity(PersonSchema, {
    id: input.id ?? newId('per'),
    name: input.name.trim(),
    aliases: distinctAliases(
      input.name,
      (input.aliases ?? []).map((alias) => alias.trim()),
    ),
    roles: input.roles ?? [],
    createdAt: now,
    updatedAt: now,
  });
}

export function newOrganisation(input: OrganisationInput, now: string): Organisation {
  return parseEntity(OrganisationSchema, {
    id: input.id ?? newId('org'),
    name: input.name.trim(),
    kind: input.kind ?? 'organisation',
    aliases: distinctAliases(
      input.name,
      (input.aliases ?? []).map((alias) => alias.trim()),
    ),
    createdAt: now,
    updatedAt: now,
  });
}

export function newQuote(input: QuoteInput, now: string): Quote {
  return parseEntity(QuoteSchema, {
    id: input.id ?? newId('quo'),
    text: input.text,
    speakers: input.speakers,
    speakerText: input.speakerText ?? null,
    sourceId: input.sourceId,
    span: input.span,
    sentence: input.sentence,
    kind: input.kind,
    saidWhen: input.saidWhen ?? null,
    saidWhere: input.saidWhere ?? null,
    status: 'candidate',
    createdAt: now,
    updatedAt: now,
  });
}

export function newFigure(input: FigureInput, now: string): Figure {
  return parseEntity(FigureSchema, {
    id: input.id ?? newId('fig'),
    value: input.value,
    valueMax: input.valueMax ?? null,
    unit: input.unit,
    qualifier: input.qualifier,
    text: input.text,
    measures: input.measures,
    sourceId: input.sourceId,
    span: input.span,
    sentence: input.sentence,
    status: 'candidate',
    createdAt: now,
    updatedAt: now,
  });
}

/** The entity with the patch's defined fields applied, re-validated, and a later `updatedAt`. */
export function patchedEntity<S extends z.ZodType<{ updatedAt: string }>>(
  schema: S,
  current: z.infer<S>,
  patch: object,
): z.infer<S> {
  return parseEntity(schema, {
    ...current,
    ...definedOnly(patch),
    updatedAt: nextTimestamp(current.updatedAt),
  });
}
