import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ArticleFormat } from '@verbatim/extract/types';

/** A file that cannot be an article: unreadable, empty, binary or not UTF-8. */
export class MalformedArticleError extends Error {
  override readonly name = 'MalformedArticleError';
}

export interface ArticleFile {
  path: string;
  text: string;
  /** From --format, else the extension (.html/.htm, .md/.markdown); undefined lets extract detect. */
  format: ArticleFormat | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function formatFromExtension(path: string): ArticleFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm' || extension === '.xhtml') return 'html';
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  return undefined;
}

export async function readArticleFile(
  path: string,
  formatOverride: ArticleFormat | undefined,
): Promise<ArticleFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MalformedArticleError(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot read (${code ?? error})`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new MalformedArticleError('not UTF-8 text');
  }
  if (text.includes('\u0000')) throw new MalformedArticleError('binary file (contains NUL bytes)');
  if (text.trim().length === 0) throw new MalformedArticleError('empty file');
  return {
    path,
    text: text.replace(/^\uFEFF/, ''),
    format: formatOverride ?? formatFromExtension(path),
  };
}
