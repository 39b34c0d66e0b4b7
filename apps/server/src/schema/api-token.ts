import type { ApiToken } from '@verbatim/store/fact-store';
import { z } from 'zod';
import { builder } from '../builder.ts';

const ApiTokenRoleEnum = builder.enumType('ApiTokenRole', {
  values: {
    READER: { value: 'reader', description: 'Reads facts and checks drafts.' },
    EDITOR: { value: 'editor', description: 'Also creates, edits, verifies and retracts facts.' },
    ADMIN: { value: 'admin', description: 'Also creates and revokes tokens.' },
  } as const,
});

const ApiTokenRef = builder.objectRef<ApiToken>('ApiToken').implement({
  description: 'A bearer token as stored: its secret is never shown again after creation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.expose('role', { type: ApiTokenRoleEnum }),
    label: t.exposeString('label'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CreatedApiTokenRef = builder
  .objectRef<{ token: string; apiToken: ApiToken }>('CreatedApiToken')
  .implement({
    isTypeOf: (value) => typeof value === 'object' && value !== null && 'token' in value,
    fields: (t) => ({
      token: t.exposeString('token', {
        description: 'The secret, shown this once: send it as "Authorization: Bearer <token>".',
      }),
      apiToken: t.field({ type: ApiTokenRef, resolve: (created) => created.apiToken }),
    }),
  });

builder.queryFields((t) => ({
  apiTokens: t.field({
    type: [ApiTokenRef],
    description: 'Every token, revoked ones included (admins only).',
    authScopes: { admin: true },
    resolve: (_root, _args, context) => context.tokens.listApiTokens(),
  }),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiTokenRef,
    authScopes: { admin: true },
    errors: { directResult: true },
    args: {
      role: t.arg({ type: ApiTokenRoleEnum, required: true }),
      label: t.arg.string({
        required: true,
        description: 'Who holds it; recorded as the actor of their edits.',
        validate: z.string().trim().min(1).max(200),
      }),
    },
    resolve: (_root, args, context) => context.tokens.createApiToken(args.role, args.label),
  }),
  revokeApiToken: t.field({
    type: ApiTokenRef,
    authScopes: { admin: true },
    errors: { dataField: { name: 'apiToken' } },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.tokens.revokeApiToken(String(args.id)),
  }),
}));
