/**
 * Issue 3 benchmark: a whole provider on loopback. The provider under test is `pec serve` from the
 * bundle in its own process (the client's CPU no longer counts against it); N PEC messages (one local
 * recipient, 10 KB) are submitted over real SMTP (STARTTLS + AUTH) on 4 and then 16 connections;
 * measured per burst: accepted and fully delivered messages per second (acceptance receipt, transport
 * envelope, delivery receipt, all signed and committed), the submission latency from the end of DATA
 * to the `250`, and the server's CPU per message read from /proc — its main thread (the event loop,
 * the figure to cut) and its other threads (signing pool, fsyncs, GC helpers) — which barely changes
 * with the machine's load, unlike msg/s. Next to the raw RSA-2048 signing rate of the same run.
 * Bounded: a fixed count per burst, and a deadline per burst.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProvider } from '../packages/server/src/app/init-provider.ts';
import { openProvider } from '../packages/server/src/app/open-provider.ts';
import type { Storage } from '../packages/server/src/ports/storage.ts';
import { openSmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import type { SmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../packages/server/src/services/accounts/create-account-service.ts';
import { startServeProcess, type ServeProcess } from '../packages/server/test/e2e/serve-process.ts';
import type { BenchRow } from './core-signing.bench.ts';
import { measureRate } from './measure-rate.ts';
import { processCpu } from './process-cpu.ts';

export interface ProviderDeliveryOptions {
  /** Messages per burst. */
  readonly messages?: number;
  /** One burst per entry, in order, on this many SMTP connections. */
  readonly connections?: readonly number[];
  /** Writes a CPU profile of the `pec serve` process (`--cpu-prof`) into this folder. */
  readonly profileDir?: string;
}

const domain = 'pec.bench.localhost';
const sender = `mittente@${domain}`;
const recipient = `destinatario@${domain}`;
const password = 'bench password 1';
/** Per burst: submissions stop after this even when fewer than N were sent; deliveries must end by the deadline. */
const submitBudgetMs = 30_000;
const deadlineMs = 50_000;
/** 0: an ephemeral port, read back from `pec serve`'s output. */
const ephemeralPorts = {
  smtp: 0,
  submission: 0,
  submissions: 0,
  imap: 0,
  imaps: 0,
  pop3: 0,
  pop3s: 0,
  http: 0,
};

