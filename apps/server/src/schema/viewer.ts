import { canEdit } from '../auth/roles.ts';
import type { Viewer } from '../auth/viewer.ts';
import { builder } from '../builder.ts';

const ViewerRoleEnum = builder.enumType('ViewerRole', {
  values: {
    ANONYMOUS: { value: 'anonymous', description: 'No token (only when anonymous reading is on).' },
    READER: { value: 'reader' },
    EDITOR: { value: 'editor' },
    ADMIN: { value: 'admin' },
  } as const,
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The caller, as its token identifies it, and what it may do.',
  fields: (t) => ({
    role: t.expose('role', { type: ViewerRoleEnum }),
    label: t.exposeString('label', { nullable: true }),
    canEdit: t.boolean({
      description: 'May create, edit, verify, dispute and retract facts.',
      resolve: (viewer) => canEdit(viewer),
    }),
    canAdminister: t.boolean({
      description: 'May create and revoke API tokens.',
      resolve: (viewer) => viewer.role === 'admin',
    }),
  }),
});

builder.queryType({});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    resolve: (_root, _args, context) => context.viewer,
  }),
  hello: t.string({
    description: 'A liveness check that touches nothing; also the benchmark’s baseline.',
    resolve: () => 'Hello from Verbatim',
  }),
}));

builder.mutationType({});
