/**
 * Issue 3 benchmark: a whole provider on loopback. N PEC messages (one local recipient, 10 KB) are
 * submitted over real SMTP (STARTTLS + AUTH, several connections); measured: accepted and fully
 * delivered messages per second (acceptance receipt, transport envelope, delivery receipt, all signed
 * and committed), and the submission latency from the end of DATA to the `250`, next to the raw
 * RSA-2048 signing rate of the same run. Bounded: a fixed count, and a 50 s deadline.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProvider } from '../packages/server/src/app/init-provider.ts';
import { openProvider } from '../packages/server/src/app/open-provider.ts';
import { createProviderServices, serveProvider } from '../packages/server/src/app/serve.ts';
import { openSmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import type { SmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../packages/server/src/services/accounts/create-account-service.ts';
import type { BenchRow } from './core-signing.bench.ts';
import { measureRate } from './measure-rate.ts';

export interface ProviderDeliveryOptions {
  readonly messages?: number;
  readonly connections?: number;
}

const domain = 'pec.bench.localhost';
const sender = `mittente@${domain}`;
const recipient = `destinatario@${domain}`;
const password = 'bench password 1';
/** Submissions stop after this even when fewer than N were sent; deliveries must end by the deadline. */
const submitBudgetMs = 30_000;
const deadlineMs = 50_000;

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

async function session(host: string, port: number, ca: string): Promise<SmtpTranscript> {
  const t = await openSmtpTranscript({ host, port, ca, timeoutMs: deadlineMs });
  await t.expect(220);
  await t.send('EHLO bench.client', 250);
  await t.startTls();
  await t.send('EHLO bench.client', 250);
  await t.send(`AUTH PLAIN ${Buffer.from(`\0${sender}\0${password}`).toString('base64')}`, 235);
  return t;
}

export async function benchProviderDelivery(
  seconds: number,
  options: ProviderDeliveryOptions = {},
): Promise<BenchRow[]> {
  const total = options.messages ?? 200;
  const connections = options.connections ?? 4;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digest = new Uint8Array(32).fill(7);
  const raw = await measureRate(() => sign('sha256', digest, privateKey), { seconds: Math.min(seconds, 2) });

  const dir = await mkdtemp(join(tmpdir(), 'pec-bench-'));
  try {
    const init = await initProvider({ dataDir: dir, domain, providerName: 'Bench PEC' });
    const ctx = await openProvider({ dataDir: dir, overrides: { ports: { submission: 0, submissions: 0 } } });
    try {
      const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
      await accounts.createMailbox({ address: sender, password });
      await accounts.createMailbox({ address: recipient, password });
      const running = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 50 }), {
        closeTimeoutMs: 1000,
      });
      const starttls = running.addresses.find((a) => a.name === 'submission');
      if (starttls === undefined) throw new Error('no submission listener');
      const ca = await readFile(init.layout.caCertFile, 'utf8');

      const sessions = await Promise.all(
        Array.from({ length: connections }, () => session(starttls.host, starttls.port, ca)),
      );
      const latencies: number[] = [];
      const identifiers: string[] = [];
      let next = 0;
      const start = performance.now();
      await Promise.all(
        sessions.map(async (t) => {
          while (next < total && performance.now() - start < submitBudgetMs) {
            const sequence = next++;
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
        const counts = await ctx.storage.queue.countByStatus();
        if (counts.ready + counts.running === 0) break;
        if (performance.now() - start > deadlineMs)
          throw new Error('bench deadline: deliveries still queued');
        await new Promise((r) => setTimeout(r, 20));
      }
      const deliveredAt = performance.now();
      await Promise.all(sessions.map((t) => t.close()));
      await running.close();

      let delivered = 0;
      for (const id of identifiers) {
        const tracked = await ctx.storage.tracking.get(id);
        if (tracked?.recipients.every((r) => r.status === 'delivered') === true) delivered++;
      }
      const sent = latencies.length;
      if (identifiers.length !== sent || delivered !== sent) {
        throw new Error(`only ${delivered} of ${sent} messages answered 250 were delivered`);
      }
      const sorted = [...latencies].sort((a, b) => a - b);
      const deliveredRate = sent / ((deliveredAt - start) / 1000);
      const acceptedRate = sent / ((acceptedAt - start) / 1000);
      const label = `${sent} msgs, 10 KB, 1 local recipient, ${connections} SMTP connections`;
      return [
        {
          name: 'raw RSA-2048 signatures (node:crypto, reference for the provider rows)',
          value: raw.rate,
          unit: 'ops/s',
        },
        {
          name: `provider: accepted over SMTP (${label})`,
          value: acceptedRate,
          unit: 'msg/s',
          ratio: `${((acceptedRate / raw.rate) * 100).toFixed(2)} % of raw RSA`,
        },
        {
          name: `provider: accepted and fully delivered, receipts included (${label})`,
          value: deliveredRate,
          unit: 'msg/s',
          ratio: `${((deliveredRate / raw.rate) * 100).toFixed(2)} % of raw RSA (3 signatures per message)`,
        },
        {
          name: 'provider: submission latency p50 (end of DATA → 250)',
          value: percentile(sorted, 50),
          unit: 'ms',
          ratio: '—',
        },
        {
          name: 'provider: submission latency p99 (end of DATA → 250)',
          value: percentile(sorted, 99),
          unit: 'ms',
          ratio: '—',
        },
      ];
    } finally {
      await ctx.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
