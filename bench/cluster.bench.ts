/**
 * One provider on N nodes over PostgreSQL (decision 0058): `pec serve` from the bundle, each node its
 * own data folder copied from one `pec init` (same certificates and signing key), its own ports and
 * `node.id`, storage and blobs in one fresh PostgreSQL database (PEC_BENCH_POSTGRES_URL, else
 * PEC_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/postgres), as the cluster tests do.
 * The same count of PEC messages (one local recipient, 10 KB) is submitted over real SMTP (STARTTLS +
 * AUTH) on the same number of connections in total, spread evenly over the nodes, first with 1 node
 * then with 2 (each phase its own new database, created and dropped). Measured per phase: accepted
 * and fully delivered messages per second (acceptance, transport envelope and delivery receipt signed
 * and committed, the outbox empty), the CPU time of the `pec serve` processes and of the PostgreSQL
 * backends serving the database (/proc/<pid>/stat) per message, next to the raw RSA-2048 signing rate
 * of the same run. Bounded: a fixed count, a submission budget and a deadline per phase.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openProvider } from '../packages/server/src/app/open-provider.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../packages/server/src/coordination/testing-postgres-database.ts';
import { openSmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import type { SmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../packages/server/src/services/accounts/create-account-service.ts';
import { pecOk } from '../packages/server/test/e2e/run-pec.ts';
import { startServeProcess, type ServeProcess } from '../packages/server/test/e2e/serve-process.ts';
import type { BenchRow } from './core-signing.bench.ts';
import { measureRate } from './measure-rate.ts';

export interface ClusterOptions {
  /** Messages per phase (default 240). */
  readonly messages?: number;
  /** SMTP submission connections in total, spread over the nodes (default 8). */
  readonly connections?: number;
  /** Node counts to measure, in order (default 1 and 2). */
  readonly nodeCounts?: readonly number[];
}

const domain = 'pec.cluster.localhost';
const password = 'Password-Cluster-1';
const senderOf = (i: number) => `mittente${i + 1}@${domain}`;
const recipientOf = (i: number) => `destinatario${i + 1}@${domain}`;
/** Submissions stop after this even when fewer than N were sent; deliveries must end by the deadline. */
const submitBudgetMs = 60_000;
const deadlineMs = 120_000;
const clockTicks = 100; // USER_HZ of /proc/<pid>/stat on Linux

const load = () => `load ${loadavg()[0]?.toFixed(1) ?? '?'}`;

function message(from: string, to: string, sequence: number): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
  return (
    `From: ${from}\r\nTo: ${to}\r\nSubject: Cluster ${sequence}\r\n` +
    `Message-ID: <cluster-${sequence}@client.example>\r\nDate: ${new Date().toUTCString()}\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
    `${line}\r\n`.repeat(128)
  );
}

/** User + system CPU seconds of `pid` so far (fields 14 and 15 of /proc/<pid>/stat); 0 once gone. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / clockTicks;
}

/** The PostgreSQL backends connected to `database` now (their pids). */
async function backendPids(admin: pg.Client, database: string): Promise<number[]> {
  const rows = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [
    database,
  ]);
  return rows.rows.map((r) => r.pid);
}

async function session(port: number, ca: string, user: string): Promise<SmtpTranscript> {
  const t = await openSmtpTranscript({ host: '127.0.0.1', port, ca, timeoutMs: deadlineMs });
  await t.expect(220);
  await t.send('EHLO bench.client', 250);
  await t.startTls();
  await t.send('EHLO bench.client', 250);
  await t.send(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`, 235);
  return t;
}

interface PhaseResult {
  readonly nodes: number;
  readonly sent: number;
  readonly acceptedRate: number;
  readonly deliveredRate: number;
  readonly serveCpuMsPerMessage: number;
  readonly postgresCpuMsPerMessage: number;
  readonly load: string;
}

