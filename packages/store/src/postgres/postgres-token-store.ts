import pg from 'pg';
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
  NotFoundError,
} from '../fact-store.ts';
import { prepared } from './prepared.ts';

const COLUMNS = 'id, role, label, created_at, revoked_at';

/**
 * API tokens in the same PostgreSQL database (and schema) as the facts: table `api_tokens`,
 * migration 2. Only SHA-256 hashes are stored, as on SQLite, so every server process behind a
 * load balancer accepts the same tokens.
 */
export class PostgresApiTokenStore implements ApiTokenStore {
  private readonly pool: pg.Pool;

  /**
   * Shares a fact store's pool (`PostgresFactStore.apiTokenStore()`, same schema too), or opens
   * a small pool of its own for a connection string; that one lets the process exit when idle.
   */
  constructor(source: pg.Pool | string) {
    this.pool =
      typeof source === 'string'
        ? new pg.Pool({ connectionString: source, max: 2, allowExitOnIdle: true })
        : source;
  }

  async createApiToken(
    role: ApiTokenRole,
    label: string,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const { token, row } = newApiToken(role, label);
    await this.pool.query(
      `insert into api_tokens (id, role, label, token_hash, created_at, revoked_at)
       values ($1, $2, $3, $4, $5, null)`,
      [row.id, row.role, row.label, hashApiToken(token), row.created_at],
    );
    return { token, apiToken: toApiToken(row) };
  }

  async authenticateApiToken(token: string): Promise<ApiToken | null> {
    if (!isApiTokenShape(token)) return null;
    // Every authenticated request asks this: parsed and planned once per connection.
    const { rows } = await this.pool.query<ApiTokenRow>(
      prepared(`select ${COLUMNS} from api_tokens where token_hash = $1 and revoked_at is null`, [
        hashApiToken(token),
      ]),
    );
    return rows[0] ? toApiToken(rows[0]) : null;
  }

  async listApiTokens(): Promise<ApiToken[]> {
    const { rows } = await this.pool.query<ApiTokenRow>(
      `select ${COLUMNS} from api_tokens order by created_at collate "C", id collate "C"`,
    );
    return rows.map(toApiToken);
  }

  async revokeApiToken(id: string): Promise<ApiToken> {
    const { rows } = await this.pool.query<ApiTokenRow>(
      `update api_tokens set revoked_at = coalesce(revoked_at, $2) where id = $1
       returning ${COLUMNS}`,
      [id, new Date().toISOString()],
    );
    if (!rows[0]) throw new NotFoundError('ApiToken', id);
    return toApiToken(rows[0]);
  }
}
