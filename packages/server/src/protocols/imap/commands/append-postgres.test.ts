/**
 * Pipelined APPENDs on the PostgreSQL store, over a real socket: the UIDs follow the commands'
 * order (RFC 9051 §2.3.1.1: UIDs ascend in the order messages are added; each APPENDUID, RFC 4315
 * §3, reports its own command's message), although the store serves them from a pool of
 * connections. Runs when PEC_TEST_POSTGRES_URL is set (a new database per run).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase } from '../../../coordination/testing-postgres-database.ts';
import { openFsBlobStore } from '../../../storage/blobs-fs/open-fs-blob-store.ts';
import { openPostgresStorage } from '../../../storage/postgres/open-postgres-storage.ts';
import { openImapConversation, type ImapConversation } from '../testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from '../testing/imap-test-server.ts';

const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);

if (database === undefined) {
  void describe('IMAP APPEND on PostgreSQL', () => {
    it('runs when PEC_TEST_POSTGRES_URL is set', { skip: 'PEC_TEST_POSTGRES_URL is not set' });
  });
} else {
  void describe('IMAP APPEND on PostgreSQL', { timeout: 120_000 }, () => {
    let server: ImapTestServer;
    const open: ImapConversation[] = [];

    before(async () => {
      server = await startImapTestServer({
        openStores: async (dir) => ({
          storage: await openPostgresStorage({ url: database.url }),
          blobs: await openFsBlobStore({ dir: join(dir, 'blobs') }),
        }),
      });
    });
    after(async () => {
      for (const c of open) c.close();
      await server.close();
      await database.drop();
    });

    it('gives pipelined APPENDs UIDs in command order, each APPENDUID its own message', async () => {
      const account = server.accounts[0];
      const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
      open.push(c);
      await c.expect(/^\* OK /);
      await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
      // Several rounds of a full pipeline (the session files up to 64 together): messages of
      // different sizes, so that no two commands take the same time to prepare.
      const rounds = 3;
      const perRound = 40;
      const status = await c.command('v STATUS Sent (UIDNEXT)');
      let expectedUid = Number(/UIDNEXT (\d+)/.exec(status.untagged.join(' '))?.[1]);
      const sent: { uid: number; bytes: Buffer }[] = [];
      for (let round = 0; round < rounds; round++) {
        const messages = Array.from({ length: perRound }, (_, i) =>
          Buffer.from(
            testMessage(`ordine ${String(round)}.${String(i)}`, 'x'.repeat(((i * 7919) % 5000) + 1)),
          ),
        );
        let pipelined = '';
        for (const [i, bytes] of messages.entries()) {
          pipelined += `p${String(round)}.${String(i)} APPEND Sent {${String(bytes.length)}+}\r\n${bytes.toString('latin1')}\r\n`;
        }
        c.write(Buffer.from(pipelined, 'latin1'));
        const uids: number[] = [];
        for (let i = 0; i < perRound; i++) {
          const line = await c.next(60_000);
          const tagged = /^p\d+\.(\d+) OK \[APPENDUID \d+ (\d+)\]/.exec(line);
          assert.ok(tagged !== null, line);
          assert.equal(Number(tagged[1]), i, 'tagged replies come in command order');
          uids.push(Number(tagged[2]));
        }
        assert.deepEqual(
          uids,
          Array.from({ length: perRound }, (_, i) => expectedUid + i),
          'UIDs follow the commands',
        );
        for (const [i, bytes] of messages.entries()) sent.push({ uid: expectedUid + i, bytes });
        expectedUid += perRound;
      }
      // Each APPENDUID names the message of its own command.
      assert.match((await c.command('e EXAMINE Sent')).tagged, /^e OK/);
      for (const { uid, bytes } of sent) {
        const body = await c.command(`f UID FETCH ${String(uid)} BODY.PEEK[]`);
        assert.equal(body.untagged.length, 1);
        assert.ok(body.untagged[0]?.endsWith(`{${String(bytes.length)}}\r\n${bytes.toString('utf8')})`));
      }
    });
  });
}
