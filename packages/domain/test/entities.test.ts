import { describe, expect, it } from 'vitest';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset, DatasetSchema } from '../src/dataset.ts';
import {
  type Figure,
  FigureSchema,
  FigureUnitSchema,
  newId,
  type Organisation,
  OrganisationSchema,
  type Person,
  PersonSchema,
  type Quote,
  QuoteSchema,
  type Source,
  SourceSchema,
  SpanSchema,
  SpeakerRefSchema,
  TimestampSchema,
  type VerificationEvent,
  VerificationEventSchema,
} from '../src/entities.ts';
import {
  type Finding,
  FindingSchema,
  LineColumnSchema,
  RULE_IDS,
  RuleIdSchema,
} from '../src/findings.ts';

const at = '2026-01-16T09:30:00.000Z';

const source: Source = {
  id: 'src_seed',
  title: 'Carney secures ‘landmark’ trade deal in Beijing',
  outlet: 'The Guardian',
  byline: 'Staff and agencies',
  url: 'https://www.theguardian.com/world/2026/jan/16/carney-china-visit',
  publishedOn: '2026-01-16',
  language: 'en-GB',
  contentHash: `sha256:${'a'.repeat(64)}`,
  createdAt: at,
  updatedAt: at,
};

const organisation: Organisation = {
  id: 'org_crisis_group',
  name: 'International Crisis Group',
  kind: 'organisation',
  aliases: ['Crisis Group'],
  createdAt: at,
  updatedAt: at,
};

const person: Person = {
  id: 'per_kovrig',
  name: 'Michael Kovrig',
  aliases: ['Kovrig'],
  roles: [
    { title: 'former diplomat', organisationId: null, period: 'former' },
    { title: 'senior Asia adviser', organisationId: 'org_crisis_group', period: null },
  ],
  createdAt: at,
  updatedAt: at,
};

const quote: Quote = {
  id: 'quo_history',
  text: 'History says otherwise.',
  speakers: [{ kind: 'person', id: 'per_kovrig' }],
  speakerText: 'Michael Kovrig, a former diplomat',
  sourceId: 'src_seed',
  span: { start: 100, end: 123 },
  sentence: '“History says otherwise.”',
  kind: 'full',
  saidWhen: null,
  saidWhere: null,
  status: 'verified',
  createdAt: at,
  updatedAt: at,
};

const figure: Figure = {
  id: 'fig_exports',
  value: 70,
  valueMax: null,
  unit: 'percent',
  qualifier: 'about',
  text: 'about 70%',
  measures: 'share of Canada’s exports that go to the US',
  sourceId: 'src_seed',
  span: { start: 1210, end: 1219 },
  sentence: 'Canada sends about 70% of its exports to the US.',
  status: 'verified',
  createdAt: at,
  updatedAt: at,
};

const event: VerificationEvent = {
  id: 'evt_1',
  factKind: 'figure',
  factId: 'fig_exports',
  status: 'verified',
  actor: 'seed',
  at,
  method: 'published article',
  note: null,
};

const finding: Finding = {
  rule: 'figure/mismatch',
  severity: 'error',
  message: 'The verified figure is “about 70%”.',
  start: 10,
  end: 13,
  fact: { kind: 'figure', id: 'fig_exports' },
  verifiedText: 'about 70%',
  replacement: 'about 70%',
};

/** A copy of `value` with `changes` applied, typed loosely so invalid values can be built. */
function withChanges<T extends object>(value: T, changes: Record<string, unknown>): unknown {
  return { ...value, ...changes };
}

function without<T extends object>(value: T, key: keyof T): unknown {
  const copy = { ...value } as Record<string, unknown>;
  delete copy[key as string];
  return copy;
}

