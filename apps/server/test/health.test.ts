import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ settings: { production: true, anonymousRead: false } });
});
afterAll(() => server.close());

test('/health answers 200 without a token, for load balancers, even with anonymous reading off', async () => {
  const response = await server.yoga.fetch('http://yoga/health');
  expect(response.status).toBe(200);
});
