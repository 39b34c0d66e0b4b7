/**
 * Builds packages/store/seed/carney-beijing.dataset.json from the seed article and the
 * hand-made attribution tables below. The article itself is not shipped; only its facts are.
 *
 *   npx tsx packages/store/scripts/build-sample-dataset.ts path/to/000_27c8d82eaea8fc95.txt
 *
 * Spans are computed here (UTF-16 offsets of the words between the quotation marks), so a
 * table entry names the n-th quotation of the article and the first words it must start with;
 * the script fails if the article does not match.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '@verbatim/domain/dataset';
import type {
  Figure,
  FigureQualifier,
  Organisation,
  Person,
  Quote,
  QuoteKind,
  SpeakerRef,
  VerificationEvent,
} from '@verbatim/domain/entities';
import { serialiseDataset, validateDataset } from '../src/dataset-file.ts';

const articlePath = process.argv[2];
if (!articlePath) {
  console.error('usage: build-sample-dataset.ts ARTICLE.txt');
  process.exit(2);
}
const bytes = readFileSync(articlePath);
const article = bytes.toString('utf8');
const contentHash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

// One fixed time for everything the seed creates, so rebuilding changes nothing.
const AT = '2026-11-28T12:00:00.000Z';
const SOURCE_ID = 'src_carney_beijing';
const SOURCE_TITLE =
  'Carney’s trip to Beijing secures ‘preliminary but landmark’ trade deal and a ‘new world order’';

const organisations: Organisation[] = [
  org('org_government_of_canada', 'Government of Canada', 'government', ['Canada', 'Ottawa']),
  org('org_government_of_china', 'Government of China', 'government', ['China', 'Beijing']),
  org('org_government_of_the_united_states', 'Government of the United States', 'government', [
    'the US',
    'United States',
    'Washington',
  ]),
  org('org_government_of_ontario', 'Government of Ontario', 'government', ['Ontario']),
  org('org_chinese_foreign_ministry', 'Chinese foreign ministry', 'government', [
    'Ministry of Foreign Affairs of China',
  ]),
  org('org_conservative_party_of_canada', 'Conservative Party of Canada', 'party', [
    'the Conservatives',
  ]),
  org('org_chinese_communist_party', 'Chinese Communist party', 'party', [
    'Communist Party of China',
  ]),
  org(
    'org_asia_pacific_foundation_of_canada',
    'Asia Pacific Foundation of Canada',
    'organisation',
    [],
  ),
  org('org_university_of_toronto', 'University of Toronto', 'organisation', []),
  org('org_international_crisis_group', 'International Crisis Group', 'organisation', [
    'Crisis Group',
  ]),
  org('org_renmin_university', 'Renmin University', 'organisation', ['Renmin University of China']),
  org('org_peoples_daily', 'People’s Daily', 'outlet', []),
  org('org_apec', 'Asia-Pacific Economic Cooperation', 'organisation', ['Apec']),
];

const people: Person[] = [
  person(
    'per_mark_carney',
    'Mark Carney',
    ['Carney', 'Mr Carney', 'Prime minister Carney', 'the Canadian prime minister'],
    [
      {
        title: 'prime minister of Canada',
        organisationId: 'org_government_of_canada',
        period: null,
      },
    ],
  ),
  person(
    'per_donald_trump',
    'Donald Trump',
    ['Trump', 'the US president'],
    [
      {
        title: 'president of the United States',
        organisationId: 'org_government_of_the_united_states',
        period: null,
      },
    ],
  ),
  person(
    'per_xi_jinping',
    'Xi Jinping',
    ['Xi', 'the Chinese president'],
    [{ title: 'president of China', organisationId: 'org_government_of_china', period: null }],
  ),
  person(
    'per_guy_saint_jacques',
    'Guy Saint-Jacques',
    ['Saint-Jacques'],
    [
      {
        title: 'former Canadian ambassador to China',
        organisationId: 'org_government_of_canada',
        period: 'former',
      },
    ],
  ),
  person(
    'per_lynette_ong',
    'Lynette Ong',
    ['Ong'],
    [
      {
        title: 'professor of political science and China scholar',
        organisationId: 'org_university_of_toronto',
        period: null,
      },
    ],
  ),
  person(
    'per_vina_nadjibulla',
    'Vina Nadjibulla',
    ['Nadjibulla'],
    [
      {
        title: 'vice-president',
        organisationId: 'org_asia_pacific_foundation_of_canada',
        period: null,
      },
    ],
  ),
  person(
    'per_pierre_poilievre',
    'Pierre Poilievre',
    ['Poilievre', 'the Conservative leader'],
    [
      {
        title: 'leader of the Conservative party',
        organisationId: 'org_conservative_party_of_canada',
        period: null,
      },
    ],
  ),
  person(
    'per_doug_ford',
    'Doug Ford',
    ['Ford', 'the Ontario premier'],
    [{ title: 'premier of Ontario', organisationId: 'org_government_of_ontario', period: null }],
  ),
  person(
    'per_michael_kovrig',
    'Michael Kovrig',
    ['Kovrig'],
    [
      { title: 'former diplomat', organisationId: null, period: 'former' },
      {
        title: 'senior Asia adviser',
        organisationId: 'org_international_crisis_group',
        period: null,
      },
    ],
  ),
  person(
    'per_wang_wen',
    'Wang Wen',
    [],
    [{ title: 'professor', organisationId: 'org_renmin_university', period: null }],
  ),
  person(
    'per_jin_zhen',
    'Jin Zhen',
    [],
    [{ title: 'professor', organisationId: 'org_renmin_university', period: null }],
  ),
  person(
    'per_lillian_yang',
    'Lillian Yang',
    [],
    [{ title: 'additional research for the article', organisationId: null, period: null }],
  ),
];

const CARNEY = p('per_mark_carney');
const TRUMP = p('per_donald_trump');
const XI = p('per_xi_jinping');
const SAINT_JACQUES = p('per_guy_saint_jacques');
const ONG = p('per_lynette_ong');
const NADJIBULLA = p('per_vina_nadjibulla');
const POILIEVRE = p('per_pierre_poilievre');
const FORD = p('per_doug_ford');
const KOVRIG = p('per_michael_kovrig');
const WANG_WEN = p('per_wang_wen');
const JIN_ZHEN = p('per_jin_zhen');
const CHINA = o('org_government_of_china');
const CANADA = o('org_government_of_canada');

interface QuoteRow {
  /** The n-th quotation (“…”) of the article, from 1. */
  n: number;
  startsWith: string;
  speakers: SpeakerRef[];
  speakerText: string | null;
  kind: QuoteKind;
  saidWhen?: string;
  saidWhere?: string;
}

