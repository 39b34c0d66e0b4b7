import { DateSchema, TimestampSchema } from '@verbatim/domain/entities';
import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.ts';

function parseWith(schema: typeof DateSchema | typeof TimestampSchema, what: string) {
  return (value: unknown): string => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new GraphQLError(`Expected ${what}, got ${JSON.stringify(value)}.`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return result.data;
  };
}

const parseDateTime = parseWith(TimestampSchema, 'an ISO-8601 timestamp with a time zone');
builder.scalarType('DateTime', {
  description: 'An ISO-8601 timestamp with a time zone, e.g. "2026-01-16T09:30:00.000Z".',
  serialize: (value) => value,
  parseValue: parseDateTime,
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : undefined),
});

const parseDate = parseWith(DateSchema, 'a calendar date "YYYY-MM-DD"');
builder.scalarType('Date', {
  description: 'A calendar date, e.g. "2026-01-16".',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (node) => parseDate(node.kind === Kind.STRING ? node.value : undefined),
});
