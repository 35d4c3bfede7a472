// Two PostgreSQL transactions that update two rows in opposite orders deadlock; PostgreSQL aborts
// one (40P01) and the storage runs it again, so both commit and each function's writes land once.
// Runs when PEC_TEST_POSTGRES_URL is set (a new database per run).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestDatabase } from '../../coordination/testing-postgres-database.ts';
import { seedMailbox } from '../contract/storage-harness.ts';
import { openPostgresStorage } from './open-postgres-storage.ts';

const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);

if (database === undefined) {
  void describe('PostgreSQL transactions after a deadlock', () => {
    it('runs when PEC_TEST_POSTGRES_URL is set', { skip: 'PEC_TEST_POSTGRES_URL is not set' });
  });
} else {
  void describe('PostgreSQL transactions after a deadlock', { timeout: 60_000 }, () => {
    after(() => database.drop());

    it('runs the aborted transaction again, so that both commit', async () => {
      const storage = await openPostgresStorage({ url: database.url });
      try {
        const first = await seedMailbox(storage);
        const second = await seedMailbox(storage);
        // Both transactions hold their first row before either asks for its second.
        let arrived = 0;
        let release: () => void = () => undefined;
        const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
        const runs = { ab: 0, ba: 0 };
        const crossing = (one: number, other: number, run: 'ab' | 'ba') =>
          storage.transaction(async (tx) => {
            runs[run] += 1;
            await tx.accounts.recordLoginFailure(one, new Date());
            if (runs[run] === 1) {
              arrived += 1;
              if (arrived === 2) release();
              await bothHoldOne;
            }
            await tx.accounts.recordLoginFailure(other, new Date());
          });
        await Promise.all([crossing(first.id, second.id, 'ab'), crossing(second.id, first.id, 'ba')]);
        assert.equal(runs.ab + runs.ba, 3, 'exactly one of them ran twice');
        // Each mailbox counted exactly one failure per committed transaction.
        assert.equal((await storage.accounts.recordLoginFailure(first.id, new Date())) - 1, 2);
        assert.equal((await storage.accounts.recordLoginFailure(second.id, new Date())) - 1, 2);
      } finally {
        await storage.close();
      }
    });
  });
}
