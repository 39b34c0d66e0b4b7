import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@verbatim/domain/dataset';
import { openStore } from '@verbatim/store/open-store';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedArticle } from './ingest-fixtures.ts';
import { runCli } from './run-cli.ts';

const home = mkdtempSync(join(tmpdir(), 'verbatim-ingest-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const slow = { timeout: 120_000 };

async function exported(db: string): Promise<Dataset> {
  const store = await openStore({ sqlitePath: db, seedNewDatabase: false });
  try {
    return await store.exportDataset();
  } finally {
    await store.close();
  }
}

const markdownArticle = (ending: string) => `---
title: "Harbour plan approved"
author: Rachel Osei
date: 2026-03-14
url: https://news.example.org/harbour-plan
---

The harbour plan was approved on Tuesday.

“This is a turning point for the town,” said Siân Howells, the council leader.

“We will see them in court,” said Gareth Lloyd, who chairs the campaign group. ${ending}
`;

const htmlArticle = `<!doctype html><html><head><meta property="og:url" content="https://news.example.org/jail"></head>
<body><nav><a>“Home”</a></nav><article><h1>Executive jailed</h1>
<p>&ldquo;You treated the savings of ordinary people as your private fund,&rdquo; Judge Alison Carter said.</p>
<p>About 230 accounts were emptied.</p></article></body></html>`;

describe('verbatim ingest', slow, () => {
  const dir = mkdtempSync(join(home, 'articles-'));
  const db = join(home, 'ingest.sqlite');
  const files = {
    text: join(dir, 'a-text.txt'),
    markdown: join(dir, 'b-article.md'),
    html: join(dir, 'c-page.html'),
    binary: join(dir, 'd-broken.txt'),
  };
  writeFileSync(files.text, generatedArticle(1));
  writeFileSync(files.markdown, markdownArticle('“Someone will have to pay.”'));
  writeFileSync(files.html, htmlArticle);
  writeFileSync(files.binary, Buffer.from([0, 159, 146, 150, 0, 1]));

  it('stores every readable article, reports the malformed ones and exits 2', async () => {
    const run = await runCli(
      [
        'ingest',
        files.text,
        files.markdown,
        files.html,
        files.binary,
        join(dir, 'missing.txt'),
        '--db',
        db,
      ],
      { home },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('articles: 3 new, 0 updated, 0 unchanged, 2 failed');
    expect(run.stdout).toContain(`${files.binary}: not UTF-8 text`);
    expect(run.stdout).toContain('missing.txt: no such file');
    expect(run.stderr).toBe(''); // no progress bar when stderr is not a terminal

    const data = await exported(db);
    expect(data.sources.map((s) => s.title).sort()).toEqual([
      'Executive jailed',
      'Harbour plan approved',
      'Report number 1 on the harbour plan',
    ]);
    const markdown = data.sources.find((s) => s.url === 'https://news.example.org/harbour-plan');
    expect(markdown?.byline).toBe('Rachel Osei');
    expect(markdown?.publishedOn).toBe('2026-03-14');
    // Candidates, each with one verification event by "verbatim ingest".
    expect(data.quotes.length).toBeGreaterThanOrEqual(10);
    expect(data.quotes.every((q) => q.status === 'candidate')).toBe(true);
    for (const quote of data.quotes) {
      const events = data.events.filter((e) => e.factId === quote.id);
      expect(events.map((e) => [e.status, e.actor])).toEqual([['candidate', 'verbatim ingest']]);
    }
    const judge = data.quotes.find((q) => q.text.startsWith('You treated'));
    expect(data.people.find((p) => p.id === judge?.speakers[0]?.id)?.name).toBe('Alison Carter');
    expect(judge?.span).toEqual({
      start: htmlArticle.indexOf('You treated'),
      end: htmlArticle.indexOf('fund,') + 5,
    });
    expect(data.figures.some((f) => f.text === 'About 230')).toBe(true);
  });

  it('creates nothing new when the same articles are ingested again', async () => {
    const before = await exported(db);
    const run = await runCli(['ingest', dir, '--db', db], { home });
    expect(run.stdout).toContain('articles: 0 new, 0 updated, 3 unchanged, 1 failed');
    const after = await exported(db);
    expect(after).toEqual(before);
  });

  it('updates a corrected article in place and keeps the history of what changed', async () => {
    const before = await exported(db);
    writeFileSync(files.markdown, markdownArticle('“The money is not there.”'));
    const run = await runCli(['ingest', files.markdown, '--db', db], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('articles: 0 new, 1 updated, 0 unchanged, 0 failed');
    expect(run.stdout).toContain('quotes:   1 new candidates, 2 kept, 1 retracted');
    const after = await exported(db);
    expect(after.sources).toHaveLength(3);
    const source = after.sources.find((s) => s.url === 'https://news.example.org/harbour-plan');
    const old = before.sources.find((s) => s.id === source?.id);
    expect(source?.contentHash).not.toBe(old?.contentHash);
    const gone = after.quotes.find(
      (q) => q.text === 'Someone will have to pay.' && q.sourceId === source?.id,
    );
    expect(gone?.status).toBe('retracted');
    expect(after.events.filter((e) => e.factId === gone?.id).map((e) => e.status)).toEqual([
      'candidate',
      'retracted',
    ]);
    const kept = before.quotes.find((q) => q.text.startsWith('This is a turning point'));
    expect(after.quotes.find((q) => q.id === kept?.id)?.status).toBe('candidate');
    // People are matched, not duplicated.
    expect(after.people.filter((p) => p.name === 'Gareth Lloyd')).toHaveLength(1);
  });

  it('matches speakers to people already stored and reports ambiguous matches', async () => {
    const seeded = join(home, 'seeded.sqlite');
    const store = await openStore({ sqlitePath: seeded }); // a new file gets the sample dataset
    await store.createPerson({ name: 'Anna Smith', aliases: ['Smith'] });
    await store.createPerson({ name: 'John Smith', aliases: ['Smith'] });
    const peopleBefore = (await store.counts()).people;
    await store.close();
    const article = join(dir, 'e-matching.txt');
    writeFileSync(
      article,
      'Ong returns\nBy Desk\n\n“Exports still drive growth,” said Lynette Ong.\n“The budget is a mess,” Smith said.\n',
    );
    const run = await runCli(['ingest', article, '--db', seeded], { home });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('people:   0 new, 2 matched to existing');
    // Both candidates are listed (in id order, and ids are random).
    expect(run.stdout).toMatch(
      /"Smith" could be (Anna|John) Smith \(per_\w+\), (Anna|John) Smith \(per_\w+\)/,
    );
    const after = await exported(seeded);
    expect(after.people).toHaveLength(peopleBefore);
    const ong = after.quotes.find((q) => q.text.startsWith('Exports still'));
    expect(ong?.speakers).toEqual([{ kind: 'person', id: 'per_lynette_ong' }]);
  });

  it('rejects an unknown --format with exit 2', async () => {
    const run = await runCli(['ingest', files.text, '--format', 'pdf', '--db', db], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must be one of text, markdown, html');
  });
});
