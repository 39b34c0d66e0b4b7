/**
 * The stated limits at the command line (docs/limits.md): `verbatim check` refuses a draft past
 * MAX_DRAFT_LENGTH with a clear message and exit code 2; `verbatim ingest` reports an article past
 * MAX_ARTICLE_LENGTH as a failed file, stores nothing of it, and still ingests the rest.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_ARTICLE_LENGTH, MAX_DRAFT_LENGTH } from '@verbatim/domain/limits';
import { readSampleDataset } from '@verbatim/store/dataset-file';
import { SqliteFactStore } from '@verbatim/store/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const home = mkdtempSync(join(tmpdir(), 'verbatim-limits-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const line = 'The council met on Tuesday and talked about the harbour.\n';
const textOf = (length: number) => line.repeat(Math.ceil(length / line.length)).slice(0, length);

describe('verbatim check and the draft limit', () => {
  it('checks the largest draft and refuses one character more, exit 2', async () => {
    const facts = join(home, 'facts.dataset.json');
    writeFileSync(facts, JSON.stringify(readSampleDataset()));
    const largest = join(home, 'largest.md');
    const tooLarge = join(home, 'too-large.md');
    writeFileSync(largest, textOf(MAX_DRAFT_LENGTH));
    writeFileSync(tooLarge, textOf(MAX_DRAFT_LENGTH + 1));

    const accepted = await runCli(['check', largest, '--facts', facts], { home });
    expect(accepted.code, accepted.stderr).toBe(0);

    const refused = await runCli(['check', tooLarge, '--facts', facts], { home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('2,000,001 characters long');
    expect(refused.stderr).toContain('accepts at most 2,000,000');
  }, 120_000);
});

describe('verbatim ingest and the article limit', () => {
  it('fails the oversized article alone, storing nothing of it, and ingests the others', async () => {
    const articles = join(home, 'articles');
    mkdirSync(articles);
    writeFileSync(
      join(articles, 'a-normal.txt'),
      'Harbour plan approved\n\n“We waited years for this,” said Helen Marsh, the council leader.\n',
    );
    writeFileSync(
      join(articles, 'b-huge.txt'),
      `Huge report\n\n“This will not be stored,” said Daniel Price.\n${textOf(MAX_ARTICLE_LENGTH)}`,
    );
    const db = join(home, 'limits.sqlite');
    const run = await runCli(['ingest', articles, '--db', db], { home });
    expect(run.code).toBe(2);
    expect(`${run.stdout}${run.stderr}`).toContain('accepts at most 5,000,000');
    expect(run.stdout).toContain('1 new');
    expect(run.stdout).toContain('1 failed');

    const store = await SqliteFactStore.open(db, { readonly: true });
    const data = await store.exportDataset();
    await store.close();
    expect(data.sources.map((source) => source.title)).toEqual(['Harbour plan approved']);
    expect(data.quotes.some((quote) => quote.text.includes('not be stored'))).toBe(false);
  }, 120_000);
});
