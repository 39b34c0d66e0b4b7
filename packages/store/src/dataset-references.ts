import type { Dataset } from '@verbatim/domain/dataset';
import { InvalidInputError } from './fact-store.ts';

export type EntityTable = 'sources' | 'people' | 'organisations' | 'quotes' | 'figures';

/**
 * Checks what a JSON Schema cannot: ids are unique and every reference points at something in
 * the dataset or (when merging) already in the store. Throws InvalidInputError naming the first
 * problem ("quotes[3].speakers[0].id: person per_x does not exist") before anything is written.
 */
export function checkDatasetReferences(
  dataset: Dataset,
  store: { exists(table: EntityTable, id: string): boolean },
): void {
  const ids = {} as Record<EntityTable, Set<string>>;
  const collect = (table: EntityTable, items: readonly { id: string }[]) => {
    ids[table] = new Set();
    items.forEach((item, index) => {
      if (ids[table].has(item.id)) {
        throw new InvalidInputError(`${table}[${index}].id: duplicate id ${item.id}`);
      }
      ids[table].add(item.id);
    });
  };
  collect('sources', dataset.sources);
  collect('organisations', dataset.organisations);
  collect('people', dataset.people);
  collect('quotes', dataset.quotes);
  collect('figures', dataset.figures);

  const require = (table: EntityTable, id: string, path: string, what: string) => {
    if (!ids[table].has(id) && !store.exists(table, id)) {
      throw new InvalidInputError(`${path}: ${what} ${id} does not exist`);
    }
  };
  dataset.people.forEach((person, index) => {
    person.roles.forEach((role, roleIndex) => {
      if (role.organisationId) {
        require('organisations', role.organisationId, `people[${index}].roles[${roleIndex}].organisationId`, 'organisation');
      }
    });
  });
  dataset.quotes.forEach((quote, index) => {
    require('sources', quote.sourceId, `quotes[${index}].sourceId`, 'source');
    quote.speakers.forEach((speaker, speakerIndex) => {
      const table = speaker.kind === 'person' ? 'people' : 'organisations';
      require(table, speaker.id, `quotes[${index}].speakers[${speakerIndex}].id`, speaker.kind);
    });
  });
  dataset.figures.forEach((figure, index) => {
    require('sources', figure.sourceId, `figures[${index}].sourceId`, 'source');
  });
  const eventIds = new Set<string>();
  dataset.events.forEach((event, index) => {
    if (eventIds.has(event.id)) {
      throw new InvalidInputError(`events[${index}].id: duplicate id ${event.id}`);
    }
    eventIds.add(event.id);
    const table = event.factKind === 'quote' ? 'quotes' : 'figures';
    require(table, event.factId, `events[${index}].factId`, event.factKind);
  });
}
