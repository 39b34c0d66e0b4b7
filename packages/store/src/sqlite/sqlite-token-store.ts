import type Database from 'better-sqlite3';
import {
  type ApiTokenRow,
  hashApiToken,
  isApiTokenShape,
  newApiToken,
  toApiToken,
} from '../api-tokens.ts';
import {
  type ApiToken,
  type ApiTokenRole,
  type ApiTokenStore,
  type FactStore,
  NotFoundError,
} from '../fact-store.ts';
import { SqliteFactStore } from './sqlite-store.ts';

/**
 * API tokens in the same SQLite database as the facts (table `api_tokens`, migration 2). Takes the
 * open connection of a SqliteFactStore so both share one file and one WAL.
 */
export class SqliteApiTokenStore implements ApiTokenStore {
  constructor(private readonly db: Database.Database) {}

  async createApiToken(
    role: ApiTokenRole,
    label: string,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const { token, row } = newApiToken(role, label);
    this.db
      .prepare(
        'INSERT INTO api_tokens (id, role, label, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
      )
      .run(row.id, row.role, row.label, hashApiToken(token), row.created_at);
    return { token, apiToken: toApiToken(row) };
  }

  async authenticateApiToken(token: string): Promise<ApiToken | null> {
    if (!isApiTokenShape(token)) return null;
    const row = this.db
      .prepare(
        'SELECT id, role, label, created_at, revoked_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
      )
      .get(hashApiToken(token)) as ApiTokenRow | undefined;
    return row ? toApiToken(row) : null;
  }

  async listApiTokens(): Promise<ApiToken[]> {
    const rows = this.db
      .prepare(
        'SELECT id, role, label, created_at, revoked_at FROM api_tokens ORDER BY created_at, id',
      )
      .all() as ApiTokenRow[];
    return rows.map(toApiToken);
  }

  async revokeApiToken(id: string): Promise<ApiToken> {
    this.db
      .prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
      .run(new Date().toISOString(), id);
    const row = this.db
      .prepare('SELECT id, role, label, created_at, revoked_at FROM api_tokens WHERE id = ?')
      .get(id) as ApiTokenRow | undefined;
    if (!row) throw new NotFoundError('ApiToken', id);
    return toApiToken(row);
  }
}

/**
 * The token store that lives beside a fact store, in the same database: what the CLI and the
 * server use. SQLite shares the fact store's connection; a backend with tokens of its own
 * (PostgreSQL: `apiTokenStore()`) provides them.
 */
export function apiTokenStoreFor(store: FactStore): ApiTokenStore {
  if (store instanceof SqliteFactStore) return new SqliteApiTokenStore(store.db);
  const withTokens = store as FactStore & { apiTokenStore?: () => ApiTokenStore };
  if (typeof withTokens.apiTokenStore === 'function') return withTokens.apiTokenStore();
  throw new Error(`API tokens are not available for the ${store.backend} backend`);
}
