import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '@verbatim/domain/dataset';
import {
  type Figure,
  newId,
  type Organisation,
  type Person,
  type Quote,
  type Source,
  type SpeakerRef,
  type VerificationEvent,
} from '@verbatim/domain/entities';
import { nameKey } from '@verbatim/domain/name-key';
import { normaliseQuoteText } from '@verbatim/domain/quote-text';
import type { ExtractedArticle, ExtractedOrganisation, ExtractedPerson } from './types.ts';

/** Who the store already knows, and the earlier version of this article if there is one. */
export interface ExistingFacts {
  /** People the store returned for the extracted names and aliases (duplicates are fine). */
  people: readonly Person[];
  organisations: readonly Organisation[];
  /** The stored source this article is a new version of (same URL, or same title and byline). */
  source?: Source | null;
  /** That source's stored quotes and figures, to keep ids and statuses across a correction. */
  quotes?: readonly Quote[];
  figures?: readonly Figure[];
}

export interface FragmentOptions {
  /** "sha256:<hex>" of the input text, computed by the caller (hashing is I/O-free but async). */
  contentHash: string;
  /** Used when the article shows no headline: the file name, say. */
  fallbackTitle?: string;
  /** Actor of the verification events. */
  actor?: string;
  /** ISO timestamp for createdAt/updatedAt/events; defaults to now. */
  now?: string;
}

export interface Ambiguity {
  /** The name as extracted. */
  name: string;
  candidates: { id: string; name: string }[];
  /** The candidate the quotes were attributed to (the oldest id) until an editor decides. */
  chosenId: string;
}

export interface FragmentSummary {
  peopleNew: number;
  peopleMatched: number;
  organisationsNew: number;
  organisationsMatched: number;
  quotesNew: number;
  quotesKept: number;
  quotesRetracted: number;
  figuresNew: number;
  figuresKept: number;
  figuresRetracted: number;
  /** Quotes with no speaker found: not stored (a quote needs a speaker), counted here. */
  quotesUnattributed: number;
  /** True when this fragment updates an earlier version of the article. */
  correction: boolean;
}

export interface DatasetFragment {
  dataset: Dataset;
  ambiguities: Ambiguity[];
  summary: FragmentSummary;
}

/** The names to look a person up by in the store: the full name, and a lone surname only if that is all we have. */
export function lookupNames(person: ExtractedPerson): string[] {
  return [person.name, ...person.aliases.filter((a) => a.includes(' '))];
}

export function organisationLookupNames(organisation: ExtractedOrganisation): string[] {
  const names = [organisation.name];
  const bare = organisation.name.replace(/^the\s+/i, '');
  if (bare !== organisation.name) names.push(bare);
  return names;
}

/**
 * Turns one extraction into a Dataset fragment for `importDataset(…, { mode: 'merge' })`: the
 * source, new or updated people and organisations (matched to existing ones by name and alias,
 * never duplicated silently), candidate quotes and figures with one verification event each. For a
 * corrected article, quotes and figures still present keep their ids and statuses; those gone are
 * retracted with an event, so the history stays.
 */
