import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { MAX_GRAPHQL_BODY_BYTES } from '@verbatim/domain/limits';
import { ConflictError, InvalidInputError, NotFoundError } from '@verbatim/store/fact-store';
import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import {
  createGraphQLError,
  createYoga,
  maskError,
  type Plugin,
  useExecutionCancellation,
  type YogaServerInstance,
} from 'graphql-yoga';
import { resolveViewer } from './auth/viewer.ts';
import type { Context } from './builder.ts';
import { CHECK_CACHE_MAX_AGE_MS, factsVersionOf, SharedCheckCache } from './check-cache.ts';
import type { ServerDependencies } from './dependencies.ts';
import { NotAuthorisedError } from './errors.ts';
import { estimateResultSize } from './query-size.ts';
import { limitRequestBody } from './request-body-limit.ts';
import { schema } from './schema/index.ts';

/** Limits a hostile or careless query runs into before it costs anything (docs/decisions/052). */
export const LIMITS = {
  maxRequestBodyBytes: MAX_GRAPHQL_BODY_BYTES,
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2_000,
  maxCost: 50_000,
  /** Values a query may produce, multiplied through page sizes (query-size.ts). */
  maxResultSize: 20_000,
  maxDirectives: 20,
} as const;

/** Errors the API expects are shown as they are, with a code; anything else stays masked. */
function expectedErrorCode(error: unknown): string | null {
  if (error instanceof NotFoundError) return 'NOT_FOUND';
  if (error instanceof InvalidInputError) return 'BAD_USER_INPUT';
  if (error instanceof ConflictError) return 'CONFLICT';
  if (error instanceof NotAuthorisedError) return 'FORBIDDEN';
  return null;
}

/**
 * graphql-armor throws its rejection as it finds it; this marks it as the client's fault (400).
 * Yoga later sets `http.spec` on parse errors, which would turn the status into 200 for
 * `application/json` clients (right for ordinary mistakes, wrong for a hostile query), so `spec`
 * is pinned to false here.
 */
function answer400(_context: unknown, error: GraphQLError): void {
  const http = { status: 400 };
  Object.defineProperty(http, 'spec', { get: () => false, set: () => {}, enumerable: false });
  Object.assign(error.extensions, { code: 'QUERY_LIMIT_EXCEEDED', http });
}

/** Refuses, before it runs, a query whose nested pages multiply into too many values. */
const limitResultSize: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const size = estimateResultSize(
      args.schema,
      args.document,
      args.operationName,
      args.variableValues,
    );
    if (size > LIMITS.maxResultSize) {
      setResultAndStopExecution({
        errors: [
          createGraphQLError(
            `This query could produce about ${size} values; the limit is ${LIMITS.maxResultSize}. Ask for smaller pages (first) or fewer nested connections.`,
            { extensions: { code: 'QUERY_LIMIT_EXCEEDED', http: { status: 400 } } },
          ),
        ],
      });
    }
  },
};

/** Introspection off in production: the schema is published as schema.graphql instead. */
const disableIntrospection: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(NoSchemaIntrospectionCustomRule);
  },
};

/**
 * Builds the GraphQL server from its dependencies. Never listens: main.ts does, and tests call
 * `yoga.fetch('http://yoga/graphql', …)`.
 */
export function createVerbatimYoga(
  dependencies: ServerDependencies,
): YogaServerInstance<Record<string, unknown>, Context> {
  const { production, anonymousRead } = dependencies.settings;
  const checkCache =
    dependencies.checkCache ??
    new SharedCheckCache(CHECK_CACHE_MAX_AGE_MS, Date.now, factsVersionOf(dependencies.store));
  // Check results depend on the facts: any change empties the cache.
  (async () => {
    for await (const _change of dependencies.pubsub.subscribe('factChanged')) checkCache.clear();
  })();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: production ? false : { title: 'Verbatim GraphQL API', subscriptionsProtocol: 'SSE' },
    landingPage: !production,
    // limitRequestBody below enforces LIMITS.maxRequestBodyBytes without Yoga's body stream.
    maxRequestBodySize: false,
    logging: production ? 'warn' : 'info',
    context: async ({ request }): Promise<Context> => {
      const result = await resolveViewer(
        request.headers.get('authorization'),
        dependencies.tokens,
        anonymousRead,
      );
      if (!result.ok) {
        throw createGraphQLError(result.message, {
          extensions: {
            code: 'UNAUTHENTICATED',
            http: { status: result.status, headers: { 'WWW-Authenticate': 'Bearer' } },
          },
        });
      }
      return { ...dependencies, checkCache, viewer: result.viewer };
    },
    maskedErrors: {
      maskError(error, message, isDev) {
        // The executor wraps what a resolver threw; the original tells whether it was expected.
        const located = error as { originalError?: unknown; path?: readonly (string | number)[] };
        const original = located.originalError ?? error;
        const code = expectedErrorCode(original);
        if (code && original instanceof Error) {
          // Returning the same error tells Yoga it is not masked, so it is not logged as one.
          const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
          if (original !== error && extensions && !Object.isFrozen(extensions)) {
            extensions.code = code;
            return error as Error;
          }
          return createGraphQLError(original.message, {
            path: located.path,
            extensions: { code },
          });
        }
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      useExecutionCancellation(),
      EnvelopArmorPlugin({
        maxDepth: { n: LIMITS.maxDepth, onReject: [answer400] },
        maxAliases: { n: LIMITS.maxAliases, onReject: [answer400] },
        maxTokens: { n: LIMITS.maxTokens, onReject: [answer400] },
        maxDirectives: { n: LIMITS.maxDirectives, onReject: [answer400] },
        costLimit: { maxCost: LIMITS.maxCost, onReject: [answer400] },
        blockFieldSuggestion: { enabled: production },
      }),
      limitRequestBody(LIMITS.maxRequestBodyBytes),
      limitResultSize,
      ...(production ? [disableIntrospection] : []),
    ],
  });
}
