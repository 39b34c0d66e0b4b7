import { createHash, randomBytes } from 'node:crypto';
import { newId } from '@verbatim/domain/entities';
import type Database from 'better-sqlite3';
import {
  type ApiToken,
  type ApiTokenRole,
  type ApiTokenStore,
  type FactStore,
  InvalidInputError,
  NotFoundError,
} from '../fact-store.ts';
import { SqliteFactStore } from './sqlite-store.ts';

const ROLES: readonly ApiTokenRole[] = ['reader', 'editor', 'admin'];
// "vbt_" + 32 random bytes in base64url: 256 bits, so a hash lookup needs no slow KDF.
const TOKEN_SHAPE = /^vbt_[A-Za-z0-9_-]{43}$/;

/** Whether a string can be a token at all (checked before hashing and looking it up). */
export function isApiTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** SHA-256 of the token, hex: the only form of a token that is ever stored. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

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
 * API tokens in the same SQLite database as the facts (table `api_tokens`, migration 2). Takes the
 * open connection of a SqliteFactStore so both share one file and one WAL.
 */
export class SqliteApiTokenStore implements ApiTokenStore {
  constructor(private readonly db: Database.Database) {}

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
      .get(hashApiToken(token)) as TokenRow | undefined;
    return row ? toApiToken(row) : null;
  }

  async listApiTokens(): Promise<ApiToken[]> {
    const rows = this.db
      .prepare(
        'SELECT id, role, label, created_at, revoked_at FROM api_tokens ORDER BY created_at, id',
      )
      .all() as TokenRow[];
    return rows.map(toApiToken);
  }

  async revokeApiToken(id: string): Promise<ApiToken> {
    this.db
      .prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?')
      .run(new Date().toISOString(), id);
    const row = this.db
      .prepare('SELECT id, role, label, created_at, revoked_at FROM api_tokens WHERE id = ?')
      .get(id) as TokenRow | undefined;
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
