import type { Person } from '@verbatim/domain/entities';
import type { EditorFacts } from './facts/editor-facts.ts';
import type { FactsTreeNode } from './protocol.ts';
import { sourceLine } from './service/describe.ts';

const SOURCE_LIMIT = 200;

/**
 * Children of one node of the side-bar tree: sources at the root, then the people quoted in a
 * source and its figures, then a person's quotes in that source. Keys carry the path.
 */
export async function factsTreeChildren(
  facts: EditorFacts,
  parent: string | undefined,
): Promise<FactsTreeNode[]> {
  if (parent === undefined) {
    const sources = await facts.listSources(SOURCE_LIMIT);
    return sources.map((source) => ({
      kind: 'source',
      key: `source:${source.id}`,
      label: source.title,
      description: [source.outlet, source.publishedOn].filter(Boolean).join(', '),
      tooltip: source.url ?? sourceLine(source),
      status: null,
      hasChildren: true,
    }));
  }
  const [kind, sourceId = '', personId = ''] = parent.split(':');
  if (kind === 'source') {
    const [quotes, figures] = await Promise.all([
      facts.quotesOfSource(sourceId),
      facts.figuresOfSource(sourceId),
    ]);
    const counts = new Map<string, number>();
    for (const quote of quotes) {
      for (const speaker of quote.speakers) {
        if (speaker.kind === 'person') counts.set(speaker.id, (counts.get(speaker.id) ?? 0) + 1);
      }
    }
    const people = (await facts.lookup.peopleByIds([...counts.keys()])).filter(
      (person): person is Person => person !== null,
    );
    const personNodes: FactsTreeNode[] = people
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((person) => ({
        kind: 'person',
        key: `person:${sourceId}:${person.id}`,
        label: person.name,
        description: `${counts.get(person.id)} quote${counts.get(person.id) === 1 ? '' : 's'}`,
        tooltip: person.roles.map((role) => role.title).join('; ') || person.name,
        status: null,
        hasChildren: true,
      }));
    const figureNodes: FactsTreeNode[] = figures.map((figure) => ({
      kind: 'figure',
      key: `figure:${figure.id}`,
      label: figure.text,
      description: figure.status,
      tooltip: `${figure.measures}\n\n${figure.sentence}`,
      status: figure.status,
      hasChildren: false,
    }));
    return [...personNodes, ...figureNodes];
  }
  if (kind === 'person') {
    const quotes = await facts.quotesOfSource(sourceId);
    return quotes
      .filter((quote) => quote.speakers.some((speaker) => speaker.id === personId))
      .map((quote) => ({
        kind: 'quote',
        key: `quote:${quote.id}`,
        label: quote.text,
        description: quote.status,
        tooltip: quote.sentence,
        status: quote.status,
        hasChildren: false,
      }));
  }
  return [];
}
