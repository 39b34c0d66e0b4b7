/**
 * The database schema as backend-neutral data: every backend renders the same tables, columns,
 * keys and indexes into its own SQL (`renderMigration`). What only one backend has (SQLite's FTS5
 * search index, PostgreSQL's tsvector or trigram indexes) lives in `dialectSpecific`, so adding a
 * backend means adding a dialect, not copying the schema.
 *
 * Migrations are append-only: never edit a released one, add a new version.
 */

export type Dialect = 'sqlite' | 'postgres';

/**
 * Neutral column types. Timestamps are ISO-8601 text in every backend (they round-trip byte for
 * byte through export/import); "bigint" holds 32-bit unsigned shingle hashes.
 */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'real';

export interface ColumnDefinition {
  name: string;
  type: ColumnType;
  nullable?: boolean;
  /** Filled by the database on insert (SQLite rowid alias, PostgreSQL identity column). */
  generated?: boolean;
  references?: { table: string; column: string; onDelete?: 'cascade' | 'restrict' | 'set null' };
}

export interface TableDefinition {
  name: string;
  columns: ColumnDefinition[];
  primaryKey: string[];
  /** Each entry is one UNIQUE constraint over these columns. */
  unique?: string[][];
  /**
   * A hint for backends that can store a table clustered on its primary key (SQLite's
   * WITHOUT ROWID); others ignore it.
   */
  clusteredByPrimaryKey?: boolean;
}

export interface IndexDefinition {
  name: string;
  table: string;
  columns: string[];
  unique?: boolean;
}

export interface Migration {
  version: number;
  description: string;
  tables: TableDefinition[];
  indexes: IndexDefinition[];
  /**
   * Foreign keys this version removes from tables of earlier versions. Each backend drops the
   * constraint its own way: PostgreSQL by name, SQLite (which cannot drop one) by rebuilding the
   * table from its definition without the reference, then re-creating the table's indexes.
   */
  droppedForeignKeys?: { table: string; column: string }[];
  /**
   * Neutral indexes this version removes, per dialect: an index that only one backend's
   * queries still need stays in the other.
   */
  droppedIndexes?: Partial<Record<Dialect, string[]>>;
  /** Statements only one backend runs, after the neutral ones of the same version. */
  dialectSpecific: Partial<Record<Dialect, string[]>>;
}

const text = (name: string, nullable = false): ColumnDefinition => ({
  name,
  type: 'text',
  nullable,
});
const integer = (name: string, nullable = false): ColumnDefinition => ({
  name,
  type: 'integer',
  nullable,
});
const real = (name: string, nullable = false): ColumnDefinition => ({
  name,
  type: 'real',
  nullable,
});
const foreignKey = (
  name: string,
  table: string,
  onDelete: 'cascade' | 'restrict' | 'set null',
  nullable = false,
): ColumnDefinition => ({
  name,
  type: 'text',
  nullable,
  references: { table, column: 'id', onDelete },
});
const timestamps = [text('created_at'), text('updated_at')];

