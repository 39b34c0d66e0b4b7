import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteFactStore } from '@verbatim/store/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedArticle } from './ingest-fixtures.ts';
import { runCli } from './run-cli.ts';

const home = mkdtempSync(join(tmpdir(), 'verbatim-ingest-kill-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ARTICLES = 300;

async function sourceCount(db: string): Promise<number> {
  try {
    const store = await SqliteFactStore.open(db, { readonly: true });
    try {
      return (await store.counts()).sources;
    } finally {
      await store.close();
    }
  } catch {
    return 0; // not created yet
  }
}

describe('a batch killed midway', () => {
  it('leaves every article wholly in or not at all, and a rerun completes it without duplicates', async () => {
    const dir = join(home, 'articles');
    mkdirSync(dir);
    for (let i = 0; i < ARTICLES; i++) {
      writeFileSync(join(dir, `article-${String(i).padStart(4, '0')}.txt`), generatedArticle(i));
    }
    const db = join(home, 'killed.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', main, 'ingest', dir, '--db', db], {
      stdio: 'ignore',
      env: { PATH: process.env.PATH, HOME: home },
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_, signal) => resolve(signal)),
    );
    // Kill it hard once some articles are in.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && (await sourceCount(db)) < 10) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = await SqliteFactStore.open(db);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const partial = await store.exportDataset();
    await store.close();
    expect(partial.sources.length).toBeGreaterThanOrEqual(10);
    expect(partial.sources.length).toBeLessThan(ARTICLES);
    // Wholly in: every stored article has all of its quotes, figures and events.
    for (const source of partial.sources) {
      const quotes = partial.quotes.filter((q) => q.sourceId === source.id);
      expect(quotes).toHaveLength(6);
      for (const quote of quotes)
        expect(partial.events.some((e) => e.factId === quote.id)).toBe(true);
    }

    const rerun = await runCli(['ingest', dir, '--db', db], { home });
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(
      `articles: ${ARTICLES - partial.sources.length} new, 0 updated, ${partial.sources.length} unchanged, 0 failed`,
    );
    const complete = await SqliteFactStore.open(db);
    const data = await complete.exportDataset();
    await complete.close();
    expect(data.sources).toHaveLength(ARTICLES);
    expect(new Set(data.sources.map((s) => s.contentHash)).size).toBe(ARTICLES);
    expect(data.quotes).toHaveLength(ARTICLES * 6);
    const keys = new Set(data.quotes.map((q) => `${q.sourceId}:${q.span.start}`));
    expect(keys.size).toBe(data.quotes.length);
    // People are shared across articles, never duplicated by the interruption.
    expect(new Set(data.people.map((p) => p.name)).size).toBe(data.people.length);
  }, 180_000);
});