describe('entity schemas accept valid entities unchanged', () => {
  it.each([
    ['Source', SourceSchema, source],
    ['Organisation', OrganisationSchema, organisation],
    ['Person', PersonSchema, person],
    ['Quote', QuoteSchema, quote],
    ['Figure', FigureSchema, figure],
    ['VerificationEvent', VerificationEventSchema, event],
    ['Finding', FindingSchema, finding],
  ] as const)('%s', (_name, schema, value) => {
    expect(schema.parse(value)).toEqual(value);
  });

  it.each([
    [
      'a source with unknown outlet, byline, URL and date',
      SourceSchema,
      withChanges(source, { outlet: null, byline: null, url: null, publishedOn: null }),
    ],
    [
      'a quote said by several people',
      QuoteSchema,
      withChanges(quote, {
        speakers: [
          { kind: 'person', id: 'per_wang' },
          { kind: 'person', id: 'per_jin' },
        ],
      }),
    ],
    [
      'a quote said by a government',
      QuoteSchema,
      withChanges(quote, { speakers: [{ kind: 'organisation', id: 'org_beijing' }] }),
    ],
    [
      'a fragment with when and where',
      QuoteSchema,
      withChanges(quote, {
        text: 'new world order',
        kind: 'fragment',
        saidWhen: 'on Friday',
        saidWhere: 'told reporters at the White House',
      }),
    ],
    [
      'a range figure',
      FigureSchema,
      withChanges(figure, { value: 3, valueMax: 5, qualifier: 'range', text: '3–5%' }),
    ],
    [
      'a figure in Canadian dollars',
      FigureSchema,
      withChanges(figure, {
        value: 3e9,
        unit: 'currency:CAD',
        qualifier: 'exact',
        text: 'C$3 billion',
      }),
    ],
    [
      'a duration figure',
      FigureSchema,
      withChanges(figure, {
        value: 10,
        unit: 'duration:year',
        qualifier: 'nearly',
        text: 'nearly a decade',
      }),
    ],
    ['an empty span', SpanSchema, { start: 5, end: 5 }],
    ['a timestamp with an offset', TimestampSchema, '2026-01-16T09:30:00+08:00'],
    [
      'a finding with no fact',
      FindingSchema,
      withChanges(finding, {
        rule: 'quote/unverified',
        severity: 'warning',
        fact: null,
        verifiedText: null,
        replacement: null,
      }),
    ],
  ] as const)('%s', (_name, schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });
});

