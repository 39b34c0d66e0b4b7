/**
 * Writes corpus/facts.dataset.json: the invented facts (the town of Kestrel Bay) the accuracy
 * corpus is checked against. Run after editing: `npx tsx scripts/build-corpus-facts.ts`.
 */
// biome-ignore lint/style/noRestrictedImports: a build script beside the pure package writes its corpus file.
import { writeFileSync } from 'node:fs';
import type { Dataset } from '@verbatim/domain/dataset';
import type { FactStatus, Figure, FigureQualifier, Person, Quote } from '@verbatim/domain/entities';

const at = '2026-03-01T00:00:00.000Z';
const sourceId = 'src_kestrel_gazette';

function person(id: string, name: string, aliases: string[], title: string): Person {
  return {
    id,
    name,
    aliases,
    roles: [{ title, organisationId: null, period: null }],
    createdAt: at,
    updatedAt: at,
  };
}

function quote(
  id: string,
  text: string,
  speaker: string,
  status: FactStatus = 'verified',
  kind: 'person' | 'organisation' = 'person',
): Quote {
  return {
    id,
    text,
    speakers: [{ kind, id: speaker }],
    speakerText: null,
    sourceId,
    span: { start: 0, end: text.length },
    sentence: text,
    kind: 'full',
    saidWhen: null,
    saidWhere: null,
    status,
    createdAt: at,
    updatedAt: at,
  };
}

function figure(
  id: string,
  text: string,
  value: number,
  unit: string,
  qualifier: FigureQualifier,
  measures: string,
): Figure {
  return {
    id,
    value,
    valueMax: null,
    unit,
    qualifier,
    text,
    measures,
    sourceId,
    span: { start: 0, end: text.length },
    sentence: text,
    status: 'verified',
    createdAt: at,
    updatedAt: at,
  };
}

const dataset: Dataset = {
  format: 'verbatim-dataset',
  version: 1,
  sources: [
    {
      id: sourceId,
      title: 'Kestrel Bay council approves the seawall',
      outlet: 'Kestrel Bay Gazette',
      byline: null,
      url: null,
      publishedOn: '2026-02-27',
      language: 'en',
      contentHash: `sha256:${'0'.repeat(64)}`,
      createdAt: at,
      updatedAt: at,
    },
  ],
  organisations: [
    {
      id: 'org_port',
      name: 'Kestrel Bay Port Authority',
      kind: 'organisation',
      aliases: ['the port authority', 'Port Authority'],
      createdAt: at,
      updatedAt: at,
    },
  ],
  people: [
    person(
      'per_vance',
      'Aurelia Vance',
      ['Vance', 'Mayor Vance', 'the mayor', 'the Kestrel Bay mayor'],
      'Mayor of Kestrel Bay',
    ),
    person(
      'per_lindqvist',
      'Tomasz Lindqvist',
      ['Lindqvist', 'Dr Lindqvist', 'the hospital chief'],
      'chief executive of Kestrel Bay General Hospital',
    ),
    person(
      'per_okonkwo',
      'Priya Okonkwo',
      ['Okonkwo', 'the union leader'],
      "president of the Dockworkers' Union",
    ),
    person(
      'per_marchetti',
      'Hélène Marchetti',
      ['Marchetti', 'the environment minister'],
      'environment minister',
    ),
    person('per_brandt', 'Oskar Brandt', ['Brandt', 'Councillor Brandt'], 'opposition councillor'),
  ],
  quotes: [
    quote('quo_carpark', 'We will not let the harbour become a car park.', 'per_vance'),
    quote(
      'quo_doctor',
      'Every family in this town deserves a doctor they can actually see.',
      'per_vance',
    ),
    quote(
      'quo_seawall',
      'The seawall is the most important thing this council will build in a generation.',
      'per_vance',
    ),
    quote('quo_tram', 'I have never promised a tram, and I am not promising one now.', 'per_vance'),
    quote(
      'quo_half',
      'Our emergency department was built for half the patients it sees today.',
      'per_lindqvist',
    ),
    quote(
      'quo_trolley',
      'Nobody should wait eleven hours on a trolley, and yet they do, every single week.',
      'per_lindqvist',
    ),
    quote(
      'quo_automation',
      'If the port automates, four hundred families lose their income overnight.',
      'per_okonkwo',
    ),
    quote(
      'quo_machines',
      'We are not against machines; we are against being thrown away.',
      'per_okonkwo',
    ),
    quote(
      'quo_water',
      "The bay's water quality has improved more in five years than in the previous fifty.",
      'per_marchetti',
    ),
    quote(
      'quo_dredge',
      'We cannot dredge our way out of a problem we created on land.',
      'per_marchetti',
    ),
    quote(
      'quo_luxury',
      'Clean water is not a luxury, it is the minimum we owe the people who live here.',
      'per_marchetti',
    ),
    quote(
      'quo_ribbon',
      'This budget borrows from our children to pay for a ribbon-cutting.',
      'per_brandt',
    ),
    quote(
      'quo_cranes',
      'The new cranes will be operational by the spring, weather permitting.',
      'org_port',
      'verified',
      'organisation',
    ),
    quote(
      'quo_maternity',
      'We may have to close the maternity ward at night.',
      'per_lindqvist',
      'candidate',
    ),
    quote(
      'quo_lied',
      'The port authority lied to us about the contracts.',
      'per_okonkwo',
      'disputed',
    ),
    quote(
      'quo_report',
      'The mayor knew about the flooding report in March.',
      'per_brandt',
      'retracted',
    ),
  ],
  figures: [
    figure(
      'fig_catch',
      'about 70%',
      70,
      'percent',
      'about',
      "share of Kestrel Bay's fish catch that is exported",
    ),
    figure('fig_jobs', 'up to 1,200', 1200, 'count', 'up-to', 'port jobs threatened by automation'),
    figure(
      'fig_delay',
      'nearly a decade',
      10,
      'duration:year',
      'nearly',
      'time the seawall project has been delayed',
    ),
    figure(
      'fig_cost',
      '$48 million',
      48_000_000,
      'currency:USD',
      'exact',
      'cost of the new seawall',
    ),
    figure(
      'fig_wait',
      '11 hours',
      11,
      'duration:hour',
      'exact',
      'average wait in the hospital emergency department',
    ),
    figure(
      'fig_residents',
      'about 38,000',
      38_000,
      'count',
      'about',
      'residents living in Kestrel Bay',
    ),
    figure(
      'fig_traffic',
      '12%',
      12,
      'percent',
      'exact',
      'rise in container traffic through the port last year',
    ),
    figure(
      'fig_patients',
      'more than 600',
      600,
      'count',
      'more-than',
      'patients treated in the emergency department each week',
    ),
  ],
  events: [],
};

const target = new URL('../corpus/facts.dataset.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(dataset, null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
