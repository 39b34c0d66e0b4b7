/** A problem with what the user asked for (bad flag value, missing file, invalid dataset): exit 2, one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
