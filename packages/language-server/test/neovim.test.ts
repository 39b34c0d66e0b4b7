import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATASET, serverCommand } from './server-process.ts';

/**
 * A second editor: Neovim's built-in LSP client (Debian's neovim 0.7) runs headless against the
 * real server; test/neovim/init.lua writes every publishDiagnostics it receives to a file.
 */
const CI = process.env.CI === 'true' || process.env.CI === '1';
function hasNvim(): boolean {
  try {
    execFileSync('nvim', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const nvimPresent = hasNvim();
if (!nvimPresent && !CI) {
  console.warn(
    '\n⚠️  SKIPPING the Neovim test: `nvim` is not installed (apt-get install neovim). CI runs it.\n',
  );
}

const MISQUOTED =
  'The main goal of trying to reset the relationship with China has been achieved on this trip.';
const INIT = new URL('./neovim/init.lua', import.meta.url).pathname;

interface Published {
  uri?: string;
  diagnostics?: { code?: string; message: string; range: { start: { line: number } } }[];
  exited?: number;
}

describe.skipIf(!nvimPresent && !CI)('Neovim headless', () => {
  let nvim: ChildProcess | null = null;
  let workspace = '';

  afterAll(() => {
    if (nvim && nvim.exitCode === null) nvim.kill('SIGTERM');
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('receives the misquote diagnostic from the server', async () => {
    workspace = mkdtempSync(join(tmpdir(), 'verbatim-nvim-'));
    copyFileSync(FIXTURE_DATASET, join(workspace, 'facts.dataset.json'));
    writeFileSync(
      join(workspace, '.verbatim.yml'),
      'facts: facts.dataset.json\nrules:\n  quote/unverified: info\n',
    );
    const draft = join(workspace, 'draft.md');
    writeFileSync(draft, `# After Beijing\n\n“${MISQUOTED}” said Guy Saint-Jacques.\n`);
    const out = join(workspace, 'diagnostics.jsonl');
    const { command, cwd } = serverCommand();
    nvim = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT, draft], {
      cwd: workspace,
      env: {
        ...process.env,
        VERBATIM_NVIM_OUT: out,
        VERBATIM_SERVER_CMD: JSON.stringify(command),
        VERBATIM_SERVER_CWD: cwd,
        VERBATIM_ROOT: workspace,
        XDG_STATE_HOME: join(workspace, 'state'),
        XDG_DATA_HOME: join(workspace, 'data'),
      },
      stdio: 'ignore',
    });

    // Poll the file until diagnostics arrived and stayed the same for a while.
    const read = (): Published[] =>
      existsSync(out)
        ? readFileSync(out, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Published)
        : [];
    let stableSince = 0;
    let last = '';
    const deadline = Date.now() + 30_000;
    for (;;) {
      const received = read();
      const exited = received.find((entry) => entry.exited !== undefined);
      if (exited) throw new Error(`the language server exited with ${exited.exited}`);
      const latest = JSON.stringify(
        received.filter((entry) => entry.diagnostics?.length).at(-1) ?? '',
      );
      if (latest !== last) {
        last = latest;
        stableSince = Date.now();
      } else if (last !== '""' && Date.now() - stableSince > 500) break;
      if (Date.now() > deadline)
        throw new Error(`no diagnostics from Neovim: ${JSON.stringify(received)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const published = JSON.parse(last) as Published;
    expect(published.uri).toMatch(/draft\.md$/);
    expect(published.diagnostics).toEqual([
      expect.objectContaining({
        code: 'quote/misquote',
        range: expect.objectContaining({ start: expect.objectContaining({ line: 2 }) }),
        message: expect.stringContaining('The main goal of trying to reset or recalibrate'),
      }),
    ]);
  }, 45_000);
});
