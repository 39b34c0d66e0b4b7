import { createHash } from 'node:crypto';
import type { Ambiguity, FragmentSummary } from '@verbatim/extract/dataset-fragment';
import { planIngest } from '@verbatim/extract/ingest-plan';
import type { FactStore } from '@verbatim/store/fact-store';
import type { ArticleFile } from './read-article-file.ts';

export const INGEST_ACTOR = 'verbatim ingest';

export interface IngestResult {
  path: string;
  status: 'new' | 'updated' | 'unchanged';
  sourceId: string;
  title: string;
  summary: FragmentSummary | null;
  ambiguities: Ambiguity[];
}

export function contentHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * Extracts one article and writes it in one transaction (importDataset merge). The same text
 * again is left alone; a new version of a stored article updates it and keeps the history
 * (docs/decisions/042-ingest-identity-corrections-and-failures.md).
 */
export async function ingestArticle(store: FactStore, file: ArticleFile): Promise<IngestResult> {
  const plan = await planIngest(
    store,
    { text: file.text, ...(file.format ? { format: file.format } : {}) },
    {
      contentHash: contentHash(file.text),
      fallbackTitle: fileTitle(file.path),
      actor: INGEST_ACTOR,
    },
  );
  if (plan.status === 'unchanged') {
    return {
      path: file.path,
      status: 'unchanged',
      sourceId: plan.source.id,
      title: plan.source.title,
      summary: null,
      ambiguities: [],
    };
  }
  await store.importDataset(plan.fragment.dataset, { mode: 'merge' });
  const source = plan.fragment.dataset.sources[0];
  return {
    path: file.path,
    status: plan.status,
    sourceId: source?.id ?? '',
    title: source?.title ?? '',
    summary: plan.fragment.summary,
    ambiguities: plan.fragment.ambiguities,
  };
}

function fileTitle(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.[^.]+$/, '');
}