// Who said each quotation. See docs/decisions/022-seed-article-attributions.md for the calls.
const quoteRows: QuoteRow[] = [
  {
    n: 1,
    startsWith: 'preliminary but landmark',
    speakers: [CARNEY],
    speakerText: 'what he described as',
    kind: 'fragment',
  },
  // The lede echoes Carney's own phrase, which paragraph 9 attributes to him.
  {
    n: 2,
    startsWith: 'new world order',
    speakers: [CARNEY],
    speakerText: 'a recognition – welcomed by Beijing – that countries are operating in',
    kind: 'fragment',
  },
  {
    n: 3,
    startsWith: 'The main goal',
    speakers: [SAINT_JACQUES],
    speakerText: 'Guy Saint-Jacques, a former Canadian ambassador to China, said',
    kind: 'full',
  },
  {
    n: 4,
    startsWith: 'Mr Carney is driven',
    speakers: [SAINT_JACQUES],
    speakerText: 'Saint-Jacques said',
    kind: 'full',
  },
  {
    n: 5,
    startsWith: 'Well, it’s OK',
    speakers: [TRUMP],
    speakerText: 'Trump told reporters on Friday at the White House',
    kind: 'full',
    saidWhen: 'on Friday',
    saidWhere: 'told reporters at the White House',
  },
  {
    n: 6,
    startsWith: 'If you can get a deal',
    speakers: [TRUMP],
    speakerText: 'Trump told reporters on Friday at the White House',
    kind: 'full',
    saidWhen: 'on Friday',
    saidWhere: 'told reporters at the White House',
  },
  {
    n: 7,
    startsWith: 'new world order',
    speakers: [CARNEY],
    speakerText: 'Carney told reporters',
    kind: 'fragment',
    saidWhen: 'on Thursday',
    saidWhere: 'told reporters in Beijing',
  },
  {
    n: 8,
    startsWith: 'desperate',
    speakers: [ONG],
    speakerText:
      'said Lynette Ong, a professor of political science and China scholar at the University of Toronto',
    kind: 'fragment',
  },
  {
    n: 9,
    startsWith: 'Despite the headlines',
    speakers: [ONG],
    speakerText: 'she said',
    kind: 'full',
  },
  {
    n: 10,
    startsWith: 'And leadership in Beijing',
    speakers: [ONG],
    speakerText: 'she said',
    kind: 'full',
  },
  {
    n: 11,
    startsWith: 'in good faith',
    speakers: [ONG],
    speakerText: 'She also pointed out',
    kind: 'fragment',
  },
  {
    n: 12,
    startsWith: 'a preliminary, provisional agreement',
    speakers: [CHINA, CANADA],
    speakerText: 'China and Canada announced',
    kind: 'fragment',
    saidWhen: 'on Friday',
  },
  {
    n: 13,
    startsWith: 'It is perhaps the most',
    speakers: [NADJIBULLA],
    speakerText: 'she said',
    kind: 'full',
  },
  {
    n: 14,
    startsWith: 'And it’s a bold move',
    speakers: [NADJIBULLA],
    speakerText: 'she said',
    kind: 'full',
  },
  {
    n: 15,
    startsWith: 'divided and fragmented',
    speakers: [CARNEY],
    speakerText: 'Carney himself said',
    kind: 'fragment',
  },
  {
    n: 16,
    startsWith: 'Prime minister Carney must explain',
    speakers: [POILIEVRE],
    speakerText: 'said the Conservative leader, Pierre Poilievre',
    kind: 'full',
  },
  {
    n: 17,
    startsWith: 'Make no mistake',
    speakers: [FORD],
    speakerText:
      'The Ontario premier, Doug Ford, criticised the move to reduce tariffs on electric vehicles.',
    kind: 'full',
  },
  {
    n: 18,
    startsWith: 'creative agreement',
    speakers: [NADJIBULLA],
    speakerText: 'Nadjibulla said it was',
    kind: 'fragment',
  },
  {
    n: 19,
    startsWith: 'uncertain',
    speakers: [NADJIBULLA],
    speakerText: 'Nadjibulla said',
    kind: 'fragment',
  },
  {
    n: 20,
    startsWith: 'Carney made it through',
    speakers: [NADJIBULLA],
    speakerText: 'she said',
    kind: 'full',
  },
  { n: 21, startsWith: 'worrisome', speakers: [NADJIBULLA], speakerText: null, kind: 'fragment' },
  // A paragraph of its own with no attribution: it continues Nadjibulla's quotes above.
  {
    n: 22,
    startsWith: 'We’ve already learned',
    speakers: [NADJIBULLA],
    speakerText: null,
    kind: 'full',
  },
  { n: 23, startsWith: 'turnaround', speakers: [XI], speakerText: 'Xi hailed', kind: 'fragment' },
  {
    n: 24,
    startsWith: 'Instead of blindly adhering',
    speakers: [WANG_WEN, JIN_ZHEN],
    speakerText: 'Wang Wen and Jin Zhen, professors at Renmin University in Beijing, wrote',
    kind: 'full',
    saidWhere: 'in an article for People’s Daily',
  },
  {
    n: 25,
    startsWith: 'Every new government',
    speakers: [KOVRIG],
    speakerText:
      'said Michael Kovrig, a former diplomat and senior Asia adviser for the thinktank International Crisis Group',
    kind: 'full',
  },
  {
    n: 26,
    startsWith: 'History says otherwise',
    speakers: [KOVRIG],
    speakerText: 'said Michael Kovrig',
    kind: 'full',
  },
  {
    n: 27,
    startsWith: 'over-reliance',
    speakers: [KOVRIG],
    speakerText: 'Kovrig also cautioned',
    kind: 'fragment',
  },
  {
    n: 28,
    startsWith: 'China is not just another market',
    speakers: [KOVRIG],
    speakerText: 'Kovrig also cautioned',
    kind: 'full',
  },
  {
    n: 29,
    startsWith: 'red lines',
    speakers: [CARNEY],
    speakerText: 'Carney also spoke of',
    kind: 'fragment',
  },
  {
    n: 30,
    startsWith: 'We take the world as it is',
    speakers: [CARNEY],
    speakerText: 'he added',
    kind: 'full',
  },
];

