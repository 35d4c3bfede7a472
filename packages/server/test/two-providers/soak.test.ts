/**
 * The load proof, bounded by count for the suite (the timed version is bench/soak.bench.ts): two
 * `pec serve` processes, 4 SMTP submission clients on each sending 10 messages to the other's users,
 * both directions at once. After the drain: no job left due or leased in either outbox; every message
 * filed exactly once at its recipient, with its acceptance, presa in carico and delivery receipt
 * exactly once at the sender (decisions 0004, 0006, 0007, 0018); and each process holds no more TCP
 * connections than before the load once the relay's kept connections have idled out (decision 0018,
 * `relay.connectionIdleSeconds`, short here).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { filedSince, markAll, summarize, type Mark, type StoredCopy } from './mail-observer.ts';
import { tearDownProviderPair, type PairProvider } from './provider-pair.ts';
import {
  countSockets,
  describeJobs,
  jobsLeft,
  setUpSoakPair,
  stuckJobs,
  submitLoad,
  waitForReceipts,
  waitForSockets,
  type SoakPair,
  type SocketCount,
  type Submitted,
} from './soak-load.ts';

const clients = 4;
const messagesPerClient = 10;

/** How many copies of each identifier `copies` hold, for the filed copies of one type in one place. */
function identifierCounts(copies: readonly StoredCopy[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of copies) {
    const id = c.description.daticert?.identifier ?? c.description.identificativo ?? '(none)';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe('two providers under load: 4 clients × 10 messages each way', { timeout: 400_000 }, () => {
  let work: string;
  let soak: SoakPair;
  let pair: readonly PairProvider[] | undefined;
  let mark: Mark;
  const baseline = new Map<string, SocketCount>();
  const sent = new Map<string, Submitted[]>();

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-two-soak-'));
    soak = await setUpSoakPair(work, {
      clients,
      relayIdleSeconds: 2,
      domains: ['pec-a.carico.localhost', 'pec-b.carico.localhost'],
      // A machine running other suites can take more than the default minute to start two processes.
      serve: { timeoutMs: 180_000 },
    });
    pair = [soak.a, soak.b];
    for (const p of pair) baseline.set(p.spec.key, await countSockets(p.pid()));
    mark = await markAll(pair);
    const options = { messagesPerClient, tag: 'test' };
    const [fromA, fromB] = await Promise.all([
      submitLoad(soak.a, soak.users.a, soak.users.b, options),
      submitLoad(soak.b, soak.users.b, soak.users.a, options),
    ]);
    sent.set('a', fromA);
    sent.set('b', fromB);
  });

  after(async () => {
    await tearDownProviderPair(pair);
    await rm(work, { recursive: true, force: true });
  });

  it('every message is accepted and every delivery receipt comes back', async () => {
    for (const sender of [soak.a, soak.b]) {
      const submitted = sent.get(sender.spec.key) ?? [];
      assert.equal(submitted.length, clients * messagesPerClient);
      const result = await waitForReceipts(sender, submitted, Date.now() + 150_000);
      assert.deepEqual(result.pending, [], `${sender.spec.key}: receipts not back`);
    }
  });

  it('no job is left due or leased in either outbox after the drain', async () => {
    for (const p of [soak.a, soak.b]) {
      const deadline = Date.now() + 60_000;
      let left = await jobsLeft(p);
      while (stuckJobs(left).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        left = await jobsLeft(p);
      }
      assert.deepEqual(stuckJobs(left), [], `${p.spec.key}: ${describeJobs(left)}`);
      assert.deepEqual(
        left.filter((d) => d.status === 'failed'),
        [],
        `${p.spec.key}: ${describeJobs(left)}`,
      );
    }
  });

  it('each message is filed once at its recipient and each receipt once at its sender', async () => {
    const copies = await filedSince([soak.a, soak.b], mark);
    const tally = summarize(copies);
    for (const [from, to] of [
      [soak.a, soak.b],
      [soak.b, soak.a],
    ] as const) {
      const ids = (sent.get(from.spec.key) ?? []).map((s) => s.id).sort();
      const expectOnce = (where: string, type: string, filter: (c: StoredCopy) => boolean) => {
        const counts = identifierCounts(copies.filter((c) => c.type === type && filter(c)));
        assert.deepEqual([...counts.keys()].sort(), ids, `${where} ${type}: identifiers; filed:\n${tally}`);
        const twice = [...counts].filter(([, n]) => n !== 1);
        assert.deepEqual(twice, [], `${where} ${type}: filed more than once`);
      };
      const atRecipient = (c: StoredCopy) => c.provider === to.spec.key && c.folder === 'INBOX';
      const atSender = (c: StoredCopy) =>
        c.provider === from.spec.key && c.folder === 'INBOX' && c.address !== from.serviceAddress;
      const atService = (c: StoredCopy) => c.provider === from.spec.key && c.address === from.serviceAddress;
      expectOnce(`${to.spec.key} recipients`, 'posta-certificata', atRecipient);
      expectOnce(`${from.spec.key} senders`, 'accettazione', atSender);
      expectOnce(`${from.spec.key} senders`, 'avvenuta-consegna', atSender);
      expectOnce(`${from.spec.key} service mailbox`, 'presa-in-carico', atService);
    }
  });

  it('after the relay idle timeout each process holds no more connections than before the load', async () => {
    for (const p of [soak.a, soak.b]) {
      const before = baseline.get(p.spec.key);
      assert.ok(before !== undefined);
      const after = await waitForSockets(p.pid(), before.connections, Date.now() + 60_000);
      assert.ok(
        after.connections <= before.connections,
        `${p.spec.key}: ${after.connections} TCP connections open (${after.open.join(', ')}), ${before.connections} before the load`,
      );
    }
  });
});
