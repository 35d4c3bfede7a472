// Runs the coordination contracts on the in-process adapters, and on PostgreSQL when
// PEC_TEST_POSTGRES_URL is set (one new database per run, dropped at the end).
import { after, describe, it } from 'node:test';
import { describeChangeBus } from './change-bus.contract.ts';
import type { CoordinationHarness } from './coordination-harness.ts';
import { createInProcessChangeBus } from './in-process-change-bus.ts';
import { createInProcessLocks } from './in-process-locks.ts';
import { describeLocks } from './locks.contract.ts';
import { openPostgresChangeBus } from './postgres-change-bus.ts';
import { openPostgresLocks } from './postgres-locks.ts';
import { createTestDatabase } from './testing-postgres-database.ts';

const inProcess: CoordinationHarness = {
  separateNodes: false,
  openBuses() {
    const bus = createInProcessChangeBus();
    return Promise.resolve({ first: bus, second: bus, close: () => bus.close() });
  },
  openLocks() {
    const locks = createInProcessLocks();
    return Promise.resolve({ first: locks, second: locks, close: () => locks.close() });
  },
};
describeChangeBus('in-process', inProcess);
describeLocks('in-process', inProcess);

const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);
if (database === undefined) {
  void describe('PostgreSQL coordination', () => {
    it('runs the coordination contracts on PostgreSQL', {
      skip: 'PEC_TEST_POSTGRES_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
    });
  });
} else {
  after(() => database.drop());
  const { url } = database;
  const postgres: CoordinationHarness = {
    separateNodes: true,
    async openBuses() {
      const [first, second] = await Promise.all([
        openPostgresChangeBus({ url }),
        openPostgresChangeBus({ url }),
      ]);
      return {
        first,
        second,
        close: async () => {
          await Promise.all([first.close(), second.close()]);
        },
      };
    },
    async openLocks() {
      const [first, second] = await Promise.all([openPostgresLocks({ url }), openPostgresLocks({ url })]);
      return {
        first,
        second,
        close: async () => {
          await Promise.all([first.close(), second.close()]);
        },
      };
    },
  };
  describeChangeBus('PostgreSQL', postgres);
  describeLocks('PostgreSQL', postgres);
}
