import type { Dataset } from '@verbatim/domain/dataset';
import { DATASET_FORMAT, DATASET_VERSION } from '@verbatim/domain/dataset';
import {
  type FactKind,
  type Figure,
  FigureSchema,
  type Id,
  newId,
  type Organisation,
  type Person,
  type Quote,
  QuoteSchema,
  type Role,
  type Source,
  type SpeakerRef,
  type VerificationEvent,
  VerificationEventSchema,
} from '@verbatim/domain/entities';
import { CANDIDATE_SHARE_OF_BEST, MAX_SHINGLE_POSTINGS } from '@verbatim/domain/fact-lookup';
import { nameKey } from '@verbatim/domain/name-key';
import pg from 'pg';
import {
  checkVersion,
  clampPageSize,
  creationEvent,
  decodeCursor,
  emptyPage,
  escapeLike,
  newFigure,
  newOrganisation,
  newPerson,
  newQuote,
  nextTimestamp,
  pageAt,
  parseEntity,
  patchedEntity,
} from '../backend-common.ts';
import { validateDataset } from '../dataset-file.ts';
import { checkDatasetReferences, type EntityTable } from '../dataset-references.ts';
import {
  distinctAliases,
  figureDocument,
  normaliseMeasuresWords,
  organisationDocument,
  personDocument,
  quoteDocument,
  type SearchDocument,
  type SearchDocumentKind,
  searchTerms,
  shinglesOfQuoteText,
  sourceDocument,
  wordsOfMeasures,
} from '../fact-index.ts';
import {
  type ApiTokenStore,
  ConflictError,
  type FactChange,
  type FactChangeListener,
  type FactStore,
  type FigureFilter,
  type FigureInput,
  type FigurePatch,
  type ImportSummary,
  InvalidInputError,
  type NameFilter,
  NotFoundError,
  type OrganisationInput,
  type Page,
  type PageArgs,
  type PersonInput,
  type QuoteFilter,
  type QuoteInput,
  type QuotePatch,
  type SearchHit,
  type SearchHitKind,
  type SourceFilter,
  type StoreCounts,
  type VerificationInput,
} from '../fact-store.ts';
import {
  MIGRATIONS_TABLE,
  migrations,
  renderMigration,
  renderMigrationsTable,
} from '../migrations.ts';
import { withCommonInflections } from '../text-keys.ts';
import { FACT_CHANGES_CHANNEL, FactChangeFeed } from './fact-change-feed.ts';
import { PostgresApiTokenStore } from './postgres-token-store.ts';
import { prepared } from './prepared.ts';
import {
  EVENT_COLUMNS,
  eventFromRow,
  FIGURE_COLUMNS,
  figureFromRow,
  inIdOrder,
  ORGANISATION_COLUMNS,
  organisationFromRow,
  PERSON_COLUMNS,
  personFromRow,
  QUOTE_COLUMNS,
  quoteFromRow,
  type Row,
  SOURCE_COLUMNS,
  sourceFromRow,
} from './rows.ts';

/**
 * ts_rank weights for {D, C, B, A}: main text (A) counts ten times the context (D), as the
 * SQLite backend's bm25(10, 1) does.
 */
const RANK_WEIGHTS = `'{0.1, 0, 0, 1}'::float4[]`;
/** Rows per multi-row INSERT during import: large enough to amortise round trips. */
const IMPORT_CHUNK = 2000;
/** Quotes and figures from which a replacing import rebuilds indexes after the load. */
const BULK_IMPORT_ROWS = 20_000;
/** pg_advisory_xact_lock key serialising migrations across processes ("verbatim" in ASCII). */
const MIGRATION_LOCK_KEY = 0x7665726261;

type Queryable = pg.Pool | pg.PoolClient;

/** How one kind of entity is read: its table and alias, its columns (rows.ts), its row mapper. */
interface EntitySelect<T> {
  from: string;
  columns: string;
  id: string;
  fromRow: (row: Row) => T;
}
const PEOPLE: EntitySelect<Person> = {
  from: 'people p',
  columns: PERSON_COLUMNS,
  id: 'p.id',
  fromRow: personFromRow,
};
const ORGANISATIONS: EntitySelect<Organisation> = {
  from: 'organisations o',
  columns: ORGANISATION_COLUMNS,
  id: 'o.id',
  fromRow: organisationFromRow,
};
const QUOTES: EntitySelect<Quote> = {
  from: 'quotes q',
  columns: QUOTE_COLUMNS,
  id: 'q.id',
  fromRow: quoteFromRow,
};

export interface PostgresStoreOptions {
  /** Pool size per process (default 10). */
  maxConnections?: number;
  /**
   * A schema to keep the tables in (created if missing) instead of `public`, for several
   * stores in one database (the tests use one schema per store). Fact changes are then
   * announced on a channel of that schema only.
   */
  schema?: string;
  /** Where errors of idle connections and of the change feed go (default: console.error). */
  onBackgroundError?: (error: Error) => void;
  /**
   * Quotes plus figures from which a replacing import drops the big tables' secondary indexes
   * and builds them after the load (default 20,000; decision 111).
   */
  bulkImportRows?: number;
}

export interface PostgresOpenOptions extends PostgresStoreOptions {
  /** Apply pending migrations on open (default true, as the SQLite backend does). */
  migrate?: boolean;
}

/**
 * The FactStore over PostgreSQL (node-postgres with a pool). Needs the `pg_trgm` extension;
 * `migrate()` creates it when the role may. Several processes may share one database: fact
 * changes reach every process's subscribers through LISTEN/NOTIFY.
 */
export class PostgresFactStore implements FactStore {
  readonly backend = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly changeFeed: FactChangeFeed;
  private readonly schema: string | null;
  private readonly channel: string;
  private readonly bulkImportRows: number;

