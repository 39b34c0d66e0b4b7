import type {
  FactStatus,
  Figure,
  FigureQualifier,
  Organisation,
  Person,
  Quote,
  SpeakerRef,
} from '@verbatim/domain/entities';
import { MemoryFactLookup } from '../src/memory-fact-lookup.ts';

const AT = '2026-01-01T00:00:00.000Z';

export function person(
  id: string,
  name: string,
  aliases: string[] = [],
  titles: string[] = [],
): Person {
  return {
    id,
    name,
    aliases,
    roles: titles.map((title) => ({ title, organisationId: null, period: null })),
    createdAt: AT,
    updatedAt: AT,
  };
}

export function organisation(id: string, name: string, aliases: string[] = []): Organisation {
  return { id, name, kind: 'organisation', aliases, createdAt: AT, updatedAt: AT };
}

export function quote(
  id: string,
  text: string,
  speaker: string | SpeakerRef,
  status: FactStatus = 'verified',
): Quote {
  const speakers: SpeakerRef[] = [
    typeof speaker === 'string' ? { kind: 'person', id: speaker } : speaker,
  ];
  return {
    id,
    text,
    speakers,
    speakerText: null,
    sourceId: 'src_1',
    span: { start: 0, end: text.length },
    sentence: text,
    kind: 'full',
    saidWhen: null,
    saidWhere: null,
    status,
    createdAt: AT,
    updatedAt: AT,
  };
}

export function figure(
  id: string,
  text: string,
  value: number,
  unit: string,
  qualifier: FigureQualifier,
  measures: string,
  status: FactStatus = 'verified',
  valueMax: number | null = null,
): Figure {
  return {
    id,
    value,
    valueMax,
    unit,
    qualifier,
    text,
    measures,
    sourceId: 'src_1',
    span: { start: 0, end: text.length },
    sentence: text,
    status,
    createdAt: AT,
    updatedAt: AT,
  };
}

/** A small world of invented facts the rule tables check against. */
export function sampleFacts(): MemoryFactLookup {
  return new MemoryFactLookup({
    people: [
      person('per_roe', 'Jane Roe', ['Roe', 'the Ontario premier'], ['Premier of Ontario']),
      person('per_doe', 'John Doe', ['Doe'], ['finance minister']),
      person('per_kim', 'Mina Kim', ['Kim'], ['harbour master of Port Elm']),
    ],
    organisations: [organisation('org_rail', 'Northline Rail', ['Northline'])],
    quotes: [
      quote('quo_bridge', 'We will build the bridge before the first snow falls.', 'per_roe'),
      quote(
        'quo_budget',
        'This budget is the biggest investment in transit our province has ever seen.',
        'per_roe',
      ),
      quote(
        'quo_ferry',
        'The ferry will run every hour, rain or shine, from May to October.',
        'per_kim',
      ),
      quote(
        'quo_tax',
        'Nobody earning less than forty thousand dollars will pay more tax.',
        'per_doe',
      ),
      quote('quo_rumour', 'The harbour will close for good next spring.', 'per_kim', 'candidate'),
      quote(
        'quo_disputed',
        'Our trains are the most punctual in the country.',
        { kind: 'organisation', id: 'org_rail' },
        'disputed',
      ),
      quote(
        'quo_retracted',
        'Every station will have a library by next year.',
        'per_doe',
        'retracted',
      ),
    ],
    figures: [
      figure(
        'fig_exports',
        'about 70%',
        70,
        'percent',
        'about',
        "share of Port Elm's exports that go by ferry",
      ),
      figure('fig_jobs', 'up to 49,000', 49000, 'count', 'up-to', 'jobs created by the new bridge'),
      figure(
        'fig_wait',
        'nearly a decade',
        10,
        'duration:year',
        'nearly',
        'time residents have waited for the bridge',
      ),
    ],
  });
}
