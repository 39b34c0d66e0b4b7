import { type ChildProcess, spawn } from 'node:child_process';
import {
  createProtocolConnection,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const PACKAGE_DIR = new URL('../', import.meta.url).pathname;
export const FIXTURE_DATASET = new URL('./fixtures/newsroom.dataset.json', import.meta.url)
  .pathname;

/** The real server process, started as other editors start it: the bin, on stdio. */
export function serverCommand(): { command: string[]; cwd: string } {
  return {
    command: [
      process.execPath,
      new URL('../bin/verbatim-language-server.mjs', import.meta.url).pathname,
      '--stdio',
    ],
    cwd: PACKAGE_DIR,
  };
}

export interface ServerUnderTest {
  process: ChildProcess;
  connection: ProtocolConnection;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Spawns the server and connects a JSON-RPC client to its stdio. */
export function spawnServer(): ServerUnderTest {
  const { command, cwd } = serverCommand();
  const [executable = process.execPath, ...args] = command;
  const child = spawn(executable, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  if (!child.stdout || !child.stdin) throw new Error('no stdio');
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  return {
    process: child,
    connection,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await Promise.race([
          connection.sendRequest('shutdown').then(() => connection.sendNotification('exit')),
          exited,
        ]);
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      connection.dispose();
    },
  };
}
