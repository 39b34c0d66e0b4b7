import type { ApiTokenRole, ApiTokenStore, FactStore } from '@verbatim/store/fact-store';
import { apiTokenStoreFor } from '@verbatim/store/sqlite-token-store';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { addDatabaseOption, type DatabaseOptions, printJson, withStore } from '../store-access.ts';

interface CreateOptions extends DatabaseOptions {
  role: ApiTokenRole;
  label?: string;
  json?: boolean;
}

interface ListOptions extends DatabaseOptions {
  json?: boolean;
}

function label(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidArgumentError('must not be empty');
  return trimmed;
}

/** The token store beside the fact store `withStore` opens (same `--db`). */
function withTokens<T>(
  options: DatabaseOptions,
  work: (tokens: ApiTokenStore) => Promise<T>,
): Promise<T> {
  return withStore(options, (store: FactStore) => work(apiTokenStoreFor(store)));
}

/** `verbatim token create|list|revoke`: bearer tokens for the GraphQL API (apps/server). */
export function register(program: Command): void {
  const token = program
    .command('token')
    .description('manage API tokens for the GraphQL server (stored hashed; shown once)');

  addDatabaseOption(
    token
      .command('create')
      .description('create a token and print it; it cannot be shown again')
      .addOption(
        new Option('--role <role>', 'what the token may do')
          .choices(['reader', 'editor', 'admin'])
          .makeOptionMandatory(),
      )
      .option('--label <text>', 'who holds it; recorded as the actor of their edits', label)
      .option('--json', 'print JSON'),
  ).action((options: CreateOptions) =>
    withTokens(options, async (tokens) => {
      const holder =
        options.label ?? `${options.role} token ${new Date().toISOString().slice(0, 10)}`;
      const created = await tokens.createApiToken(options.role, holder);
      if (options.json) {
        printJson(created);
        return;
      }
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(
        `Created ${created.apiToken.role} token ${created.apiToken.id} ("${created.apiToken.label}"). ` +
          'Copy it now: only its hash is stored. Send it as "Authorization: Bearer <token>".\n',
      );
    }),
  );

  addDatabaseOption(
    token
      .command('list')
      .description('list tokens (never their secrets)')
      .option('--json', 'print JSON'),
  ).action((options: ListOptions) =>
    withTokens(options, async (store) => {
      const tokens = await store.listApiTokens();
      if (options.json) {
        printJson(tokens);
        return;
      }
      if (tokens.length === 0) {
        process.stdout.write('No API tokens yet: verbatim token create --role reader\n');
        return;
      }
      for (const apiToken of tokens) {
        const state = apiToken.revokedAt ? `revoked ${apiToken.revokedAt}` : 'active';
        process.stdout.write(
          `${apiToken.id}  ${apiToken.role.padEnd(6)}  ${state.padEnd(32)}  ${apiToken.label}\n`,
        );
      }
    }),
  );

  addDatabaseOption(
    token
      .command('revoke')
      .description('revoke a token at once; requests that use it get 401')
      .argument('<id>', 'the token id (tok_…), from `verbatim token list`'),
  ).action((id: string, options: DatabaseOptions) =>
    withTokens(options, async (tokens) => {
      const revoked = await tokens.revokeApiToken(id);
      process.stdout.write(`Revoked ${revoked.id} ("${revoked.label}") at ${revoked.revokedAt}\n`);
    }),
  );
}
