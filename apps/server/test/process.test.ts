import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const serverDirectory = fileURLToPath(new URL('..', import.meta.url));

test('the server process prints its URL, serves, and exits cleanly on SIGTERM', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'verbatim-process-'));
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDirectory,
      env: {
        PATH: process.env.PATH,
        HOME: directory,
        VERBATIM_DB: join(directory, 'v.sqlite'),
        PORT: '0',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect
      .poll(() => output, { timeout: 20_000 })
      .toMatch(/Verbatim GraphQL API: http:\/\/127\.0\.0\.1:\d+\/graphql/);
    const url = /Verbatim GraphQL API: (\S+)/.exec(output)?.[1] ?? '';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ quotes { totalCount } }' }),
    });
    expect((await response.json()).data.quotes.totalCount).toBe(30);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: shutting down');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}, 30_000);
