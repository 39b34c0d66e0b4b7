import { FactStatusSchema, type Figure, type Quote } from '@verbatim/domain/entities';
import type { FactStore, Page, PageArgs } from '@verbatim/store/fact-store';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../cli-error.ts';
import { figureLines, historyLines, quoteLines, speakerNames, speakersText } from '../fact-text.ts';
import {
  addDatabaseOption,
  type DatabaseOptions,
  positiveInteger,
  printJson,
  withStore,
} from '../store-access.ts';

interface ListOptions extends DatabaseOptions {
  kind: 'quote' | 'figure' | 'all';
  status?: string[];
  speaker?: string;
  limit: number;
  json?: boolean;
}

interface SearchOptions extends DatabaseOptions {
  limit: number;
  json?: boolean;
}

interface ShowOptions extends DatabaseOptions {
  json?: boolean;
}

function statusList(value: string, previous: string[] | undefined): string[] {
  const statuses = value.split(',').map((status) => status.trim());
  for (const status of statuses) {
    if (!FactStatusSchema.safeParse(status).success) {
      throw new InvalidArgumentError(`must be one of ${FactStatusSchema.options.join(', ')}`);
    }
  }
  return [...(previous ?? []), ...statuses];
}

export function register(program: Command): void {
  const facts = program.command('facts').description('look up the verified quotes and figures');

  addDatabaseOption(
    facts
      .command('list')
      .description('list quotes and figures, oldest first')
      .addOption(
        new Option('--kind <kind>', 'which facts')
          .choices(['quote', 'figure', 'all'])
          .default('all'),
      )
      .option('--status <status>', 'only these statuses (comma-separated, repeatable)', statusList)
      .option('--speaker <name>', 'only quotes by this person or organisation (name or alias)')
      .option('--limit <n>', 'at most this many of each kind', positiveInteger, 100)
      .option('--json', 'print JSON'),
  ).action((options: ListOptions) =>
    withStore(options, async (store) => {
      const status = options.status as Quote['status'][] | undefined;
      let quotes: Quote[] = [];
      let figures: Figure[] = [];
      if (options.kind !== 'figure') {
        const speakerIds = options.speaker
          ? await findSpeakers(store, options.speaker)
          : [undefined];
        for (const speakerId of speakerIds) {
          quotes.push(
            ...(await collect(options.limit, (page) =>
              store.listQuotes({ speakerId, status, orderBy: 'oldest' }, page),
            )),
          );
        }
        quotes = quotes.slice(0, options.limit);
      }
      if (options.kind !== 'quote' && !options.speaker) {
        figures = await collect(options.limit, (page) => store.listFigures({ status }, page));
      }
      if (options.json) {
        printJson({ quotes, figures });
        return;
      }
      const names = await speakerNames(store, quotes);
      const lines = [
        ...quotes.flatMap((quote) => quoteLines(quote, names)),
        ...figures.flatMap(figureLines),
      ];
      process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'No facts match.\n');
    }),
  );

  addDatabaseOption(
    facts
      .command('search')
      .description('search quotes, figures, people, organisations and sources')
      .argument('<query>', 'words to look for')
      .option('--limit <n>', 'at most this many results', positiveInteger, 20)
      .option('--json', 'print JSON'),
  ).action((query: string, options: SearchOptions) =>
    withStore(options, async (store) => {
      const hits = await store.search(query, { first: options.limit });
      if (options.json) {
        printJson(hits);
        return;
      }
      if (hits.length === 0) {
        process.stdout.write(`Nothing found for "${query}".\n`);
        return;
      }
      const quotes = (
        await store.quotesByIds(hits.filter((hit) => hit.kind === 'quote').map((hit) => hit.id))
      ).filter((quote): quote is Quote => quote !== null);
      const quotesById = new Map(quotes.map((quote) => [quote.id, quote]));
      const names = await speakerNames(store, quotes);
      const lines = hits.map((hit) => {
        const quote = quotesById.get(hit.id);
        if (hit.kind === 'quote' && quote) {
          return `quote         “${quote.text}” — ${speakersText(quote.speakers, names)} · ${quote.status} · ${quote.id}`;
        }
        return `${hit.kind.padEnd(13)} ${hit.snippet} · ${hit.id}`;
      });
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
  );

  addDatabaseOption(
    facts
      .command('show')
      .description('show one quote, figure, person, organisation or source, with its history')
      .argument('<id>', 'its id, as printed by list and search')
      .option('--json', 'print JSON'),
  ).action((id: string, options: ShowOptions) =>
    withStore(options, async (store) => {
      const [quote] = await store.quotesByIds([id]);
      const [figure] = quote ? [null] : await store.figuresByIds([id]);
      if (quote || figure) {
        const fact = (quote ?? figure) as Quote | Figure;
        const kind = quote ? 'quote' : 'figure';
        const history = await store.verificationHistory(kind, id);
        const [source] = await store.sourcesByIds([fact.sourceId]);
        if (options.json) {
          printJson({ kind, [kind]: fact, source, history });
          return;
        }
        const names = quote ? await speakerNames(store, [quote]) : new Map<string, string>();
        const lines = quote ? quoteLines(quote, names) : figureLines(figure as Figure);
        if (quote?.speakerText) lines.push(`    attribution: ${quote.speakerText}`);
        if (quote) lines.push(`    ${quote.kind === 'full' ? 'full quote' : 'fragment'}`);
        if (figure) {
          const range = figure.valueMax !== null ? `–${figure.valueMax}` : '';
          lines.push(`    value: ${figure.value}${range} ${figure.unit} (${figure.qualifier})`);
        }
        lines.push(`    in: ${fact.sentence}`);
        lines.push(
          `    source: ${source?.title ?? fact.sourceId}${source?.outlet ? ` (${source.outlet})` : ''}, characters ${fact.span.start}–${fact.span.end}`,
        );
        lines.push('history:', ...historyLines(history));
        process.stdout.write(`${lines.join('\n')}\n`);
        return;
      }
      const [person] = await store.peopleByIds([id]);
      const [organisation] = person ? [null] : await store.organisationsByIds([id]);
      const [source] = person || organisation ? [null] : await store.sourcesByIds([id]);
      const entity = person ?? organisation ?? source;
      if (!entity)
        throw new UsageError(`no quote, figure, person, organisation or source has the id "${id}"`);
      if (options.json) {
        const kind = person ? 'person' : organisation ? 'organisation' : 'source';
        printJson({ kind, [kind]: entity });
        return;
      }
      if (source) {
        process.stdout.write(
          `${source.title}\n    ${[source.outlet, source.byline, source.publishedOn, source.url].filter(Boolean).join(' · ') || 'no outlet, byline or date recorded'}\n    ${source.contentHash} · ${source.id}\n`,
        );
        return;
      }
      const named = (person ?? organisation) as { id: string; name: string; aliases: string[] };
      const lines = [`${named.name} · ${named.id}`];
      if (named.aliases.length > 0) lines.push(`    also: ${named.aliases.join(', ')}`);
      for (const role of person?.roles ?? []) {
        const [roleOrganisation] = role.organisationId
          ? await store.organisationsByIds([role.organisationId])
          : [null];
        lines.push(`    ${role.title}${roleOrganisation ? `, ${roleOrganisation.name}` : ''}`);
      }
      const quotes = await store.listQuotes(
        { speakerId: named.id, orderBy: 'oldest' },
        { first: 500 },
      );
      lines.push(`    ${quotes.totalCount} quote${quotes.totalCount === 1 ? '' : 's'}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    }),
  );
}

async function findSpeakers(store: FactStore, name: string): Promise<string[]> {
  const found = [
    ...(await store.findPeopleByName(name)),
    ...(await store.findOrganisationsByName(name)),
  ];
  if (found.length === 0) throw new UsageError(`no person or organisation is named "${name}"`);
  return found.map((entity) => entity.id);
}

/** Follows pages until `limit` items or the end. */
async function collect<T>(limit: number, load: (page: PageArgs) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  while (items.length < limit) {
    const page: Page<T> = await load({ first: Math.min(500, limit - items.length), after });
    items.push(...page.items);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return items;
}
