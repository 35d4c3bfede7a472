/**
 * Decision 0004's promise, tested by killing the server: N messages are submitted over SMTP by
 * several clients at once, `pec serve` gets `kill -9` right after the last `250`, and is started
 * again. Every message answered `250` must then be delivered exactly once: one acceptance receipt,
 * one transport envelope in the recipient's INBOX, one delivery receipt and one Sent copy per
 * identificativo, no duplicates, nothing left in the outbox (decision 0004: exactly once).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readPecMessage } from '@pec/core';
import { openProvider } from '../../src/app/open-provider.ts';
import { pecOk } from './run-pec.ts';
import { sendWithSmtplib } from './send-with-smtplib.ts';
import type { DataReply, OutgoingMessage } from './send-with-smtplib.ts';
import { startServeProcess } from './serve-process.ts';
import type { ServeProcess } from './serve-process.ts';

const domain = 'pec.kill.localhost';
const sender = `mittente@${domain}`;
const recipient = `destinatario@${domain}`;
const password = 'Password-Kill-Test';
const clients = 4;
const perClient = 5;
const total = clients * perClient;
/**
 * `queue.leaseSeconds` for this data folder: the killed process's jobs are re-run once it lapses, so
 * the production 60 s would only add a minute of waiting. Ten seconds still leaves the live process
 * three renewals (every third of it) before a job it holds could be taken over.
 */
const leaseSeconds = 10;

interface IndexEntry {
  readonly file: string;
  readonly folder: string;
  readonly type: string;
}

/** The export's index, each entry with the identificativo its bytes carry (as `pec inspect` reads it). */
async function exportWithIdentifiers(dataDir: string, address: string, outDir: string) {
  await pecOk(['mailbox', 'export', address, '--out', outDir, '--data', dataDir]);
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

function countBy(values: readonly (string | undefined)[]): Map<string | undefined, number> {
  const counts = new Map<string | undefined, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

describe('kill -9 right after the last 250, then restart', { timeout: 300_000 }, () => {
  let work: string;
  let dataDir: string;
  let server: ServeProcess | undefined;
  const replies: DataReply[] = [];
  let pendingAtKill = -1;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-kill-'));
    dataDir = join(work, 'data');
    const ports = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'].flatMap(
      (name) => [`--${name}-port`, '0'],
    );
    await pecOk(['init', '--domain', domain, '--data', dataDir, ...ports]);
    const configFile = join(dataDir, 'pec.config.json');
    const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    await writeFile(configFile, `${JSON.stringify({ ...config, queue: { leaseSeconds } }, null, 2)}\n`, {
      mode: 0o600,
    });
    await pecOk(['mailbox', 'add', sender, '--password', password, '--data', dataDir]);
    await pecOk(['mailbox', 'add', recipient, '--password', password, '--data', dataDir]);
    server = await startServeProcess(dataDir);
    const running = server;

    let killed: Promise<void> | undefined;
    const onReply = (reply: DataReply) => {
      replies.push(reply);
      // The moment the last reply arrives, before anything else can happen.
      if (replies.length === total) killed = running.kill9();
    };
    const batch = (client: number): OutgoingMessage[] =>
      Array.from({ length: perClient }, (_, i) => ({
        from: sender,
        to: [recipient],
        subject: `Messaggio ${client}.${i}`,
        body: `Corpo del messaggio ${client}.${i}\n`,
      }));
    await Promise.all(
      Array.from({ length: clients }, (_, client) =>
        sendWithSmtplib(
          {
            host: '127.0.0.1',
            port: running.submissionPort,
            caFile: join(dataDir, 'certs', 'ca.pem'),
            user: sender,
            password,
            messages: batch(client),
          },
          onReply,
        ),
      ),
    );
    assert.ok(killed !== undefined, 'the server was not killed');
    await killed;
    server = undefined;

    // What the outbox still held when the process died (diagnostic: these are resumed on restart).
    const ctx = await openProvider({ dataDir });
    try {
      const counts = await ctx.storage.queue.countByStatus();
      pendingAtKill = counts.ready + counts.running;
    } finally {
      await ctx.close();
    }

    server = await startServeProcess(dataDir);
    // Jobs leased by the killed process are re-claimed when their lease (`leaseSeconds`) expires.
    const deadline = Date.now() + 150_000;
    for (;;) {
      const ctx2 = await openProvider({ dataDir });
      let counts;
      try {
        counts = await ctx2.storage.queue.countByStatus();
      } finally {
        await ctx2.close();
      }
      if (counts.ready + counts.running === 0) break;
      assert.ok(Date.now() < deadline, `outbox not drained: ${JSON.stringify(counts)}\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(await server.stop(), 0, server.output());
    server = undefined;
  });

  after(async () => {
    await server?.kill9();
    await rm(work, { recursive: true, force: true });
  });

  it('answered 250 to every message before the kill', (t) => {
    t.diagnostic(`outbox jobs pending at kill -9: ${pendingAtKill}`);
    assert.equal(replies.length, total);
    for (const reply of replies) assert.equal(reply.code, 250, reply.text);
  });

  it('delivered every accepted message exactly once, with one acceptance and one receipt each', async () => {
    const ids = replies.map((r) => /Accepted as PEC message (\S+?);/.exec(r.text)?.[1]);
    assert.equal(new Set(ids).size, total);
    assert.ok(ids.every((id) => id !== undefined));
    const expected = [...ids].sort();

    const received = await exportWithIdentifiers(dataDir, recipient, join(work, 'export-recipient'));
    const envelopes = received.filter((e) => e.folder === 'INBOX' && e.type === 'posta-certificata');
    assert.equal(envelopes.length, total, 'one envelope per identificativo in the recipient INBOX');
    assert.deepEqual(envelopes.map((e) => e.identifier).sort(), expected);

    const sent = await exportWithIdentifiers(dataDir, sender, join(work, 'export-sender'));
    const inbox = sent.filter((e) => e.folder === 'INBOX');
    const acceptances = inbox.filter((e) => e.type === 'accettazione');
    const receipts = inbox.filter((e) => e.type === 'avvenuta-consegna');
    assert.deepEqual(acceptances.map((e) => e.identifier).sort(), expected);
    assert.deepEqual(receipts.map((e) => e.identifier).sort(), expected);
    assert.ok(receipts.every((e) => e.delivery === recipient));
    assert.equal(inbox.length, 2 * total, 'nothing else in the sender INBOX');
    assert.equal(sent.filter((e) => e.folder === 'Sent').length, total);
    for (const counts of [
      countBy(envelopes.map((e) => e.identifier)),
      countBy(receipts.map((e) => e.identifier)),
    ]) {
      assert.ok([...counts.values()].every((n) => n === 1));
    }
  });
});