export const MIGRATIONS_TABLE = 'schema_migrations';

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'sources, people, organisations, quotes, figures, verification events',
    tables: [
      {
        name: 'sources',
        columns: [
          text('id'),
          text('title'),
          text('outlet', true),
          text('byline', true),
          text('url', true),
          text('published_on', true),
          text('language'),
          text('content_hash'),
          ...timestamps,
        ],
        primaryKey: ['id'],
      },
      {
        name: 'organisations',
        columns: [text('id'), text('name'), text('name_key'), text('kind'), ...timestamps],
        primaryKey: ['id'],
      },
      {
        name: 'organisation_aliases',
        columns: [
          foreignKey('organisation_id', 'organisations', 'cascade'),
          integer('position'),
          text('alias'),
          // Lower-cased, accents and quote marks folded: how names are compared.
          text('alias_key'),
        ],
        primaryKey: ['organisation_id', 'position'],
        unique: [['organisation_id', 'alias_key']],
      },
      {
        name: 'people',
        columns: [text('id'), text('name'), text('name_key'), ...timestamps],
        primaryKey: ['id'],
      },
      {
        name: 'person_aliases',
        columns: [
          foreignKey('person_id', 'people', 'cascade'),
          integer('position'),
          text('alias'),
          text('alias_key'),
        ],
        primaryKey: ['person_id', 'position'],
        unique: [['person_id', 'alias_key']],
      },
      {
        name: 'person_roles',
        columns: [
          foreignKey('person_id', 'people', 'cascade'),
          integer('position'),
          text('title'),
          foreignKey('organisation_id', 'organisations', 'restrict', true),
          text('period', true),
        ],
        primaryKey: ['person_id', 'position'],
      },
      {
        name: 'quotes',
        columns: [
          text('id'),
          text('text'),
          text('speaker_text', true),
          foreignKey('source_id', 'sources', 'restrict'),
          integer('span_start'),
          integer('span_end'),
          text('sentence'),
          text('kind'),
          text('said_when', true),
          text('said_where', true),
          text('status'),
          ...timestamps,
        ],
        primaryKey: ['id'],
      },
      {
        // One row per speaker; exactly one of person_id / organisation_id is set, so both are
        // real foreign keys.
        name: 'quote_speakers',
        columns: [
          foreignKey('quote_id', 'quotes', 'cascade'),
          integer('position'),
          text('speaker_kind'),
          foreignKey('person_id', 'people', 'restrict', true),
          foreignKey('organisation_id', 'organisations', 'restrict', true),
        ],
        primaryKey: ['quote_id', 'position'],
      },
      {
        // Word 3-gram hashes of each quote (quoteShingles): finds the quotes a draft's words
        // overlap with in one indexed query, however many quotes there are.
        name: 'quote_shingles',
        columns: [{ name: 'shingle', type: 'bigint' }, foreignKey('quote_id', 'quotes', 'cascade')],
        primaryKey: ['shingle', 'quote_id'],
        clusteredByPrimaryKey: true,
      },
      {
        name: 'figures',
        columns: [
          text('id'),
          real('value'),
          real('value_max', true),
          text('unit'),
          text('qualifier'),
          text('text'),
          text('measures'),
          foreignKey('source_id', 'sources', 'restrict'),
          integer('span_start'),
          integer('span_end'),
          text('sentence'),
          text('status'),
          ...timestamps,
        ],
        primaryKey: ['id'],
      },
      {
        // The normalised words of each figure's `measures`, for figureCandidates.
        name: 'figure_words',
        columns: [text('word'), foreignKey('figure_id', 'figures', 'cascade')],
        primaryKey: ['word', 'figure_id'],
        clusteredByPrimaryKey: true,
      },
      {
        // Append-only. `seq` orders events recorded within the same millisecond.
        name: 'verification_events',
        columns: [
          { name: 'seq', type: 'integer', generated: true },
          text('id'),
          text('fact_kind'),
          text('fact_id'),
          text('status'),
          text('actor'),
          text('at'),
          text('method', true),
          text('note', true),
        ],
        primaryKey: ['seq'],
        unique: [['id']],
      },
    ],
    indexes: [
      { name: 'sources_url', table: 'sources', columns: ['url'] },
      { name: 'sources_content_hash', table: 'sources', columns: ['content_hash'] },
      { name: 'people_name_key', table: 'people', columns: ['name_key'] },
      { name: 'person_aliases_key', table: 'person_aliases', columns: ['alias_key'] },
      { name: 'organisations_name_key', table: 'organisations', columns: ['name_key'] },
      { name: 'organisation_aliases_key', table: 'organisation_aliases', columns: ['alias_key'] },
      { name: 'person_roles_organisation', table: 'person_roles', columns: ['organisation_id'] },
      { name: 'quotes_source', table: 'quotes', columns: ['source_id'] },
      { name: 'quotes_created', table: 'quotes', columns: ['created_at', 'id'] },
      { name: 'quote_speakers_person', table: 'quote_speakers', columns: ['person_id'] },
      {
        name: 'quote_speakers_organisation',
        table: 'quote_speakers',
        columns: ['organisation_id'],
      },
      { name: 'quote_shingles_quote', table: 'quote_shingles', columns: ['quote_id'] },
      { name: 'figures_unit', table: 'figures', columns: ['unit'] },
      { name: 'figures_source', table: 'figures', columns: ['source_id'] },
      { name: 'figure_words_figure', table: 'figure_words', columns: ['figure_id'] },
      {
        name: 'verification_events_fact',
        table: 'verification_events',
        columns: ['fact_kind', 'fact_id', 'at', 'seq'],
      },
      { name: 'verification_events_at', table: 'verification_events', columns: ['at', 'seq'] },
    ],
    dialectSpecific: {
      sqlite: [
        // One FTS5 index over every searchable kind so search() ranks across kinds in one query.
        // search_documents maps an FTS rowid to the entity (rowids of ordinary tables may
        // change on VACUUM; this INTEGER PRIMARY KEY does not).
        `CREATE TABLE search_documents (
          doc_id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          snippet TEXT NOT NULL,
          UNIQUE (kind, entity_id)
        )`,
        `CREATE VIRTUAL TABLE search_fts USING fts5(
          main_text, context_text,
          tokenize = 'unicode61 remove_diacritics 2'
        )`,
      ],
      postgres: [
        // Full-text search over the same documents as SQLite's FTS5 table: one tsvector per
        // document, main text weighted A and context D (ranked 10:1, like SQLite's bm25
        // weights), built by the store from words it has folded (lower case, no accents), so it
        // needs no `unaccent`. pg_trgm serves name and alias prefixes (LIKE 'carn%') and
        // misspelt names. See docs/postgres.md and docs/decisions/070-postgres-backend.md.
        'CREATE EXTENSION IF NOT EXISTS pg_trgm',
        `CREATE TABLE search_documents (
          kind text NOT NULL,
          entity_id text NOT NULL,
          snippet text NOT NULL,
          names_text text,
          search_vector tsvector NOT NULL,
          PRIMARY KEY (kind, entity_id)
        )`,
        'CREATE INDEX search_documents_vector ON search_documents USING gin (search_vector)',
        `CREATE INDEX search_documents_names_trgm ON search_documents
          USING gin (names_text gin_trgm_ops) WHERE names_text IS NOT NULL`,
        'CREATE INDEX people_name_key_trgm ON people USING gin (name_key gin_trgm_ops)',
        'CREATE INDEX person_aliases_key_trgm ON person_aliases USING gin (alias_key gin_trgm_ops)',
        'CREATE INDEX organisations_name_key_trgm ON organisations USING gin (name_key gin_trgm_ops)',
        `CREATE INDEX organisation_aliases_key_trgm ON organisation_aliases
          USING gin (alias_key gin_trgm_ops)`,
        // Text sorts bytewise (COLLATE "C"), as SQLite's BINARY does, whatever the database's
        // locale; these indexes serve the lists' orders in that collation.
        'CREATE INDEX quotes_created_c ON quotes (created_at COLLATE "C", id COLLATE "C")',
        'CREATE INDEX figures_created_c ON figures (created_at COLLATE "C", id COLLATE "C")',
        'CREATE INDEX sources_created_c ON sources (created_at COLLATE "C", id COLLATE "C")',
        'CREATE INDEX people_name_key_c ON people (name_key COLLATE "C", id COLLATE "C")',
        `CREATE INDEX organisations_name_key_c ON organisations
          (name_key COLLATE "C", id COLLATE "C")`,
        // Shingles are a derived index of the quote text, tens of rows per quote, rewritten by
        // the store with the text. PostgreSQL checks a foreign key row by row, which more than
        // doubled bulk ingest; an orphan shingle can only name a quote that quotesByIds then
        // does not find. See docs/decisions/071-postgres-shingles-without-foreign-key.md.
        'ALTER TABLE quote_shingles DROP CONSTRAINT quote_shingles_quote_id_fkey',
      ],
    },
  },
  {
    // Owned by the GraphQL API (apps/server): bearer tokens, stored only as SHA-256 hashes.
    version: 2,
    description: 'API tokens for the GraphQL API',
    tables: [
      {
        name: 'api_tokens',
        columns: [
          text('id'),
          text('role'),
          text('label'),
          text('token_hash'),
          text('created_at'),
          text('revoked_at', true),
        ],
        primaryKey: ['id'],
        unique: [['token_hash']],
      },
    ],
    indexes: [],
    dialectSpecific: {},
  },
  {
    // Shingles are a derived index of the quote text, about 16 rows per quote, that the store
    // writes in the same transaction as the quote and replaces with the text. Checking the key
    // row by row was the biggest single cost of storing a quote in SQLite, as it had been in
    // PostgreSQL (whose migration 1 already dropped it; IF EXISTS keeps this version harmless
    // there). SQLite also drops the quote_id index, a second copy of the table that only served
    // deleting a quote's shingles: it deletes them by the primary key instead, from the shingles
    // of the text being replaced. See docs/decisions/100-quote-shingles-lean-writes.md.
    version: 3,
    description:
      'quote_shingles without a foreign key to quotes (SQLite: and without its quote_id index)',
    tables: [],
    indexes: [],
    droppedForeignKeys: [{ table: 'quote_shingles', column: 'quote_id' }],
    droppedIndexes: { sqlite: ['quote_shingles_quote'] },
    dialectSpecific: {},
  },
  {
    // Every word SQLite's full-text index holds, so a half-typed last search word is matched as
    // its few shortest completions rather than by FTS5's own prefix query, which merges the
    // postings of every word with that start before it can intersect anything (decision 116).
    // Words are only ever added: one no document uses any more completes to nothing. Filled
    // once from the index itself; the store adds the words of each document it indexes.
    // PostgreSQL's `:*` prefix search over its GIN index needs nothing like it.
    version: 4,
    description: 'SQLite: search_terms, the words of the full-text index, for prefix search',
    tables: [],
    indexes: [],
    dialectSpecific: {
      sqlite: [
        'CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID',
        'CREATE VIRTUAL TABLE temp.search_fts_words USING fts5vocab(main, search_fts, row)',
        'INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_fts_words',
        'DROP TABLE temp.search_fts_words',
      ],
    },
  },
];

