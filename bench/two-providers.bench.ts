/**
 * Issue 4 benchmark: two independent providers on loopback, each a `pec serve` process with its own
 * data folder, PKI and SQLite file, routed to each other and listed in each other's index. PEC
 * messages with 1, 10 and 50 recipients at the peer are submitted over SMTP to the first; measured:
 * messages per second until every recipient's delivery receipt is back at the sender's provider
 * (acceptance, envelope, presa in carico and one receipt per recipient, all signed, verified and
 * committed), and the latency from the end of DATA to the last delivery receipt, next to the raw
 * RSA-2048 signing rate of the same run. Each size runs once per client connection count (4 and 16 by
 * default), so that the figure is the pair's capacity and not the client's latency × connections; the
 * bursts are sized to last several seconds, and next to the whole-burst rate the bench reports the
 * steady rate (between the 10th and the 90th percentile of completions, leaving out the ramp-up and the
 * drain) and each `pec serve` process's CPU time per message and idle share (from /proc, no profile
 * needed). Bounded: a fixed count per size and a deadline per size and connection count.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProvider, type InitProviderResult } from '../packages/server/src/app/init-provider.ts';
import { openProvider } from '../packages/server/src/app/open-provider.ts';
import type { Storage } from '../packages/server/src/ports/storage.ts';
import { openSmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import type { SmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../packages/server/src/services/accounts/create-account-service.ts';
import { startServeProcess, type ServeProcess } from '../packages/server/test/e2e/serve-process.ts';
import { freePort, mergeConfig } from '../packages/server/test/two-providers/provider-pair.ts';
import type { BenchRow } from './core-signing.bench.ts';
import { measureRate } from './measure-rate.ts';

export interface TwoProvidersOptions {
  /** Messages per size, e.g. `{ 1: 60, 10: 20, 50: 6 }`; only these sizes run. */
  readonly messages?: Readonly<Record<number, number>>;
  /** Client SMTP connections; each size runs once per count given (default 4 and 16). */
  readonly connections?: readonly number[];
  /**
   * The one-at-a-time baseline of the same code in the same run: `queue.concurrency` 1 and
   * `relay.connectionIdleSeconds` 0 (a new SMTP connection per message) on both providers.
   */
  readonly baseline?: boolean;
  /** Writes a CPU profile of each `pec serve` process (`--cpu-prof`) into this folder. */
  readonly profileDir?: string;
}

const domainA = 'pec-a.bench.localhost';
const domainB = 'pec-b.bench.localhost';
const sender = `mittente@${domainA}`;
const recipients = Array.from(
  { length: 50 },
  (_, i) => `destinatario${String(i + 1).padStart(2, '0')}@${domainB}`,
);
const password = 'bench password 1';
/**
 * The measurements (after start-up and warm-up) end within this; each size and connection count gets
 * a share of it.
 */
const totalBudgetMs = 170_000;
const shareMs: Readonly<Record<number, number>> = { 1: 25_000, 10: 25_000, 50: 30_000 };
/**
 * Bursts that last several seconds at the rates of 2026-12-07 (about 20 msgs/s with 1 recipient, 45–56
 * recipients/s with 10 or 50), so that the rate is the pair's steady rate, not a ramp-up and a drain.
 */
const defaultCounts: Readonly<Record<number, number>> = { 1: 240, 10: 40, 50: 10 };
const allPorts = { submission: 0, submissions: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 };