interface FigureRow {
  text: string;
  value: number;
  valueMax?: number;
  unit: string;
  qualifier: FigureQualifier;
  measures: string;
}

const figureRows: FigureRow[] = [
  {
    text: 'nearly a decade',
    value: 10,
    unit: 'duration:year',
    qualifier: 'nearly',
    measures: 'time since a Canadian prime minister was last welcomed in Beijing',
  },
  {
    text: 'about 70%',
    value: 70,
    unit: 'percent',
    qualifier: 'about',
    measures: 'share of Canada’s exports that go to the US',
  },
  {
    text: 'up to 49,000',
    value: 49000,
    unit: 'count',
    qualifier: 'up-to',
    measures:
      'Chinese electric vehicles allowed into the Canadian market under the preliminary agreement',
  },
  {
    text: 'multibillion dollar',
    value: 2000000000,
    unit: 'currency:CAD',
    qualifier: 'at-least',
    measures: 'size of Canada’s auto sector',
  },
  {
    text: '2025',
    value: 2025,
    unit: 'year',
    qualifier: 'exact',
    measures: 'year of the Apec summit in South Korea where Xi met Carney',
  },
];

// ------------------------------------------------------------------------------------------------

const quotations = [...article.matchAll(/\u201C([^\u201D]*)\u201D/g)].map((match) => ({
  text: match[1] ?? '',
  start: (match.index ?? 0) + 1,
}));
if (quotations.length !== quoteRows.length) {
  throw new Error(`the article has ${quotations.length} quotations, the table ${quoteRows.length}`);
}

