import { randomBytes } from 'node:crypto';
import { newId } from '@verbatim/domain/entities';
import pg from 'pg';
import {
  type ApiToken,
  type ApiTokenRole,
  type ApiTokenStore,
  InvalidInputError,
  NotFoundError,
} from '../fact-store.ts';
import { hashApiToken } from '../sqlite/sqlite-token-store.ts';

const ROLES: readonly ApiTokenRole[] = ['reader', 'editor', 'admin'];
// The same token shape as the SQLite backend's: "vbt_" + 32 random bytes in base64url.
const TOKEN_SHAPE = /^vbt_[A-Za-z0-9_-]{43}$/;
const COLUMNS = 'id, role, label, created_at, revoked_at';

interface TokenRow {
  id: string;
  role: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    role: row.role as ApiTokenRole,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

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
    if (!ROLES.includes(role)) throw new InvalidInputError(`unknown role "${role}"`);
    const trimmed = label.trim();
    if (!trimmed) throw new InvalidInputError('a token needs a label saying who holds it');
    const token = `vbt_${randomBytes(32).toString('base64url')}`;
    const row: TokenRow = {
      id: newId('tok'),
      role,
      label: trimmed,
      created_at: new Date().toISOString(),
      revoked_at: null,
    };
    await this.pool.query(
      `insert into api_tokens (id, role, label, token_hash, created_at, revoked_at)
       values ($1, $2, $3, $4, $5, null)`,
      [row.id, row.role, row.label, hashApiToken(token), row.created_at],
    );
    return { token, apiToken: toApiToken(row) };
  }

  async authenticateApiToken(token: string): Promise<ApiToken | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const { rows } = await this.pool.query<TokenRow>(
      `select ${COLUMNS} from api_tokens where token_hash = $1 and revoked_at is null`,
      [hashApiToken(token)],
    );
    return rows[0] ? toApiToken(rows[0]) : null;
  }

  async listApiTokens(): Promise<ApiToken[]> {
    const { rows } = await this.pool.query<TokenRow>(
      `select ${COLUMNS} from api_tokens order by created_at collate "C", id collate "C"`,
    );
    return rows.map(toApiToken);
  }

  async revokeApiToken(id: string): Promise<ApiToken> {
    const { rows } = await this.pool.query<TokenRow>(
      `update api_tokens set revoked_at = coalesce(revoked_at, $2) where id = $1
       returning ${COLUMNS}`,
      [id, new Date().toISOString()],
    );
    if (!rows[0]) throw new NotFoundError('ApiToken', id);
    return toApiToken(rows[0]);
  }
}