export function toDatasetFragment(
  extracted: ExtractedArticle,
  existing: ExistingFacts,
  options: FragmentOptions,
): DatasetFragment {
  const now = options.now ?? new Date().toISOString();
  const actor = options.actor ?? 'verbatim ingest';
  const summary: FragmentSummary = {
    peopleNew: 0,
    peopleMatched: 0,
    organisationsNew: 0,
    organisationsMatched: 0,
    quotesNew: 0,
    quotesKept: 0,
    quotesRetracted: 0,
    figuresNew: 0,
    figuresKept: 0,
    figuresRetracted: 0,
    quotesUnattributed: 0,
    correction: Boolean(existing.source),
  };
  const ambiguities: Ambiguity[] = [];
  const events: VerificationEvent[] = [];
  const previous = existing.source ?? null;
  const sourceId = previous?.id ?? newId('src');
  const title =
    extracted.metadata.headline?.text.trim() ||
    options.fallbackTitle?.trim() ||
    firstWords(extracted.body) ||
    'Untitled article';
  const source: Source = {
    id: sourceId,
    title,
    outlet: extracted.metadata.outlet ?? previous?.outlet ?? null,
    byline: extracted.metadata.byline?.text.trim() || (previous?.byline ?? null),
    url: extracted.metadata.url ?? previous?.url ?? null,
    publishedOn: extracted.metadata.publishedOn ?? previous?.publishedOn ?? null,
    language: extracted.metadata.language || 'en',
    contentHash: options.contentHash,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };

  // People: match by name or alias; new ones are created; matched ones gain new aliases and roles.
  const peopleOut = new Map<string, Person>();
  const personIdByKey = new Map<string, string>();
  const existingPeople = dedupe(existing.people);
  for (const person of extracted.people) {
    if (!isSpeakerOrHasRole(extracted, person)) continue;
    const candidates = matchPeople(person, existingPeople);
    let target: Person;
    if (candidates.length === 0) {
      target = {
        id: newId('per'),
        name: person.name,
        aliases: [],
        roles: [],
        createdAt: now,
        updatedAt: now,
      };
      summary.peopleNew++;
    } else {
      const chosen = chooseCandidate(person, candidates);
      if (chosen.ambiguous) {
        ambiguities.push({
          name: person.name,
          candidates: [...candidates]
            .sort((a, b) => a.id.localeCompare(b.id))
            .map((c) => ({ id: c.id, name: c.name })),
          chosenId: chosen.person.id,
        });
      }
      target = peopleOut.get(chosen.person.id) ?? structuredClone(chosen.person);
      if (!peopleOut.has(target.id)) summary.peopleMatched++;
    }
    const known = new Set([target.name, ...target.aliases].map(nameKey));
    let changed = candidates.length === 0;
    for (const alias of [person.name, ...person.aliases]) {
      if (!known.has(nameKey(alias))) {
        target.aliases.push(alias);
        known.add(nameKey(alias));
        changed = true;
      }
    }
    const roleKeys = new Set(target.roles.map((r) => nameKey(r.title)));
    for (const role of person.roles) {
      if (!roleKeys.has(nameKey(role))) {
        target.roles.push({ title: role, organisationId: null, period: null });
        roleKeys.add(nameKey(role));
        changed = true;
      }
    }
    if (changed) target.updatedAt = now;
    peopleOut.set(target.id, target);
    personIdByKey.set(person.key, target.id);
  }

  // Organisations: only those that speak are stored (mentions alone are not facts).
  const organisationsOut = new Map<string, Organisation>();
  const organisationIdByKey = new Map<string, string>();
  const existingOrganisations = dedupe(existing.organisations);
  const speakingOrganisations = new Set(
    extracted.quotes.flatMap((q) =>
      q.speakers.filter((s) => s.kind === 'organisation').map((s) => s.key),
    ),
  );
  for (const organisation of extracted.organisations) {
    if (!speakingOrganisations.has(organisation.key)) continue;
    const keys = new Set(organisationLookupNames(organisation).map(nameKey));
    const candidates = existingOrganisations
      .filter((o) => [o.name, ...o.aliases].some((n) => keys.has(nameKey(n))))
      .sort((a, b) => a.id.localeCompare(b.id));
    const match = candidates[0];
    if (match) {
      if (candidates.length > 1) {
        ambiguities.push({
          name: organisation.name,
          candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
          chosenId: match.id,
        });
      }
      summary.organisationsMatched++;
      organisationIdByKey.set(organisation.key, match.id);
      continue;
    }
    const created: Organisation = {
      id: newId('org'),
      name: organisation.name,
      kind: organisation.kind,
      aliases: [],
      createdAt: now,
      updatedAt: now,
    };
    summary.organisationsNew++;
    organisationsOut.set(created.id, created);
    organisationIdByKey.set(organisation.key, created.id);
  }

  // Quotes: keep the ids of quotes already stored for this source (same words), add the new ones.
  const previousQuotes = new Map<string, Quote>();
  for (const quote of existing.quotes ?? [])
    previousQuotes.set(normaliseQuoteText(quote.text), quote);
  const quotes: Quote[] = [];
  const seenQuoteKeys = new Set<string>();
  for (const q of extracted.quotes) {
    const speakers: SpeakerRef[] = [];
    for (const speaker of q.speakers) {
      const id =
        speaker.kind === 'person'
          ? personIdByKey.get(speaker.key)
          : organisationIdByKey.get(speaker.key);
      if (id && !speakers.some((s) => s.id === id)) speakers.push({ kind: speaker.kind, id });
    }
    if (speakers.length === 0) {
      summary.quotesUnattributed++;
      continue;
    }
    const key = normaliseQuoteText(q.text);
    const before = previousQuotes.get(key);
    const fields = {
      text: q.text,
      speakers,
      speakerText: q.speakerText?.text ?? null,
      sourceId,
      span: q.span,
      sentence: q.sentence,
      kind: q.kind,
      saidWhen: q.saidWhen,
      saidWhere: q.saidWhere,
    };
    if (before && !seenQuoteKeys.has(key)) {
      seenQuoteKeys.add(key);
      quotes.push({ ...before, ...fields, speakers: before.speakers, updatedAt: now });
      summary.quotesKept++;
      continue;
    }
    const quote: Quote = {
      id: newId('quo'),
      ...fields,
      status: 'candidate',
      createdAt: now,
      updatedAt: now,
    };
    quotes.push(quote);
    events.push(candidateEvent('quote', quote.id, actor, now));
    summary.quotesNew++;
  }
  for (const [key, quote] of previousQuotes) {
    if (seenQuoteKeys.has(key) || quote.status === 'retracted') continue;
    quotes.push({ ...quote, status: 'retracted', updatedAt: now });
    events.push(retractionEvent('quote', quote.id, actor, now, options.contentHash));
    summary.quotesRetracted++;
  }

  const previousFigures = new Map<string, Figure>();
  for (const figure of existing.figures ?? []) previousFigures.set(figureKey(figure), figure);
  const figures: Figure[] = [];
  const seenFigureKeys = new Set<string>();
  for (const f of extracted.figures) {
    const fields = {
      value: f.value,
      valueMax: f.valueMax,
      unit: f.unit,
      qualifier: f.qualifier,
      text: f.text,
      measures: f.measures,
      sourceId,
      span: f.span,
      sentence: f.sentence,
    };
    const key = figureKey(fields);
    const before = previousFigures.get(key);
    if (before && !seenFigureKeys.has(key)) {
      seenFigureKeys.add(key);
      figures.push({ ...before, span: f.span, sentence: f.sentence, updatedAt: now });
      summary.figuresKept++;
      continue;
    }
    const figure: Figure = {
      id: newId('fig'),
      ...fields,
      status: 'candidate',
      createdAt: now,
      updatedAt: now,
    };
    figures.push(figure);
    events.push(candidateEvent('figure', figure.id, actor, now));
    summary.figuresNew++;
  }
  for (const [key, figure] of previousFigures) {
    if (seenFigureKeys.has(key) || figure.status === 'retracted') continue;
    figures.push({ ...figure, status: 'retracted', updatedAt: now });
    events.push(retractionEvent('figure', figure.id, actor, now, options.contentHash));
    summary.figuresRetracted++;
  }

  return {
    dataset: {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      sources: [source],
      organisations: [...organisationsOut.values()],
      people: [...peopleOut.values()],
      quotes,
      figures,
      events,
    },
    ambiguities,
    summary,
  };
}

