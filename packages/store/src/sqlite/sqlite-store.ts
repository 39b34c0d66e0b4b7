import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '@verbatim/domain/dataset';
import {
  type FactKind,
  type FactStatus,
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
import { nameKey } from '@verbatim/domain/name-key';
import Database from 'better-sqlite3';
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
import { checkDatasetReferences } from '../dataset-references.ts';
import {
  distinctAliases,
  figureDocument,
  indexedWords,
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
  ConflictError,
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
  type IndexDefinition,
  MIGRATIONS_TABLE,
  migrations,
  renderIndex,
  renderMigration,
  renderMigrationsTable,
} from '../migrations.ts';
import { candidateLookupFor } from './candidate-lookup.ts';
import { pageOfQuoteIds, textSearchOnlySql } from './quote-search.ts';

export interface SqliteStoreOptions {
  readonly?: boolean;
  /** Milliseconds a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

type Row = Record<string, unknown>;
type Bind = string | number | null;

/**
 * The embedded backend: one SQLite file in WAL mode (readers never wait for the writer). All
 * work is synchronous under the hood (better-sqlite3); the async interface is for PostgreSQL.
 */
export class SqliteFactStore implements FactStore {
  readonly backend = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** Set while importDataset runs: full-text rows to write at its end. */
  private pendingFullText: FullTextRows | null = null;

  constructor(
    readonly filename: string,
    options: SqliteStoreOptions = {},
  ) {
    this.db = new Database(filename, { readonly: options.readonly ?? false });
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    // A bulk import touches every page of the shingle index; SQLite's default 2 MB cache made
    // it spill dirty pages to the WAL mid-transaction and re-read them (decision 090). The
    // cache grows only as pages are used.
    this.db.pragma('cache_size = -262144');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('foreign_keys = ON');
  }

  /** Opens (creating if needed) and migrates. */
  static async open(filename: string, options: SqliteStoreOptions = {}): Promise<SqliteFactStore> {
    const store = new SqliteFactStore(filename, options);
    try {
      if (!options.readonly) await store.migrate();
    } catch (error) {
      store.db.close();
      throw error;
    }
    return store;
  }

  async migrate(): Promise<number[]> {
    this.db.exec(renderMigrationsTable());
    const appliedNow: number[] = [];
    for (const migration of migrations) {
      // IMMEDIATE: two processes migrating at once queue up instead of both creating tables.
      this.db
        .transaction(() => {
          const done = this.db
            .prepare(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE version = ?`)
            .get(migration.version);
          if (done) return;
          for (const statement of renderMigration(migration, 'sqlite')) this.db.exec(statement);
          this.db
            .prepare(
              `INSERT INTO ${MIGRATIONS_TABLE} (version, description, applied_at) VALUES (?, ?, ?)`,
            )
            .run(migration.version, migration.description, new Date().toISOString());
          appliedNow.push(migration.version);
        })
        .immediate();
    }
    this.statements.clear();
    return appliedNow;
  }

  /** Versions recorded in schema_migrations, ascending. */
  appliedMigrations(): number[] {
    this.db.exec(renderMigrationsTable());
    return this.db
      .prepare(`SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`)
      .pluck()
      .all() as number[];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private all(sql: string, ...params: Bind[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private get(sql: string, ...params: Bind[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private run(sql: string, ...params: Bind[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  /** Runs `work` in one write transaction (BEGIN IMMEDIATE): all of it or none of it. */
  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  // ---------------------------------------------------------------------------------------------
  // Row → entity

  private sourcesWhere(sql: string, ...params: Bind[]): Source[] {
    return this.all(`SELECT * FROM sources ${sql}`, ...params).map((row) => ({
      id: row.id as string,
      title: row.title as string,
      outlet: row.outlet as string | null,
      byline: row.byline as string | null,
      url: row.url as string | null,
      publishedOn: row.published_on as string | null,
      language: row.language as string,
      contentHash: row.content_hash as string,
      createdAt: row.created_at as string,
      updatedAt: row.updated_at as string,
    }));
  }

  private peopleWhere(sql: string, ...params: Bind[]): Person[] {
    const rows = this.all(`SELECT * FROM people ${sql}`, ...params);
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.id));
    const aliases = groupBy(
      this.all(
        'SELECT person_id, alias FROM person_aliases WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, position',
        ids,
      ),
      'person_id',
    );
    const roles = groupBy(
      this.all(
        'SELECT * FROM person_roles WHERE person_id IN (SELECT value FROM json_each(?)) ORDER BY person_id, position',
        ids,
      ),
      'person_id',
    );
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      aliases: (aliases.get(row.id as string) ?? []).map((alias) => alias.alias as string),
      roles: (roles.get(row.id as string) ?? []).map(
        (role): Role => ({
          title: role.title as string,
          organisationId: role.organisation_id as string | null,
          period: role.period as string | null,
        }),
      ),
      createdAt: row.created_at as string,
      updatedAt: row.updated_at as string,
    }));
  }

  private organisationsWhere(sql: string, ...params: Bind[]): Organisation[] {
    const rows = this.all(`SELECT * FROM organisations ${sql}`, ...params);
    if (rows.length === 0) return [];
    const aliases = groupBy(
      this.all(
        'SELECT organisation_id, alias FROM organisation_aliases WHERE organisation_id IN (SELECT value FROM json_each(?)) ORDER BY organisation_id, position',
        JSON.stringify(rows.map((row) => row.id)),
      ),
      'organisation_id',
    );
    return rows.map((row) => ({
      id: row.id as string,
      name: row.name as string,
      kind: row.kind as Organisation['kind'],
      aliases: (aliases.get(row.id as string) ?? []).map((alias) => alias.alias as string),
      createdAt: row.created_at as string,
      updatedAt: row.updated_at as string,
    }));
  }

  private quotesWhere(sql: string, ...params: Bind[]): Quote[] {
    const rows = this.all(`SELECT q.* FROM quotes q ${sql}`, ...params);
    if (rows.length === 0) return [];
    const speakers = groupBy(
      this.all(
        'SELECT * FROM quote_speakers WHERE quote_id IN (SELECT value FROM json_each(?)) ORDER BY quote_id, position',
        JSON.stringify(rows.map((row) => row.id)),
      ),
      'quote_id',
    );
    return rows.map((row) => ({
      id: row.id as string,
      text: row.text as string,
      speakers: (speakers.get(row.id as string) ?? []).map(
        (speaker): SpeakerRef =>
          speaker.speaker_kind === 'person'
            ? { kind: 'person', id: speaker.person_id as string }
            : { kind: 'organisation', id: speaker.organisation_id as string },
      ),
      speakerText: row.speaker_text as string | null,
      sourceId: row.source_id as string,
      span: { start: row.span_start as number, end: row.span_end as number },
      sentence: row.sentence as string,
      kind: row.kind as Quote['kind'],
      saidWhen: row.said_when as string | null,
      saidWhere: row.said_where as string | null,
      status: row.status as FactStatus,
      createdAt: row.created_at as string,
      updatedAt: row.updated_at as string,
    }));
  }

  private figuresWhere(sql: string, ...params: Bind[]): Figure[] {
    return this.all(`SELECT f.* FROM figures f ${sql}`, ...params).map((row) => ({
      id: row.id as string,
      value: row.value as number,
      valueMax: row.value_max as number | null,
      unit: row.unit as string,
      qualifier: row.qualifier as Figure['qualifier'],
      text: row.text as string,
      measures: row.measures as string,
      sourceId: row.source_id as string,
      span: { start: row.span_start as number, end: row.span_end as number },
      sentence: row.sentence as string,
      status: row.status as FactStatus,
      createdAt: row.created_at as string,
      updatedAt: row.updated_at as string,
    }));
  }

  private eventsWhere(sql: string, ...params: Bind[]): VerificationEvent[] {
    return this.all(`SELECT * FROM verification_events ${sql}`, ...params).map((row) => ({
      id: row.id as string,
      factKind: row.fact_kind as FactKind,
      factId: row.fact_id as string,
      status: row.status as FactStatus,
      actor: row.actor as string,
      at: row.at as string,
      method: row.method as string | null,
      note: row.note as string | null,
    }));
  }

  // ---------------------------------------------------------------------------------------------
  // Entity → rows (insert or update by id; child rows rewritten)

  /** `isNew`: the caller knows the row does not exist yet (see indexDocument). */
  private writeSource(source: Source, isNew = false): void {
    this.run(
      `INSERT INTO sources (id, title, outlet, byline, url, published_on, language, content_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, outlet = excluded.outlet,
         byline = excluded.byline, url = excluded.url, published_on = excluded.published_on,
         language = excluded.language, content_hash = excluded.content_hash,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      source.id,
      source.title,
      source.outlet,
      source.byline,
      source.url,
      source.publishedOn,
      source.language,
      source.contentHash,
      source.createdAt,
      source.updatedAt,
    );
    this.indexDocument(sourceDocument(source), isNew);
  }

  private writeOrganisation(organisation: Organisation, isNew = false): void {
    this.run(
      `INSERT INTO organisations (id, name, name_key, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
         kind = excluded.kind, created_at = excluded.created_at, updated_at = excluded.updated_at`,
      organisation.id,
      organisation.name,
      nameKey(organisation.name),
      organisation.kind,
      organisation.createdAt,
      organisation.updatedAt,
    );
    if (!isNew) {
      this.run('DELETE FROM organisation_aliases WHERE organisation_id = ?', organisation.id);
    }
    distinctAliases(organisation.name, organisation.aliases).forEach((alias, position) => {
      this.run(
        'INSERT INTO organisation_aliases (organisation_id, position, alias, alias_key) VALUES (?, ?, ?, ?)',
        organisation.id,
        position,
        alias,
        nameKey(alias),
      );
    });
    this.indexDocument(organisationDocument(organisation), isNew);
  }

  private writePerson(person: Person, isNew = false): void {
    this.run(
      `INSERT INTO people (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      person.id,
      person.name,
      nameKey(person.name),
      person.createdAt,
      person.updatedAt,
    );
    if (!isNew) this.run('DELETE FROM person_aliases WHERE person_id = ?', person.id);
    distinctAliases(person.name, person.aliases).forEach((alias, position) => {
      this.run(
        'INSERT INTO person_aliases (person_id, position, alias, alias_key) VALUES (?, ?, ?, ?)',
        person.id,
        position,
        alias,
        nameKey(alias),
      );
    });
    if (!isNew) this.run('DELETE FROM person_roles WHERE person_id = ?', person.id);
    person.roles.forEach((role, position) => {
      this.run(
        'INSERT INTO person_roles (person_id, position, title, organisation_id, period) VALUES (?, ?, ?, ?, ?)',
        person.id,
        position,
        role.title,
        role.organisationId,
        role.period,
      );
    });
    this.indexDocument(personDocument(person), isNew);
  }

  private writeQuote(quote: Quote, previousText: string | null): void {
    this.upsertQuoteRow(quote);
    this.run('DELETE FROM quote_speakers WHERE quote_id = ?', quote.id);
    this.insertSpeakers(quote);
    if (previousText !== quote.text) {
      if (previousText !== null) this.deleteShingles(quote.id, previousText);
      const rows = new ShingleRows();
      rows.add(quote.id, shinglesOfQuoteText(quote.text));
      this.insertShingles(rows);
    }
    this.indexDocument(quoteDocument(quote));
  }

  private upsertQuoteRow(quote: Quote): void {
    this.run(
      `INSERT INTO quotes (id, text, speaker_text, source_id, span_start, span_end, sentence, kind, said_when, said_where, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET text = excluded.text, speaker_text = excluded.speaker_text,
         source_id = excluded.source_id, span_start = excluded.span_start, span_end = excluded.span_end,
         sentence = excluded.sentence, kind = excluded.kind, said_when = excluded.said_when,
         said_where = excluded.said_where, status = excluded.status,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      quote.id,
      quote.text,
      quote.speakerText,
      quote.sourceId,
      quote.span.start,
      quote.span.end,
      quote.sentence,
      quote.kind,
      quote.saidWhen,
      quote.saidWhere,
      quote.status,
      quote.createdAt,
      quote.updatedAt,
    );
  }

  private insertSpeakers(quote: Quote): void {
    quote.speakers.forEach((speaker, position) => {
      this.run(
        'INSERT INTO quote_speakers (quote_id, position, speaker_kind, person_id, organisation_id) VALUES (?, ?, ?, ?, ?)',
        quote.id,
        position,
        speaker.kind,
        speaker.kind === 'person' ? speaker.id : null,
        speaker.kind === 'organisation' ? speaker.id : null,
      );
    });
  }

  private writeFigure(figure: Figure, previousMeasures: string | null): void {
    this.upsertFigureRow(figure);
    if (previousMeasures !== figure.measures) {
      this.run('DELETE FROM figure_words WHERE figure_id = ?', figure.id);
      this.insertFigureWords(figure);
    }
    this.indexDocument(figureDocument(figure));
  }

  private upsertFigureRow(figure: Figure): void {
    this.run(
      `INSERT INTO figures (id, value, value_max, unit, qualifier, text, measures, source_id, span_start, span_end, sentence, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET value = excluded.value, value_max = excluded.value_max,
         unit = excluded.unit, qualifier = excluded.qualifier, text = excluded.text,
         measures = excluded.measures, source_id = excluded.source_id,
         span_start = excluded.span_start, span_end = excluded.span_end,
         sentence = excluded.sentence, status = excluded.status,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      figure.id,
      figure.value,
      figure.valueMax,
      figure.unit,
      figure.qualifier,
      figure.text,
      figure.measures,
      figure.sourceId,
      figure.span.start,
      figure.span.end,
      figure.sentence,
      figure.status,
      figure.createdAt,
      figure.updatedAt,
    );
  }

  private insertFigureWords(figure: Figure): void {
    for (const word of wordsOfMeasures(figure.measures)) {
      this.run('INSERT INTO figure_words (word, figure_id) VALUES (?, ?)', word, figure.id);
    }
  }

  /**
   * Shingle rows go in sorted by shingle, the table's clustered key, many rows per statement:
   * sorted inserts touch each B-tree page once instead of jumping across the whole index for
   * every row, and one call per row cost more than SQLite's work for it (decision 090).
   */
  private insertShingles(rows: ShingleRows): void {
    const many = this.statement(
      `INSERT OR IGNORE INTO quote_shingles (shingle, quote_id) VALUES ${Array(SHINGLE_ROWS_PER_STATEMENT).fill('(?, ?)').join(', ')}`,
    );
    const one = this.statement(
      'INSERT OR IGNORE INTO quote_shingles (shingle, quote_id) VALUES (?, ?)',
    );
    const values: Bind[] = new Array(2 * SHINGLE_ROWS_PER_STATEMENT);
    let filled = 0;
    rows.forEachSorted((shingle, quoteId) => {
      values[filled++] = shingle;
      values[filled++] = quoteId;
      if (filled === values.length) {
        many.run(values);
        filled = 0;
      }
    });
    for (let i = 0; i < filled; i += 2) one.run(values[i] as number, values[i + 1] as string);
  }

  /**
   * A quote's shingle rows are exactly the shingles of its stored text, so they are deleted by
   * primary key: SQLite keeps no quote_id index on the table (migration 3, decision 100).
   */
  private deleteShingles(quoteId: Id, storedText: string): void {
    this.run(
      'DELETE FROM quote_shingles WHERE shingle IN (SELECT value FROM json_each(?)) AND quote_id = ?',
      json(shinglesOfQuoteText(storedText)),
      quoteId,
    );
  }

  /**
   * Writes one verification event; returns 1 if written. An import keeps an event already recorded
   * (events are immutable, matched by id); anywhere else a second write of an id is an error.
   */
  private insertEvent(event: VerificationEvent, keepExisting = false): number {
    return this.run(
      `INSERT INTO verification_events (id, fact_kind, fact_id, status, actor, at, method, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)${keepExisting ? ' ON CONFLICT (id) DO NOTHING' : ''}`,
      event.id,
      event.factKind,
      event.factId,
      event.status,
      event.actor,
      event.at,
      event.method,
      event.note,
    ).changes;
  }

  /**
   * `isNew`: the caller knows the entity had no row before, so it has no document either.
   * During an import the full-text row is collected for `insertFullTextRows`.
   */
  private indexDocument(document: SearchDocument, isNew = false): void {
    const existing = isNew
      ? undefined
      : this.get(
          'SELECT doc_id FROM search_documents WHERE kind = ? AND entity_id = ?',
          document.kind,
          document.id,
        );
    let docId: number;
    if (existing) {
      docId = existing.doc_id as number;
      this.run('DELETE FROM search_fts WHERE rowid = ?', docId);
      this.run('UPDATE search_documents SET snippet = ? WHERE doc_id = ?', document.snippet, docId);
    } else {
      docId = Number(
        this.run(
          'INSERT INTO search_documents (kind, entity_id, snippet) VALUES (?, ?, ?)',
          document.kind,
          document.id,
          document.snippet,
        ).lastInsertRowid,
      );
    }
    if (this.pendingFullText) {
      this.pendingFullText.push([docId, document.mainText, document.contextText]);
      return;
    }
    this.run(
      'INSERT INTO search_fts (rowid, main_text, context_text) VALUES (?, ?, ?)',
      docId,
      document.mainText,
      document.contextText,
    );
    this.recordSearchTerms([[docId, document.mainText, document.contextText]]);
  }

  /** Adds the words of newly indexed documents to search_terms (prefix search, decision 116). */
  private recordSearchTerms(rows: FullTextRows): void {
    const words = new Set<string>();
    for (const [, mainText, contextText] of rows) {
      for (const word of indexedWords(mainText)) words.add(word);
      for (const word of indexedWords(contextText)) words.add(word);
    }
    if (words.size === 0) return;
    this.run(
      'INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)',
      JSON.stringify([...words]),
    );
  }

  /**
   * Full-text rows of a whole import, written last and in rowid order. FTS5 keeps new rows in
   * memory until commit, but writes them out as a segment whenever another statement of the
   * transaction opens a statement savepoint (any insert with foreign keys does): interleaved
   * with the facts' own inserts, that was one tiny segment per document, plus their merging,
   * and most of an import's time (decision 090).
   */
  private insertFullTextRows(rows: FullTextRows): void {
    rows.sort((a, b) => a[0] - b[0]);
    for (let first = 0; first < rows.length; first += FULL_TEXT_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(first, first + FULL_TEXT_ROWS_PER_STATEMENT);
      this.run(
        `INSERT INTO search_fts (rowid, main_text, context_text)
         SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
        JSON.stringify(chunk),
      );
      this.recordSearchTerms(chunk);
    }
  }

  private unindexDocument(kind: SearchDocumentKind, id: Id): void {
    const existing = this.get(
      'SELECT doc_id FROM search_documents WHERE kind = ? AND entity_id = ?',
      kind,
      id,
    );
    if (!existing) return;
    this.run('DELETE FROM search_fts WHERE rowid = ?', existing.doc_id as number);
    this.run('DELETE FROM search_documents WHERE doc_id = ?', existing.doc_id as number);
  }

  // ---------------------------------------------------------------------------------------------
  // Batch readers

  async quotesByIds(ids: readonly Id[]): Promise<(Quote | null)[]> {
    return inOrder(
      ids,
      this.quotesWhere('WHERE q.id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  async figuresByIds(ids: readonly Id[]): Promise<(Figure | null)[]> {
    return inOrder(
      ids,
      this.figuresWhere('WHERE f.id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  async peopleByIds(ids: readonly Id[]): Promise<(Person | null)[]> {
    return inOrder(
      ids,
      this.peopleWhere('WHERE id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  async organisationsByIds(ids: readonly Id[]): Promise<(Organisation | null)[]> {
    return inOrder(
      ids,
      this.organisationsWhere('WHERE id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  async sourcesByIds(ids: readonly Id[]): Promise<(Source | null)[]> {
    return inOrder(
      ids,
      this.sourcesWhere('WHERE id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Checker lookups

  async quoteCandidates(shingles: readonly number[], limit: number): Promise<Quote[]> {
    const ids = candidateLookupFor(this.db).quoteCandidateIds(shingles, limit);
    const quotes = await this.quotesByIds(ids);
    return quotes.filter((quote): quote is Quote => quote !== null);
  }

  async quoteCandidatesPerQuotation(
    quotations: readonly (readonly number[])[],
    perQuotation: number,
  ): Promise<Quote[][]> {
    const ids = candidateLookupFor(this.db).quoteCandidateIdsPerQuotation(quotations, perQuotation);
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
    const ids = candidateLookupFor(this.db).figureCandidateIds(
      units,
      normaliseMeasuresWords(measuresWords),
      limit,
      minSharedWords,
    );
    const figures = await this.figuresByIds(ids);
    return figures.filter((figure): figure is Figure => figure !== null);
  }

  async findPeopleByName(nameOrAlias: string): Promise<Person[]> {
    const key = nameKey(nameOrAlias);
    if (key === '') return [];
    return this.peopleWhere(
      'WHERE name_key = ? OR id IN (SELECT person_id FROM person_aliases WHERE alias_key = ?) ORDER BY id',
      key,
      key,
    );
  }

  async findOrganisationsByName(nameOrAlias: string): Promise<Organisation[]> {
    const key = nameKey(nameOrAlias);
    if (key === '') return [];
    return this.organisationsWhere(
      'WHERE name_key = ? OR id IN (SELECT organisation_id FROM organisation_aliases WHERE alias_key = ?) ORDER BY id',
      key,
      key,
    );
  }

  async findSourceByUrlOrHash(key: {
    url?: string | null;
    contentHash?: string | null;
  }): Promise<Source | null> {
    if (key.url) {
      const [byUrl] = this.sourcesWhere('WHERE url = ? ORDER BY id LIMIT 1', key.url);
      if (byUrl) return byUrl;
    }
    if (key.contentHash) {
      const [byHash] = this.sourcesWhere(
        'WHERE content_hash = ? ORDER BY id LIMIT 1',
        key.contentHash,
      );
      if (byHash) return byHash;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Search and lists

  /** FTS5 MATCH text for user words: each one a quoted string, so input is never syntax. */
  private matchExpression(query: string, mode: 'all' | 'any'): string | null {
    const parts = this.matchParts(query);
    return parts ? parts.join(mode === 'all' ? ' AND ' : ' OR ') : null;
  }

  /** Each search word as FTS5 match text; the last may be half typed: matched as a prefix. */
  private matchParts(query: string): string[] | null {
    const terms = searchTerms(query);
    if (terms.length === 0) return null;
    return terms.map((term, index) =>
      index === terms.length - 1 ? this.prefixMatch(term) : ftsString(term),
    );
  }

  /**
   * A half-typed word as the word itself or one of its shortest completions among the indexed
   * words (search_terms). FTS5's own `"word"*` merges the postings of every word so started,
   * however many, before it intersects anything: at 1M quotes most of a search's time, and
   * without bound for a short prefix. Like Elasticsearch's `max_expansions` (decision 116).
   */
  private prefixMatch(prefix: string): string {
    const words = this.all(
      `SELECT term FROM (
         SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ${PREFIX_COMPLETIONS_SCANNED}
       ) ORDER BY length(term), term LIMIT ${PREFIX_COMPLETIONS_MATCHED}`,
      prefix,
      `${prefix}\u{10FFFF}`,
    ).map((row) => ftsString(row.term as string));
    // No indexed word starts so: FTS5's own prefix query finds nothing as quickly, and stays
    // right for a word the index holds that search_terms somehow lacks.
    if (words.length === 0) return `${ftsString(prefix)}*`;
    return words.length === 1 ? (words[0] as string) : `(${words.join(' OR ')})`;
  }

  async search(
    query: string,
    options: { first: number; kinds?: readonly SearchHitKind[] },
  ): Promise<SearchHit[]> {
    const first = clampPageSize(options.first);
    if (first === 0 || options.kinds?.length === 0) return [];
    const kinds = json(options.kinds ?? ['quote', 'figure', 'person', 'organisation', 'source']);
    const run = (match: string): SearchHit[] =>
      this.all(
        `SELECT d.kind, d.entity_id, d.snippet, bm25(search_fts, 10.0, 1.0) AS rank
         FROM search_fts JOIN search_documents d ON d.doc_id = search_fts.rowid
         WHERE search_fts MATCH ? AND d.kind IN (SELECT value FROM json_each(?))
         ORDER BY rank, d.kind, d.entity_id LIMIT ?`,
        match,
        kinds,
        first,
      ).map((row) => ({
        kind: row.kind as SearchHitKind,
        id: row.entity_id as string,
        score: -(row.rank as number),
        snippet: row.snippet as string,
      }));
    // The words are looked up once (the last one's completions are a query of their own).
    const parts = this.matchParts(query);
    if (!parts) return [];
    const hits = run(parts.join(' AND '));
    if (hits.length > 0 || parts.length === 1) return hits;
    // Nothing has every word: rank what has some of them.
    return run(parts.join(' OR '));
  }

  /** Entity ids of one kind matching a text, with their rank (lower is better). */
  private matchingSql(kind: SearchDocumentKind): string {
    return `SELECT d.entity_id AS id, bm25(search_fts, 10.0, 1.0) AS rank
      FROM search_fts JOIN search_documents d ON d.doc_id = search_fts.rowid
      WHERE search_fts MATCH ? AND d.kind = '${kind}'`;
  }

  async listSources(filter: SourceFilter, page: PageArgs): Promise<Page<Source>> {
    const where: string[] = [];
    const params: Bind[] = [];
    if (filter.query !== undefined) {
      const match = this.matchExpression(filter.query, 'all');
      if (!match) return emptyPage();
      where.push(`s.id IN (SELECT id FROM (${this.matchingSql('source')}))`);
      params.push(match);
    }
    const from = `FROM sources s ${whereClause(where)}`;
    return this.pageOfIds(page, from, params, 's.created_at DESC, s.id', 's.id', (ids) =>
      this.sourcesWhere('WHERE id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  async listPeople(filter: NameFilter, page: PageArgs): Promise<Page<Person>> {
    const [where, params] = this.nameFilter(filter, 'p', 'person_aliases', 'person_id', 'person');
    if (!where) return emptyPage();
    const from = `FROM people p ${whereClause(where)}`;
    return this.pageOfIds(page, from, params, 'p.name_key, p.id', 'p.id', (ids) =>
      this.peopleWhere('WHERE id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  async listOrganisations(filter: NameFilter, page: PageArgs): Promise<Page<Organisation>> {
    const [where, params] = this.nameFilter(
      filter,
      'o',
      'organisation_aliases',
      'organisation_id',
      'organisation',
    );
    if (!where) return emptyPage();
    const from = `FROM organisations o ${whereClause(where)}`;
    return this.pageOfIds(page, from, params, 'o.name_key, o.id', 'o.id', (ids) =>
      this.organisationsWhere('WHERE id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  /** Name or alias by prefix, or full-text; null where the query has no words at all. */
  private nameFilter(
    filter: NameFilter,
    alias: string,
    aliasTable: string,
    ownerColumn: string,
    kind: SearchDocumentKind,
  ): [string[] | null, Bind[]] {
    if (filter.query === undefined || filter.query.trim() === '') return [[], []];
    const key = nameKey(filter.query);
    const match = this.matchExpression(filter.query, 'all');
    const prefix = `${escapeLike(key)}%`;
    const conditions = [
      `${alias}.name_key LIKE ? ESCAPE '\\'`,
      `${alias}.id IN (SELECT ${ownerColumn} FROM ${aliasTable} WHERE alias_key LIKE ? ESCAPE '\\')`,
    ];
    const params: Bind[] = [prefix, prefix];
    if (match) {
      conditions.push(`${alias}.id IN (SELECT id FROM (${this.matchingSql(kind)}))`);
      params.push(match);
    }
    return [[`(${conditions.join(' OR ')})`], params];
  }

  /** Pages over ids in SQL, then loads the entities of one page in that order. */
  private pageOfIds<T extends { id: Id }>(
    page: PageArgs,
    fromAndWhere: string,
    params: Bind[],
    orderBy: string,
    idColumn: string,
    load: (ids: Id[]) => T[],
  ): Page<T> {
    const first = clampPageSize(page.first);
    const offset = decodeCursor(page.after);
    const totalCount = this.get(`SELECT COUNT(*) AS n ${fromAndWhere}`, ...params)?.n as number;
    const ids = this.all(
      `SELECT ${idColumn} AS id ${fromAndWhere} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
      ...params,
      first,
      offset,
    ).map((row) => row.id as string);
    const items = inOrder(ids, load(ids)).filter((item): item is T => item !== null);
    return pageAt(items, offset, totalCount, page.after);
  }

  async listQuotes(filter: QuoteFilter, page: PageArgs): Promise<Page<Quote>> {
    const where: string[] = [];
    const params: Bind[] = [];
    let join = '';
    let orderBy =
      filter.orderBy === 'oldest' ? 'q.created_at, q.id' : 'q.created_at DESC, q.id DESC';
    if (filter.text !== undefined) {
      const match = this.matchExpression(filter.text, 'all');
      if (!match) return emptyPage();
      join = `JOIN (${this.matchingSql('quote')}) m ON m.id = q.id`;
      params.push(match);
      if (filter.orderBy === undefined || filter.orderBy === 'relevance') orderBy = 'm.rank, q.id';
    }
    if (filter.speakerId !== undefined) {
      where.push(
        'q.id IN (SELECT quote_id FROM quote_speakers WHERE person_id = ? OR organisation_id = ?)',
      );
      params.push(filter.speakerId, filter.speakerId);
    }
    if (filter.sourceId !== undefined) {
      where.push('q.source_id = ?');
      params.push(filter.sourceId);
    }
    if (filter.status !== undefined) {
      where.push('q.status IN (SELECT value FROM json_each(?))');
      params.push(json(filter.status));
    }
    if (filter.kind !== undefined) {
      where.push('q.kind = ?');
      params.push(filter.kind);
    }
    if (filter.publishedFrom !== undefined) {
      where.push('q.source_id IN (SELECT id FROM sources WHERE published_on >= ?)');
      params.push(filter.publishedFrom);
    }
    if (filter.publishedTo !== undefined) {
      where.push('q.source_id IN (SELECT id FROM sources WHERE published_on <= ?)');
      params.push(filter.publishedTo);
    }
    // A text search alone skips the quotes table; counting and paging are one statement
    // (quote-search.ts, decision 105).
    const listing =
      join !== '' && where.length === 0 && orderBy === 'm.rank, q.id'
        ? textSearchOnlySql(this.matchingSql('quote'), params[0] as string)
        : {
            from: `FROM quotes q ${join} ${whereClause(where)}`,
            params,
            orderBy,
            idColumn: 'q.id',
          };
    const offset = decodeCursor(page.after);
    const { ids, totalCount } = pageOfQuoteIds(
      (sql) => this.statement(sql),
      listing,
      clampPageSize(page.first),
      offset,
    );
    const items = inOrder(
      ids,
      this.quotesWhere('WHERE q.id IN (SELECT value FROM json_each(?))', json(ids)),
    ).filter((item): item is Quote => item !== null);
    return pageAt(items, offset, totalCount, page.after);
  }

  async listFigures(filter: FigureFilter, page: PageArgs): Promise<Page<Figure>> {
    const where: string[] = [];
    const params: Bind[] = [];
    if (filter.measures !== undefined) {
      const match = this.matchExpression(filter.measures, 'all');
      if (!match) return emptyPage();
      where.push(`f.id IN (SELECT id FROM (${this.matchingSql('figure')}))`);
      params.push(match);
    }
    if (filter.unit !== undefined) {
      where.push('f.unit = ?');
      params.push(filter.unit);
    }
    if (filter.sourceId !== undefined) {
      where.push('f.source_id = ?');
      params.push(filter.sourceId);
    }
    if (filter.status !== undefined) {
      where.push('f.status IN (SELECT value FROM json_each(?))');
      params.push(json(filter.status));
    }
    const from = `FROM figures f ${whereClause(where)}`;
    return this.pageOfIds(page, from, params, 'f.created_at, f.id', 'f.id', (ids) =>
      this.figuresWhere('WHERE f.id IN (SELECT value FROM json_each(?))', json(ids)),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  private requireSource(id: Id): void {
    if (!this.get('SELECT 1 FROM sources WHERE id = ?', id)) throw new NotFoundError('source', id);
  }

  private requireSpeakers(speakers: readonly SpeakerRef[]): void {
    for (const speaker of speakers) {
      const table = speaker.kind === 'person' ? 'people' : 'organisations';
      if (!this.get(`SELECT 1 FROM ${table} WHERE id = ?`, speaker.id)) {
        throw new NotFoundError(speaker.kind, speaker.id);
      }
    }
  }

  private requireRoleOrganisations(roles: readonly Role[]): void {
    for (const role of roles) {
      if (
        role.organisationId &&
        !this.get('SELECT 1 FROM organisations WHERE id = ?', role.organisationId)
      ) {
        throw new NotFoundError('organisation', role.organisationId);
      }
    }
  }

  private loadPerson(id: Id): Person {
    const [person] = this.peopleWhere('WHERE id = ?', id);
    if (!person) throw new NotFoundError('person', id);
    return person;
  }

  async createPerson(input: PersonInput): Promise<Person> {
    const now = new Date().toISOString();
    const person = newPerson(input, now);
    return this.write(() => {
      if (this.get('SELECT 1 FROM people WHERE id = ?', person.id)) {
        throw new ConflictError(`person ${person.id} already exists`);
      }
      this.requireRoleOrganisations(person.roles);
      this.writePerson(person);
      return person;
    });
  }

  async addAlias(personId: Id, alias: string): Promise<Person> {
    const trimmed = alias.trim();
    if (trimmed === '') throw new InvalidInputError('an alias must not be empty');
    return this.write(() => {
      const person = this.loadPerson(personId);
      const aliases = distinctAliases(person.name, [...person.aliases, trimmed]);
      if (aliases.length === person.aliases.length) return person;
      const updated = { ...person, aliases, updatedAt: nextTimestamp(person.updatedAt) };
      this.writePerson(updated);
      return updated;
    });
  }

  async mergePeople(keptId: Id, mergedId: Id): Promise<Person> {
    if (keptId === mergedId) throw new InvalidInputError('cannot merge a person with themselves');
    return this.write(() => {
      const kept = this.loadPerson(keptId);
      const merged = this.loadPerson(mergedId);
      const quoteIds = this.all(
        'SELECT DISTINCT quote_id FROM quote_speakers WHERE person_id = ?',
        mergedId,
      ).map((row) => row.quote_id as string);
      for (const quoteId of quoteIds) {
        const alreadyKept = this.get(
          'SELECT 1 FROM quote_speakers WHERE quote_id = ? AND person_id = ?',
          quoteId,
          keptId,
        );
        if (alreadyKept) {
          this.run(
            'DELETE FROM quote_speakers WHERE quote_id = ? AND person_id = ?',
            quoteId,
            mergedId,
          );
        } else {
          this.run(
            'UPDATE quote_speakers SET person_id = ? WHERE quote_id = ? AND person_id = ?',
            keptId,
            quoteId,
            mergedId,
          );
        }
        const updatedAt = this.get('SELECT updated_at FROM quotes WHERE id = ?', quoteId)
          ?.updated_at as string;
        this.run(
          'UPDATE quotes SET updated_at = ? WHERE id = ?',
          nextTimestamp(updatedAt),
          quoteId,
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
      this.run('DELETE FROM people WHERE id = ?', mergedId);
      this.unindexDocument('person', mergedId);
      this.writePerson(result);
      return result;
    });
  }

  async createOrganisation(input: OrganisationInput): Promise<Organisation> {
    const now = new Date().toISOString();
    const organisation = newOrganisation(input, now);
    return this.write(() => {
      if (this.get('SELECT 1 FROM organisations WHERE id = ?', organisation.id)) {
        throw new ConflictError(`organisation ${organisation.id} already exists`);
      }
      this.writeOrganisation(organisation);
      return organisation;
    });
  }

  async createQuote(input: QuoteInput, actor: string): Promise<Quote> {
    const now = new Date().toISOString();
    const quote = newQuote(input, now);
    const event = creationEvent('quote', quote.id, actor, now);
    return this.write(() => {
      if (this.get('SELECT 1 FROM quotes WHERE id = ?', quote.id)) {
        throw new ConflictError(`quote ${quote.id} already exists`);
      }
      this.requireSource(quote.sourceId);
      this.requireSpeakers(quote.speakers);
      this.writeQuote(quote, null);
      this.insertEvent(event);
      return quote;
    });
  }

  async updateQuote(id: Id, patch: QuotePatch, expectedUpdatedAt?: string): Promise<Quote> {
    return this.write(() => {
      const [current] = this.quotesWhere('WHERE q.id = ?', id);
      if (!current) throw new NotFoundError('quote', id);
      checkVersion('quote', current, expectedUpdatedAt);
      const updated = patchedEntity(QuoteSchema, current, patch);
      this.requireSpeakers(updated.speakers);
      this.writeQuote(updated, current.text);
      return updated;
    });
  }

  async createFigure(input: FigureInput, actor: string): Promise<Figure> {
    const now = new Date().toISOString();
    const figure = newFigure(input, now);
    const event = creationEvent('figure', figure.id, actor, now);
    return this.write(() => {
      if (this.get('SELECT 1 FROM figures WHERE id = ?', figure.id)) {
        throw new ConflictError(`figure ${figure.id} already exists`);
      }
      this.requireSource(figure.sourceId);
      this.writeFigure(figure, null);
      this.insertEvent(event);
      return figure;
    });
  }

  async updateFigure(id: Id, patch: FigurePatch, expectedUpdatedAt?: string): Promise<Figure> {
    return this.write(() => {
      const [current] = this.figuresWhere('WHERE f.id = ?', id);
      if (!current) throw new NotFoundError('figure', id);
      checkVersion('figure', current, expectedUpdatedAt);
      const updated = patchedEntity(FigureSchema, current, patch);
      this.writeFigure(updated, current.measures);
      return updated;
    });
  }

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
    const table = factTable(event.factKind);
    return this.write(() => {
      const fact = this.get(`SELECT updated_at FROM ${table} WHERE id = ?`, event.factId);
      if (!fact) throw new NotFoundError(event.factKind, event.factId);
      this.insertEvent(event);
      // The status is the latest event's, even when this one was back-dated.
      const latest = this.get(
        'SELECT status FROM verification_events WHERE fact_kind = ? AND fact_id = ? ORDER BY at DESC, seq DESC LIMIT 1',
        event.factKind,
        event.factId,
      );
      this.run(
        `UPDATE ${table} SET status = ?, updated_at = ? WHERE id = ?`,
        latest?.status as string,
        nextTimestamp(fact.updated_at as string),
        event.factId,
      );
      return event;
    });
  }

  async verificationHistory(factKind: FactKind, factId: Id): Promise<VerificationEvent[]> {
    return this.eventsWhere(
      'WHERE fact_kind = ? AND fact_id = ? ORDER BY at, seq',
      factKind,
      factId,
    );
  }

  async verificationHistories(
    facts: readonly { kind: FactKind; id: Id }[],
  ): Promise<VerificationEvent[][]> {
    if (facts.length === 0) return [];
    const events = this.eventsWhere(
      'WHERE fact_id IN (SELECT value FROM json_each(?)) ORDER BY at, seq',
      json(facts.map((fact) => fact.id)),
    );
    const byFact = new Map<string, VerificationEvent[]>();
    for (const event of events) {
      const key = `${event.factKind}:${event.factId}`;
      byFact.set(key, [...(byFact.get(key) ?? []), event]);
    }
    return facts.map((fact) => byFact.get(`${fact.kind}:${fact.id}`) ?? []);
  }

  // ---------------------------------------------------------------------------------------------
  // Dataset

  async exportDataset(): Promise<Dataset> {
    // One read transaction: a consistent snapshot even while another connection writes.
    return this.db
      .transaction(
        (): Dataset => ({
          format: DATASET_FORMAT,
          version: DATASET_VERSION,
          sources: this.sourcesWhere('ORDER BY id'),
          organisations: this.organisationsWhere('ORDER BY id'),
          people: this.peopleWhere('ORDER BY id'),
          quotes: this.quotesWhere('ORDER BY q.id'),
          figures: this.figuresWhere('ORDER BY f.id'),
          events: this.eventsWhere('ORDER BY at, seq'),
        }),
      )
      .deferred();
  }

  async importDataset(
    dataset: Dataset,
    options: { mode: 'replace' | 'merge' },
  ): Promise<ImportSummary> {
    const valid = validateDataset(dataset);
    // checkDatasetReferences below proves every reference before a row is written, in the same
    // IMMEDIATE transaction, so SQLite's own per-row foreign-key checks only repeat it — at a
    // cost: they made each multi-row INSERT copy the pages it touched into a statement journal
    // and disabled the fast DELETE of a replace (decision 101). The pragma cannot change inside
    // a transaction, so it brackets it; every other write keeps the checks. Toggling it makes
    // SQLite re-prepare every cached statement, which costs more than the checks of a small
    // import (one article), so those keep them.
    const rows = valid.quotes.length + valid.figures.length + valid.people.length;
    if (options.mode === 'merge' && rows < UNCHECKED_IMPORT_MIN_ROWS) {
      return this.importInTransaction(valid, options.mode);
    }
    this.db.pragma('foreign_keys = OFF');
    try {
      return this.importInTransaction(valid, options.mode);
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  private importInTransaction(valid: Dataset, mode: 'replace' | 'merge'): ImportSummary {
    const merging = mode === 'merge';
    return this.write(() => {
      if (!merging) this.deleteEverything();
      checkDatasetReferences(valid, {
        exists: (table, id) =>
          merging && this.get(`SELECT 1 FROM ${table} WHERE id = ?`, id) !== undefined,
      });
      // Into a store without facts, a big dataset loads faster with the facts' secondary
      // indexes dropped and built once at the end, in this same transaction (decision 090).
      const noFactsYet =
        this.get('SELECT 1 FROM quotes LIMIT 1') === undefined &&
        this.get('SELECT 1 FROM figures LIMIT 1') === undefined;
      const bulk = noFactsYet && valid.quotes.length + valid.figures.length >= BULK_LOAD_MIN_FACTS;
      if (bulk) for (const index of BULK_LOAD_INDEXES) this.db.exec(`DROP INDEX ${index.name}`);
      // Full-text rows wait for the end of the import (see insertFullTextRows).
      const fullText: FullTextRows = [];
      this.pendingFullText = fullText;
      try {
        const existingSources = merging
          ? this.existingColumn('sources', 'id', valid.sources)
          : null;
        for (const source of valid.sources) {
          this.writeSource(source, !existingSources?.has(source.id));
        }
        const existingOrganisations = merging
          ? this.existingColumn('organisations', 'id', valid.organisations)
          : null;
        for (const organisation of valid.organisations) {
          this.writeOrganisation(organisation, !existingOrganisations?.has(organisation.id));
        }
        const existingPeople = merging ? this.existingColumn('people', 'id', valid.people) : null;
        for (const person of valid.people)
          this.writePerson(person, !existingPeople?.has(person.id));
        this.importQuotes(valid.quotes, noFactsYet);
        this.importFigures(valid.figures, noFactsYet);
      } finally {
        this.pendingFullText = null;
      }
      let events = 0;
      for (const event of valid.events) events += this.insertEvent(event, true);
      this.insertFullTextRows(fullText);
      if (bulk) for (const index of BULK_LOAD_INDEXES) this.db.exec(renderIndex(index));
      return {
        sources: valid.sources.length,
        people: valid.people.length,
        organisations: valid.organisations.length,
        quotes: valid.quotes.length,
        figures: valid.figures.length,
        events,
      };
    });
  }

  /** Writes quotes and everything derived from them; shingles go in at the end, sorted. */
  private importQuotes(quotes: readonly Quote[], noneExist: boolean): void {
    const previousTexts = noneExist
      ? new Map<string, string>()
      : this.existingColumn('quotes', 'text', quotes);
    const shingles = new ShingleRows();
    for (const quote of quotes) {
      const previousText = previousTexts.get(quote.id);
      const exists = previousText !== undefined;
      this.upsertQuoteRow(quote);
      if (exists) this.run('DELETE FROM quote_speakers WHERE quote_id = ?', quote.id);
      this.insertSpeakers(quote);
      if (previousText !== quote.text) {
        if (exists) this.deleteShingles(quote.id, previousText);
        shingles.add(quote.id, shinglesOfQuoteText(quote.text));
      }
      this.indexDocument(quoteDocument(quote), !exists);
    }
    this.insertShingles(shingles);
  }

  private importFigures(figures: readonly Figure[], noneExist: boolean): void {
    const previousMeasures = noneExist
      ? new Map<string, string>()
      : this.existingColumn('figures', 'measures', figures);
    for (const figure of figures) {
      const previous = previousMeasures.get(figure.id);
      this.upsertFigureRow(figure);
      if (previous !== figure.measures) {
        if (previous !== undefined) {
          this.run('DELETE FROM figure_words WHERE figure_id = ?', figure.id);
        }
        this.insertFigureWords(figure);
      }
      this.indexDocument(figureDocument(figure), previous === undefined);
    }
  }

  /** One column of the rows that already exist among `items`, by id: one query per chunk. */
  private existingColumn(
    table: 'quotes' | 'figures' | 'people' | 'organisations' | 'sources',
    column: 'text' | 'measures' | 'id',
    items: readonly { id: Id }[],
  ): Map<string, string> {
    const values = new Map<string, string>();
    for (let first = 0; first < items.length; first += EXISTING_IDS_PER_QUERY) {
      const ids = items.slice(first, first + EXISTING_IDS_PER_QUERY).map((item) => item.id);
      for (const row of this.all(
        `SELECT id, ${column} AS value FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
        json(ids),
      )) {
        values.set(row.id as string, row.value as string);
      }
    }
    return values;
  }

  private deleteEverything(): void {
    for (const table of [
      'verification_events',
      'quote_shingles',
      'quote_speakers',
      'quotes',
      'figure_words',
      'figures',
      'person_roles',
      'person_aliases',
      'people',
      'organisation_aliases',
      'organisations',
      'sources',
      'search_documents',
      'search_fts',
      'search_terms',
    ]) {
      this.run(`DELETE FROM ${table}`);
    }
  }

  async counts(): Promise<StoreCounts> {
    const count = (table: string) => this.get(`SELECT COUNT(*) AS n FROM ${table}`)?.n as number;
    return {
      sources: count('sources'),
      people: count('people'),
      organisations: count('organisations'),
      quotes: count('quotes'),
      figures: count('figures'),
      events: count('verification_events'),
    };
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers

/** Below this many facts an import into an empty store keeps its indexes (dropping costs more). */
export const BULK_LOAD_MIN_FACTS = 1000;
/**
 * A merge of fewer quotes, figures and people than this keeps SQLite's foreign-key checks (a
 * replace always drops them: its DELETEs are much faster without). Decision 101.
 */
export const UNCHECKED_IMPORT_MIN_ROWS = 500;
const SHINGLE_ROWS_PER_STATEMENT = 200;
const FULL_TEXT_ROWS_PER_STATEMENT = 5_000;

/**
 * A half-typed last search word matches itself and at most this many words in all (its shortest
 * completions), found among the first PREFIX_COMPLETIONS_SCANNED words in alphabetical order.
 */
export const PREFIX_COMPLETIONS_MATCHED = 16;
const PREFIX_COMPLETIONS_SCANNED = 2_000;

/** A word as an FTS5 string: never read as query syntax. */
function ftsString(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** [rowid, main_text, context_text] rows of search_fts. */
type FullTextRows = [number, string, string][];
const EXISTING_IDS_PER_QUERY = 10_000;

/**
 * The secondary indexes of the fact tables, which a bulk load into a store without facts builds
 * once after the rows are in. Primary keys and UNIQUE constraints stay: they are what keeps the
 * rows correct while they go in.
 */
const BULK_LOAD_INDEXES: readonly IndexDefinition[] = (() => {
  const names = new Set([
    'quotes_source',
    'quotes_created',
    'quote_speakers_person',
    'quote_speakers_organisation',
    'figures_unit',
    'figures_source',
    'figure_words_figure',
  ]);
  const found = migrations.flatMap((migration) =>
    migration.indexes.filter((index) => names.has(index.name)),
  );
  if (found.length !== names.size) throw new Error('bulk-load indexes missing from migrations');
  return found;
})();

/** (shingle, quote id) rows collected for one write, visited in clustered-key order. */
class ShingleRows {
  private shingles = new Uint32Array(1024);
  /** Per row, the index of its quote in `quoteIds`. */
  private quoteOfRow = new Uint32Array(1024);
  private readonly quoteIds: string[] = [];
  private rows = 0;

  add(quoteId: string, shingles: readonly number[]): void {
    const needed = this.rows + shingles.length;
    if (needed > this.shingles.length) {
      const size = Math.max(needed, 2 * this.shingles.length);
      const grownShingles = new Uint32Array(size);
      grownShingles.set(this.shingles.subarray(0, this.rows));
      this.shingles = grownShingles;
      const grownQuotes = new Uint32Array(size);
      grownQuotes.set(this.quoteOfRow.subarray(0, this.rows));
      this.quoteOfRow = grownQuotes;
    }
    const quote = this.quoteIds.length;
    this.quoteIds.push(quoteId);
    for (const shingle of shingles) {
      this.shingles[this.rows] = shingle;
      this.quoteOfRow[this.rows++] = quote;
    }
  }

  /**
   * By shingle, then in the order added: one pass over the whole table's key range, however
   * many rows (sorting in slices made a 1M-quote load cross the table eight times). Many rows
   * take a two-pass radix sort (16 bits a pass) of row numbers, linear and without a comparator.
   */
  forEachSorted(visit: (shingle: number, quoteId: string) => void): void {
    const keys = this.shingles;
    const order = this.rows < 2 ** 16 ? this.smallOrder() : this.radixOrder();
    for (let i = 0; i < this.rows; i++) {
      const row = order[i] as number;
      visit(keys[row] as number, this.quoteIds[this.quoteOfRow[row] as number] as string);
    }
  }

  /**
   * Few rows (one article's): each sort key packs the 32-bit shingle and the row number into one
   * exact double, sorted natively; the radix sort's 64k-bucket passes would cost more.
   */
  private smallOrder(): Uint32Array {
    const slots = 2 ** 16;
    const packed = new Float64Array(this.rows);
    for (let row = 0; row < this.rows; row++) {
      packed[row] = (this.shingles[row] as number) * slots + row;
    }
    packed.sort();
    return Uint32Array.from(packed, (key) => key % slots);
  }

  private radixOrder(): Uint32Array {
    const rows = this.rows;
    const keys = this.shingles;
    let order = new Uint32Array(rows);
    let buffer = new Uint32Array(rows);
    for (let row = 0; row < rows; row++) order[row] = row;
    for (const shift of [0, 16]) {
      const counts = new Uint32Array(65_537);
      for (let i = 0; i < rows; i++) {
        const bucket = ((keys[order[i] as number] as number) >>> shift) & 0xffff;
        counts[bucket + 1] = (counts[bucket + 1] as number) + 1;
      }
      for (let bucket = 1; bucket <= 65_536; bucket++) {
        counts[bucket] = (counts[bucket] as number) + (counts[bucket - 1] as number);
      }
      for (let i = 0; i < rows; i++) {
        const row = order[i] as number;
        const bucket = ((keys[row] as number) >>> shift) & 0xffff;
        buffer[counts[bucket] as number] = row;
        counts[bucket] = (counts[bucket] as number) + 1;
      }
      [order, buffer] = [buffer, order];
    }
    return order;
  }
}

function json(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const value = row[key] as string;
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

function inOrder<T extends { id: Id }>(ids: readonly Id[], items: T[]): (T | null)[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id) ?? null);
}

function whereClause(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

function factTable(kind: FactKind): 'quotes' | 'figures' {
  return kind === 'quote' ? 'quotes' : 'figures';
}
