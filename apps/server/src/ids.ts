import { decodeGlobalID } from '@pothos/plugin-relay';
import { InvalidInputError } from '@verbatim/store/fact-store';

/**
 * Decodes a global ID argument and checks it names one of the expected types. Mutations take
 * plain `ID` arguments and decode here so a wrong ID is an InvalidInputError result, not a
 * top-level error.
 */
export function parseGlobalId<const Typename extends string>(
  globalId: string,
  expected: readonly Typename[],
): { typename: Typename; id: string } {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = null;
  }
  if (!decoded?.id || !(expected as readonly string[]).includes(decoded.typename)) {
    throw new InvalidInputError(
      `"${globalId}" is not the ID of a ${expected.join(' or ')}; pass the \`id\` field of one.`,
    );
  }
  return { typename: decoded.typename as Typename, id: decoded.id };
}