const quotes: Quote[] = quoteRows.map((row) => {
  const quotation = quotations[row.n - 1];
  if (!quotation?.text.startsWith(row.startsWith)) {
    throw new Error(`quotation ${row.n} does not start with "${row.startsWith}"`);
  }
  const span = { start: quotation.start, end: quotation.start + quotation.text.length };
  return {
    id: `quo_carney_beijing_${String(row.n).padStart(2, '0')}`,
    text: quotation.text,
    speakers: row.speakers,
    speakerText: row.speakerText,
    sourceId: SOURCE_ID,
    span,
    sentence: sentenceAround(span.start, span.end),
    kind: row.kind,
    saidWhen: row.saidWhen ?? null,
    saidWhere: row.saidWhere ?? null,
    status: 'verified',
    createdAt: AT,
    updatedAt: AT,
  };
});

const figures: Figure[] = figureRows.map((row, index) => {
  const start = article.indexOf(row.text);
  if (start < 0 || article.indexOf(row.text, start + 1) >= 0) {
    throw new Error(`figure "${row.text}" is not in the article exactly once`);
  }
  const span = { start, end: start + row.text.length };
  return {
    id: `fig_carney_beijing_${String(index + 1).padStart(2, '0')}`,
    value: row.value,
    valueMax: row.valueMax ?? null,
    unit: row.unit,
    qualifier: row.qualifier,
    text: row.text,
    measures: row.measures,
    sourceId: SOURCE_ID,
    span,
    sentence: sentenceAround(span.start, span.end),
    status: 'verified',
    createdAt: AT,
    updatedAt: AT,
  };
});

