import type { Dataset } from '@verbatim/domain/dataset';
import type { Person, Quote } from '@verbatim/domain/entities';

/** Test datasets of one source, `src_one`, and quotes built from their text. */
export const FIXTURE_AT = '2026-01-01T00:00:00.000Z';

export function fixtureQuote(
  index: number,
  text: string,
  speakerId: string,
  overrides: Partial<Quote> = {},
): Quote {
  return {
    id: `quo_${String(index).padStart(3, '0')}`,
    text,
    speakers: [{ kind: 'person', id: speakerId }],
    speakerText: null,
    sourceId: 'src_one',
    span: { start: 0, end: text.length },
    sentence: text,
    kind: 'full',
    saidWhen: null,
    saidWhere: null,
    status: 'verified',
    createdAt: FIXTURE_AT,
    updatedAt: FIXTURE_AT,
    ...overrides,
  };
}

export function fixturePerson(id: string, name: string): Person {
  return { id, name, aliases: [], roles: [], createdAt: FIXTURE_AT, updatedAt: FIXTURE_AT };
}

export function oneSourceDataset(people: Person[], quotes: Quote[]): Dataset {
  return {
    format: 'verbatim-dataset',
    version: 1,
    sources: [
      {
        id: 'src_one',
        title: 'One',
        outlet: null,
        byline: null,
        url: null,
        publishedOn: '2026-01-01',
        language: 'en',
        contentHash: `sha256:${'a'.repeat(64)}`,
        createdAt: FIXTURE_AT,
        updatedAt: FIXTURE_AT,
      },
    ],
    organisations: [],
    people,
    quotes,
    figures: [],
    events: [],
  };
}
