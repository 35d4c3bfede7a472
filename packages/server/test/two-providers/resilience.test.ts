/**
 * The exchange between providers when things break between two providers (`pec serve` child processes on
 * loopback): the peer is down, so the message waits in the queue and is retried until the peer is
 * back (decision 0006, pec-spec §2.3 "at most 24 h"); then the sending provider gets `kill -9` while
 * its queue is busy with messages for the peer, and after a restart every accepted message reaches
 * the peer exactly once with all its receipts (decisions 0004, 0006, 0007).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeQueuedJob } from '../../src/services/pipeline/relay/describe-queued-job.ts';
import { composeOriginal } from './compose-original.ts';
import { assertGenuine, markAll, summarize, waitForFiled, type StoredCopy } from './mail-observer.ts';
import { cliMessageStatus, statusByRecipient, storedMessageStatus, waitForStatus } from './message-status.ts';
import { signedEnvelopeOf } from './pec-fixtures.ts';
import { setUpProviderPair, tearDownProviderPair, type PairProvider } from './provider-pair.ts';
import { acceptedIdentifier, sendRawSmtp, type TransactionReplies } from './send-raw-smtp.ts';

const domainA = 'pec-a.resilienza.localhost';
const domainB = 'pec-b.resilienza.localhost';
const senders = [1, 2, 3].map((n) => `mittente${n}@${domainA}`);
const anna = `anna.bianchi@${domainB}`;
const password = 'Password-Resilienza-1';
const svcA = `posta-certificata@${domainA}`;
/**
 * A's `queue.leaseSeconds`: the jobs A held at the kill -9 are re-run once their lease lapses, so the
 * production 60 s would only add a minute of waiting. Ten seconds still leaves the live process three
 * renewals (every third of it) before a job it holds could be taken over.
 */
const leaseSeconds = 10;

interface QueueRow {
  readonly kind: string;
  readonly status: string;
  readonly attempts: number;
  readonly reference: string | null;
  readonly lastError: string | null;
}