/** One phase: a new database, `nodes` serving processes, the load, the drain, the checks. */
async function phase(
  template: string,
  root: string,
  adminUrl: string,
  nodes: number,
  total: number,
  connections: number,
): Promise<PhaseResult> {
  const database: TestDatabase | undefined = await createTestDatabase(adminUrl);
  if (database === undefined) throw new Error('no PostgreSQL URL');
  const dbName = new URL(database.url).pathname.slice(1);
  const envOf = (n: number): NodeJS.ProcessEnv => ({
    ...process.env,
    PEC_STORAGE: 'postgres',
    PEC_POSTGRES_URL: database.url,
    PEC_BLOBS: 'postgres',
    PEC_NODE_ID: `node-${n}`,
  });
  const serving: ServeProcess[] = [];
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dirs: string[] = [];
  let ctx: Awaited<ReturnType<typeof openProvider>> | undefined;
  try {
    for (let n = 1; n <= nodes; n++) {
      const dir = join(root, `phase-${nodes}-node-${n}`);
      await cp(template, dir, { recursive: true });
      dirs.push(dir);
    }
    const first = dirs[0] ?? '';
    await pecOk(['domain', 'add', domain, '--data', first], envOf(1));
    ctx = await openProvider({ dataDir: first, env: { ...envOf(1), PEC_NODE_ID: 'bench-reader' } });
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    for (let i = 0; i < connections; i++) {
      await accounts.createMailbox({ address: senderOf(i), password });
      await accounts.createMailbox({ address: recipientOf(i), password });
    }
    const started = await Promise.allSettled(
      dirs.map((dir, i) => startServeProcess(dir, { env: envOf(i + 1), timeoutMs: 180_000 })),
    );
    for (const s of started) if (s.status === 'fulfilled') serving.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const ca = await readFile(join(first, 'certs', 'ca.pem'), 'utf8');

    // Connection i goes to node i mod N, as a round-robin balancer in front of the nodes would.
    const sessions = await Promise.all(
      Array.from({ length: connections }, (_, i) => {
        const node = serving[i % nodes];
        if (node === undefined) throw new Error('no node');
        return session(node.submissionPort, ca, senderOf(i));
      }),
    );
    const cpuOfServe = async () =>
      (await Promise.all(serving.map((s) => cpuSeconds(s.pid)))).reduce((a, b) => a + b, 0);
    const backends = await backendPids(admin, dbName);
    const cpuOfPostgres = async () =>
      (await Promise.all(backends.map((pid) => cpuSeconds(pid)))).reduce((a, b) => a + b, 0);
    const serveBefore = await cpuOfServe();
    const postgresBefore = await cpuOfPostgres();

    const identifiers: string[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      sessions.map(async (t, i) => {
        const from = senderOf(i);
        const to = recipientOf(i);
        while (next < total && performance.now() - start < submitBudgetMs) {
          const sequence = next++;
          await t.send(`MAIL FROM:<${from}>`, 250);
          await t.send(`RCPT TO:<${to}>`, 250);
          await t.send('DATA', 354);
          t.write(`${message(from, to, sequence)}.\r\n`);
          const reply = await t.expect(250);
          const id = /PEC message (\S+?);/.exec(reply.text)?.[1];
          if (id === undefined) throw new Error(`not accepted: ${reply.text}`);
          identifiers.push(id);
        }
      }),
    );
    const acceptedAt = performance.now();
    for (;;) {
      const counts = await ctx.storage.queue.countByStatus();
      if (counts.ready + counts.running === 0) break;
      if (performance.now() - start > deadlineMs)
        throw new Error(`bench deadline: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const deliveredAt = performance.now();
    const serveCpu = (await cpuOfServe()) - serveBefore;
    const postgresCpu = (await cpuOfPostgres()) - postgresBefore;
    const loadNow = load();
    await Promise.all(sessions.map((t) => t.close()));

    let delivered = 0;
    for (const id of identifiers) {
      const tracked = await ctx.storage.tracking.get(id);
      if (tracked?.recipients.every((r) => r.status === 'delivered') === true) delivered++;
    }
    const sent = identifiers.length;
    if (delivered !== sent)
      throw new Error(`only ${delivered} of ${sent} messages answered 250 were delivered`);
    const result: PhaseResult = {
      nodes,
      sent,
      acceptedRate: sent / ((acceptedAt - start) / 1000),
      deliveredRate: sent / ((deliveredAt - start) / 1000),
      serveCpuMsPerMessage: (serveCpu * 1000) / sent,
      postgresCpuMsPerMessage: (postgresCpu * 1000) / sent,
      load: loadNow,
    };
    process.stdout.write(`cluster: ${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await Promise.allSettled(serving.map((s) => s.stop()));
    await ctx?.close();
    await admin.end();
    await database.drop();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

export async function benchCluster(seconds: number, options: ClusterOptions = {}): Promise<BenchRow[]> {
  const total = options.messages ?? 240;
  const connections = options.connections ?? 8;
  const nodeCounts = options.nodeCounts ?? [1, 2];
  const adminUrl =
    process.env['PEC_BENCH_POSTGRES_URL'] ??
    process.env['PEC_TEST_POSTGRES_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digest = new Uint8Array(32).fill(7);
  const raw = await measureRate(() => sign('sha256', digest, privateKey), { seconds: Math.min(seconds, 2) });

  const root = await mkdtemp(join(tmpdir(), 'pec-bench-cluster-'));
  try {
    const template = join(root, 'template');
    const ports = ['smtp', 'submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'].flatMap(
      (name) => [`--${name}-port`, '0'],
    );
    await pecOk(['init', '--domain', domain, '--provider-name', 'Cluster PEC', '--data', template, ...ports]);

    const results: PhaseResult[] = [];
    for (const nodes of nodeCounts)
      results.push(await phase(template, root, adminUrl, nodes, total, connections));
    const rows: BenchRow[] = [
      {
        name: 'raw RSA-2048 signatures (node:crypto, reference for the cluster rows)',
        value: raw.rate,
        unit: 'ops/s',
      },
    ];
    const single = results[0];
    for (const r of results) {
      const label = `${r.nodes} node${r.nodes === 1 ? '' : 's'} on PostgreSQL, ${r.sent} msgs, 10 KB, 1 local recipient, ${connections} SMTP connections`;
      rows.push(
        {
          name: `cluster: accepted over SMTP (${label})`,
          value: r.acceptedRate,
          unit: 'msg/s',
          ratio: `${((r.acceptedRate / raw.rate) * 100).toFixed(2)} % of raw RSA; ${r.load}`,
        },
        {
          name: `cluster: accepted and fully delivered, receipts included (${label})`,
          value: r.deliveredRate,
          unit: 'msg/s',
          ratio:
            `${((r.deliveredRate / raw.rate) * 100).toFixed(2)} % of raw RSA` +
            (single === undefined || r === single
              ? ''
              : `; ${(r.deliveredRate / single.deliveredRate).toFixed(2)} × ${single.nodes} node`),
        },
        {
          name: `cluster: CPU of the pec serve processes per message (${r.nodes} node${r.nodes === 1 ? '' : 's'})`,
          value: r.serveCpuMsPerMessage,
          unit: 'ms',
          ratio: `${((r.serveCpuMsPerMessage / 1000) * raw.rate).toFixed(1)} raw RSA signatures of CPU`,
        },
        {
          name: `cluster: CPU of the PostgreSQL backends per message (${r.nodes} node${r.nodes === 1 ? '' : 's'})`,
          value: r.postgresCpuMsPerMessage,
          unit: 'ms',
          ratio: `${((r.postgresCpuMsPerMessage / 1000) * raw.rate).toFixed(1)} raw RSA signatures of CPU`,
        },
      );
    }
    return rows;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
