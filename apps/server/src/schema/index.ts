import { builder } from '../builder.ts';
import './scalars.ts';
import './errors.ts';
import './pagination.ts';
import './span.ts';
import './viewer.ts';
import './fact.ts';
import './source.ts';
import './person.ts';
import './organisation.ts';
import './quote.ts';
import './figure.ts';
import './search.ts';
import './check-draft.ts';
import './ingest.ts';
import './api-token.ts';

export const schema = builder.toSchema();
