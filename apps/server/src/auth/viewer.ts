import type { ApiTokenRole, ApiTokenStore } from '@verbatim/store/fact-store';

/** Who is calling, resolved once per request from its bearer token. */
export interface Viewer {
  role: 'anonymous' | ApiTokenRole;
  /** The token's label: recorded as the actor of this caller's edits. */
  label: string | null;
  tokenId: string | null;
  canRead: boolean;
}

export type ViewerResult =
  | { ok: true; viewer: Viewer }
  | { ok: false; status: 401; message: string };

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * A missing token is an anonymous reader (when allowed); a present but unknown, revoked or
 * malformed one is refused outright, so a typo never silently downgrades an editor to a reader.
 */
export async function resolveViewer(
  authorization: string | null,
  tokens: ApiTokenStore,
  anonymousRead: boolean,
): Promise<ViewerResult> {
  if (!authorization) {
    if (!anonymousRead) {
      return {
        ok: false,
        status: 401,
        message: 'An API token is required: send "Authorization: Bearer <token>".',
      };
    }
    return { ok: true, viewer: { role: 'anonymous', label: null, tokenId: null, canRead: true } };
  }
  const match = BEARER.exec(authorization);
  const token = match?.[1];
  if (!token) {
    return {
      ok: false,
      status: 401,
      message: 'The Authorization header must be "Bearer <token>".',
    };
  }
  const apiToken = await tokens.authenticateApiToken(token);
  if (!apiToken) {
    return { ok: false, status: 401, message: 'The API token is unknown or revoked.' };
  }
  return {
    ok: true,
    viewer: { role: apiToken.role, label: apiToken.label, tokenId: apiToken.id, canRead: true },
  };
}
