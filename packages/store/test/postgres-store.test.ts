import { afterAll, describe, it } from 'vitest';
import { postgresTestUrl, TestSchemas } from '../src/postgres/test-database.ts';
import { describeFactStoreContract } from '../src/testing/fact-store-contract.ts';

// The same contract suite as SQLite, against a real PostgreSQL server: each test gets a fresh
// schema on the test database.
const url = postgresTestUrl();

if (url) {
  const schemas = new TestSchemas(url);
  afterAll(async () => {
    await schemas.dropAll();
  });
  describeFactStoreContract('PostgreSQL', () => schemas.openEmptyStore());
} else {
  describe.skip('FactStore contract: PostgreSQL (VERBATIM_TEST_DATABASE_URL not set)', () => {
    it('needs a PostgreSQL server', () => {});
  });
}
