import type { Viewer } from './viewer.ts';

/** Editors and admins curate facts; readers and anonymous callers only read and check drafts. */
export function canEdit(viewer: Viewer): boolean {
  return viewer.role === 'editor' || viewer.role === 'admin';
}

/** The name a change is recorded under: the token's label. */
export function actorName(viewer: Viewer): string {
  return viewer.label ?? viewer.role;
}
