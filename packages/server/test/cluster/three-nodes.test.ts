/**
 * Three `pec serve` processes of one provider on one PostgreSQL database (PEC_TEST_POSTGRES_URL; a
 * new database per run), sharing nothing else: each has its own data folder (copied from one
 * `pec init`, so the same certificates and signing key), its own ports and `node.id`, and keeps
 * messages in the PostgreSQL blob store (`storage.blobs = postgres`). Real clients prove that
 * - a PEC submitted on node 1 reaches an IMAP client in IDLE on node 2 (LISTEN/NOTIFY);
 * - POP3 on node 2 and IMAP EXPUNGE on node 3 of one mailbox are serialised (advisory lock);
 * - failed logins on node 1 count on node 2 (shared login throttle), per remote address;
 * - `kill -9` of node 1 under load (submissions on every node) loses and duplicates nothing: every
 *   message answered `250` has one acceptance receipt, one transport envelope per recipient and one
 *   delivery receipt per recipient (decision 0004: exactly once), the jobs node 1 held are finished
 *   by the other nodes once their lease (`queue.leaseSeconds`, 5 s here) lapses, the outbox drains.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { readPecMessage } from '@pec/core';
import { openProvider } from '../../src/app/open-provider.ts';
import { createTestDatabase } from '../../src/coordination/testing-postgres-database.ts';
import { openImapConversation } from '../../src/protocols/imap/testing/imap-conversation.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { pecOk } from '../e2e/run-pec.ts';
import { sendWithSmtplib, type DataReply, type OutgoingMessage } from '../e2e/send-with-smtplib.ts';
import { startServeProcess, type ServeProcess } from '../e2e/serve-process.ts';
import { openPop3Conversation } from './pop3-conversation.ts';

const domain = 'pec.tre-nodi.localhost';
const password = 'Password-Tre-Nodi';
const reader = `lettore@${domain}`;
const writer = `scrittore@${domain}`;
const guarded = `custodito@${domain}`;
const senders = [1, 2, 3].map((n) => `mittente${n}@${domain}`);
const recipients = [1, 2].map((n) => `destinatario${n}@${domain}`);
const clientsPerNode = 3;
const messagesPerClient = 4;
const nodeCount = 3;
const leaseSeconds = 5;
const database = await createTestDatabase(process.env['PEC_TEST_POSTGRES_URL']);

interface IndexEntry {
  readonly file: string;
  readonly folder: string;
  readonly type: string;
}

/** `pec mailbox export` of `address`, each entry with the identificativo its bytes carry. */
async function exportWithIdentifiers(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  address: string,
  outDir: string,
) {
  await pecOk(['mailbox', 'export', address, '--out', outDir, '--data', dataDir], env);
  const index = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as IndexEntry[];
  return Promise.all(
    index.map(async (entry) => {
      const d = await readPecMessage(await readFile(join(outDir, entry.file)), { skipSignature: true });
      assert.equal(d.type, entry.type, entry.file);
      return {
        ...entry,
        identifier: d.identificativo ?? d.daticert?.identifier,
        delivery: d.daticert?.delivery,
      };
    }),
  );
}

function sorted(values: readonly (string | undefined)[]): (string | undefined)[] {
  return [...values].sort();
}

