import { z } from 'zod';
import {
  FigureSchema,
  OrganisationSchema,
  PersonSchema,
  QuoteSchema,
  SourceSchema,
  VerificationEventSchema,
} from './entities.ts';

/**
 * The versioned JSON interchange format for export, import and the shipped sample dataset.
 * Documented in docs/dataset-format.md with a JSON Schema in packages/domain/dataset.schema.json.
 */
export const DATASET_FORMAT = 'verbatim-dataset';
export const DATASET_VERSION = 1;

export const DatasetSchema = z.object({
  format: z.literal(DATASET_FORMAT),
  version: z.literal(DATASET_VERSION),
  sources: z.array(SourceSchema),
  organisations: z.array(OrganisationSchema),
  people: z.array(PersonSchema),
  quotes: z.array(QuoteSchema),
  figures: z.array(FigureSchema),
  /** Every verification event of every quote and figure, oldest first. */
  events: z.array(VerificationEventSchema),
});
export type Dataset = z.infer<typeof DatasetSchema>;
