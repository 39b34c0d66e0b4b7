import { createHash } from 'node:crypto';
import type { Source } from '@verbatim/domain/entities';
import type { DatasetFragment } from '@verbatim/extract/dataset-fragment';
import { planIngest } from '@verbatim/extract/ingest-plan';
import type { ArticleFormat } from '@verbatim/extract/types';
import type { FactStore } from '@verbatim/store/fact-store';

export interface IngestInput {
  text: string;
  format?: ArticleFormat;
  url?: string;
  /** Used when the article shows no headline. */
  title?: string;
  actor: string;
}

export interface IngestOutcome {
  status: 'new' | 'updated' | 'unchanged';
  source: Source;
  fragment: DatasetFragment | null;
}

/**
 * Extracts one article and merges it into the store in one transaction, as `verbatim ingest` does:
 * the same text again changes nothing; a new version of a stored article (same URL, or same
 * title and byline) keeps the ids and statuses of quotes still there and retracts those gone.
 */
export async function ingestArticle(store: FactStore, input: IngestInput): Promise<IngestOutcome> {
  const contentHash = `sha256:${createHash('sha256').update(input.text, 'utf8').digest('hex')}`;
  // The same plan `verbatim ingest` makes: one shared decision of what storing the article means.
  const plan = await planIngest(
    store,
    {
      text: input.text,
      ...(input.format ? { format: input.format } : {}),
      ...(input.url ? { url: input.url } : {}),
    },
    { contentHash, actor: input.actor, ...(input.title ? { fallbackTitle: input.title } : {}) },
  );
  if (plan.status === 'unchanged') {
    return { status: 'unchanged', source: plan.source, fragment: null };
  }
  await store.importDataset(plan.fragment.dataset, { mode: 'merge' });
  const [source] = await store.sourcesByIds([plan.fragment.dataset.sources[0]?.id ?? '']);
  if (!source) throw new Error('the ingested source was not stored');
  return { status: plan.status, source, fragment: plan.fragment };
}
