/**
 * The load proof between two providers: "4 SMTP clients per provider for 60 s show no job stuck, no
 * connection leak and memory flat after the load". Two `pec serve` processes from the bundle, each in
 * the other's index (packages/server/test/two-providers/soak-load.ts, shared with the bounded suite
 * test), 4 submission clients on each sending to the other's users for `seconds`, both directions at
 * once; then a drain with a deadline. Printed with a verdict per check (the run exits non-zero when
 * one fails): messages submitted and completed (every delivery receipt back at the sender's
 * provider), each filed once (folder counts), jobs left in each outbox, TCP connections of each
 * process before, at the peak and after the relay's idle timeout (`relay.connectionIdleSeconds`, its
 * default 10 s), and RSS and V8 heap before, right after the load and after a forced collection.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  tearDownProviderPair,
  type PairProvider,
} from '../packages/server/test/two-providers/provider-pair.ts';
import {
  countSockets,
  describeJobs,
  filedCounts,
  forceGc,
  gcOnSignalNodeArgs,
  jobsLeft,
  sampleMemory,
  setUpSoakPair,
  stuckJobs,
  submitLoad,
  waitForReceipts,
  waitForSockets,
  type MemorySample,
  type SocketCount,
  type Submitted,
} from '../packages/server/test/two-providers/soak-load.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../packages/server/src/coordination/testing-postgres-database.ts';
import type { BenchRow } from './core-signing.bench.ts';

const clients = 4;
/** The relay's default `connectionIdleSeconds`: kept connections should be gone some seconds after it. */
const relayIdleSeconds = 10;
/** Retained heap after the forced collection may exceed the one before the load by this much at most. */
const heapSlackBytes = 16 * 1024 * 1024;
const heapSlackRatio = 1.25;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const load = () => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** What each folder should have gained: the originals received, and each sent message's copy and receipts. */
function expectedFiled(owner: PairProvider, sent: readonly Submitted[], received: readonly Submitted[]) {
  const expected = new Map<string, number>();
  const add = (key: string, n = 1) => expected.set(key, (expected.get(key) ?? 0) + n);
  for (const s of sent) {
    add(`${s.sender}/INBOX`, 2); // accettazione and avvenuta consegna
    add(`${s.sender}/Sent`);
    add(`${owner.serviceAddress}/INBOX`); // the peer's presa in carico
  }
  for (const r of received) add(`${r.recipient}/INBOX`);
  return expected;
}

function filedOnce(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  expected: ReadonlyMap<string, number>,
): string[] {
  const wrong: string[] = [];
  for (const key of new Set([...after.keys(), ...expected.keys()])) {
    const gained = (after.get(key) ?? 0) - (before.get(key) ?? 0);
    if (gained !== (expected.get(key) ?? 0))
      wrong.push(`${key}: ${gained} filed, ${expected.get(key) ?? 0} expected`);
  }
  return wrong;
}

/** Where each provider keeps its data: its SQLite file (default), or a PostgreSQL database of its own. */
export type SoakStore = 'sqlite' | 'postgres';

