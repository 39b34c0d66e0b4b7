import { createHash, randomBytes } from 'node:crypto';
import { newId } from '@verbatim/domain/entities';
import { type ApiToken, type ApiTokenRole, InvalidInputError } from './fact-store.ts';

// What every backend's token store shares: the token's shape, how it is hashed, how a row reads.

export const API_TOKEN_ROLES: readonly ApiTokenRole[] = ['reader', 'editor', 'admin'];
// "vbt_" + 32 random bytes in base64url: 256 bits, so a hash lookup needs no slow KDF.
const TOKEN_SHAPE = /^vbt_[A-Za-z0-9_-]{43}$/;

/**
 * A new token for a role and a holder: the secret (shown once, never stored) and the row to
 * store beside its hash.
 */
export function newApiToken(
  role: ApiTokenRole,
  label: string,
): { token: string; row: ApiTokenRow } {
  if (!API_TOKEN_ROLES.includes(role)) throw new InvalidInputError(`unknown role "${role}"`);
  const trimmed = label.trim();
  if (!trimmed) throw new InvalidInputError('a token needs a label saying who holds it');
  return {
    token: `vbt_${randomBytes(32).toString('base64url')}`,
    row: {
      id: newId('tok'),
      role,
      label: trimmed,
      created_at: new Date().toISOString(),
      revoked_at: null,
    },
  };
}

/** Whether a string can be a token at all (checked before hashing and looking it up). */
export function isApiTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** SHA-256 of the token, hex: the only form of a token that is ever stored. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface ApiTokenRow {
  id: string;
  role: string;
  label: string;
  created_at: string;
  revoked_at: string | null;
}

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    role: row.role as ApiTokenRole,
    label: row.label,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
