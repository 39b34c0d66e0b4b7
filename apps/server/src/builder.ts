import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { ConflictError, InvalidInputError, NotFoundError } from '@verbatim/store/fact-store';
import type { Viewer } from './auth/viewer.ts';
import type { SharedCheckCache } from './check-cache.ts';
import type { ServerDependencies } from './dependencies.ts';
import { NotAuthorisedError } from './errors.ts';

/** Per request: the dependencies the server was built with, plus who is asking. */
export interface Context extends ServerDependencies {
  viewer: Viewer;
  checkCache: SharedCheckCache;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: {
    /** May read facts: any valid token, or anyone when anonymous reading is on. */
    read: boolean;
    /** May create, edit, verify, dispute and retract facts. */
    edit: boolean;
    /** May create and revoke API tokens. */
    admin: boolean;
  };
  Scalars: {
    DateTime: { Input: string; Output: string };
    Date: { Input: string; Output: string };
  };
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // scope-auth first so nothing runs before authorisation; errors before dataloader (plugin docs).
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RelayPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      read: context.viewer.canRead,
      edit: context.viewer.role === 'editor' || context.viewer.role === 'admin',
      admin: context.viewer.role === 'admin',
    }),
    unauthorizedError: (_parent, context) =>
      new NotAuthorisedError(
        context.viewer.role === 'anonymous'
          ? 'This needs an API token: send "Authorization: Bearer <token>".'
          : `A ${context.viewer.role} token may not do this.`,
      ),
  },
  errors: {
    // Every mutation can fail in these four ways; each result union lists them all.
    defaultTypes: [NotAuthorisedError, InvalidInputError, NotFoundError, ConflictError],
    // Validation failures become InvalidInputError results (see docs/decisions/051).
    unsafelyHandleInputErrors: true,
    // createQuote → CreateQuoteResult = CreateQuoteSuccess | NotFoundError | ...
    defaultResultOptions: { name: ({ fieldName }) => `${capitalise(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalise(fieldName)}Result` },
  },
  validation: {
    validationError: (result) =>
      new InvalidInputError(
        result.issues
          .map((issue) => {
            const path = issue.path?.map((part) =>
              String(typeof part === 'object' ? part.key : part),
            );
            return path?.length ? `${path.join('.')}: ${issue.message}` : issue.message;
          })
          .join('; '),
      ),
  },
  relay: {
    nodeTypeOptions: {},
    pageInfoTypeOptions: {},
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    nodeQueryOptions: { nullable: true, authScopes: { read: true } },
    nodesQueryOptions: { nullable: { list: false, items: true }, authScopes: { read: true } },
  },
});

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