/** Each provider's storage variables and the databases to drop after the run (none for SQLite). */
async function soakStores(store: SoakStore): Promise<{
  readonly envs?: readonly [Record<string, string>, Record<string, string>];
  readonly databases: readonly TestDatabase[];
  /** PostgreSQL's port: its pool's connections are not the ones the leak check counts. */
  readonly port?: number;
}> {
  if (store === 'sqlite') return { databases: [] };
  const adminUrl =
    process.env['PEC_BENCH_POSTGRES_URL'] ??
    process.env['PEC_TEST_POSTGRES_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const databases: TestDatabase[] = [];
  for (let i = 0; i < 2; i++) {
    const database = await createTestDatabase(adminUrl);
    if (database !== undefined) databases.push(database);
  }
  const env = (database: TestDatabase | undefined): Record<string, string> => ({
    PEC_STORAGE: 'postgres',
    PEC_POSTGRES_URL: database?.url ?? '',
    PEC_BLOBS: 'postgres',
  });
  return {
    envs: [env(databases[0]), env(databases[1])],
    databases,
    port: Number(new URL(adminUrl).port || 5432),
  };
}

export async function benchSoak(seconds: number, store: SoakStore = 'sqlite'): Promise<BenchRow[]> {
  const say = (line: string) => process.stdout.write(`soak: ${line}\n`);
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    say(`${ok ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
  };
  const rows: BenchRow[] = [];
  /** True while the peak sampler should go on: the load and the drain of its receipts. */
  const sampling = { on: true };
  const work = await mkdtemp(join(tmpdir(), 'pec-bench-soak-'));
  const stores = await soakStores(store);
  let pair: readonly PairProvider[] | undefined;
  try {
    const soak = await setUpSoakPair(work, {
      clients,
      domains: ['pec-a.soak.localhost', 'pec-b.soak.localhost'],
      serve: { nodeArgs: gcOnSignalNodeArgs, timeoutMs: 180_000 },
      ...(stores.envs === undefined ? {} : { envs: stores.envs }),
    });
    const { a, b } = soak;
    pair = [a, b];
    const providers = [a, b] as const;

    const sockets = new Map<string, { before: SocketCount; peak: SocketCount; after?: SocketCount }>();
    const memory = new Map<string, { before: MemorySample; loaded?: MemorySample; settled?: MemorySample }>();
    const filedBefore = new Map<string, Map<string, number>>();
    for (const p of providers) {
      await forceGc(p);
      const count = await countSockets(p.pid(), stores.port);
      sockets.set(p.spec.key, { before: count, peak: count });
      memory.set(p.spec.key, { before: await sampleMemory(p) });
      filedBefore.set(p.spec.key, await filedCounts(p));
    }
    say(`${clients} clients per provider, both directions, ${seconds} s, storage ${store} (${load()})`);
    for (const p of providers) {
      say(
        `${p.spec.key}: pid ${p.pid()}, MX port ${p.mxPort}, submission ${p.submissionPort()}, HTTP ${p.httpPort()}`,
      );
    }

    // The load, with the connections of each process sampled every second for the peak (until drained).
    const loadStart = Date.now();
    const until = loadStart + seconds * 1000;
    const sampler = (async () => {
      while (sampling.on) {
        for (const p of providers) {
          const seen = sockets.get(p.spec.key);
          const now = await countSockets(p.pid(), stores.port);
          if (seen !== undefined && now.connections > seen.peak.connections) seen.peak = now;
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();
    const [fromA, fromB] = await Promise.all([
      submitLoad(a, soak.users.a, soak.users.b, { until, tag: 'bench' }),
      submitLoad(b, soak.users.b, soak.users.a, { until, tag: 'bench' }),
    ]);
    const loadEnd = Date.now();
    for (const p of providers) {
      const m = memory.get(p.spec.key);
      if (m !== undefined) m.loaded = await sampleMemory(p);
    }
    say(
      `submitted ${fromA.length} A→B, ${fromB.length} B→A in ${((loadEnd - loadStart) / 1000).toFixed(1)} s (${load()})`,
    );

    // The drain: every receipt back, then no job due or leased, within a deadline.
    const drainDeadline = Date.now() + Math.max(120_000, seconds * 2000);
    const sent = { a: fromA, b: fromB };
    for (const [p, peer] of [
      [a, b],
      [b, a],
    ] as const) {
      const mine = sent[p.spec.key === 'a' ? 'a' : 'b'];
      const receipts = await waitForReceipts(p, mine, drainDeadline);
      const direction = `${p.spec.key.toUpperCase()}→${peer.spec.key.toUpperCase()}`;
      check(
        `${direction} every receipt back`,
        receipts.completed === mine.length && mine.length > 0,
        `${receipts.completed} of ${mine.length} messages complete${receipts.pending.length === 0 ? '' : `; first pending ${receipts.pending[0] ?? ''}`}`,
      );
    }
    const drained = Date.now();
    sampling.on = false;
    await sampler;
    say(`drained ${((drained - loadEnd) / 1000).toFixed(1)} s after the load (${load()})`);
    rows.push({
      name: `soak: PEC messages completed per second, both directions, ${clients} clients each, every receipt back, storage ${store}`,
      value: (fromA.length + fromB.length) / ((drained - loadStart) / 1000),
      unit: 'msg/s',
      ratio: load(),
    });
    for (const p of providers) {
      let left = await jobsLeft(p);
      while (stuckJobs(left).length > 0 && Date.now() < drainDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        left = await jobsLeft(p);
      }
      const bad = left.filter((d) => d.status !== 'held');
      check(
        `${p.spec.key} outbox drained (0 ready, running/leased or failed)`,
        bad.length === 0,
        `not done: ${describeJobs(left)}`,
      );
    }
    for (const [p, mine, theirs] of [
      [a, fromA, fromB],
      [b, fromB, fromA],
    ] as const) {
      const wrong = filedOnce(
        filedBefore.get(p.spec.key) ?? new Map(),
        await filedCounts(p),
        expectedFiled(p, mine, theirs),
      );
      check(
        `${p.spec.key} each message and receipt filed once`,
        wrong.length === 0,
        wrong.length === 0 ? 'folder counts as expected' : wrong.slice(0, 5).join('; '),
      );
    }

    // The connections once the relay's kept connections have idled out.
    for (const p of providers) {
      const s = sockets.get(p.spec.key);
      if (s === undefined) continue;
      s.after = await waitForSockets(
        p.pid(),
        s.before.connections,
        Date.now() + (relayIdleSeconds + 30) * 1000,
        stores.port,
      );
      check(
        `${p.spec.key} no connection leak`,
        s.after.connections <= s.before.connections,
        `TCP connections${stores.port === undefined ? '' : ` (not counting PostgreSQL's on ${stores.port})`} ${s.before.connections} before, ${s.peak.connections} at peak, ${s.after.connections} after idle timeouts; ` +
          `file descriptors ${s.before.fds} before, ${s.peak.fds} at peak, ${s.after.fds} after` +
          (s.after.open.length === 0
            ? ''
            : `; left open (state local→remote port): ${s.after.open.join(', ')}`),
      );
      rows.push({
        name: `soak: ${p.spec.key} TCP connections at peak`,
        value: s.peak.connections,
        unit: 'sockets',
        ratio: `${s.before.connections} before, ${s.after.connections} after idle`,
      });
    }

    // Memory after a forced collection, against the one before the load.
    for (const p of providers) {
      const m = memory.get(p.spec.key);
      if (m === undefined) continue;
      await forceGc(p);
      m.settled = await sampleMemory(p);
      const { before, loaded, settled } = m;
      const heapLimit = Math.max(
        before.heapUsedBytes * heapSlackRatio,
        before.heapUsedBytes + heapSlackBytes,
      );
      check(
        `${p.spec.key} heap flat after the load`,
        settled.heapUsedBytes <= heapLimit,
        `heap used ${mib(before.heapUsedBytes)} before, ${mib(loaded?.heapUsedBytes ?? Number.NaN)} right after the load, ${mib(settled.heapUsedBytes)} after a forced GC (limit ${mib(heapLimit)})`,
      );
      check(
        `${p.spec.key} RSS not growing after the load`,
        settled.rssBytes <= (loaded?.rssBytes ?? 0) * 1.05,
        `RSS ${mib(before.rssBytes)} before, ${mib(loaded?.rssBytes ?? Number.NaN)} right after the load, ${mib(settled.rssBytes)} after idle and a forced GC`,
      );
      rows.push(
        {
          name: `soak: ${p.spec.key} heap used after the load and a forced GC`,
          value: settled.heapUsedBytes / 1024 / 1024,
          unit: 'MiB',
          ratio: `${(settled.heapUsedBytes / before.heapUsedBytes).toFixed(2)} × before the load`,
        },
        {
          name: `soak: ${p.spec.key} RSS after the load and a forced GC`,
          value: settled.rssBytes / 1024 / 1024,
          unit: 'MiB',
          ratio: `${(settled.rssBytes / before.rssBytes).toFixed(2)} × before the load`,
        },
      );
    }
  } catch (error) {
    check('the soak ran to the end', false, error instanceof Error ? error.message : String(error));
  } finally {
    sampling.on = false;
    await tearDownProviderPair(pair);
    for (const database of stores.databases) await database.drop();
    await rm(work, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok);
  say(
    failed.length === 0
      ? `all ${checks.length} checks passed`
      : `${failed.length} of ${checks.length} checks FAILED`,
  );
  if (failed.length > 0) process.exitCode = 1;
  return rows;
}
