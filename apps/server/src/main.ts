import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ApiTokenStore, FactStore } from '@verbatim/store/fact-store';
import { defaultDatabasePath, openStore } from '@verbatim/store/open-store';
import { apiTokenStoreFor } from '@verbatim/store/sqlite-token-store';
import { createPubSub } from 'graphql-yoga';
import type { FactPubSub, ServerSettings } from './dependencies.ts';
import { feedFactChangesFromStore } from './fact-changes.ts';
import { createVerbatimYoga } from './yoga.ts';

export interface RunningServer {
  url: string;
  store: FactStore;
  tokens: ApiTokenStore;
  close(): Promise<void>;
}

/** Reads the settings from the environment; anything unrecognised is an error, not a guess. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): ServerSettings & {
  port: number;
  host: string;
} {
  const port = env.PORT === undefined || env.PORT === '' ? 4000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  }
  const anonymous = (env.VERBATIM_ANONYMOUS_READ ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(anonymous)) {
    throw new Error(`VERBATIM_ANONYMOUS_READ must be true or false, not "${anonymous}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    anonymousRead: anonymous === 'true' || anonymous === '1',
    production: env.NODE_ENV === 'production',
  };
}

/** Opens the store named by the environment and serves the API until `close()`. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const settings = settingsFromEnv(env);
  const databaseUrl = env.DATABASE_URL || env.VERBATIM_DATABASE_URL || undefined;
  const store = await openStore({ databaseUrl, sqlitePath: defaultDatabasePath(env) });
  const tokens = apiTokenStoreFor(store);
  const pubsub: FactPubSub = createPubSub();
  const stopFeed = await feedFactChangesFromStore(store, pubsub);
  const yoga = createVerbatimYoga({
    store,
    tokens,
    pubsub,
    settings,
    factChangesFromStore: stopFeed !== null,
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}${yoga.graphqlEndpoint}`,
    store,
    tokens,
    close() {
      closing ??= (async () => {
        // Open SSE streams would keep close() waiting for ever.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await stopFeed?.();
        await store.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  console.log(`Verbatim GraphQL API: ${server.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: shutting down`);
      server.close().then(
        () => process.exit(0),
        (error) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`verbatim server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