const sqlTypes: Record<Dialect, Record<ColumnType, string>> = {
  sqlite: { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', real: 'REAL' },
  postgres: { text: 'text', integer: 'integer', bigint: 'bigint', real: 'double precision' },
};

function renderTable(table: TableDefinition, dialect: Dialect): string {
  const lines = table.columns.map((column) => {
    let line = `${column.name} ${sqlTypes[dialect][column.type]}`;
    // SQLite fills an INTEGER PRIMARY KEY by itself; PostgreSQL needs an identity column.
    if (column.generated && dialect === 'postgres') line += ' GENERATED ALWAYS AS IDENTITY';
    if (!column.nullable) line += ' NOT NULL';
    if (column.references) {
      const { table: target, column: targetColumn, onDelete } = column.references;
      line += ` REFERENCES ${target} (${targetColumn})`;
      if (onDelete) line += ` ON DELETE ${onDelete.toUpperCase()}`;
    }
    return line;
  });
  lines.push(`PRIMARY KEY (${table.primaryKey.join(', ')})`);
  for (const columns of table.unique ?? []) lines.push(`UNIQUE (${columns.join(', ')})`);
  const suffix = dialect === 'sqlite' && table.clusteredByPrimaryKey ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${table.name} (\n  ${lines.join(',\n  ')}\n)${suffix}`;
}

export function renderIndex(index: IndexDefinition): string {
  const unique = index.unique ? 'UNIQUE ' : '';
  return `CREATE ${unique}INDEX ${index.name} ON ${index.table} (${index.columns.join(', ')})`;
}

/**
 * A table as the migrations before `version` left it: its latest definition, minus the foreign
 * keys dropped since.
 */
function tableAsOf(name: string, version: number): TableDefinition {
  let table: TableDefinition | undefined;
  for (const migration of migrations) {
    if (migration.version >= version) break;
    table = migration.tables.find((candidate) => candidate.name === name) ?? table;
    const dropped = new Set(
      (migration.droppedForeignKeys ?? [])
        .filter((key) => key.table === name)
        .map((key) => key.column),
    );
    if (table && dropped.size > 0) {
      table = {
        ...table,
        columns: table.columns.map((column) =>
          dropped.has(column.name) ? { ...column, references: undefined } : column,
        ),
      };
    }
  }
  if (!table) throw new Error(`no table ${name} before schema version ${version}`);
  return table;
}

/** The neutral indexes of a table in one dialect once migration `version` is applied. */
function indexesAfter(name: string, version: number, dialect: Dialect): IndexDefinition[] {
  const applied = migrations.filter((migration) => migration.version <= version);
  const dropped = new Set(
    applied.flatMap((migration) => migration.droppedIndexes?.[dialect] ?? []),
  );
  return applied
    .flatMap((migration) => migration.indexes)
    .filter((index) => index.table === name && !dropped.has(index.name));
}

/**
 * SQLite cannot drop a constraint: the table is copied into a new one without it (the
 * procedure of SQLite's "ALTER TABLE" page; nothing references these tables, so foreign keys
 * may stay on), and the neutral indexes it keeps are made again.
 */
function renderDroppedForeignKey(
  key: { table: string; column: string },
  version: number,
  dialect: Dialect,
): string[] {
  if (dialect === 'postgres') {
    // PostgreSQL's default name for a column's foreign key.
    return [`ALTER TABLE ${key.table} DROP CONSTRAINT IF EXISTS ${key.table}_${key.column}_fkey`];
  }
  const before = tableAsOf(key.table, version);
  const after: TableDefinition = {
    ...before,
    name: `${key.table}_rebuilt`,
    columns: before.columns.map((column) =>
      column.name === key.column ? { ...column, references: undefined } : column,
    ),
  };
  const columns = before.columns.map((column) => column.name).join(', ');
  return [
    renderTable(after, dialect),
    `INSERT INTO ${after.name} (${columns}) SELECT ${columns} FROM ${key.table}`,
    `DROP TABLE ${key.table}`,
    `ALTER TABLE ${after.name} RENAME TO ${key.table}`,
    ...indexesAfter(key.table, version, dialect).map(renderIndex),
  ];
}

/** The statements that apply one migration in one dialect, in order. */
export function renderMigration(migration: Migration, dialect: Dialect): string[] {
  return [
    ...migration.tables.map((table) => renderTable(table, dialect)),
    ...migration.indexes.map(renderIndex),
    ...(migration.droppedForeignKeys ?? []).flatMap((key) =>
      renderDroppedForeignKey(key, migration.version, dialect),
    ),
    ...(migration.droppedIndexes?.[dialect] ?? []).map((name) => `DROP INDEX IF EXISTS ${name}`),
    ...(migration.dialectSpecific[dialect] ?? []),
  ];
}

/** The bookkeeping table itself, the same in every dialect. */
export function renderMigrationsTable(): string {
  return `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
  version INTEGER NOT NULL PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
}

export const LATEST_SCHEMA_VERSION = Math.max(...migrations.map((migration) => migration.version));
