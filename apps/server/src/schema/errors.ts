import { ConflictError, InvalidInputError, NotFoundError } from '@verbatim/store/fact-store';
import { builder } from '../builder.ts';
import { NotAuthorisedError } from '../errors.ts';

/** Every mutation error implements it, so a client can always select `... on Error { message }`. */
export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'An expected failure of a mutation, returned as data rather than thrown.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The thing the mutation names does not exist.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    entity: t.exposeString('entity'),
    id: t.exposeString('id', { description: 'The id as given (global or local).' }),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'The input is malformed or inconsistent; nothing was written.',
  interfaces: [ErrorInterface],
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'Someone else changed the fact since you read it (expectedUpdatedAt is stale).',
  interfaces: [ErrorInterface],
});

builder.objectType(NotAuthorisedError, {
  name: 'NotAuthorisedError',
  description: "The caller's role may not do this.",
  interfaces: [ErrorInterface],
});