function message(sequence: number, to: readonly string[]): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
  return (
    `From: ${sender}\r\nTo: ${to.join(',\r\n ')}\r\nSubject: Bench ${sequence}\r\n` +
    `Message-ID: <bench-two-${sequence}@client.example>\r\nDate: ${new Date().toUTCString()}\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
    `${line}\r\n`.repeat(128)
  );
}

/** User + system CPU time of a process so far, in ms (Linux `/proc/PID/stat`, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function session(port: number, ca: string): Promise<SmtpTranscript> {
  const t = await openSmtpTranscript({ host: '127.0.0.1', port, ca, timeoutMs: 30_000 });
  await t.expect(220);
  await t.send('EHLO bench.client', 250);
  await t.startTls();
  await t.send('EHLO bench.client', 250);
  await t.send(`AUTH PLAIN ${Buffer.from(`\0${sender}\0${password}`).toString('base64')}`, 235);
  return t;
}

/** Two initialised providers that know and trust each other, mailboxes created; not yet serving. */
async function prepare(
  dir: string,
  baseline: boolean,
): Promise<{ a: InitProviderResult; b: InitProviderResult }> {
  const [portA, portB] = [await freePort(), await freePort()];
  const [a, b] = await Promise.all([
    initProvider({ dataDir: join(dir, 'a'), domain: domainA, ports: { ...allPorts, smtp: portA } }),
    initProvider({ dataDir: join(dir, 'b'), domain: domainB, ports: { ...allPorts, smtp: portB } }),
  ]);
  const records = await Promise.all([a, b].map((p) => readFile(p.layout.indexFile, 'utf8')));
  const index = records.map((r) => `${r.trimEnd()}\n`).join('\n');
  for (const [self, peer, peerDomain, peerPort] of [
    [a, b, domainB, portB],
    [b, a, domainA, portA],
  ] as const) {
    await writeFile(self.layout.indexFile, index);
    await mergeConfig(self.dataDir, {
      relay: {
        tlsCaFiles: [peer.layout.caCertFile],
        dns: false,
        retryBaseSeconds: 1,
        retryMaxSeconds: 2,
        ...(baseline ? { connectionIdleSeconds: 0 } : {}),
      },
      ...(baseline ? { queue: { concurrency: 1 } } : {}),
    });
    const ctx = await openProvider({ dataDir: self.dataDir });
    try {
      await ctx.storage.routes.set({ domain: peerDomain, host: '127.0.0.1', port: peerPort, tls: null });
      const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
      for (const address of self === a ? [sender] : recipients)
        await accounts.createMailbox({ address, password });
    } finally {
      await ctx.close();
    }
  }
  return { a, b };
}

interface SizeResult {
  /** Messages submitted. */
  readonly submitted: number;
  /** Messages with every delivery receipt back before the deadline: the figures are theirs. */
  readonly count: number;
  readonly rate: number;
  /** Completions per second between the 10th and the 90th percentile of completion times. */
  readonly steadyRate: number;
  /** Wall time from the first submission to the last receipt, ms. */
  readonly wallMs: number;
  readonly p50: number;
  readonly p99: number;
  /** Identificativi still waiting for a receipt at the deadline. */
  readonly late: readonly string[];
}

/**
 * Waits (until `until`, epoch ms) for the messages left over at a size's deadline, uncounted, so that
 * the next size starts from an empty pipeline instead of sharing it with this one's backlog.
 */
async function drain(observer: Storage, ids: readonly string[], size: number, until: number): Promise<void> {
  const pending = new Set(ids);
  while (pending.size > 0 && Date.now() < until) {
    for (const id of [...pending]) {
      const tracked = await observer.tracking.get(id);
      const delivered = tracked?.recipients.filter((r) => r.events.delivered !== undefined).length;
      if (delivered === size) pending.delete(id);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Submits `count` messages to `size` recipients each (fewer when 40 % of the time to `deadline` is
 * gone first) and waits for every delivery receipt at A, until `deadline` (epoch ms): what is not
 * complete by then is left out of the figures.
 */
async function runSize(
  sessions: readonly SmtpTranscript[],
  observer: Storage,
  size: number,
  count: number,
  sequenceStart: number,
  deadline: number,
): Promise<SizeResult> {
  const to = recipients.slice(0, size);
  const submitted = new Map<string, number>();
  let next = 0;
  const start = Date.now();
  // Submissions stop at `count` or after 40 % of the time left, so that on a slow (loaded) machine the
  // burst still leaves time for its receipts to come back before the deadline.
  const submitUntil = start + (deadline - start) * 0.4;
  await Promise.all(
    sessions.map(async (t) => {
      while (next < count && Date.now() < submitUntil) {
        const sequence = sequenceStart + next++;
        await t.send(`MAIL FROM:<${sender}>`, 250);
        for (const rcpt of to) await t.send(`RCPT TO:<${rcpt}>`, 250);
        await t.send('DATA', 354);
        t.write(`${message(sequence, to)}.\r\n`);
        const sentAt = Date.now();
        const reply = await t.expect(250);
        const id = /PEC message (\S+?);/.exec(reply.text)?.[1];
        if (id === undefined) throw new Error(`not accepted: ${reply.text}`);
        submitted.set(id, sentAt);
      }
    }),
  );
  const latencies: number[] = [];
  const completions: number[] = [];
  let lastReceipt = start;
  const pending = new Set(submitted.keys());
  while (pending.size > 0 && Date.now() < deadline) {
    for (const id of [...pending]) {
      const tracked = await observer.tracking.get(id);
      const delivered = tracked?.recipients.map((r) => r.events.delivered?.at.getTime());
      if (delivered?.length !== size || delivered.some((at) => at === undefined)) continue;
      const last = Math.max(...delivered.map((at) => at ?? 0));
      latencies.push(last - (submitted.get(id) ?? last));
      completions.push(last);
      lastReceipt = Math.max(lastReceipt, last);
      pending.delete(id);
    }
    // The completion times are A's own (tracking), so a slower poll costs no accuracy, only the
    // observer's CPU on a 2-core machine.
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  completions.sort((x, y) => x - y);
  const low = Math.floor(completions.length * 0.1);
  const high = Math.max(low, Math.ceil(completions.length * 0.9) - 1);
  const steadyMs = (completions[high] ?? 0) - (completions[low] ?? 0);
  // Nothing complete before the deadline (a loaded machine): the rows say so (NaN) instead of aborting the run.
  const sorted = latencies.sort((x, y) => x - y);
  return {
    submitted: submitted.size,
    count: latencies.length,
    rate: latencies.length / ((lastReceipt - start) / 1000),
    steadyRate: steadyMs > 0 ? (high - low) / (steadyMs / 1000) : Number.NaN,
    wallMs: lastReceipt - start,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    late: [...pending],
  };
}

export async function benchTwoProviders(
  seconds: number,
  options: TwoProvidersOptions = {},
): Promise<BenchRow[]> {
  const counts = options.messages ?? defaultCounts;
  const connectionCounts = options.connections ?? [4, 16];
  const connections = Math.max(...connectionCounts);
  const scenario =
    options.baseline === true
      ? 'two providers, baseline (1 job at a time, a new connection per message)'
      : 'two providers';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digest = new Uint8Array(32).fill(7);
  const raw = await measureRate(() => sign('sha256', digest, privateKey), { seconds: Math.min(seconds, 2) });
  const rows: BenchRow[] = [
    {
      name: 'raw RSA-2048 signatures (node:crypto, reference for the two-provider rows)',
      value: raw.rate,
      unit: 'ops/s',
    },
  ];

  const dir = await mkdtemp(join(tmpdir(), 'pec-bench-two-'));
  const processes: ServeProcess[] = [];
  try {
    const { a, b } = await prepare(dir, options.baseline === true);
    const nodeArgs =
      options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`];
    const [serveA, serveB] = await Promise.all([
      startServeProcess(a.dataDir, { nodeArgs, timeoutMs: 180_000 }),
      startServeProcess(b.dataDir, { nodeArgs, timeoutMs: 180_000 }),
    ]);
    processes.push(serveA, serveB);
    const observer = await openProvider({ dataDir: a.dataDir });
    try {
      const ca = await readFile(a.layout.caCertFile, 'utf8');
      const sessions = await Promise.all(
        Array.from({ length: connections }, () => session(serveA.submissionPort, ca)),
      );
      // Warm-up: JIT, SQLite caches, the first TLS handshakes.
      await runSize(sessions, observer.storage, 1, 2, 0, Date.now() + 10_000);
      // The budget counts the measurements only: start-up and warm-up on a loaded machine took all
      // of it in some runs, leaving no burst measured.
      const budgetEnd = Date.now() + totalBudgetMs;
      let sequence = 2;
      // A lone message, every queue empty: the latency without waiting behind others.
      const lone: number[] = [];
      for (let i = 0; i < 3; i++) {
        lone.push(
          (await runSize(sessions.slice(0, 1), observer.storage, 1, 1, sequence++, Date.now() + 10_000)).p50,
        );
      }
      rows.push({
        name: `${scenario}: latency of a lone message, end of DATA → delivery receipt at the sender (median of 3)`,
        value: percentile(
          lone.sort((x, y) => x - y),
          50,
        ),
        unit: 'ms',
        ratio: '—',
      });
      for (const size of Object.keys(counts).map(Number)) {
        for (const clients of connectionCounts) {
          const deadline = Math.min(budgetEnd, Date.now() + (shareMs[size] ?? 20_000));
          const cpuBefore = [cpuMs(serveA.pid), cpuMs(serveB.pid)] as const;
          const result = await runSize(
            sessions.slice(0, clients),
            observer.storage,
            size,
            counts[size] ?? 5,
            sequence,
            deadline,
          );
          // The CPU of the whole window (burst and drain), over that window's wall time.
          const cpu = [cpuMs(serveA.pid) - cpuBefore[0], cpuMs(serveB.pid) - cpuBefore[1]];
          await drain(observer.storage, result.late, size, budgetEnd);
          sequence += result.submitted;
          const late = result.count === result.submitted ? '' : ` of ${result.submitted}, deadline`;
          const label = `${size} recipient${size === 1 ? '' : 's'} at the peer`;
          const burst = `${result.count}${late} msgs submitted at once on ${clients} SMTP connections`;
          const perMessage = cpu.map((ms) => (result.count === 0 ? 'NaN' : (ms / result.count).toFixed(1)));
          const idle = cpu.map((ms) => `${Math.max(0, 100 - (100 * ms) / result.wallMs).toFixed(0)} %`);
          rows.push(
            {
              name: `${scenario}: PEC msg/s, every receipt back (${label}; ${burst})`,
              value: result.rate,
              unit: 'msg/s',
              ratio: `1 message ≈ ${(raw.rate / result.rate).toFixed(0)} raw RSA signatures of time (${3 + size} signatures, ${2 + size} verifications)`,
            },
            {
              name: `${scenario}: steady PEC msg/s, 10th to 90th percentile of completions (${label}; ${clients} connections)`,
              value: result.steadyRate,
              unit: 'msg/s',
              ratio: `CPU ms per message A / B: ${perMessage[0]} / ${perMessage[1]}; idle A / B: ${idle[0]} / ${idle[1]}`,
            },
            {
              name: `${scenario}: recipients delivered/s, receipt back (${label}; ${clients} connections)`,
              value: result.rate * size,
              unit: 'rcpt/s',
              ratio: '—',
            },
            {
              name: `${scenario}: latency p50, end of DATA → last delivery receipt (${label}; ${burst})`,
              value: result.p50,
              unit: 'ms',
              ratio: '—',
            },
            {
              name: `${scenario}: latency p99, end of DATA → last delivery receipt (${label}; ${clients} connections)`,
              value: result.p99,
              unit: 'ms',
              ratio: '—',
            },
          );
        }
      }
      await Promise.all(sessions.map((t) => t.close()));
    } finally {
      await observer.close();
    }
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