function countBy(values: readonly (string | undefined)[]): Map<string | undefined, number> {
  const counts = new Map<string | undefined, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

const identifierOf = (c: StoredCopy) => c.description.daticert?.identifier ?? c.description.identificativo;

describe('two providers: peer down, then kill -9 of the sender', { timeout: 280_000 }, () => {
  let work: string;
  let a: PairProvider;
  let b: PairProvider;
  let pair: readonly [PairProvider, PairProvider] | undefined;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-two-resilience-'));
    pair = await setUpProviderPair(work, [
      {
        key: 'a',
        domain: domainA,
        name: 'Gestore A S.p.A.',
        mailboxes: Object.fromEntries(senders.map((s) => [s, password])),
        config: { queue: { leaseSeconds } },
      },
      { key: 'b', domain: domainB, name: 'Gestore B S.p.A.', mailboxes: { [anna]: password } },
    ]);
    [a, b] = pair;
  });

  after(async () => {
    await tearDownProviderPair(pair);
    await rm(work, { recursive: true, force: true });
  });

  const submit = (user: string, subjects: readonly string[], onReplies?: (r: TransactionReplies) => void) =>
    sendRawSmtp(
      { mode: 'submission', host: '127.0.0.1', port: a.submissionPort(), caFile: a.caFile, user, password },
      subjects.map((subject) => {
        const m = composeOriginal({ from: user, to: [anna], subject });
        return { mailFrom: user, rcptTo: m.rcptTo, raw: m.raw };
      }),
      onReplies,
    );

  it('5. peer down, then back: the queue shows a retry, then the message is delivered', async () => {
    await b.stop();
    const mark = await markAll([a, b]);
    const [sender] = senders;
    assert.ok(sender !== undefined);
    const [reply] = await submit(sender, ['Mentre B è spento']);
    assert.ok(reply !== undefined);
    const id = acceptedIdentifier(reply);

    // Deferred and retried: attempts grow, the last error names the refused connection.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await a.ctx.storage.queue.list({ kind: 'relay-envelope', limit: 10_000 });
      const mine = jobs.map(describeQueuedJob).filter((j) => j.reference === id && j.status !== 'done');
      if (mine.some((j) => j.attempts >= 2 && j.lastError !== null)) break;
      assert.ok(Date.now() < deadline, `no retry seen: ${JSON.stringify(mine)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const listed = JSON.parse(await a.pec(['queue', 'list', '--json'])) as QueueRow[];
    const waiting = listed.filter((row) => row.reference === id);
    assert.equal(waiting.length, 1, JSON.stringify(listed));
    const [row] = waiting;
    assert.equal(row?.kind, 'relay-envelope');
    assert.ok(row.attempts >= 2, JSON.stringify(waiting));
    assert.match(row.lastError ?? '', /ECONNREFUSED|connect|refused/i);
    assert.deepEqual(statusByRecipient(await storedMessageStatus(a, id)), { [anna]: 'accepted' });

    await b.start();
    await waitForStatus(a, id, ['delivered']);
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 5);
    assert.equal(
      summarize(filed),
      [
        `a:${sender}/INBOX accettazione`,
        `a:${sender}/INBOX avvenuta-consegna`,
        `a:${sender}/Sent ordinaria`,
        `a:${svcA}/INBOX presa-in-carico`,
        `b:${anna}/INBOX posta-certificata`,
      ]
        .sort()
        .join('\n'),
    );
    await assertGenuine(work, filed, [a, b]);
    const envelope = filed.find((c) => c.type === 'posta-certificata');
    assert.ok(envelope?.bytes.equals(await signedEnvelopeOf(a, id)), 'the envelope A signed, once');
    assert.deepEqual(statusByRecipient(await cliMessageStatus(a, id)), { [anna]: 'delivered' });
    assert.equal((JSON.parse(await a.pec(['queue', 'list', '--json'])) as QueueRow[]).length, 0);
  });

  it('10. kill -9 of A while its queue is busy: after restart every accepted message reaches B once', async (t) => {
    const mark = await markAll([a, b]);
    const perSender = 4;
    const total = senders.length * perSender;
    const replies: TransactionReplies[] = [];
    let killed: Promise<void> | undefined;
    await Promise.all(
      senders.map((sender, n) =>
        submit(
          sender,
          Array.from({ length: perSender }, (_, i) => `Urgente ${n}.${i}`),
          (reply) => {
            replies.push(reply);
            // The moment the last 250 arrives, before anything else can happen.
            if (replies.length === total) killed = a.kill9();
          },
        ),
      ),
    );
    assert.ok(killed !== undefined, 'A was not killed');
    await killed;
    const counts = await a.ctx.storage.queue.countByStatus();
    t.diagnostic(`A's outbox at kill -9: ${counts.ready} ready, ${counts.running} running`);
    assert.ok(counts.ready + counts.running > 0, 'the queue was busy at the kill');

    await a.start();
    const ids = replies.map(acceptedIdentifier);
    assert.equal(new Set(ids).size, total);
    // Jobs leased by the killed process run again once their lease (`leaseSeconds`) has expired.
    for (const id of ids) await waitForStatus(a, id, ['delivered'], 150_000);
    const filed = await waitForFiled([a, b], mark, (c) => c.length >= 5 * total);
    await assertGenuine(work, filed, [a, b]);

    const expected = [...ids].sort();
    const ofType = (type: string) => filed.filter((c) => c.type === type);
    const envelopes = ofType('posta-certificata');
    assert.ok(envelopes.every((e) => e.address === anna));
    for (const [type, copies] of [
      ['posta-certificata', envelopes],
      ['accettazione', ofType('accettazione')],
      ['presa-in-carico', ofType('presa-in-carico')],
      ['avvenuta-consegna', ofType('avvenuta-consegna')],
    ] as const) {
      assert.deepEqual(copies.map(identifierOf).sort(), expected, `one ${type} per accepted message`);
      assert.ok(
        [...countBy(copies.map(identifierOf)).values()].every((n) => n === 1),
        `${type} twice`,
      );
    }
    assert.equal(filed.length, 5 * total, `nothing else:\n${summarize(filed)}`);
    const sample = ids[0] ?? '';
    assert.deepEqual(statusByRecipient(await cliMessageStatus(a, sample)), { [anna]: 'delivered' });
  });
});
