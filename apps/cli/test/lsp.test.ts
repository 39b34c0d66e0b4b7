import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'verbatim-lsp-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Reads LSP frames from a stream until one answers request `id`. */
function responseTo(id: number, stream: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    stream.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const headerEnd = buffered.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(
          /Content-Length: (\d+)/i.exec(buffered.subarray(0, headerEnd).toString())?.[1],
        );
        const bodyStart = headerEnd + 4;
        if (buffered.length < bodyStart + length) return;
        const message = JSON.parse(buffered.subarray(bodyStart, bodyStart + length).toString());
        buffered = buffered.subarray(bodyStart + length);
        if (message.id === id) resolve(message);
      }
    });
    stream.on('end', () => reject(new Error('the server closed its output before answering')));
  });
}

it('`verbatim lsp --stdio` answers initialize as a language server over JSON-RPC', {
  timeout: 60_000,
}, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'lsp', '--stdio'], {
    env: { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: '', VERBATIM_DB: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  try {
    const answer = responseTo(1, child.stdout);
    child.stdin.write(
      frame({
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {} },
      }),
    );
    const response = await answer;
    const result = response.result as {
      capabilities: Record<string, unknown>;
      serverInfo: { name: string };
    };
    expect(result.serverInfo.name).toMatch(/verbatim/i);
    expect(result.capabilities.hoverProvider).toBe(true);
    expect(result.capabilities.codeActionProvider).toBeTruthy();
  } finally {
    child.kill();
  }
});