function candidateEvent(
  factKind: 'quote' | 'figure',
  factId: string,
  actor: string,
  at: string,
): VerificationEvent {
  return {
    id: newId('evt'),
    factKind,
    factId,
    status: 'candidate',
    actor,
    at,
    method: 'extracted from the published article',
    note: null,
  };
}

function retractionEvent(
  factKind: 'quote' | 'figure',
  factId: string,
  actor: string,
  at: string,
  contentHash: string,
): VerificationEvent {
  return {
    id: newId('evt'),
    factKind,
    factId,
    status: 'retracted',
    actor,
    at,
    method: 'corrected article',
    note: `no longer in the corrected article (${contentHash})`,
  };
}

function figureKey(figure: Pick<Figure, 'text' | 'unit' | 'value'>): string {
  return `${figure.unit}|${figure.value}|${nameKey(figure.text)}`;
}

function firstWords(text: string): string {
  const words = text.trim().split(/\s+/).slice(0, 12).join(' ');
  return words.length > 0 ? `${words}…` : '';
}

function dedupe<T extends { id: string }>(items: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()];
}

/** People worth storing: speakers, and people the article describes with a role. */
function isSpeakerOrHasRole(extracted: ExtractedArticle, person: ExtractedPerson): boolean {
  return (
    person.roles.length > 0 ||
    extracted.quotes.some((q) =>
      q.speakers.some((s) => s.kind === 'person' && s.key === person.key),
    )
  );
}

function matchPeople(person: ExtractedPerson, existing: readonly Person[]): Person[] {
  const full = nameKey(person.name);
  const byName = existing.filter((p) => [p.name, ...p.aliases].some((n) => nameKey(n) === full));
  if (byName.length > 0 || person.name.includes(' ')) return byName;
  // A lone surname ("Trump") matches people who have it as an alias.
  return existing.filter((p) => p.aliases.some((a) => nameKey(a) === full));
}

/** Several candidates: the one whose roles share the most words with the article's wins; a tie is ambiguous. */
function chooseCandidate(
  person: ExtractedPerson,
  candidates: Person[],
): { person: Person; ambiguous: boolean } {
  const sorted = [...candidates].sort((a, b) => a.id.localeCompare(b.id));
  const first = sorted[0] as Person;
  if (sorted.length === 1) return { person: first, ambiguous: false };
  const words = new Set(
    person.roles.flatMap((r) => nameKey(r).split(/\W+/)).filter((w) => w.length > 3),
  );
  const scored = sorted.map((candidate) => ({
    candidate,
    score: candidate.roles.flatMap((r) => nameKey(r.title).split(/\W+/)).filter((w) => words.has(w))
      .length,
  }));
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  const second = scored[1];
  if (best && second && best.score > second.score)
    return { person: best.candidate, ambiguous: false };
  return { person: first, ambiguous: true };
}
