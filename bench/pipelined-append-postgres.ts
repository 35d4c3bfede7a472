/**
 * Pipelined APPENDs on the PostgreSQL store (decision 0064): rounds of 64 APPENDs written at once by
 * one client over TLS, against an in-process IMAP server whose storage is a fresh PostgreSQL
 * database. Prints, per message, this process's CPU (server and client), the database's committed
 * transactions (each a WAL flush) and the wall time. Needs PEC_TEST_POSTGRES_URL.
 * With `sqlite` after the rounds, the server runs on its default SQLite store instead (commits
 * are then not counted).
 * Run: npx tsx bench/pipelined-append-postgres.ts [rounds] [sqlite]
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createTestDatabase } from '../packages/server/src/coordination/testing-postgres-database.ts';
import { openImapConversation } from '../packages/server/src/protocols/imap/testing/imap-conversation.ts';
import {
  startImapTestServer,
  testMessage,
} from '../packages/server/src/protocols/imap/testing/imap-test-server.ts';
import { openFsBlobStore } from '../packages/server/src/storage/blobs-fs/open-fs-blob-store.ts';
import { openPostgresStorage } from '../packages/server/src/storage/postgres/open-postgres-storage.ts';

const rounds = Number(process.argv[2] ?? 10);
const perRound = 64;
const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);
if (database === undefined) throw new Error('set PEC_TEST_POSTGRES_URL');
const onSqlite = process.argv[3] === 'sqlite';
const server = await startImapTestServer(
  onSqlite
    ? {}
    : {
        openStores: async (dir) => ({
          storage: await openPostgresStorage({ url: database.url }),
          blobs: await openFsBlobStore({ dir: join(dir, 'blobs') }),
        }),
      },
);
const stats = new pg.Client({ connectionString: database.url });
await stats.connect();
async function commits(): Promise<number> {
  await sleep(1500); // PostgreSQL publishes a backend's counters at most once a second
  const result = await stats.query<{ n: string }>(
    'select xact_commit::text as n from pg_stat_database where datname = current_database()',
  );
  return Number(result.rows[0]?.n);
}
try {
  const account = server.accounts[0];
  const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
  await c.expect(/^\* OK /);
  await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
  const round = async (r: number) => {
    let pipelined = '';
    for (let i = 0; i < perRound; i++) {
      const bytes = Buffer.from(testMessage(`bench ${String(r)}.${String(i)}`, 'x'.repeat(2000)));
      pipelined += `p${String(i)} APPEND Sent {${String(bytes.length)}+}\r\n${bytes.toString('latin1')}\r\n`;
    }
    c.write(Buffer.from(pipelined, 'latin1'));
    for (let i = 0; i < perRound; i++) {
      const line = await c.next(60_000);
      if (!line.startsWith(`p${String(i)} OK`)) throw new Error(line);
    }
  };
  await round(-1); // warm-up
  const commitsBefore = await commits();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let r = 0; r < rounds; r++) await round(r);
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const committed = (await commits()) - commitsBefore - 1; // less the stats query's own
  const messages = rounds * perRound;
  console.log(
    JSON.stringify({
      messages,
      cpuMsPerMessage: ((cpu.user + cpu.system) / 1000 / messages).toFixed(2),
      commitsPerMessage: onSqlite ? '-' : (committed / messages).toFixed(3),
      wallMsPerMessage: (wall / messages).toFixed(2),
    }),
  );
  c.close();
} finally {
  await stats.end();
  await server.close();
  await database.drop();
}
