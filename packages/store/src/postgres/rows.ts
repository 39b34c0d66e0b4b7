import type {
  Figure,
  FigureQualifier,
  Organisation,
  Person,
  Quote,
  QuoteKind,
  Role,
  Source,
  SpeakerRef,
  VerificationEvent,
} from '@verbatim/domain/entities';

/**
 * Row → entity mapping. Objects are rebuilt key by key in the order of the zod schemas, so that
 * JSON output never depends on how PostgreSQL stored them (jsonb reorders object keys).
 */

export const SOURCE_COLUMNS =
  'id, title, outlet, byline, url, published_on, language, content_hash, created_at, updated_at';
/** Selects a person from `people p` with its aliases and roles in their stored order. */
export const PERSON_COLUMNS = `p.id, p.name, p.created_at, p.updated_at,
  array(select a.alias from person_aliases a where a.person_id = p.id order by a.position) as aliases,
  coalesce((select json_agg(json_build_object('title', r.title, 'organisationId', r.organisation_id,
    'period', r.period) order by r.position) from person_roles r where r.person_id = p.id), '[]')
    as roles`;
/** Selects an organisation from `organisations o` with its aliases in their stored order. */
export const ORGANISATION_COLUMNS = `o.id, o.name, o.kind, o.created_at, o.updated_at,
  array(select a.alias from organisation_aliases a where a.organisation_id = o.id
    order by a.position) as aliases`;
/** Selects a quote from `quotes q` with its speakers in their stored order. */
export const QUOTE_COLUMNS = `q.id, q.text, q.speaker_text, q.source_id, q.span_start, q.span_end,
  q.sentence, q.kind, q.said_when, q.said_where, q.status, q.created_at, q.updated_at,
  (select json_agg(json_build_object('kind', s.speaker_kind,
    'id', coalesce(s.person_id, s.organisation_id)) order by s.position)
    from quote_speakers s where s.quote_id = q.id) as speakers`;
export const FIGURE_COLUMNS =
  'f.id, f.value, f.value_max, f.unit, f.qualifier, f.text, f.measures, f.source_id, ' +
  'f.span_start, f.span_end, f.sentence, f.status, f.created_at, f.updated_at';
export const EVENT_COLUMNS = 'id, fact_kind, fact_id, status, actor, at, method, note';

// biome-ignore lint/suspicious/noExplicitAny: rows come untyped from node-postgres
export type Row = Record<string, any>;

export function sourceFromRow(row: Row): Source {
  return {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    byline: row.byline,
    url: row.url,
    publishedOn: row.published_on,
    language: row.language,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function roleFromJson(role: Row): Role {
  return {
    title: role.title,
    organisationId: role.organisationId ?? null,
    period: role.period ?? null,
  };
}

export function personFromRow(row: Row): Person {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    roles: (row.roles as Row[]).map(roleFromJson),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function organisationFromRow(row: Row): Organisation {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    aliases: row.aliases,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function speakerFromJson(speaker: Row): SpeakerRef {
  return { kind: speaker.kind, id: speaker.id };
}

export function quoteFromRow(row: Row): Quote {
  return {
    id: row.id,
    text: row.text,
    speakers: ((row.speakers ?? []) as Row[]).map(speakerFromJson),
    speakerText: row.speaker_text,
    sourceId: row.source_id,
    span: { start: row.span_start, end: row.span_end },
    sentence: row.sentence,
    kind: row.kind as QuoteKind,
    saidWhen: row.said_when,
    saidWhere: row.said_where,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function figureFromRow(row: Row): Figure {
  return {
    id: row.id,
    value: row.value,
    valueMax: row.value_max,
    unit: row.unit,
    qualifier: row.qualifier as FigureQualifier,
    text: row.text,
    measures: row.measures,
    sourceId: row.source_id,
    span: { start: row.span_start, end: row.span_end },
    sentence: row.sentence,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function eventFromRow(row: Row): VerificationEvent {
  return {
    id: row.id,
    factKind: row.fact_kind,
    factId: row.fact_id,
    status: row.status,
    actor: row.actor,
    at: row.at,
    method: row.method,
    note: row.note,
  };
}

/** Orders batch results like the requested ids, null where absent. */
export function inIdOrder<T extends { id: string }>(
  ids: readonly string[],
  found: T[],
): (T | null)[] {
  const byId = new Map(found.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id) ?? null);
}