describe('entity schemas reject invalid entities', () => {
  it.each([
    ['a source without an id', SourceSchema, withChanges(source, { id: '' })],
    ['a source without a title', SourceSchema, withChanges(source, { title: '' })],
    ['a source with a bad URL', SourceSchema, withChanges(source, { url: 'not a url' })],
    ['a source with a bad date', SourceSchema, withChanges(source, { publishedOn: '16/01/2026' })],
    [
      'a source with a bad content hash',
      SourceSchema,
      withChanges(source, { contentHash: 'md5:abc' }),
    ],
    ['a source with a one-letter language', SourceSchema, withChanges(source, { language: 'e' })],
    ['a source without a creation time', SourceSchema, without(source, 'createdAt')],
    ['a timestamp without a time zone', TimestampSchema, '2026-01-16T09:30:00'],
    [
      'an organisation of an unknown kind',
      OrganisationSchema,
      withChanges(organisation, { kind: 'club' }),
    ],
    [
      'an organisation with an empty alias',
      OrganisationSchema,
      withChanges(organisation, { aliases: [''] }),
    ],
    ['a person without a name', PersonSchema, withChanges(person, { name: '' })],
    [
      'a person with a role without a title',
      PersonSchema,
      withChanges(person, { roles: [{ title: '', organisationId: null, period: null }] }),
    ],
    ['a person whose roles are missing', PersonSchema, without(person, 'roles')],
    ['a quote without speakers', QuoteSchema, withChanges(quote, { speakers: [] })],
    ['a quote with empty text', QuoteSchema, withChanges(quote, { text: '' })],
    ['a quote with an unknown kind', QuoteSchema, withChanges(quote, { kind: 'paraphrase' })],
    ['a quote with an unknown status', QuoteSchema, withChanges(quote, { status: 'approved' })],
    [
      'a quote whose span ends before it starts',
      QuoteSchema,
      withChanges(quote, { span: { start: 10, end: 5 } }),
    ],
    ['a span with a negative start', SpanSchema, { start: -1, end: 5 }],
    ['a span with fractional offsets', SpanSchema, { start: 1.5, end: 5 }],
    ['a speaker of an unknown kind', SpeakerRefSchema, { kind: 'animal', id: 'x' }],
    [
      'a figure with an infinite value',
      FigureSchema,
      withChanges(figure, { value: Number.POSITIVE_INFINITY }),
    ],
    [
      'a figure with an unknown qualifier',
      FigureSchema,
      withChanges(figure, { qualifier: 'maybe' }),
    ],
    ['a figure without what it measures', FigureSchema, withChanges(figure, { measures: '' })],
    ['a figure with an upper-case unit', FigureSchema, withChanges(figure, { unit: 'Percent' })],
    [
      'an event for an unknown kind of fact',
      VerificationEventSchema,
      withChanges(event, { factKind: 'person' }),
    ],
    ['an event without an actor', VerificationEventSchema, withChanges(event, { actor: '' })],
    ['a finding with an unknown rule', FindingSchema, withChanges(finding, { rule: 'quote/typo' })],
    ['a finding with severity “off”', FindingSchema, withChanges(finding, { severity: 'off' })],
    ['a finding with a negative offset', FindingSchema, withChanges(finding, { start: -1 })],
    ['a line number of zero', LineColumnSchema, { line: 0, column: 1 }],
  ] as const)('%s', (_name, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });

  it('names the field that is wrong', () => {
    const result = QuoteSchema.safeParse(withChanges(quote, { span: { start: 10, end: 5 } }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['span']);
    expect(result.error?.issues[0]?.message).toBe('span end must not precede its start');
  });
});

describe('figure units', () => {
  it.each([
    'percent',
    'count',
    'currency:USD',
    'currency:CAD',
    'year',
    'duration:year',
    'fraction',
    'percentagepoint',
  ])('accepts %s', (unit) => {
    expect(FigureUnitSchema.safeParse(unit).success).toBe(true);
  });
  it.each(['', 'Percent', 'currency:', 'duration:year:month', 'per cent', 'currency:US-D'])(
    'rejects %j',
    (unit) => {
      expect(FigureUnitSchema.safeParse(unit).success).toBe(false);
    },
  );
});

describe('findings', () => {
  it('lists every rule id', () => {
    expect(RULE_IDS).toEqual(RuleIdSchema.options);
    expect(RULE_IDS).toContain('figure/mismatch');
  });
});

describe('DatasetSchema', () => {
  const dataset: Dataset = {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    sources: [source],
    organisations: [organisation],
    people: [person],
    quotes: [quote],
    figures: [figure],
    events: [
      event,
      withChanges(event, {
        id: 'evt_2',
        factKind: 'quote',
        factId: 'quo_history',
      }) as VerificationEvent,
    ],
  };

  it('accepts a dataset with every kind of entity', () => {
    expect(DatasetSchema.parse(dataset)).toEqual(dataset);
  });

  it('accepts an empty dataset', () => {
    const empty = {
      format: DATASET_FORMAT,
      version: DATASET_VERSION,
      sources: [],
      organisations: [],
      people: [],
      quotes: [],
      figures: [],
      events: [],
    };
    expect(DatasetSchema.safeParse(empty).success).toBe(true);
  });

  it.each([
    ['another format', withChanges(dataset, { format: 'something-else' })],
    ['a future version', withChanges(dataset, { version: 2 })],
    ['a missing list', without(dataset, 'events')],
    [
      'an invalid entity inside',
      withChanges(dataset, { figures: [withChanges(figure, { value: 'seventy' })] }),
    ],
  ])('rejects %s', (_name, value) => {
    expect(DatasetSchema.safeParse(value).success).toBe(false);
  });

  it('points at the invalid entity', () => {
    const result = DatasetSchema.safeParse(
      withChanges(dataset, { quotes: [quote, withChanges(quote, { text: '' })] }),
    );
    expect(result.error?.issues[0]?.path).toEqual(['quotes', 1, 'text']);
  });
});

describe('newId', () => {
  it('gives distinct ids with their kind as prefix', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newId('quo')));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^quo_[0-9a-f]{32}$/);
  });
});
