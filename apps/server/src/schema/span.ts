import type { Span } from '@verbatim/domain/entities';
import { z } from 'zod';
import { builder } from '../builder.ts';

export const SpanRef = builder.objectRef<Span>('Span').implement({
  description: 'Where a fact stands in its source article: [start, end) in UTF-16 code units.',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end') }),
});

export const SpanInput = builder
  .inputType('SpanInput', {
    fields: (t) => ({
      start: t.int({ required: true, validate: z.number().int().nonnegative() }),
      end: t.int({ required: true, validate: z.number().int().nonnegative() }),
    }),
  })
  .validate(
    z
      .object({ start: z.number(), end: z.number() })
      .refine((span) => span.end >= span.start, { message: 'span end must not precede its start' }),
  );
