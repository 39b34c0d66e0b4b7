/**
 * The caller's role may not do this. Returned as a typed mutation result (like the store's
 * NotFoundError, ConflictError and InvalidInputError), never thrown to the client as a raw error.
 */
export class NotAuthorisedError extends Error {
  override readonly name = 'NotAuthorisedError';
}
