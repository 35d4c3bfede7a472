/**
 * Test helper: a fresh PostgreSQL database for one test run (pec_test_<random>), created from the
 * admin URL (the tests read PEC_TEST_POSTGRES_URL) and dropped by `drop`; undefined without a URL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl: string | undefined): Promise<TestDatabase | undefined> {
  if (adminUrl === undefined || adminUrl === '') return undefined;
  const database = `pec_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${database} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
