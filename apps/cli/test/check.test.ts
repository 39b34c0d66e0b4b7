import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDatasetFile } from '@verbatim/store/dataset-file';
import type { PostgresFactStore } from '@verbatim/store/postgres';
import { TestSchemas } from '@verbatim/store/testing/postgres';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { escapeGithubData, escapeGithubProperty } from '../src/check/formatters.ts';

// Each case spawns the real CLI; on a busy two-core machine one spawn can take seconds.
vi.setConfig({ testTimeout: 90_000 });

const fixtures = fileURLToPath(new URL('./fixtures/check/', import.meta.url));
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const facts = join(fixtures, 'facts.dataset.json');
const work = mkdtempSync(join(tmpdir(), 'verbatim-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function verbatim(
  args: string[],
  options: { cwd?: string; input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      tsx,
      [main, ...args],
      {
        cwd: options.cwd ?? fixtures,
        // The embedded database goes to a throwaway place, never the user's.
        // A PostgreSQL URL in the developer's environment would take its place: cleared.
        env: {
          ...process.env,
          VERBATIM_DB: join(work, 'embedded.sqlite'),
          VERBATIM_DATABASE_URL: '',
          DATABASE_URL: '',
          NO_COLOR: '1',
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

describe('verbatim check exit codes', () => {
  it.concurrent('exits 0 on a clean draft', async () => {
    const run = await verbatim(['check', 'clean.md', '--facts', facts]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No problems in 1 file.');
    expect(run.code).toBe(0);
  });

  it.concurrent('exits 1 on error-level findings and groups text output by file', async () => {
    const run = await verbatim(['check', 'errors.md', 'warnings.md', '--facts', facts]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^errors\.md\n {2}3:2 +error +quote\/misquote +.*“We will build the bridge before the first snow falls\.”/m,
    );
    expect(run.stdout).toMatch(/^ {2}5:28 +error +figure\/mismatch +.*up to 49,000/m);
    expect(run.stdout).toMatch(/^warnings\.md\n {2}1:1 +warning +quote\/unverified/m);
    expect(run.stdout).toContain('3 problems (2 errors, 1 warning) in 2 files.');
  });

  it.concurrent('exits 0 on warnings alone, 1 when they exceed --max-warnings', async () => {
    const allowed = await verbatim(['check', 'warnings.md', '--facts', facts]);
    const tooMany = await verbatim([
      'check',
      'warnings.md',
      '--facts',
      facts,
      '--max-warnings',
      '0',
    ]);
    expect(allowed.code).toBe(0);
    expect(tooMany.code).toBe(1);
  });

  it.concurrent('uses the embedded database when no facts are named', async () => {
    // VERBATIM_DB points at a fresh file: it is created and filled with the sample facts.
    const run = await verbatim(['check', 'warnings.md', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).files[0].findings[0].rule).toBe('quote/unverified');
  });

  it.concurrent('exits 2 on usage errors with one clear line', async () => {
    const missing = await verbatim(['check', 'no-such-draft.md', '--facts', facts]);
    const badFormat = await verbatim(['check', 'clean.md', '--format', 'xml', '--facts', facts]);
    const badFacts = await verbatim(['check', 'clean.md', '--facts', 'clean.md']);
    expect([missing.code, badFormat.code, badFacts.code]).toEqual([2, 2, 2]);
    expect(missing.stderr).toBe('verbatim: no-such-draft.md: no such file\n');
    expect(badFormat.stderr).toContain('--format must be one of text, json, sarif, github');
    expect(badFacts.stderr).toContain('expected a SQLite file or a Verbatim dataset .json');
  });

  it.concurrent('refuses a file named like a database that is not one, exit 2', async () => {
    const garbage = join(work, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database at all');
    const empty = join(work, 'empty.db');
    writeFileSync(empty, '');
    const runs = await Promise.all(
      [garbage, empty].map((path) => verbatim(['check', 'clean.md', '--facts', path])),
    );
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('not a SQLite database');
    }
  });

  it.concurrent('reads standard input with "-"', async () => {
    const run = await verbatim(['check', '-', '--facts', facts, '--format', 'json'], {
      input: '“We will build the bridge before the first frost falls,” Roe said.\n',
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].path).toBe('<stdin>');
    expect(report.files[0].findings[0]).toMatchObject({
      rule: 'quote/misquote',
      line: 1,
      column: 2,
      replacement: 'We will build the bridge before the first snow falls',
    });
  });
});

describe('verbatim check output formats', () => {
  it.concurrent('writes SARIF 2.1.0 that validates against the schema', async () => {
    const run = await verbatim([
      'check',
      'errors.md',
      'warnings.md',
      '--facts',
      facts,
      '--format',
      'sarif',
    ]);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(join(fixtures, 'sarif-2.1.0.schema.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = sarif.runs[0].results;
    expect(
      results.map((result: { ruleId: string; level: string }) => [result.ruleId, result.level]),
    ).toEqual([
      ['quote/misquote', 'error'],
      ['figure/mismatch', 'error'],
      ['quote/unverified', 'warning'],
    ]);
    expect(results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'errors.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 2, endLine: 3, endColumn: 58 },
    });
  });

  it.concurrent('writes GitHub annotations with positions', async () => {
    const run = await verbatim(['check', 'errors.md', '--facts', facts, '--format', 'github']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=errors\.md,line=3,col=2,endLine=3,endColumn=58,title=verbatim quote\/misquote::Misquoted: “new” added\./,
    );
    expect(lines[1]).toMatch(
      /^::error file=errors\.md,line=5,col=28,endLine=5,endColumn=34,title=verbatim figure\/mismatch::/,
    );
  });

  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeGithubData('50% said:\r\nyes, no')).toBe('50%25 said:%0D%0Ayes, no');
    expect(escapeGithubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });
});

describe('.verbatim.yml', () => {
  it.concurrent('is found by walking up from the file and sets facts, severities and excludes', async () => {
    const project = join(work, 'project');
    mkdirSync(join(project, 'drafts', 'archive'), { recursive: true });
    copyFileSync(facts, join(project, 'facts.json'));
    writeFileSync(
      join(project, '.verbatim.yml'),
      'facts: facts.json\nrules:\n  quote/unverified: error\n  figure/mismatch: "off"\ninclude: ["drafts/**/*.md"]\nexclude: ["drafts/archive/**"]\n',
    );
    const draft =
      readFileSync(join(fixtures, 'warnings.md'), 'utf8') +
      readFileSync(join(fixtures, 'errors.md'), 'utf8');
    writeFileSync(join(project, 'drafts', 'story.md'), draft);
    writeFileSync(join(project, 'drafts', 'archive', 'old.md'), draft);
    const run = await verbatim(['check', 'drafts/**/*.md', '--format', 'json'], { cwd: project });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.files.map((file: { path: string }) => file.path)).toEqual(['drafts/story.md']);
    expect(
      report.files[0].findings.map(
        (finding: { rule: string; severity: string }) => `${finding.rule} ${finding.severity}`,
      ),
    ).toEqual(['quote/unverified error', 'quote/misquote error']);
    expect(run.code).toBe(1);
    const noArguments = await verbatim(['check', '--format', 'json'], {
      cwd: join(project, 'drafts'),
    });
    expect(JSON.parse(noArguments.stdout).files.map((file: { path: string }) => file.path)).toEqual(
      ['story.md'],
    );
  });

  it.concurrent('gives a clear error for an invalid configuration', async () => {
    const project = join(work, 'invalid');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, '.verbatim.yml'), 'rules:\n  quote/made-up: error\n');
    writeFileSync(join(project, 'draft.md'), 'Nothing quoted.\n');
    const run = await verbatim(['check', 'draft.md', '--facts', facts], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /\.verbatim\.yml: rules\.quote\/made-up: unknown rule; the rules are quote\/misquote/,
    );
  });
});

describe('--facts with a GraphQL endpoint', () => {
  let server: ChildProcess | null = null;
  afterAll(() => {
    server?.kill();
  });

  it("checks through the real server's checkDraft and applies local severities", async () => {
    const serverMain = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
    server = spawn(tsx, [serverMain], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        VERBATIM_DB: join(work, 'server.sqlite'),
        VERBATIM_ANONYMOUS_READ: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Verbatim GraphQL API: (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      server?.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const project = join(work, 'remote');
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'draft.md'), readFileSync(join(fixtures, 'warnings.md'), 'utf8'));
    const asWarning = await verbatim(['check', 'draft.md', '--facts', url, '--format', 'json'], {
      cwd: project,
    });
    expect(asWarning.stderr).toBe('');
    expect(asWarning.code).toBe(0);
    expect(JSON.parse(asWarning.stdout).files[0].findings).toMatchObject([
      { rule: 'quote/unverified', severity: 'warning', line: 1, column: 1 },
    ]);
    writeFileSync(
      join(project, '.verbatim.yml'),
      `facts: ${url}\nrules:\n  quote/unverified: error\n`,
    );
    const asError = await verbatim(['check', 'draft.md'], { cwd: project });
    expect(asError.code).toBe(1);
    expect(asError.stdout).toMatch(/1:1 +error +quote\/unverified/);
  });
});

const postgresUrl = process.env.VERBATIM_TEST_DATABASE_URL;
if (!postgresUrl && process.env.CI && process.env.CI !== 'false') {
  throw new Error('VERBATIM_TEST_DATABASE_URL is not set: in CI the PostgreSQL tests must run');
}

describe.skipIf(!postgresUrl)('verbatim check against PostgreSQL', () => {
  // A schema of its own on the test database, named in the URL as any client would name it.
  const schemas = new TestSchemas(postgresUrl as string);
  const withSearchPath = (path: string) =>
    `${postgresUrl}${postgresUrl?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${path}`)}`;
  let url = '';
  let store: PostgresFactStore | null = null;

  beforeAll(async () => {
    const opened = await schemas.openEmptyStore({ fresh: true });
    store = opened;
    url = withSearchPath(`${opened.schemaName},public`);
    await opened.importDataset(readDatasetFile(facts), { mode: 'merge' });
  });
  afterAll(async () => {
    await store?.close();
    await schemas.dropAll();
  });

  it('checks with --facts postgres://… and with VERBATIM_DATABASE_URL, as against the dataset', async () => {
    const named = await verbatim(['check', 'errors.md', '--facts', url, '--format', 'json']);
    const fromEnvironment = await verbatim(['check', 'errors.md', '--format', 'json'], {
      env: { VERBATIM_DATABASE_URL: url },
    });
    const fromDataset = await verbatim([
      'check',
      'errors.md',
      '--facts',
      facts,
      '--format',
      'json',
    ]);
    expect([named.code, fromEnvironment.code, fromDataset.code]).toEqual([1, 1, 1]);
    const rules = (run: Run) =>
      JSON.parse(run.stdout).files[0].findings.map((finding: { rule: string }) => finding.rule);
    expect(rules(named)).toEqual(rules(fromDataset));
    expect(rules(fromEnvironment)).toEqual(rules(fromDataset));
    const clean = await verbatim(['check', 'clean.md', '--facts', url]);
    expect(clean.code).toBe(0);
  });

  it('says a database without Verbatim facts has none, exit 2, and hides the password', async () => {
    const empty = withSearchPath(`no_schema_${randomBytes(4).toString('hex')}`);
    const withPassword = empty.replace('postgres://postgres@', 'postgres://postgres:s3cret@');
    const run = await verbatim(['check', 'clean.md', '--facts', withPassword]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no Verbatim facts there');
    expect(run.stderr).not.toContain('s3cret');
  });
});