if (database === undefined) {
  void describe('three pec serve nodes on one PostgreSQL', () => {
    it('runs when PEC_TEST_POSTGRES_URL is set', { skip: 'PEC_TEST_POSTGRES_URL is not set' });
  });
} else {
  void describe('three pec serve nodes on one PostgreSQL', { timeout: 240_000 }, () => {
    let root = '';
    const dataDirs: string[] = [];
    const nodes: (ServeProcess | undefined)[] = [];
    let ca = '';
    let caFile = '';
    const db = new pg.Client({ connectionString: database.url });

    /** The environment of node `n` (1-based): the shared PostgreSQL for storage and blobs, its own name. */
    const envOf = (n: number): NodeJS.ProcessEnv => ({
      ...process.env,
      PEC_STORAGE: 'postgres',
      PEC_POSTGRES_URL: database.url,
      PEC_BLOBS: 'postgres',
      PEC_NODE_ID: `node-${n}`,
    });
    const node = (n: number): ServeProcess => {
      const running = nodes[n - 1];
      assert.ok(running !== undefined, `node ${n} is not running`);
      return running;
    };
    const port = (n: number, listener: string): number => {
      const value = node(n).ports[listener];
      assert.ok(value !== undefined, `node ${n} has no ${listener} listener`);
      return value;
    };

    before(async () => {
      const since = Date.now();
      root = await mkdtemp(join(tmpdir(), 'pec-three-nodes-'));
      const first = join(root, 'node-1');
      const ports = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'].flatMap(
        (name) => [`--${name}-port`, '0'],
      );
      await pecOk(['init', '--domain', domain, '--provider-name', 'Tre Nodi PEC', '--data', first, ...ports]);
      // A short outbox lease, so that the jobs of a killed node are taken over within the test.
      const configFile = join(first, 'pec.config.json');
      const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
      await writeFile(configFile, `${JSON.stringify({ ...config, queue: { leaseSeconds } }, null, 2)}\n`);
      dataDirs.push(first);
      for (let n = 2; n <= nodeCount; n += 1) {
        const dir = join(root, `node-${n}`);
        await cp(first, dir, { recursive: true });
        dataDirs.push(dir);
      }
      // The domain and the mailboxes live in the shared PostgreSQL, created through node 1's folder.
      await pecOk(['domain', 'add', domain, '--data', first], envOf(1));
      // The CLI creates one mailbox there; the others are made in this process through the same account
      // service (each `pec` run costs seconds of start-up on a busy machine), while the nodes start.
      const creating = (async () => {
        await pecOk(['mailbox', 'add', reader, '--password', password, '--data', first], envOf(1));
        const ctx = await openProvider({ dataDir: first, env: { ...envOf(1), PEC_NODE_ID: 'setup' } });
        try {
          const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
          for (const address of [writer, guarded, ...senders, ...recipients]) {
            await accounts.createMailbox({ address, password });
          }
        } finally {
          await ctx.close();
        }
      })();
      creating.catch(() => undefined); // awaited below, once the nodes have settled
      const starting = dataDirs.map((dir, i) =>
        startServeProcess(dir, { env: envOf(i + 1), timeoutMs: 120_000 }),
      );
      // Every start settles before a failure is reported, so that `after` can kill the ones that came up.
      const started = await Promise.allSettled(starting);
      for (const outcome of started) nodes.push(outcome.status === 'fulfilled' ? outcome.value : undefined);
      await creating;
      for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
      caFile = join(first, 'certs', 'ca.pem');
      ca = await readFile(caFile, 'utf8');
      await db.connect();
      process.stdout.write(`# three nodes ready in ${Date.now() - since} ms\n`);
    });

    after(async () => {
      for (const running of nodes) await running?.kill9();
      await db.end().catch(() => undefined);
      await database.drop();
      await rm(root, { recursive: true, force: true });
    });

    it('pushes a PEC submitted on node 1 to an IMAP client in IDLE on node 2', async () => {
      const imap = await openImapConversation({
        port: port(2, 'imaps'),
        ca,
        implicitTls: true,
        timeoutMs: 20_000,
      });
      try {
        await imap.expect(/^\* OK/);
        await imap.transact(`a1 LOGIN ${reader} "${password}"`, /^a1 OK/);
        const selected = await imap.command('a2 SELECT INBOX');
        assert.ok(selected.untagged.includes('* 0 EXISTS'), selected.untagged.join('\n'));
        imap.send('a3 IDLE');
        await imap.expect(/^\+ /);
        const replies = await sendWithSmtplib({
          host: '127.0.0.1',
          port: port(1, 'submission'),
          caFile,
          user: writer,
          password,
          messages: [{ from: writer, to: [reader], subject: 'Tre nodi', body: 'Dal nodo 1 al nodo 2.\n' }],
        });
        assert.equal(replies[0]?.code, 250, replies[0]?.text);
        // Delivered by whichever node's worker took the job; node 2 hears the append through PostgreSQL.
        await imap.expect(/^\* 1 EXISTS$/, 5000);
        // IMAP4rev1: the new message is \Recent for this session (RFC 3501 §7.3.2).
        await imap.expect(/^\* 1 RECENT$/, 5000);
        await imap.continueWith('a3', 'DONE', /^a3 OK/);
        await imap.transact('a4 LOGOUT', /^\* BYE/, /^a4 OK/);
      } finally {
        imap.close();
      }
    });

    it('serialises POP3 on node 2 with IMAP EXPUNGE on node 3 of the same mailbox', async () => {
      const pop3 = await openPop3Conversation({ port: port(2, 'pop3s'), ca });
      const imap = await openImapConversation({
        port: port(3, 'imaps'),
        ca,
        implicitTls: true,
        timeoutMs: 20_000,
      });
      try {
        assert.match(await pop3.next(), /^\+OK/);
        assert.match(await pop3.say(`USER ${reader}`), /^\+OK/);
        assert.match(await pop3.say(`PASS ${password}`), /^\+OK/);
        await imap.expect(/^\* OK/);
        await imap.transact(`b1 LOGIN ${reader} "${password}"`, /^b1 OK/);
        const selected = await imap.command('b2 SELECT INBOX');
        assert.ok(selected.untagged.includes('* 1 EXISTS'), selected.untagged.join('\n'));
        await imap.transact('b3 STORE 1 +FLAGS.SILENT (\\Deleted)', /^b3 OK/);
        const refused = await imap.command('b4 EXPUNGE');
        assert.match(refused.tagged, /^b4 NO \[INUSE\]/);
        assert.ok(!refused.untagged.some((line) => / EXPUNGE$/.test(line)), refused.untagged.join('\n'));

        assert.match(await pop3.say('QUIT'), /^\+OK/);
        const expunged = await imap.command('b5 EXPUNGE');
        assert.match(expunged.tagged, /^b5 OK/);
        assert.ok(expunged.untagged.includes('* 1 EXPUNGE'), expunged.untagged.join('\n'));
        await imap.transact('b6 LOGOUT', /^\* BYE/, /^b6 OK/);
      } finally {
        pop3.close();
        imap.close();
      }
    });

    it('counts failed logins on node 1 when the same address logs in on node 2', async () => {
      /** One POP3 login on node `n` from `localAddress`; the server's answer to PASS. */
      const login = async (n: number, localAddress: string, secret: string) => {
        const pop3 = await openPop3Conversation({ port: port(n, 'pop3s'), ca, localAddress });
        try {
          assert.match(await pop3.next(), /^\+OK/);
          assert.match(await pop3.say(`USER ${guarded}`), /^\+OK/);
          const answer = await pop3.say(`PASS ${secret}`);
          if (answer.startsWith('+OK')) assert.match(await pop3.say('QUIT'), /^\+OK/);
          return answer;
        } finally {
          pop3.close();
        }
      };
      const wrong = /^-ERR \[AUTH\] Authentication failed/;
      const throttled = /^-ERR \[SYS\/TEMP\] Too many failed logins/;
      // The free failures per box and address (5), and one more: the address is now held back.
      for (let attempt = 1; attempt <= 6; attempt += 1)
        assert.match(await login(1, '127.0.0.1', 'wrong'), wrong);
      assert.match(await login(1, '127.0.0.1', 'wrong'), throttled);
      // One more counted failure once the first delay (5 s) is over doubles it, so that what
      // follows does not race the delay; attempts refused meanwhile are not counted.
      for (;;) {
        await sleep(1000);
        const answer = await login(1, '127.0.0.1', 'wrong');
        if (wrong.test(answer)) break;
        assert.match(answer, throttled);
      }
      // Node 2 refuses the right password from that address, and accepts it from another one.
      assert.match(await login(2, '127.0.0.1', password), throttled);
      assert.match(await login(2, '127.0.0.2', password), /^\+OK/);
      assert.match(await login(3, '127.0.0.1', password), throttled);
    });

    it('loses and duplicates nothing when node 1 is killed under load', async (t) => {
      const perNode = clientsPerNode * messagesPerClient;
      const replies: (DataReply & { readonly node: number; readonly sender: string })[] = [];
      let nodeOneReplies = 0;
      let killed: Promise<void> | undefined;
      let heldAtKill: number[] = [];
      const nodeOne = node(1);
      const kill = async () => {
        await nodeOne.kill9();
        nodes[0] = undefined;
        // Jobs still leased by the dead node: the other nodes must run them once the lease lapses.
        const held = await db.query<{ id: string | number }>(
          "select id from jobs where status = 'running' and lease_owner = 'node-1'",
        );
        heldAtKill = held.rows.map((row) => Number(row.id));
      };
      const clients = [1, 2, 3].flatMap((n) =>
        Array.from({ length: clientsPerNode }, (_, c) => {
          const sender = senders[c] ?? '';
          const messages: OutgoingMessage[] = Array.from({ length: messagesPerClient }, (_, i) => ({
            from: sender,
            to: recipients,
            subject: `Carico ${n}.${c}.${i}`,
            body: `Messaggio ${i} del client ${c} sul nodo ${n}.\n`,
          }));
          return sendWithSmtplib(
            { host: '127.0.0.1', port: port(n, 'submission'), caFile, user: sender, password, messages },
            (reply) => {
              replies.push({ ...reply, node: n, sender });
              if (n !== 1) return;
              nodeOneReplies += 1;
              // Right after node 1's last 250, while the other nodes are still taking submissions.
              if (nodeOneReplies === perNode) killed = kill();
            },
          );
        }),
      );
      await Promise.all(clients);
      assert.ok(killed !== undefined, 'node 1 was not killed');
      await killed;
      t.diagnostic(`jobs leased by node 1 at kill -9: ${heldAtKill.length}`);

      assert.equal(replies.length, nodeCount * perNode);
      const outputs = [nodeOne, node(2), node(3)].map((running, i) => `[node ${i + 1}]\n${running.output()}`);
      for (const reply of replies) {
        assert.equal(reply.code, 250, `node ${reply.node}: ${reply.text}\n${outputs.join('\n')}`);
      }
      const ids = replies.map((r) => /Accepted as PEC message (\S+?);/.exec(r.text)?.[1]);
      assert.ok(ids.every((id) => id !== undefined));
      assert.equal(new Set(ids).size, ids.length, 'one identificativo per accepted message');

      // The surviving nodes drain the outbox, the dead node's leased jobs included.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const pending = await db.query<{ status: string; count: string }>(
          "select status, count(*) as count from jobs where status <> 'done' group by status",
        );
        if (pending.rows.length === 0) break;
        assert.ok(
          pending.rows.every((row) => row.status !== 'failed'),
          `failed jobs: ${JSON.stringify(pending.rows)}\n${node(2).output()}\n${node(3).output()}`,
        );
        assert.ok(
          Date.now() < deadline,
          `outbox not drained: ${JSON.stringify(pending.rows)}\n${node(2).output()}\n${node(3).output()}`,
        );
        await sleep(500);
      }
      if (heldAtKill.length > 0) {
        const finished = await db.query<{ count: string }>(
          "select count(*) as count from jobs where id = any($1::bigint[]) and status = 'done'",
          [heldAtKill],
        );
        assert.equal(
          Number(finished.rows[0]?.count),
          heldAtKill.length,
          'the dead node’s jobs were finished',
        );
      }

      // From the data, read back through node 2's folder: one acceptance, one envelope per
      // recipient and one delivery receipt per recipient for every identificativo, nothing more.
      const env = { ...envOf(2), PEC_NODE_ID: 'export' };
      const dir = dataDirs[1] ?? '';
      const all = sorted(ids);
      const exports = new Map(
        await Promise.all(
          [...recipients, ...senders].map(
            async (address) =>
              [
                address,
                await exportWithIdentifiers(env, dir, address, join(root, `export-${address}`)),
              ] as const,
          ),
        ),
      );
      for (const recipient of recipients) {
        const received = exports.get(recipient) ?? [];
        const envelopes = received.filter((e) => e.folder === 'INBOX' && e.type === 'posta-certificata');
        assert.deepEqual(sorted(envelopes.map((e) => e.identifier)), all, `envelopes in ${recipient}`);
        assert.equal(received.length, all.length, `nothing else in ${recipient}`);
      }
      for (const sender of senders) {
        const own = sorted(
          replies.filter((r) => r.sender === sender).map((r) => /message (\S+?);/.exec(r.text)?.[1]),
        );
        const exported = exports.get(sender) ?? [];
        const inbox = exported.filter((e) => e.folder === 'INBOX');
        const acceptances = inbox.filter((e) => e.type === 'accettazione');
        assert.deepEqual(sorted(acceptances.map((e) => e.identifier)), own, `acceptances of ${sender}`);
        for (const recipient of recipients) {
          const receipts = inbox.filter((e) => e.type === 'avvenuta-consegna' && e.delivery === recipient);
          assert.deepEqual(
            sorted(receipts.map((e) => e.identifier)),
            own,
            `receipts of ${sender} for ${recipient}`,
          );
        }
        assert.equal(inbox.length, own.length * (1 + recipients.length), `nothing else in ${sender}`);
        assert.equal(exported.filter((e) => e.folder === 'Sent').length, own.length, `Sent of ${sender}`);
      }
    });
  });
}