const note = `Published in the seed article “${SOURCE_TITLE}” (${contentHash.slice(0, 19)}…)`;
const events: VerificationEvent[] = [
  ...quotes.map((quote) => verified('quote', quote.id)),
  ...figures.map((figure) => verified('figure', figure.id)),
];

const byId = <T extends { id: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const dataset: Dataset = validateDataset({
  format: 'verbatim-dataset',
  version: 1,
  sources: [
    {
      id: SOURCE_ID,
      title: SOURCE_TITLE,
      outlet: null,
      byline: null,
      url: null,
      publishedOn: null,
      language: 'en',
      contentHash,
      createdAt: AT,
      updatedAt: AT,
    },
  ],
  organisations: byId(organisations),
  people: byId(people),
  quotes: byId(quotes),
  figures: byId(figures),
  events,
});

const out = fileURLToPath(new URL('../seed/carney-beijing.dataset.json', import.meta.url));
writeFileSync(out, serialiseDataset(dataset));
console.log(
  `wrote ${out}: ${quotes.length} quotes, ${figures.length} figures, ${people.length} people`,
);

// ------------------------------------------------------------------------------------------------

function org(
  id: string,
  name: string,
  kind: Organisation['kind'],
  aliases: string[],
): Organisation {
  return { id, name, kind, aliases, createdAt: AT, updatedAt: AT };
}

function person(id: string, name: string, aliases: string[], roles: Person['roles']): Person {
  return { id, name, aliases, roles, createdAt: AT, updatedAt: AT };
}

function p(id: string): SpeakerRef {
  if (!people.some((entry) => entry.id === id)) throw new Error(`no person ${id}`);
  return { kind: 'person', id };
}

function o(id: string): SpeakerRef {
  if (!organisations.some((entry) => entry.id === id)) throw new Error(`no organisation ${id}`);
  return { kind: 'organisation', id };
}

function verified(factKind: 'quote' | 'figure', factId: string): VerificationEvent {
  return {
    id: `evt_${factId}_verified`,
    factKind,
    factId,
    status: 'verified',
    actor: 'Verbatim seed',
    at: AT,
    method: 'published article',
    note,
  };
}

/**
 * The sentence(s) a span stands in, quotation marks included. Sentences end at . ? ! (and a
 * closing quotation mark after them) followed by white space, but never inside a quotation, so
 * a multi-sentence quote stays in one piece with its attribution.
 */
function sentenceAround(start: number, end: number): string {
  const paragraphStart = article.lastIndexOf('\n', start - 1) + 1;
  const newline = article.indexOf('\n', end);
  const paragraphEnd = newline < 0 ? article.length : newline;
  const boundaries = [paragraphStart];
  let inQuotation = false;
  for (let index = paragraphStart; index < paragraphEnd; index++) {
    const character = article[index];
    if (character === '\u201C') inQuotation = true;
    if (character === '\u201D') inQuotation = false;
    const next = article[index + 1];
    if (!inQuotation && /[.?!\u201D]/.test(character ?? '') && next === ' ') {
      const previous = article[index - 1] ?? '';
      if (character !== '\u201D' || /[.?!]/.test(previous)) boundaries.push(index + 2);
    }
  }
  boundaries.push(paragraphEnd + 1);
  let from = paragraphStart;
  let to = paragraphEnd;
  for (const boundary of boundaries) {
    if (boundary <= start - 1) from = boundary;
  }
  for (const boundary of boundaries) {
    if (boundary - 1 >= end) {
      to = boundary - 1;
      break;
    }
  }
  return article.slice(from, to).trim();
}
