import type { EditorFacts } from './editor-facts.ts';

export async function openGraphqlFacts(url: string, _token: string | null): Promise<EditorFacts> {
  throw new Error(`the GraphQL facts source (${url}) is not available in this build yet`);
}
