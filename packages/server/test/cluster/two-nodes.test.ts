/**
 * Two nodes of one provider on one PostgreSQL database (PEC_TEST_POSTGRES_URL; a new database per
 * run), in one process but sharing nothing except PostgreSQL (and, until the PostgreSQL blob store,
 * the blob folder): a PEC submitted on node 1 and delivered by node 1's worker reaches an IMAP
 * client in IDLE on node 2 (LISTEN/NOTIFY), and a POP3 session on node 2 makes an IMAP EXPUNGE of
 * the same mailbox on node 1 answer `NO [INUSE]` (advisory lock), until the POP3 session quits.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import { createTestDatabase } from '../../src/coordination/testing-postgres-database.ts';
import { openImapConversation } from '../../src/protocols/imap/testing/imap-conversation.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { sendWithSmtplib } from '../e2e/send-with-smtplib.ts';

const domain = 'pec.cluster.localhost';
const sender = `mario@${domain}`;
const recipient = `anna@${domain}`;
const password = 'correct horse battery';
const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);

function portOf(running: RunningProvider, name: string): number {
  const address = running.addresses.find((a) => a.name === name);
  assert.ok(address !== undefined, `listener ${name}`);
  return address.port;
}

/** A POP3 conversation over implicit TLS, line by line. */
async function openPop3(port: number, ca: string) {
  const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', resolve);
    socket.once('error', reject);
  });
  let buffer = '';
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\r\n');
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const waiter = waiting.shift();
      if (waiter === undefined) lines.push(line);
      else waiter(line);
      end = buffer.indexOf('\r\n');
    }
  });
  const next = (): Promise<string> => {
    const line = lines.shift();
    return line === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(line);
  };
  return {
    next,
    async say(line: string): Promise<string> {
      socket.write(`${line}\r\n`);
      return next();
    },
    close: () => socket.destroy(),
  };
}

if (database === undefined) {
  void describe('two nodes on one PostgreSQL', () => {
    it('runs when PEC_TEST_POSTGRES_URL is set', { skip: 'PEC_TEST_POSTGRES_URL is not set' });
  });
} else {
  void describe('two nodes on one PostgreSQL', { timeout: 180_000 }, () => {
    let root = '';
    const contexts: ProviderContext[] = [];
    const nodes: RunningProvider[] = [];
    let ca = '';
    let caFile = '';

    before(async () => {
      root = await mkdtemp(join(tmpdir(), 'pec-cluster-'));
      const first = join(root, 'node-1');
      const second = join(root, 'node-2');
      await initProvider({ dataDir: first, domain, providerName: 'Cluster PEC' });
      await cp(first, second, { recursive: true });
      for (const [index, dir] of [first, second].entries()) {
        const ctx = await openProvider({
          dataDir: dir,
          overrides: {
            ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
            storage: { kind: 'postgres', postgresUrl: database.url, blobsDir: join(first, 'blobs') },
            node: { id: `node-${index + 1}` },
          },
        });
        contexts.push(ctx);
      }
      const [one, two] = contexts;
      assert.ok(one !== undefined && two !== undefined);
      const accounts = createAccountService({ storage: one.storage, clock: one.clock });
      // initProvider registered the domain in its SQLite file; the cluster's storage needs it too.
      await accounts.addDomain(domain);
      await accounts.createMailbox({ address: sender, password });
      await accounts.createMailbox({ address: recipient, password });
      nodes.push(
        await serveProvider(one, createProviderServices(one, { pollMs: 60_000 }), { closeTimeoutMs: 500 }),
      );
      // Node 2 runs no outbox worker, so whatever it hears was delivered by node 1.
      const idle = { start: () => undefined, stop: () => Promise.resolve() };
      nodes.push(
        await serveProvider(two, { ...createProviderServices(two), worker: idle }, { closeTimeoutMs: 500 }),
      );
      caFile = join(first, 'certs', 'ca.pem');
      ca = await readFile(caFile, 'utf8');
    });
    after(async () => {
      for (const node of nodes) await node.close();
      for (const ctx of contexts) await ctx.close();
      await database.drop();
      await rm(root, { recursive: true, force: true });
    });

    it('pushes a delivery committed on node 1 to an IDLE client on node 2', async () => {
      const [one, two] = nodes;
      assert.ok(one !== undefined && two !== undefined);
      const imap = await openImapConversation({
        port: portOf(two, 'imaps'),
        ca,
        implicitTls: true,
        timeoutMs: 20_000,
      });
      await imap.expect(/^\* OK/);
      await imap.transact(`a1 LOGIN ${recipient} "${password}"`, /^a1 OK/);
      const selected = await imap.command('a2 SELECT INBOX');
      assert.ok(selected.untagged.includes('* 0 EXISTS'), selected.untagged.join('\n'));
      imap.send('a3 IDLE');
      await imap.expect(/^\+ /);
      const replies = await sendWithSmtplib({
        host: '127.0.0.1',
        port: portOf(one, 'submission'),
        caFile,
        user: sender,
        password,
        messages: [{ from: sender, to: [recipient], subject: 'Cluster', body: 'Da un nodo all altro.\n' }],
      });
      assert.equal(replies[0]?.code, 250);
      // The worker of node 1 was woken through the bus (its poll is a minute) and node 2 heard the append.
      await imap.expect(/^\* 1 EXISTS$/, 20_000);
      // IMAP4rev1: the new message is \Recent for this session (RFC 3501 §7.3.2).
      await imap.expect(/^\* 1 RECENT$/, 5000);
      await imap.continueWith('a3', 'DONE', /^a3 OK/);
      await imap.transact('a4 LOGOUT', /^\* BYE/, /^a4 OK/);
      imap.close();
    });

    it('serialises a POP3 session on node 2 with an IMAP EXPUNGE on node 1', async () => {
      const [one, two] = nodes;
      assert.ok(one !== undefined && two !== undefined);
      const pop3 = await openPop3(portOf(two, 'pop3s'), ca);
      assert.match(await pop3.next(), /^\+OK/);
      assert.match(await pop3.say(`USER ${recipient}`), /^\+OK/);
      assert.match(await pop3.say(`PASS ${password}`), /^\+OK/);

      const imap = await openImapConversation({
        port: portOf(one, 'imaps'),
        ca,
        implicitTls: true,
        timeoutMs: 20_000,
      });
      await imap.expect(/^\* OK/);
      await imap.transact(`b1 LOGIN ${recipient} "${password}"`, /^b1 OK/);
      await imap.command('b2 SELECT INBOX');
      await imap.transact('b3 STORE 1 +FLAGS.SILENT (\\Deleted)', /^b3 OK/);
      const refused = await imap.command('b4 EXPUNGE');
      assert.match(refused.tagged, /^b4 NO \[INUSE\]/);
      // A second POP3 login on node 1 is refused too while node 2's session holds the maildrop.
      const other = await openPop3(portOf(one, 'pop3s'), ca);
      await other.next();
      await other.say(`USER ${recipient}`);
      assert.match(await other.say(`PASS ${password}`), /^-ERR \[IN-USE\]/);
      other.close();

      assert.match(await pop3.say('QUIT'), /^\+OK/);
      pop3.close();
      const expunged = await imap.command('b5 EXPUNGE');
      assert.match(expunged.tagged, /^b5 OK/);
      assert.ok(expunged.untagged.includes('* 1 EXPUNGE'), expunged.untagged.join('\n'));
      await imap.transact('b6 LOGOUT', /^\* BYE/, /^b6 OK/);
      imap.close();
    });
  });
}
