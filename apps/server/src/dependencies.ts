import type { FactKind, Figure, Quote, VerificationEvent } from '@verbatim/domain/entities';
import type { ApiTokenStore, FactStore } from '@verbatim/store/fact-store';
import type { PubSub } from 'graphql-yoga';
import type { SharedCheckCache } from './check-cache.ts';

/** What `factChanged` subscribers receive: the fact as it is now, and what happened to it. */
export interface FactChange {
  change: 'created' | 'updated' | 'status';
  kind: FactKind;
  fact: Quote | Figure;
  /** The verification event, for a status change. */
  event: VerificationEvent | null;
  /** Who made it (a token's label), when known: a change heard from the database may not say. */
  actor: string | null;
}

export type FactPubSub = PubSub<{ factChanged: [FactChange] }>;

export interface ServerSettings {
  /** Whether requests without a token may read (VERBATIM_ANONYMOUS_READ, default true). */
  anonymousRead: boolean;
  /** Production mode: no GraphiQL, no introspection (NODE_ENV=production). */
  production: boolean;
}

/** Everything the server is built from; tests pass real ones in, main.ts builds them from env. */
export interface ServerDependencies {
  store: FactStore;
  tokens: ApiTokenStore;
  pubsub: FactPubSub;
  settings: ServerSettings;
  /** The store publishes committed changes itself (feedFactChangesFromStore); mutations do not. */
  factChangesFromStore?: boolean;
  /** checkDraft's cache; createVerbatimYoga makes one when absent and empties it on changes. */
  checkCache?: SharedCheckCache;
}