function message(sequence: number): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
  return (
    `From: ${sender}\r\nTo: ${recipient}\r\nSubject: Bench ${sequence}\r\n` +
    `Message-ID: <bench-${sequence}@client.example>\r\nDate: ${new Date().toUTCString()}\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
    `${line}\r\n`.repeat(128)
  );
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function session(port: number, ca: string): Promise<SmtpTranscript> {
  const t = await openSmtpTranscript({ host: '127.0.0.1', port, ca, timeoutMs: deadlineMs });
  await t.expect(220);
  await t.send('EHLO bench.client', 250);
  await t.startTls();
  await t.send('EHLO bench.client', 250);
  await t.send(`AUTH PLAIN ${Buffer.from(`\0${sender}\0${password}`).toString('base64')}`, 235);
  return t;
}

interface Burst {
  readonly sent: number;
  readonly acceptedRate: number;
  readonly deliveredRate: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU per message, milliseconds: main thread, and every other thread together. */
  readonly mainMsPerMessage: number;
  readonly otherMsPerMessage: number;
  readonly load: string;
}

/** Submits `total` messages on `connections` new sessions, waits until every one is delivered. */
async function burst(
  serve: ServeProcess,
  observer: Storage,
  ca: string,
  connections: number,
  total: number,
  first: number,
): Promise<Burst> {
  const sessions = await Promise.all(
    Array.from({ length: connections }, () => session(serve.submissionPort, ca)),
  );
  const latencies: number[] = [];
  const identifiers: string[] = [];
  let next = 0;
  const cpuBefore = processCpu(serve.pid);
  const start = performance.now();
  await Promise.all(
    sessions.map(async (t) => {
      while (next < total && performance.now() - start < submitBudgetMs) {
        const sequence = first + next++;
        await t.send(`MAIL FROM:<${sender}>`, 250);
        await t.send(`RCPT TO:<${recipient}>`, 250);
        await t.send('DATA', 354);
        t.write(`${message(sequence)}.\r\n`);
        const sent = performance.now();
        const reply = await t.expect(250);
        latencies.push(performance.now() - sent);
        const id = /PEC message (\S+?);/.exec(reply.text)?.[1];
        if (id !== undefined) identifiers.push(id);
      }
    }),
  );
  const acceptedAt = performance.now();
  for (;;) {
    const counts = await observer.queue.countByStatus();
    if (counts.ready + counts.running === 0) break;
    if (performance.now() - start > deadlineMs) throw new Error('bench deadline: deliveries still queued');
    await new Promise((r) => setTimeout(r, 20));
  }
  const deliveredAt = performance.now();
  const cpuAfter = processCpu(serve.pid);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  await Promise.all(sessions.map((t) => t.close()));

  let delivered = 0;
  for (const id of identifiers) {
    const tracked = await observer.tracking.get(id);
    if (tracked?.recipients.every((r) => r.status === 'delivered') === true) delivered++;
  }
  const sent = latencies.length;
  if (identifiers.length !== sent || delivered !== sent) {
    throw new Error(`only ${delivered} of ${sent} messages answered 250 were delivered`);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const mainMs = cpuAfter.mainMs - cpuBefore.mainMs;
  const totalMs = cpuAfter.totalMs - cpuBefore.totalMs;
  return {
    sent,
    acceptedRate: sent / ((acceptedAt - start) / 1000),
    deliveredRate: sent / ((deliveredAt - start) / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mainMsPerMessage: mainMs / sent,
    otherMsPerMessage: (totalMs - mainMs) / sent,
    load,
  };
}

export async function benchProviderDelivery(
  seconds: number,
  options: ProviderDeliveryOptions = {},
): Promise<BenchRow[]> {
  const total = options.messages ?? 200;
  const connectionCounts = options.connections ?? [4, 16];
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digest = new Uint8Array(32).fill(7);
  const raw = await measureRate(() => sign('sha256', digest, privateKey), { seconds: Math.min(seconds, 2) });
  const rows: BenchRow[] = [
    {
      name: 'raw RSA-2048 signatures (node:crypto, reference for the provider rows)',
      value: raw.rate,
      unit: 'ops/s',
    },
  ];

  const dir = await mkdtemp(join(tmpdir(), 'pec-bench-'));
  let serve: ServeProcess | undefined;
  try {
    const init = await initProvider({
      dataDir: dir,
      domain,
      providerName: 'Bench PEC',
      ports: ephemeralPorts,
    });
    const setup = await openProvider({ dataDir: dir });
    try {
      const accounts = createAccountService({ storage: setup.storage, clock: setup.clock });
      await accounts.createMailbox({ address: sender, password });
      await accounts.createMailbox({ address: recipient, password });
    } finally {
      await setup.close();
    }
    const nodeArgs =
      options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`];
    serve = await startServeProcess(dir, { nodeArgs, timeoutMs: 120_000 });
    const observer = await openProvider({ dataDir: dir });
    try {
      const ca = await readFile(init.layout.caCertFile, 'utf8');
      // Warm-up: JIT, SQLite caches, the first TLS handshakes; not reported.
      await burst(serve, observer.storage, ca, 4, 20, 0);
      let sequence = 20;
      for (const connections of connectionCounts) {
        const b = await burst(serve, observer.storage, ca, connections, total, sequence);
        sequence += b.sent;
        const label = `${b.sent} msgs, 10 KB, 1 local recipient, ${connections} SMTP connections, load ${b.load}`;
        rows.push(
          {
            name: `provider: accepted over SMTP (${label})`,
            value: b.acceptedRate,
            unit: 'msg/s',
            ratio: `${((b.acceptedRate / raw.rate) * 100).toFixed(2)} % of raw RSA`,
          },
          {
            name: `provider: accepted and fully delivered, receipts included (${label})`,
            value: b.deliveredRate,
            unit: 'msg/s',
            ratio: `${((b.deliveredRate / raw.rate) * 100).toFixed(2)} % of raw RSA (3 signatures per message)`,
          },
          {
            name: `provider: server main-thread CPU per message, accepted and delivered (${connections} connections)`,
            value: b.mainMsPerMessage,
            unit: 'ms',
            ratio: `${((b.mainMsPerMessage * raw.rate) / 1000).toFixed(1)} raw RSA signatures of time`,
          },
          {
            name: `provider: server CPU per message on its other threads (signing pool, fsync, GC helpers; ${connections} connections)`,
            value: b.otherMsPerMessage,
            unit: 'ms',
            ratio: `${((b.otherMsPerMessage * raw.rate) / 1000).toFixed(1)} raw RSA signatures of time`,
          },
          {
            name: `provider: submission latency p50 (end of DATA → 250; ${connections} connections)`,
            value: b.p50,
            unit: 'ms',
            ratio: '—',
          },
          {
            name: `provider: submission latency p99 (end of DATA → 250; ${connections} connections)`,
            value: b.p99,
            unit: 'ms',
            ratio: '—',
          },
        );
      }
    } finally {
      await observer.close();
    }
  } finally {
    await serve?.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
