// Reads a turbo test log on stdin and prints one closing line for the whole run,
// "N passed, N failed, N skipped", summed over every package's vitest summary.
import { stdin } from 'node:process';

let log = '';
stdin.setEncoding('utf8');
for await (const chunk of stdin) log += chunk;

// Colour codes, built from the escape character's code so that no control character sits in a literal.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

// Vitest prints e.g. "      Tests  2 failed | 40 passed | 1 skipped (43)"; turbo prefixes the package name.
const totals = { passed: 0, failed: 0, skipped: 0 };
let summaries = 0;
for (const line of log.replace(ANSI_COLOUR, '').split('\n')) {
  const match = /\bTests\s+(.+)\(\d+\)\s*$/.exec(line);
  if (!match?.[1]) continue;
  summaries += 1;
  for (const part of match[1].split('|')) {
    const count = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part);
    if (!count?.[1] || !count[2]) continue;
    const kind = count[2] === 'todo' ? 'skipped' : count[2];
    totals[kind] += Number(count[1]);
  }
}
console.log(`test files summarised from ${summaries} vitest runs`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = summaries === 0 ? 1 : 0;
