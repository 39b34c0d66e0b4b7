import { DatasetSchema } from '@verbatim/domain/dataset';
import type { Person } from '@verbatim/domain/entities';
import { describe, expect, it } from 'vitest';
import { toDatasetFragment } from '../src/dataset-fragment.ts';
import { extractArticle } from '../src/extract.ts';

const NOW = '2026-11-28T12:00:00.000Z';
const HASH = `sha256:${'a'.repeat(64)}`;
const text = [
  'Harbour plan approved',
  'By Rachel Osei',
  '',
  '“This is a turning point,” said Siân Howells, the council leader.',
  '“We will see them in court,” Smith said.',
  'The plan costs about £420m.',
].join('\n');

function person(id: string, name: string, aliases: string[], roles: string[] = []): Person {
  return {
    id,
    name,
    aliases,
    roles: roles.map((title) => ({ title, organisationId: null, period: null })),
    createdAt: NOW,
    updatedAt: NOW,
  };
}

describe('toDatasetFragment', () => {
  const extracted = extractArticle({ text });

  it('makes a valid dataset of candidates, one event each, with new people', () => {
    const fragment = toDatasetFragment(
      extracted,
      { people: [], organisations: [] },
      { contentHash: HASH, now: NOW },
    );
    const dataset = DatasetSchema.parse(fragment.dataset);
    expect(dataset.sources.map((s) => [s.title, s.byline, s.contentHash])).toEqual([
      ['Harbour plan approved', 'Rachel Osei', HASH],
    ]);
    expect(dataset.people.map((p) => [p.name, p.roles.map((r) => r.title)])).toEqual([
      ['Siân Howells', ['council leader']],
      ['Smith', []],
    ]);
    expect(dataset.quotes.map((q) => q.status)).toEqual(['candidate', 'candidate']);
    expect(dataset.figures.map((f) => f.text)).toEqual(['about £420m']);
    expect(dataset.events).toHaveLength(3);
    expect(
      dataset.events.every((e) => e.actor === 'verbatim ingest' && e.status === 'candidate'),
    ).toBe(true);
    expect(fragment.summary).toMatchObject({
      peopleNew: 2,
      peopleMatched: 0,
      quotesNew: 2,
      correction: false,
    });
  });

  it('matches existing people by name and alias, adding what the article says about them', () => {
    const howells = person('per_howells', 'Sian Howells', ['Howells']);
    const smith = person('per_smith', 'Jo Smith', ['Smith']);
    const fragment = toDatasetFragment(
      extracted,
      { people: [howells, smith], organisations: [] },
      { contentHash: HASH, now: NOW },
    );
    expect(fragment.summary).toMatchObject({ peopleNew: 0, peopleMatched: 2 });
    expect(fragment.dataset.quotes.map((q) => q.speakers[0]?.id)).toEqual([
      'per_howells',
      'per_smith',
    ]);
    const updated = fragment.dataset.people.find((p) => p.id === 'per_howells');
    // "Siân Howells" is the same name as "Sian Howells" to the store (accents do not count).
    expect(updated?.aliases).toEqual(['Howells']);
    expect(updated?.roles.map((r) => r.title)).toEqual(['council leader']);
    expect(fragment.ambiguities).toEqual([]);
  });

  it('reports an ambiguous match instead of creating a duplicate', () => {
    const fragment = toDatasetFragment(
      extracted,
      {
        people: [
          person('per_b', 'John Smith', ['Smith']),
          person('per_a', 'Anna Smith', ['Smith']),
        ],
        organisations: [],
      },
      { contentHash: HASH, now: NOW },
    );
    expect(fragment.ambiguities).toEqual([
      {
        name: 'Smith',
        candidates: [
          { id: 'per_a', name: 'Anna Smith' },
          { id: 'per_b', name: 'John Smith' },
        ],
        chosenId: 'per_a',
      },
    ]);
    expect(fragment.dataset.people.map((p) => p.name)).not.toContain('Smith');
  });

  it('lets a role decide between two people of the same name', () => {
    const leader = person('per_b', 'Siân Howells', [], ['council leader']);
    const singer = person('per_a', 'Siân Howells', [], ['folk singer']);
    const fragment = toDatasetFragment(
      extracted,
      { people: [singer, leader], organisations: [] },
      { contentHash: HASH },
    );
    expect(fragment.ambiguities).toEqual([]);
    expect(fragment.dataset.quotes[0]?.speakers[0]?.id).toBe('per_b');
  });

  it('on a corrected article keeps surviving quotes, retracts missing ones and adds new ones', () => {
    const first = toDatasetFragment(
      extracted,
      { people: [], organisations: [] },
      { contentHash: HASH, now: NOW },
    );
    const source = first.dataset.sources[0];
    const corrected = extractArticle({
      text: text.replace('We will see them in court', 'We will appeal'),
    });
    const second = toDatasetFragment(
      corrected,
      {
        people: first.dataset.people,
        organisations: [],
        source,
        quotes: first.dataset.quotes,
        figures: first.dataset.figures,
      },
      { contentHash: `sha256:${'b'.repeat(64)}`, now: '2026-11-29T12:00:00.000Z' },
    );
    expect(second.summary).toMatchObject({
      quotesKept: 1,
      quotesNew: 1,
      quotesRetracted: 1,
      correction: true,
    });
    expect(second.dataset.sources[0]?.id).toBe(source?.id);
    expect(second.dataset.sources[0]?.createdAt).toBe(NOW);
    const byText = Object.fromEntries(second.dataset.quotes.map((q) => [q.text, q]));
    expect(byText['This is a turning point,']?.id).toBe(first.dataset.quotes[0]?.id);
    expect(byText['We will see them in court,']?.status).toBe('retracted');
    expect(byText['We will appeal,']?.status).toBe('candidate');
    expect(second.dataset.events.map((e) => e.status).sort()).toEqual(['candidate', 'retracted']);
    expect(() => DatasetSchema.parse(second.dataset)).not.toThrow();
  });
});