  private constructor(connectionString: string, options: PostgresStoreOptions) {
    const onError = options.onBackgroundError ?? ((error) => console.error('[postgres]', error));
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new InvalidInputError(`not a usable schema name: ${schema}`);
    }
    this.schema = schema ?? null;
    this.bulkImportRows = options.bulkImportRows ?? BULK_IMPORT_ROWS;
    // pg_trgm's functions stay reachable in `public` whichever schema holds the tables.
    // A black-holed host fails after 10 s instead of hanging; TCP keepalive notices a dead
    // peer on the long-lived LISTEN connection.
    const connection: pg.ClientConfig = {
      connectionString,
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      ...(schema ? { options: `-c search_path=${schema},public` } : {}),
    };
    this.channel = schema ? `${FACT_CHANGES_CHANNEL}_${schema}` : FACT_CHANGES_CHANNEL;
    this.pool = new pg.Pool({ ...connection, max: options.maxConnections ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', onError);
    this.changeFeed = new FactChangeFeed(connection, this.channel, onError);
  }

  /** Connects and brings the schema up to date (unless `migrate: false`). */
  static async open(
    connectionString: string,
    options: PostgresOpenOptions = {},
  ): Promise<PostgresFactStore> {
    const store = new PostgresFactStore(connectionString, options);
    try {
      await store.pool.query('select 1');
    } catch (error) {
      await store.pool.end();
      throw new Error(`cannot connect to PostgreSQL: ${(error as Error).message}`);
    }
    try {
      if (options.migrate ?? true) await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async migrate(): Promise<number[]> {
    return this.transaction(async (client) => {
      await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      if (this.schema) await client.query(`create schema if not exists ${this.schema}`);
      await client.query(renderMigrationsTable());
      const applied = await client.query<{ version: number }>(
        `select version from ${MIGRATIONS_TABLE}`,
      );
      const done = new Set(applied.rows.map((row) => row.version));
      const appliedNow: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        for (const statement of renderMigration(migration, 'postgres')) {
          await client.query(statement).catch((error: unknown) => {
            throw explainMigrationError(error, statement);
          });
        }
        await client.query(
          `insert into ${MIGRATIONS_TABLE} (version, description, applied_at) values ($1, $2, $3)`,
          [migration.version, migration.description, new Date().toISOString()],
        );
        appliedNow.push(migration.version);
      }
      return appliedNow;
    });
  }

  async close(): Promise<void> {
    await this.changeFeed.close();
    await this.pool.end();
  }

  /** The API tokens kept in the same database (see apiTokenStoreFor). */
  apiTokenStore(): ApiTokenStore {
    return new PostgresApiTokenStore(this.pool);
  }

  subscribeToFactChanges(listener: FactChangeListener): Promise<() => Promise<void>> {
    return this.changeFeed.subscribe(listener);
  }

  // ---- batch readers -------------------------------------------------------------------------

  async sourcesByIds(ids: readonly Id[]): Promise<(Source | null)[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query(
      prepared(`select ${SOURCE_COLUMNS} from sources where id = any($1)`, [ids]),
    );
    return inIdOrder(ids, rows.map(sourceFromRow));
  }

  async peopleByIds(ids: readonly Id[]): Promise<(Person | null)[]> {
    if (ids.length === 0) return [];
    return inIdOrder(ids, await this.select(PEOPLE, 'p.id = any($1)', [ids]));
  }

  async organisationsByIds(ids: readonly Id[]): Promise<(Organisation | null)[]> {
    if (ids.length === 0) return [];
    return inIdOrder(ids, await this.select(ORGANISATIONS, 'o.id = any($1)', [ids]));
  }

  async quotesByIds(ids: readonly Id[]): Promise<(Quote | null)[]> {
    if (ids.length === 0) return [];
    return inIdOrder(ids, await this.select(QUOTES, 'q.id = any($1)', [ids]));
  }

  async figuresByIds(ids: readonly Id[]): Promise<(Figure | null)[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query(
      prepared(`select ${FIGURE_COLUMNS} from figures f where f.id = any($1)`, [ids]),
    );
    return inIdOrder(ids, rows.map(figureFromRow));
  }

  /** Rows of one kind of entity, with their child rows, in id (byte) order. */
  private async select<T>(
    entity: EntitySelect<T>,
    where: string,
    values: unknown[],
    db: Queryable = this.pool,
  ): Promise<T[]> {
    const { rows } = await db.query(
      prepared(
        `select ${entity.columns} from ${entity.from} where ${where} order by ${entity.id} collate "C"`,
        values,
      ),
    );
    return rows.map(entity.fromRow);
  }

  // ---- FactLookup ----------------------------------------------------------------------------

  async quoteCandidates(shingles: readonly number[], limit: number): Promise<Quote[]> {
    const distinct = [...new Set(shingles)];
    if (distinct.length === 0 || limit <= 0) return [];
    // One pass over the (shingle, quote_id) primary key: the cost follows the draft's shingles
    // and how common they are, not the number of quotes.
    const { rows } = await this.pool.query<{ quote_id: string }>(
      `select quote_id, count(*) as shared from quote_shingles
       where shingle = any($1::bigint[])
       group by quote_id
       order by shared desc, quote_id collate "C"
       limit $2`,
      [distinct, Math.floor(limit)],
    );
    const quotes = await this.quotesByIds(rows.map((row) => row.quote_id));
    return quotes.filter((quote): quote is Quote => quote !== null);
  }

  async quoteCandidatesPerQuotation(
    quotations: readonly (readonly number[])[],
    perQuotation: number,
  ): Promise<Quote[][]> {
    const quotationIndexes: number[] = [];
    const shingles: number[] = [];
    quotations.forEach((group, quotation) => {
      for (const shingle of new Set(group)) {
        quotationIndexes.push(quotation);
        shingles.push(shingle);
      }
    });
    if (shingles.length === 0 || perQuotation <= 0) return quotations.map(() => []);
    const ids: string[][] = quotations.map(() => []);
    // Per quotation, its best quotes by a window over its own counts (see FactLookup); shingles
    // in more than MAX_SHINGLE_POSTINGS quotes are not counted, as in SQLite. Each shingle's
    // postings are read once, at most one more than that cap (counting them in a subquery first
    // read every posting twice).
    const { rows } = await this.pool.query<{ quotation: number; quote_id: string }>(
      `with wanted as (
         select * from unnest($1::int[], $2::bigint[]) as pair(quotation, shingle)
       ),
       postings as materialized (
         select shingles.shingle, posting.quote_id
         from (select distinct shingle from wanted) shingles
           cross join lateral (
             select quote_id from quote_shingles where quote_shingles.shingle = shingles.shingle
             limit $3
           ) posting
       ),
       usable as (
         select shingle from postings group by shingle having count(*) <= $4
       ),
       hits as (
         select wanted.quotation, postings.quote_id, count(*) as shared
         from wanted join postings on postings.shingle = wanted.shingle
         where wanted.shingle in (select shingle from usable)
         group by wanted.quotation, postings.quote_id
       ),
       ranked as (
         select quotation, quote_id, shared,
           row_number() over (
             partition by quotation order by shared desc, quote_id collate "C"
           ) as position,
           max(shared) over (partition by quotation) as best
         from hits
       )
       select quotation, quote_id from ranked
       where position <= $5 and shared >= best * $6::float8
       order by quotation, position`,
      [
        quotationIndexes,
        shingles,
        MAX_SHINGLE_POSTINGS + 1,
        MAX_SHINGLE_POSTINGS,
        Math.floor(perQuotation),
        CANDIDATE_SHARE_OF_BEST,
      ],
    );
    for (const row of rows) ids[row.quotation]?.push(row.quote_id);
    const quotes = new Map(
      (await this.quotesByIds([...new Set(ids.flat())])).flatMap((quote) =>
        quote ? [[quote.id, quote] as const] : [],
      ),
    );
    return ids.map((list) => list.flatMap((id) => quotes.get(id) ?? []));
  }

  async figureCandidates(
    units: readonly string[],
    measuresWords: readonly string[],
    limit: number,
    minSharedWords = 1,
  ): Promise<Figure[]> {
    if (units.length === 0 || limit <= 0) return [];
    const words = withCommonInflections(normaliseMeasuresWords(measuresWords));
    // Only figures sharing a word come, from the word index: a common unit ("percent") does not
    // mean a scan of every figure, and a figure sharing no word is never about the same thing.
    const { rows: sharing } = await this.pool.query(
      `with hits as (
         select w.figure_id, count(*) as shared from figure_words w
         join figures f on f.id = w.figure_id
         where w.word = any($2) and f.unit = any($1)
         group by w.figure_id
         having count(*) >= $4
         order by shared desc, w.figure_id collate "C"
         limit $3
       )
       select ${FIGURE_COLUMNS} from hits join figures f on f.id = hits.figure_id
       order by hits.shared desc, f.id collate "C"`,
      [units, words, Math.floor(limit), Math.max(1, Math.floor(minSharedWords))],
    );
    const figures = sharing.map(figureFromRow);
    return figures;
  }

  async findPeopleByName(nameOrAlias: string): Promise<Person[]> {
    const key = nameKey(nameOrAlias);
    // Nothing stored can contain NUL (PostgreSQL text cannot), so nothing matches it.
    if (key === '' || key.includes('\u0000')) return [];
    return this.select(
      PEOPLE,
      'p.name_key = $1 or p.id in (select person_id from person_aliases where alias_key = $1)',
      [key],
    );
  }

  async findOrganisationsByName(nameOrAlias: string): Promise<Organisation[]> {
    const key = nameKey(nameOrAlias);
    // Nothing stored can contain NUL (PostgreSQL text cannot), so nothing matches it.
    if (key === '' || key.includes('\u0000')) return [];
    return this.select(
      ORGANISATIONS,
      `o.name_key = $1 or o.id in
         (select organisation_id from organisation_aliases where alias_key = $1)`,
      [key],
    );
  }

  async findSourceByUrlOrHash(key: {
    url?: string | null;
    contentHash?: string | null;
  }): Promise<Source | null> {
    if (`${key.url ?? ''}${key.contentHash ?? ''}`.includes('\u0000')) return null;
    if (key.url) {
      const { rows } = await this.pool.query(
        `select ${SOURCE_COLUMNS} from sources where url = $1 order by id collate "C" limit 1`,
        [key.url],
      );
      if (rows[0]) return sourceFromRow(rows[0]);
    }
    if (key.contentHash) {
      const { rows } = await this.pool.query(
        `select ${SOURCE_COLUMNS} from sources where content_hash = $1
         order by id collate "C" limit 1`,
        [key.contentHash],
      );
      if (rows[0]) return sourceFromRow(rows[0]);
    }
    return null;
  }

  // ---- search and lists ----------------------------------------------------------------------

  async search(
    query: string,
    options: { first: number; kinds?: readonly SearchHitKind[] },
  ): Promise<SearchHit[]> {
    const first = clampPageSize(options.first);
    if (first === 0 || options.kinds?.length === 0) return [];
    const kinds = options.kinds ?? ['quote', 'figure', 'person', 'organisation', 'source'];
    const all = tsQuery(query, 'all');
    if (!all) return [];
    // Words in the main text weigh ten times words in the context (speaker, sentence, outlet),
    // as in the SQLite backend's bm25 weights.
    const run = async (match: string) => {
      const { rows } = await this.pool.query(
        // The tsquery is written out in the condition (not joined from a CTE) so the planner
        // can use the GIN index.
        `select d.kind, d.entity_id, d.snippet,
           ts_rank(${RANK_WEIGHTS}, d.search_vector, to_tsquery('simple', $1))::float8 as score
         from search_documents d
         where d.kind = any($2) and d.search_vector @@ to_tsquery('simple', $1)
         order by score desc, d.kind collate "C", d.entity_id collate "C"
         limit $3`,
        [match, kinds, first],
      );
      return rows.map(searchHitFromRow);
    };
    const hits = await run(all);
    if (hits.length > 0) return hits;
    // Nothing has every word: rank what has some of them.
    const any = tsQuery(query, 'any');
    const anyHits = any && any !== all ? await run(any) : [];
    if (anyHits.length > 0) return anyHits;
    // Still nothing: a misspelt name ("Carnie") by trigram similarity.
    const nameKinds = kinds.filter((kind) => kind === 'person' || kind === 'organisation');
    if (nameKinds.length === 0) return [];
    return this.transaction(async (client) => {
      // pg_trgm's default threshold (0.6) misses one wrong letter in a short surname.
      await client.query('set local pg_trgm.word_similarity_threshold = 0.4');
      const { rows } = await client.query(
        `select d.kind, d.entity_id, d.snippet, word_similarity($1, d.names_text)::float8 as score
         from search_documents d
         where d.names_text is not null and d.kind = any($2) and $1 <% d.names_text
         order by score desc, d.kind collate "C", d.entity_id collate "C"
         limit $3`,
        [searchTerms(query).join(' '), nameKinds, first],
      );
      return rows.map(searchHitFromRow);
    });
  }

  /** Entity ids of one kind whose document matches a tsquery, with their rank. */
  private matchingSql(kind: SearchDocumentKind, parameter: string): string {
    return `select d.entity_id as id,
        ts_rank(${RANK_WEIGHTS}, d.search_vector, to_tsquery('simple', ${parameter})) as rank
      from search_documents d
      where d.kind = '${kind}' and d.search_vector @@ to_tsquery('simple', ${parameter})`;
  }

  async listSources(filter: SourceFilter, page: PageArgs): Promise<Page<Source>> {
    const where = new Where();
    if (filter.query !== undefined) {
      const match = tsQuery(filter.query, 'all');
      if (!match) return emptyPage();
      where.add(`s.id in (select id from (${this.matchingSql('source', where.value(match))}) m)`);
    }
    return this.pageOfIds(
      page,
      `from sources s where ${where.sql()}`,
      where.values,
      's.created_at collate "C" desc, s.id collate "C"',
      's.id',
      (ids) => this.sourcesByIds(ids),
    );
  }

  async listPeople(filter: NameFilter, page: PageArgs): Promise<Page<Person>> {
    const where = new Where();
    if (!this.nameFilter(where, filter, 'p', 'person_aliases', 'person_id', 'person')) {
      return emptyPage();
    }
    return this.pageOfIds(
      page,
      `from people p where ${where.sql()}`,
      where.values,
      'p.name_key collate "C", p.id collate "C"',
      'p.id',
      (ids) => this.peopleByIds(ids),
    );
  }

  async listOrganisations(filter: NameFilter, page: PageArgs): Promise<Page<Organisation>> {
    const where = new Where();
    const matches = this.nameFilter(
      where,
      filter,
      'o',
      'organisation_aliases',
      'organisation_id',
      'organisation',
    );
    if (!matches) return emptyPage();
    return this.pageOfIds(
      page,
      `from organisations o where ${where.sql()}`,
      where.values,
      'o.name_key collate "C", o.id collate "C"',
      'o.id',
      (ids) => this.organisationsByIds(ids),
    );
  }

  /**
   * Name or alias by prefix (served by the trigram indexes on the name keys), or full-text.
   * False when the query can match nothing.
   */
  private nameFilter(
    where: Where,
    filter: NameFilter,
    alias: string,
    aliasTable: string,
    ownerColumn: string,
    kind: SearchDocumentKind,
  ): boolean {
    if (filter.query === undefined || filter.query.trim() === '') return true;
    const prefix = where.value(`${escapeLike(withoutNul(nameKey(filter.query)))}%`);
    const conditions = [
      `${alias}.name_key like ${prefix}`,
      `${alias}.id in (select ${ownerColumn} from ${aliasTable} where alias_key like ${prefix})`,
    ];
    const match = tsQuery(filter.query, 'all');
    if (match) {
      conditions.push(
        `${alias}.id in (select id from (${this.matchingSql(kind, where.value(match))}) m)`,
      );
    }
    where.add(conditions.join(' or '));
    return true;
  }

  async listQuotes(filter: QuoteFilter, page: PageArgs): Promise<Page<Quote>> {
    const where = new Where();
    let join = '';
    let orderBy =
      filter.orderBy === 'oldest'
        ? 'q.created_at collate "C", q.id collate "C"'
        : 'q.created_at collate "C" desc, q.id collate "C" desc';
    if (filter.text !== undefined) {
      const match = tsQuery(filter.text, 'all');
      if (!match) return emptyPage();
      join = `join (${this.matchingSql('quote', where.value(match))}) m on m.id = q.id`;
      if (filter.orderBy === undefined || filter.orderBy === 'relevance') {
        orderBy = 'm.rank desc, q.id collate "C"';
      }
    }
    if (filter.speakerId !== undefined) {
      const id = where.value(filter.speakerId);
      where.add(`q.id in (select quote_id from quote_speakers
        where person_id = ${id} or organisation_id = ${id})`);
    }
    if (filter.sourceId !== undefined) where.add(`q.source_id = ${where.value(filter.sourceId)}`);
    if (filter.status !== undefined) where.add(`q.status = any(${where.value(filter.status)})`);
    if (filter.kind !== undefined) where.add(`q.kind = ${where.value(filter.kind)}`);
    if (filter.publishedFrom !== undefined) {
      where.add(`q.source_id in (select id from sources
        where published_on >= ${where.value(filter.publishedFrom)})`);
    }
    if (filter.publishedTo !== undefined) {
      where.add(`q.source_id in (select id from sources
        where published_on <= ${where.value(filter.publishedTo)})`);
    }
    const load = (ids: Id[]) => this.quotesByIds(ids);
    if (join === '') {
      return this.pageOfIds(
        page,
        `from quotes q where ${where.sql()}`,
        where.values,
        orderBy,
        'q.id',
        load,
      );
    }
    // A text search ranks every match before it can page, so counting them in the same
    // statement is nearly free; alone (no other filter, by relevance) it needs nothing from the
    // quotes table: the search documents hold the quote ids (decision 112).
    const alone = where.values.length === 1 && orderBy === 'm.rank desc, q.id collate "C"';
    return alone
      ? this.pageOfIdsCounted(
          page,
          `from (${this.matchingSql('quote', '$1')}) m`,
          where.values,
          'm.rank desc, m.id collate "C"',
          'm.id',
          load,
        )
      : this.pageOfIdsCounted(
          page,
          `from quotes q ${join} where ${where.sql()}`,
          where.values,
          orderBy,
          'q.id',
          load,
        );
  }

  async listFigures(filter: FigureFilter, page: PageArgs): Promise<Page<Figure>> {
    const where = new Where();
    if (filter.measures !== undefined) {
      const match = tsQuery(filter.measures, 'all');
      if (!match) return emptyPage();
      where.add(`f.id in (select id from (${this.matchingSql('figure', where.value(match))}) m)`);
    }
    if (filter.unit !== undefined) where.add(`f.unit = ${where.value(filter.unit)}`);
    if (filter.sourceId !== undefined) where.add(`f.source_id = ${where.value(filter.sourceId)}`);
    if (filter.status !== undefined) where.add(`f.status = any(${where.value(filter.status)})`);
    return this.pageOfIds(
      page,
      `from figures f where ${where.sql()}`,
      where.values,
      'f.created_at collate "C", f.id collate "C"',
      'f.id',
      (ids) => this.figuresByIds(ids),
    );
  }

  /**
   * Pages over ids in SQL, then loads the entities of one page in that order. The cursor is the
   * offset of the next item, opaque to callers (the same scheme as the SQLite backend).
   */
  private async pageOfIds<T extends { id: Id }>(
    page: PageArgs,
    fromAndWhere: string,
    values: unknown[],
    orderBy: string,
    idColumn: string,
    load: (ids: Id[]) => Promise<(T | null)[]>,
  ): Promise<Page<T>> {
    const first = clampPageSize(page.first);
    const offset = decodeCursor(page.after);
    const n = values.length;
    const [count, idRows] = await Promise.all([
      this.pool.query<{ n: number }>(`select count(*)::int as n ${fromAndWhere}`, values),
      this.pool.query<{ id: string }>(
        `select ${idColumn} as id ${fromAndWhere} order by ${orderBy}
         limit $${n + 1} offset $${n + 2}`,
        [...values, first, offset],
      ),
    ]);
    const totalCount = count.rows[0]?.n ?? 0;
    const ids = idRows.rows.map((row) => row.id);
    const items = (await load(ids)).filter((item): item is T => item !== null);
    return pageAt(items, offset, totalCount, page.after);
  }

  /**
   * pageOfIds in one statement: `count(*) over ()` counts the rows the WHERE clause keeps before
   * LIMIT applies, so the matches are found once, not once to count and again to page. Only a
   * page past the end returns no row to carry the count; that rare case counts separately.
   */
  private async pageOfIdsCounted<T extends { id: Id }>(
    page: PageArgs,
    fromAndWhere: string,
    values: unknown[],
    orderBy: string,
    idColumn: string,
    load: (ids: Id[]) => Promise<(T | null)[]>,
  ): Promise<Page<T>> {
    const first = clampPageSize(page.first);
    const offset = decodeCursor(page.after);
    const n = values.length;
    const { rows } = await this.pool.query<{ id: string; total: number }>(
      `select ${idColumn} as id, (count(*) over ())::int as total ${fromAndWhere}
       order by ${orderBy} limit $${n + 1} offset $${n + 2}`,
      [...values, first, offset],
    );
    let totalCount = rows[0]?.total ?? 0;
    if (rows.length === 0 && (offset > 0 || first === 0)) {
      const count = await this.pool.query<{ n: number }>(
        `select count(*)::int as n ${fromAndWhere}`,
        values,
      );
      totalCount = count.rows[0]?.n ?? 0;
    }
    const items = (await load(rows.map((row) => row.id))).filter(
      (item): item is T => item !== null,
    );
    return pageAt(items, offset, totalCount, page.after);
  }

  // ---- writes --------------------------------------------------------------------------------

  private async requireRow(db: Queryable, table: EntityTable, entity: string, id: Id) {
    const { rows } = await db.query(`select 1 from ${table} where id = $1`, [id]);
    if (rows.length === 0) throw new NotFoundError(entity, id);
  }

  private async requireAbsent(db: Queryable, table: EntityTable, entity: string, id: Id) {
    const { rows } = await db.query(`select 1 from ${table} where id = $1`, [id]);
    if (rows.length > 0) throw new ConflictError(`${entity} ${id} already exists`);
  }

  private async requireSpeakers(db: Queryable, speakers: readonly SpeakerRef[]) {
    for (const speaker of speakers) {
      const table = speaker.kind === 'person' ? 'people' : 'organisations';
      await this.requireRow(db, table, speaker.kind, speaker.id);
    }
  }

  private async requireRoleOrganisations(db: Queryable, roles: readonly Role[]) {
    for (const role of roles) {
      if (role.organisationId) {
        await this.requireRow(db, 'organisations', 'organisation', role.organisationId);
      }
    }
  }

  private async loadPersonForUpdate(client: pg.PoolClient, id: Id): Promise<Person> {
    // The row lock makes concurrent alias edits and merges of one person wait their turn.
    await client.query('select 1 from people where id = $1 for update', [id]);
    const [person] = await this.select(PEOPLE, 'p.id = $1', [id], client);
    if (!person) throw new NotFoundError('person', id);
    return person;
  }

  async createPerson(input: PersonInput): Promise<Person> {
    const now = new Date().toISOString();
    const person = newPerson(input, now);
    return this.transaction(async (client) => {
      await this.requireAbsent(client, 'people', 'person', person.id);
      await this.requireRoleOrganisations(client, person.roles);
      await writePeople(client, [person], 'insert');
      return person;
    });
  }

  async addAlias(personId: Id, alias: string): Promise<Person> {
    const trimmed = alias.trim();
    if (trimmed === '') throw new InvalidInputError('an alias must not be empty');
    return this.transaction(async (client) => {
      const person = await this.loadPersonForUpdate(client, personId);
      const aliases = distinctAliases(person.name, [...person.aliases, trimmed]);
      if (aliases.length === person.aliases.length) return person;
      const updated = { ...person, aliases, updatedAt: nextTimestamp(person.updatedAt) };
      await writePeople(client, [updated], 'upsert');
      return updated;
    });
  }

  async mergePeople(keptId: Id, mergedId: Id): Promise<Person> {
    if (keptId === mergedId) throw new InvalidInputError('cannot merge a person with themselves');
    return this.transaction(async (client) => {
      const kept = await this.loadPersonForUpdate(client, keptId);
      const merged = await this.loadPersonForUpdate(client, mergedId);
      // Every quote the merged person spoke gets a new version, as on SQLite.
      const { rows: bumped } = await client.query<{ id: string; updated_at: string }>(
        `select id, updated_at from quotes
         where id in (select quote_id from quote_speakers where person_id = $1)
         order by id for update`,
        [mergedId],
      );
      // Quotes by both people keep one speaker entry, the kept person's.
      await client.query(
        `delete from quote_speakers s where s.person_id = $2 and exists
           (select 1 from quote_speakers k where k.quote_id = s.quote_id and k.person_id = $1)`,
        [keptId, mergedId],
      );
      await client.query('update quote_speakers set person_id = $1 where person_id = $2', [
        keptId,
        mergedId,
      ]);
      if (bumped.length > 0) {
        await client.query(
          `update quotes set updated_at = u.updated_at
           from unnest($1::text[], $2::text[]) as u(id, updated_at) where quotes.id = u.id`,
          [bumped.map((row) => row.id), bumped.map((row) => nextTimestamp(row.updated_at))],
        );
      }
      const roleKey = (role: Role) =>
        JSON.stringify([role.title, role.organisationId, role.period]);
      const keptRoles = new Set(kept.roles.map(roleKey));
      const result: Person = {
        ...kept,
        aliases: distinctAliases(kept.name, [...kept.aliases, merged.name, ...merged.aliases]),
        roles: [...kept.roles, ...merged.roles.filter((role) => !keptRoles.has(roleKey(role)))],
        updatedAt: nextTimestamp(kept.updatedAt),
      };
      await client.query('delete from people where id = $1', [mergedId]);
      await client.query(`delete from search_documents where kind = 'person' and entity_id = $1`, [
        mergedId,
      ]);
      await writePeople(client, [result], 'upsert');
      return result;
    });
  }

  async createOrganisation(input: OrganisationInput): Promise<Organisation> {
    const now = new Date().toISOString();
    const organisation = newOrganisation(input, now);
    return this.transaction(async (client) => {
      await this.requireAbsent(client, 'organisations', 'organisation', organisation.id);
      await writeOrganisations(client, [organisation], 'insert');
      return organisation;
    });
  }

  async createQuote(input: QuoteInput, actor: string): Promise<Quote> {
    const quote = newQuote(input, new Date().toISOString());
    return this.createFact('quote', quote, actor, async (client) => {
      await this.requireSpeakers(client, quote.speakers);
      await writeQuotes(client, [quote], 'insert');
    });
  }

  async updateQuote(id: Id, patch: QuotePatch, expectedUpdatedAt?: string): Promise<Quote> {
    return this.updateFact('quote', id, expectedUpdatedAt, {
      readLocked: async (client) => {
        await client.query('select 1 from quotes where id = $1 for update', [id]);
        const [current] = await this.select(QUOTES, 'q.id = $1', [id], client);
        return current;
      },
      patched: (current) => patchedEntity(QuoteSchema, current, patch),
      write: async (client, updated, current) => {
        await this.requireSpeakers(client, updated.speakers);
        await writeQuotes(client, [updated], 'upsert', new Map([[id, current.text]]));
      },
    });
  }

  async createFigure(input: FigureInput, actor: string): Promise<Figure> {
    const figure = newFigure(input, new Date().toISOString());
    return this.createFact('figure', figure, actor, (client) =>
      writeFigures(client, [figure], 'insert'),
    );
  }

  async updateFigure(id: Id, patch: FigurePatch, expectedUpdatedAt?: string): Promise<Figure> {
    return this.updateFact('figure', id, expectedUpdatedAt, {
      readLocked: async (client) => {
        const { rows } = await client.query(
          `select ${FIGURE_COLUMNS} from figures f where f.id = $1 for update`,
          [id],
        );
        return rows[0] ? figureFromRow(rows[0]) : undefined;
      },
      patched: (current) => patchedEntity(FigureSchema, current, patch),
      write: (client, updated, current) =>
        writeFigures(client, [updated], 'upsert', new Map([[id, current.measures]])),
    });
  }

  /**
   * A new quote or figure, in one transaction: checked absent and its source present, written
   * (`write` adds what is particular to its kind), its creation event, and the notification.
   */
  private createFact<Fact extends Quote | Figure>(
    kind: FactKind,
    fact: Fact,
    actor: string,
    write: (client: pg.PoolClient) => Promise<void>,
  ): Promise<Fact> {
    const event = creationEvent(kind, fact.id, actor, fact.createdAt);
    return this.transaction(async (client) => {
      await this.requireAbsent(client, kind === 'quote' ? 'quotes' : 'figures', kind, fact.id);
      await this.requireRow(client, 'sources', 'source', fact.sourceId);
      await write(client);
      await writeEvents(client, [event]);
      await notify(client, this.channel, {
        factKind: kind,
        factId: fact.id,
        status: fact.status,
        change: 'created',
      });
      return fact;
    });
  }

  /**
   * An edit of a quote or figure, in one transaction: its row read under a lock, the version the
   * editor saw checked, the patch applied and written, and the notification.
   */
  private updateFact<Fact extends Quote | Figure>(
    kind: FactKind,
    id: Id,
    expectedUpdatedAt: string | undefined,
    steps: {
      readLocked: (client: pg.PoolClient) => Promise<Fact | undefined>;
      patched: (current: Fact) => Fact;
      write: (client: pg.PoolClient, updated: Fact, current: Fact) => Promise<void>;
    },
  ): Promise<Fact> {
    return this.transaction(async (client) => {
      const current = await steps.readLocked(client);
      if (!current) throw new NotFoundError(kind, id);
      checkVersion(kind, current, expectedUpdatedAt);
      const updated = steps.patched(current);
      await steps.write(client, updated, current);
      await notify(client, this.channel, {
        factKind: kind,
        factId: id,
        status: updated.status,
        change: 'updated',
      });
      return updated;
    });
  }

  // ---- verification --------------------------------------------------------------------------

  async recordVerification(input: VerificationInput): Promise<VerificationEvent> {
    const event = parseEntity(VerificationEventSchema, {
      id: newId('evt'),
      factKind: input.factKind,
      factId: input.factId,
      status: input.status,
      actor: input.actor.trim(),
      at: input.at ?? new Date().toISOString(),
      method: input.method ?? null,
      note: input.note ?? null,
    });
    const table = event.factKind === 'quote' ? 'quotes' : 'figures';
    return this.transaction(async (client) => {
      // The row lock serialises verifications of one fact across processes.
      const { rows } = await client.query<{ updated_at: string }>(
        prepared(`select updated_at from ${table} where id = $1 for update`, [event.factId]),
      );
      const fact = rows[0];
      if (!fact) throw new NotFoundError(event.factKind, event.factId);
      // Then one statement (one round trip, not four): the event; the status it leaves, which
      // is the latest event's even when this one was back-dated; the fact's row; the
      // notification, sent when the transaction commits.
      await client.query(
        prepared(
          `with inserted as (
           insert into verification_events (id, fact_kind, fact_id, status, actor, at, method, note)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           returning status, at, seq
         ), latest as (
           select status from (
             select status, at, seq from verification_events where fact_kind = $2 and fact_id = $3
             union all
             select status, at, seq from inserted
           ) e
           order by at collate "C" desc, seq desc limit 1
         ), changed as (
           update ${table} set status = (select status from latest), updated_at = $9
           where id = $3
           returning status
         )
         select pg_notify($10, json_build_object('factKind', $2::text, 'factId', $3::text,
           'status', status, 'change', 'verified')::text)
         from changed`,
          [
            event.id,
            event.factKind,
            event.factId,
            event.status,
            event.actor,
            event.at,
            event.method,
            event.note,
            nextTimestamp(fact.updated_at),
            this.channel,
          ],
        ),
      );
      return event;
    });
  }

  async verificationHistory(factKind: FactKind, factId: Id): Promise<VerificationEvent[]> {
    const [history] = await this.verificationHistories([{ kind: factKind, id: factId }]);
    return history ?? [];
  }

  async verificationHistories(
    facts: readonly { kind: FactKind; id: Id }[],
  ): Promise<VerificationEvent[][]> {
    if (facts.length === 0) return [];
    const { rows } = await this.pool.query(
      // Both columns, so the (fact_kind, fact_id, at, seq) index serves the lookup.
      prepared(
        `select ${EVENT_COLUMNS} from verification_events
         where fact_kind = any($1) and fact_id = any($2) order by at collate "C", seq`,
        [[...new Set(facts.map((fact) => fact.kind))], facts.map((fact) => fact.id)],
      ),
    );
    const byFact = new Map<string, VerificationEvent[]>();
    for (const event of rows.map(eventFromRow)) {
      const key = `${event.factKind}:${event.factId}`;
      const list = byFact.get(key) ?? [];
      list.push(event);
      byFact.set(key, list);
    }
    return facts.map((fact) => byFact.get(`${fact.kind}:${fact.id}`) ?? []);
  }

  // ---- export / import -----------------------------------------------------------------------

  async exportDataset(): Promise<Dataset> {
    // One snapshot for every table, so a concurrent write cannot split the export. Ids sort
    // bytewise (collate "C"), as SQLite's BINARY collation does: both backends export alike.
    return this.transaction(async (client) => {
      const sources = await client.query(
        `select ${SOURCE_COLUMNS} from sources order by id collate "C"`,
      );
      const organisations = await this.select(ORGANISATIONS, 'true', [], client);
      const people = await this.select(PEOPLE, 'true', [], client);
      const quotes = await this.select(QUOTES, 'true', [], client);
      const figures = await client.query(
        `select ${FIGURE_COLUMNS} from figures f order by f.id collate "C"`,
      );
      const events = await client.query(
        `select ${EVENT_COLUMNS} from verification_events order by at collate "C", seq`,
      );
      return {
        format: DATASET_FORMAT,
        version: DATASET_VERSION,
        sources: sources.rows.map(sourceFromRow),
        organisations,
        people,
        quotes,
        figures: figures.rows.map(figureFromRow),
        events: events.rows.map(eventFromRow),
      };
    }, 'begin isolation level repeatable read read only');
  }

  async importDataset(
    dataset: Dataset,
    options: { mode: 'replace' | 'merge' },
  ): Promise<ImportSummary> {
    const valid = validateDataset(dataset);
    const mode: WriteMode = options.mode === 'replace' ? 'insert' : 'upsert';
    const summary = await this.transaction(async (client) => {
      if (options.mode === 'replace') {
        await client.query(
          `truncate verification_events, quote_shingles, quote_speakers, quotes, figure_words,
             figures, person_roles, person_aliases, people, organisation_aliases, organisations,
             sources, search_documents`,
        );
      }
      const existing =
        options.mode === 'merge' ? await existingReferences(client, valid) : emptyReferences();
      checkDatasetReferences(valid, { exists: (table, id) => existing[table].has(id) });
      // Into emptied tables, building an index once from sorted rows is far cheaper than
      // keeping it up to date row by row (decision 111).
      const rebuildIndexes =
        options.mode === 'replace' &&
        valid.quotes.length + valid.figures.length >= this.bulkImportRows
          ? await dropIndexesForBulkLoad(client)
          : null;
      for (const chunk of chunks(valid.sources)) await writeSources(client, chunk, mode);
      for (const chunk of chunks(valid.organisations)) {
        await writeOrganisations(client, chunk, mode);
      }
      for (const chunk of chunks(valid.people)) await writePeople(client, chunk, mode);
      for (const chunk of chunks(valid.quotes)) {
        const previous =
          mode === 'upsert' ? await previousValues(client, 'quotes', 'text', chunk) : undefined;
        await writeQuotes(client, chunk, mode, previous);
      }
      for (const chunk of chunks(valid.figures)) {
        const previous =
          mode === 'upsert'
            ? await previousValues(client, 'figures', 'measures', chunk)
            : undefined;
        await writeFigures(client, chunk, mode, previous);
      }
      let events = 0;
      for (const chunk of chunks(valid.events)) events += await writeEvents(client, chunk);
      await rebuildIndexes?.();
      return {
        sources: valid.sources.length,
        people: valid.people.length,
        organisations: valid.organisations.length,
        quotes: valid.quotes.length,
        figures: valid.figures.length,
        events,
      };
    });
    if (valid.quotes.length + valid.figures.length > 1000) {
      // Fresh statistics, or the planner guesses badly on the first searches after a big import,
      // and a visibility map, so the shingle lookup reads only its index (autovacuum would get
      // there, minutes later). VACUUM cannot run inside the import's transaction.
      await this.pool.query(
        `vacuum (analyze) sources, people, person_aliases, organisations, organisation_aliases, quotes,
           quote_speakers, quote_shingles, figures, figure_words, verification_events,
           search_documents`,
      );
    }
    return summary;
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query<StoreCounts>(
      `select (select count(*) from sources)::int as sources,
              (select count(*) from people)::int as people,
              (select count(*) from organisations)::int as organisations,
              (select count(*) from quotes)::int as quotes,
              (select count(*) from figures)::int as figures,
              (select count(*) from verification_events)::int as events`,
    );
    const counts = rows[0];
    if (!counts) throw new Error('count query returned no row');
    return counts;
  }

  // ---- plumbing ------------------------------------------------------------------------------

  /** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
  private async transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    begin = 'begin',
  ): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('commit');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
        client.release();
      } catch (rollbackError) {
        // A connection that cannot roll back is broken: destroy it rather than reuse it.
        client.release(rollbackError as Error);
      }
      throw describeDatabaseError(error);
    }
  }
}

// ---- row writers (one multi-row statement per table, shared by single writes and import) -----

type WriteMode = 'insert' | 'upsert';

function upsertClause(mode: WriteMode, columns: readonly string[]): string {
  if (mode === 'insert') return '';
  return `on conflict (id) do update set ${columns
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;
}

async function writeSources(client: pg.PoolClient, sources: readonly Source[], mode: WriteMode) {
  if (sources.length === 0) return;
  await client.query(
    `insert into sources (id, title, outlet, byline, url, published_on, language, content_hash,
       created_at, updated_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::text[], $9::text[], $10::text[])
     ${upsertClause(mode, ['title', 'outlet', 'byline', 'url', 'published_on', 'language', 'content_hash', 'created_at', 'updated_at'])}`,
    [
      sources.map((s) => s.id),
      sources.map((s) => s.title),
      sources.map((s) => s.outlet),
      sources.map((s) => s.byline),
      sources.map((s) => s.url),
      sources.map((s) => s.publishedOn),
      sources.map((s) => s.language),
      sources.map((s) => s.contentHash),
      sources.map((s) => s.createdAt),
      sources.map((s) => s.updatedAt),
    ],
  );
  await writeSearchDocuments(client, sources.map(sourceDocument));
}

async function writeAliases(
  client: pg.PoolClient,
  table: 'person_aliases' | 'organisation_aliases',
  ownerColumn: 'person_id' | 'organisation_id',
  owners: readonly { id: Id; name: string; aliases: readonly string[] }[],
  mode: WriteMode,
) {
  if (mode === 'upsert') {
    await client.query(`delete from ${table} where ${ownerColumn} = any($1)`, [
      owners.map((owner) => owner.id),
    ]);
  }
  const rows = owners.flatMap((owner) =>
    distinctAliases(owner.name, owner.aliases).map((alias, position) => ({
      owner: owner.id,
      position,
      alias,
    })),
  );
  if (rows.length === 0) return;
  await client.query(
    `insert into ${table} (${ownerColumn}, position, alias, alias_key)
     select * from unnest($1::text[], $2::int[], $3::text[], $4::text[])`,
    [
      rows.map((row) => row.owner),
      rows.map((row) => row.position),
      rows.map((row) => row.alias),
      rows.map((row) => nameKey(row.alias)),
    ],
  );
}

async function writeOrganisations(
  client: pg.PoolClient,
  organisations: readonly Organisation[],
  mode: WriteMode,
) {
  if (organisations.length === 0) return;
  await client.query(
    `insert into organisations (id, name, name_key, kind, created_at, updated_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
     ${upsertClause(mode, ['name', 'name_key', 'kind', 'created_at', 'updated_at'])}`,
    [
      organisations.map((o) => o.id),
      organisations.map((o) => o.name),
      organisations.map((o) => nameKey(o.name)),
      organisations.map((o) => o.kind),
      organisations.map((o) => o.createdAt),
      organisations.map((o) => o.updatedAt),
    ],
  );
  await writeAliases(client, 'organisation_aliases', 'organisation_id', organisations, mode);
  await writeSearchDocuments(client, organisations.map(organisationDocument));
}

async function writePeople(client: pg.PoolClient, people: readonly Person[], mode: WriteMode) {
  if (people.length === 0) return;
  await client.query(
    `insert into people (id, name, name_key, created_at, updated_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
     ${upsertClause(mode, ['name', 'name_key', 'created_at', 'updated_at'])}`,
    [
      people.map((p) => p.id),
      people.map((p) => p.name),
      people.map((p) => nameKey(p.name)),
      people.map((p) => p.createdAt),
      people.map((p) => p.updatedAt),
    ],
  );
  await writeAliases(client, 'person_aliases', 'person_id', people, mode);
  if (mode === 'upsert') {
    await client.query('delete from person_roles where person_id = any($1)', [
      people.map((p) => p.id),
    ]);
  }
  const roles = people.flatMap((person) =>
    person.roles.map((role, position) => ({ person: person.id, position, role })),
  );
  if (roles.length > 0) {
    await client.query(
      `insert into person_roles (person_id, position, title, organisation_id, period)
       select * from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
      [
        roles.map((r) => r.person),
        roles.map((r) => r.position),
        roles.map((r) => r.role.title),
        roles.map((r) => r.role.organisationId),
        roles.map((r) => r.role.period),
      ],
    );
  }
  await writeSearchDocuments(client, people.map(personDocument));
}

async function writeQuotes(
  client: pg.PoolClient,
  quotes: readonly Quote[],
  mode: WriteMode,
  previousTexts?: ReadonlyMap<Id, string>,
) {
  if (quotes.length === 0) return;
  await client.query(
    `insert into quotes (id, text, speaker_text, source_id, span_start, span_end, sentence, kind,
       said_when, said_where, status, created_at, updated_at)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[],
       $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
     ${upsertClause(mode, ['text', 'speaker_text', 'source_id', 'span_start', 'span_end', 'sentence', 'kind', 'said_when', 'said_where', 'status', 'created_at', 'updated_at'])}`,
    [
      quotes.map((q) => q.id),
      quotes.map((q) => q.text),
      quotes.map((q) => q.speakerText),
      quotes.map((q) => q.sourceId),
      quotes.map((q) => q.span.start),
      quotes.map((q) => q.span.end),
      quotes.map((q) => q.sentence),
      quotes.map((q) => q.kind),
      quotes.map((q) => q.saidWhen),
      quotes.map((q) => q.saidWhere),
      quotes.map((q) => q.status),
      quotes.map((q) => q.createdAt),
      quotes.map((q) => q.updatedAt),
    ],
  );
  if (mode === 'upsert') {
    await client.query('delete from quote_speakers where quote_id = any($1)', [
      quotes.map((q) => q.id),
    ]);
  }
  const speakers = quotes.flatMap((quote) =>
    quote.speakers.map((speaker, position) => ({ quote: quote.id, position, speaker })),
  );
  await client.query(
    `insert into quote_speakers (quote_id, position, speaker_kind, person_id, organisation_id)
     select * from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
    [
      speakers.map((s) => s.quote),
      speakers.map((s) => s.position),
      speakers.map((s) => s.speaker.kind),
      speakers.map((s) => (s.speaker.kind === 'person' ? s.speaker.id : null)),
      speakers.map((s) => (s.speaker.kind === 'organisation' ? s.speaker.id : null)),
    ],
  );
  // Shingles depend on the text only: a quote whose text did not change keeps its rows.
  const changed = quotes.filter((quote) => previousTexts?.get(quote.id) !== quote.text);
  const replaced = changed.filter((quote) => previousTexts?.has(quote.id));
  if (replaced.length > 0) {
    await client.query('delete from quote_shingles where quote_id = any($1)', [
      replaced.map((quote) => quote.id),
    ]);
  }
  const shingleQuoteIds: string[] = [];
  const shingleValues: number[] = [];
  for (const quote of changed) {
    for (const shingle of shinglesOfQuoteText(quote.text)) {
      shingleQuoteIds.push(quote.id);
      shingleValues.push(shingle);
    }
  }
  if (shingleValues.length > 0) {
    await client.query(
      `insert into quote_shingles (shingle, quote_id)
       select * from unnest($1::bigint[], $2::text[]) on conflict do nothing`,
      [shingleValues, shingleQuoteIds],
    );
  }
  await writeSearchDocuments(client, quotes.map(quoteDocument));
}

async function writeFigures(
  client: pg.PoolClient,
  figures: readonly Figure[],
  mode: WriteMode,
  previousMeasures?: ReadonlyMap<Id, string>,
) {
  if (figures.length === 0) return;
  await client.query(
    `insert into figures (id, value, value_max, unit, qualifier, text, measures, source_id,
       span_start, span_end, sentence, status, created_at, updated_at)
     select * from unnest($1::text[], $2::float8[], $3::float8[], $4::text[], $5::text[],
       $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::text[], $12::text[],
       $13::text[], $14::text[])
     ${upsertClause(mode, ['value', 'value_max', 'unit', 'qualifier', 'text', 'measures', 'source_id', 'span_start', 'span_end', 'sentence', 'status', 'created_at', 'updated_at'])}`,
    [
      figures.map((f) => f.id),
      figures.map((f) => f.value),
      figures.map((f) => f.valueMax),
      figures.map((f) => f.unit),
      figures.map((f) => f.qualifier),
      figures.map((f) => f.text),
      figures.map((f) => f.measures),
      figures.map((f) => f.sourceId),
      figures.map((f) => f.span.start),
      figures.map((f) => f.span.end),
      figures.map((f) => f.sentence),
      figures.map((f) => f.status),
      figures.map((f) => f.createdAt),
      figures.map((f) => f.updatedAt),
    ],
  );
  const changed = figures.filter((figure) => previousMeasures?.get(figure.id) !== figure.measures);
  const replaced = changed.filter((figure) => previousMeasures?.has(figure.id));
  if (replaced.length > 0) {
    await client.query('delete from figure_words where figure_id = any($1)', [
      replaced.map((figure) => figure.id),
    ]);
  }
  const words = changed.flatMap((figure) =>
    wordsOfMeasures(figure.measures).map((word) => ({ figure: figure.id, word })),
  );
  if (words.length > 0) {
    await client.query(
      `insert into figure_words (word, figure_id) select * from unnest($1::text[], $2::text[])
       on conflict do nothing`,
      [words.map((w) => w.word), words.map((w) => w.figure)],
    );
  }
  await writeSearchDocuments(client, figures.map(figureDocument));
}

/** Appends events; one already recorded (same id) is kept as it is. Returns how many were new. */
async function writeEvents(client: pg.PoolClient, events: readonly VerificationEvent[]) {
  if (events.length === 0) return 0;
  const result = await client.query(
    `insert into verification_events (id, fact_kind, fact_id, status, actor, at, method, note)
     select id, fact_kind, fact_id, status, actor, at, method, note
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::text[]) with ordinality
       as e(id, fact_kind, fact_id, status, actor, at, method, note, n)
     order by n
     on conflict (id) do nothing`,
    [
      events.map((e) => e.id),
      events.map((e) => e.factKind),
      events.map((e) => e.factId),
      events.map((e) => e.status),
      events.map((e) => e.actor),
      events.map((e) => e.at),
      events.map((e) => e.method),
      events.map((e) => e.note),
    ],
  );
  return result.rowCount ?? 0;
}

/**
 * The tables a big import fills most: their secondary indexes, and quote_shingles' primary key
 * (which no foreign key references), are dropped before the load and built after it.
 */
const BULK_LOAD_TABLES = [
  'quotes',
  'quote_speakers',
  'quote_shingles',
  'figures',
  'figure_words',
  'search_documents',
  'verification_events',
];

/**
 * Drops the bulk-load tables' indexes that no constraint needs (in the import's transaction,
 * so a failed import restores them) and returns the function that builds them again. Primary
 * keys and unique constraints stay: the import's ON CONFLICT clauses and the foreign keys use
 * them — except quote_shingles', whose rows the import writes de-duplicated per quote.
 */
async function dropIndexesForBulkLoad(client: pg.PoolClient): Promise<() => Promise<void>> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
            pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
       join pg_class c on c.oid = i.indexrelid
       join pg_class t on t.oid = i.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = any($1)
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [BULK_LOAD_TABLES],
  );
  const { rows: keys } = await client.query<{ name: string; definition: string }>(
    `select quote_ident(conname) as name, pg_get_constraintdef(oid) as definition
       from pg_constraint
      where conrelid = 'quote_shingles'::regclass and contype = 'p'`,
  );
  for (const index of indexes) await client.query(`drop index ${index.name}`);
  for (const key of keys) {
    await client.query(`alter table quote_shingles drop constraint ${key.name}`);
  }
  return async () => {
    // Local to the import's transaction: sorts for the index builds stay in memory.
    await client.query(`set local maintenance_work_mem = '256MB'`);
    for (const key of keys) {
      await client.query(`alter table quote_shingles add constraint ${key.name} ${key.definition}`);
    }
    for (const index of indexes) await client.query(index.definition);
  };
}

/**
 * The search index: words folded like the SQLite backend's tokenizer (lower case, no accents,
 * letters and digits only) so both backends match the same words.
 */
async function writeSearchDocuments(client: pg.PoolClient, documents: readonly SearchDocument[]) {
  if (documents.length === 0) return;
  await client.query(
    `insert into search_documents (kind, entity_id, snippet, names_text, search_vector)
     select kind, id, snippet,
       case when kind in ('person', 'organisation') then main end,
       setweight(to_tsvector('simple', main), 'A') || setweight(to_tsvector('simple', context), 'D')
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       as d(kind, id, main, context, snippet)
     on conflict (kind, entity_id) do update set snippet = excluded.snippet,
       names_text = excluded.names_text, search_vector = excluded.search_vector`,
    [
      documents.map((d) => d.kind),
      documents.map((d) => d.id),
      documents.map((d) => indexWords(d.mainText)),
      documents.map((d) => indexWords(d.contextText)),
      documents.map((d) => d.snippet),
    ],
  );
}

function indexWords(text: string): string {
  return (nameKey(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

async function notify(client: pg.PoolClient, channel: string, change: FactChange): Promise<void> {
  // Delivered to every listening session, this process's too, when the transaction commits.
  await client.query('select pg_notify($1, $2)', [channel, JSON.stringify(change)]);
}

/** The current values of one column for those rows of `items` that already exist. */
async function previousValues(
  client: pg.PoolClient,
  table: 'quotes' | 'figures',
  column: 'text' | 'measures',
  items: readonly { id: Id }[],
): Promise<Map<Id, string>> {
  const { rows } = await client.query<{ id: string; value: string }>(
    `select id, ${column} as value from ${table} where id = any($1)`,
    [items.map((item) => item.id)],
  );
  return new Map(rows.map((row) => [row.id, row.value]));
}

type References = Record<EntityTable, Set<string>>;

function emptyReferences(): References {
  return {
    sources: new Set(),
    people: new Set(),
    organisations: new Set(),
    quotes: new Set(),
    figures: new Set(),
  };
}

/** Which of the ids a merged dataset refers to are already in the store (one query a table). */
async function existingReferences(client: pg.PoolClient, dataset: Dataset): Promise<References> {
  const wanted: Record<EntityTable, Set<string>> = emptyReferences();
  for (const person of dataset.people) {
    for (const role of person.roles) {
      if (role.organisationId) wanted.organisations.add(role.organisationId);
    }
  }
  for (const quote of dataset.quotes) {
    wanted.sources.add(quote.sourceId);
    for (const speaker of quote.speakers) {
      (speaker.kind === 'person' ? wanted.people : wanted.organisations).add(speaker.id);
    }
  }
  for (const figure of dataset.figures) wanted.sources.add(figure.sourceId);
  for (const event of dataset.events) {
    (event.factKind === 'quote' ? wanted.quotes : wanted.figures).add(event.factId);
  }
  const found = emptyReferences();
  for (const table of Object.keys(wanted) as EntityTable[]) {
    if (wanted[table].size === 0) continue;
    const { rows } = await client.query<{ id: string }>(
      `select id from ${table} where id = any($1)`,
      [[...wanted[table]]],
    );
    for (const row of rows) found[table].add(row.id);
  }
  return found;
}

// ---- small helpers ---------------------------------------------------------------------------

/** Collects SQL conditions and their numbered parameters. */
class Where {
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];
  value(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  add(condition: string): void {
    this.conditions.push(condition);
  }
  sql(): string {
    return this.conditions.length === 0
      ? 'true'
      : this.conditions.map((c) => `(${c})`).join(' and ');
  }
}

/**
 * A to_tsquery expression for the user's words: all of them or any, the last also as a prefix
 * (it may be half typed). Only letters and digits survive (searchTerms), so input is never
 * syntax. Null when there are no words.
 */
function tsQuery(query: string, mode: 'all' | 'any'): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  const parts = terms.map((term, index) => (index === terms.length - 1 ? `${term}:*` : term));
  return parts.join(mode === 'all' ? ' & ' : ' | ');
}

function searchHitFromRow(row: Record<string, unknown>): SearchHit {
  return {
    kind: row.kind as SearchHitKind,
    id: row.entity_id as string,
    score: row.score as number,
    snippet: row.snippet as string,
  };
}

/** A missing or forbidden pg_trgm is an installation problem: say how to fix it. */
function explainMigrationError(error: unknown, statement: string): unknown {
  if (!(error instanceof pg.DatabaseError) || !/^CREATE EXTENSION/i.test(statement)) return error;
  // 58P01: the extension's files are not installed; 42501: this role may not create it.
  if (error.code === '58P01') {
    return new Error(
      'PostgreSQL lacks the pg_trgm extension: install the server contrib package ' +
        '(Debian/Ubuntu: postgresql-contrib) and run `verbatim db migrate` again',
    );
  }
  if (error.code === '42501') {
    return new Error(
      'this role may not create the pg_trgm extension: have the database owner or an ' +
        'administrator run `CREATE EXTENSION pg_trgm;` in this database, then migrate again',
    );
  }
  return error;
}

/** Turns errors caused by the input into InvalidInputError, with what was wrong. */
function describeDatabaseError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  // 22021: a NUL character, which PostgreSQL text cannot store (SQLite can).
  if (error.code === '22021') {
    return new InvalidInputError(
      'text contains a NUL character (U+0000), which PostgreSQL cannot store; remove it first',
    );
  }
  if (error.code === '23503' || error.code === '23505') {
    return new InvalidInputError(error.detail ?? error.message);
  }
  return error;
}

/** PostgreSQL text cannot hold U+0000; in a search string it can only be noise. */
function withoutNul(text: string): string {
  return text.replaceAll('\u0000', '');
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += IMPORT_CHUNK) {
    yield items.slice(start, start + IMPORT_CHUNK);
  }
}
