import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { type ListeningServer, startListeningServer } from './helpers.ts';

// Each CLI run starts tsx and loads every command: a couple of seconds on a loaded machine.
vi.setConfig({ testTimeout: 30_000 });

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));

/** `verbatim …` in a child process, as a user runs it. */
function verbatim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: dirname(server.database), NO_COLOR: '1' },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let server: ListeningServer;
beforeAll(async () => {
  server = await startListeningServer();
});
afterAll(() => server.close());

async function viewerRole(token: string): Promise<{ status: number; role?: string }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { role label } }' }),
  });
  const body = await response.json();
  return { status: response.status, role: body.data?.viewer.role };
}

test('verbatim token create / list / revoke work against the running server’s database', async () => {
  const created = await verbatim([
    'token',
    'create',
    '--role',
    'editor',
    '--label',
    'Desk',
    '--db',
    server.database,
  ]);
  expect(created.code).toBe(0);
  const token = created.stdout.trim();
  expect(token).toMatch(/^vbt_[A-Za-z0-9_-]{43}$/);
  expect(created.stderr).toContain('only its hash is stored');
  expect(await viewerRole(token)).toEqual({ status: 200, role: 'EDITOR' });

  const listed = await verbatim(['token', 'list', '--json', '--db', server.database]);
  const tokens = JSON.parse(listed.stdout);
  expect(tokens).toEqual([
    expect.objectContaining({ role: 'editor', label: 'Desk', revokedAt: null }),
  ]);
  expect(listed.stdout).not.toContain(token);

  const revoked = await verbatim(['token', 'revoke', tokens[0].id, '--db', server.database]);
  expect(revoked.code).toBe(0);
  expect((await viewerRole(token)).status).toBe(401);
});

test('bad usage exits 2 with one line', async () => {
  const badRole = await verbatim(['token', 'create', '--role', 'owner', '--db', server.database]);
  expect(badRole.code).toBe(2);
  const unknown = await verbatim(['token', 'revoke', 'tok_missing', '--db', server.database]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr.trim()).toBe('verbatim: ApiToken tok_missing does not exist');
});
