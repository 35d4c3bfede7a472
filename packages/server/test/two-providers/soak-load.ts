/**
 * Test-only: the soak scenario between two providers (`pec serve` processes from the bundle, each in
 * the other's index, set up by provider-pair.ts), shared by the bounded suite test and the 60 s bench.
 * Each provider has one mailbox per SMTP submission client and the same number at the peer; client
 * `i` of A sends to mailbox `i` of B and client `i` of B to mailbox `i` of A, one recipient per
 * message, both directions at once. What the load leaves behind is read from outside the processes:
 * jobs not done in each outbox (its database, SQLite or PostgreSQL, read beside `pec serve`), TCP sockets each process
 * holds (/proc/<pid>/fd matched with /proc/<pid>/net/tcp{,6}), its RSS (/proc/<pid>/status) and V8
 * heap (the default process metrics of /metrics).
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import { get } from 'node:http';
import type { QueueDepth } from '../../src/ports/queue-store.ts';
import { openSmtpTranscript, type SmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import type { ServeProcessOptions } from '../e2e/serve-process.ts';
import { setUpProviderPair, type PairProvider } from './provider-pair.ts';

export const soakPassword = 'Password-Carico-1';

export interface SoakPairOptions {
  /** SMTP submission clients per provider, one mailbox each (and as many recipients at the peer). */
  readonly clients: number;
  /** `relay.connectionIdleSeconds`: how long a kept relay connection waits for the next message (default 10). */
  readonly relayIdleSeconds?: number;
  readonly domains: readonly [string, string];
  readonly serve?: ServeProcessOptions;
  /** Variables for each provider's commands and processes (ProviderSpec.env), e.g. its PostgreSQL. */
  readonly envs?: readonly [Readonly<Record<string, string>>, Readonly<Record<string, string>>];
}

export interface SoakPair {
  readonly a: PairProvider;
  readonly b: PairProvider;
  /** Mailboxes by provider key (`a`, `b`), client `i` submitting as the `i`-th. */
  readonly users: Readonly<Record<'a' | 'b', readonly string[]>>;
}

const userAt = (domain: string, i: number) => `utente${String(i + 1).padStart(2, '0')}@${domain}`;

/** Both providers initialised, in each other's index, routed to each other and serving. */
export async function setUpSoakPair(work: string, options: SoakPairOptions): Promise<SoakPair> {
  const [domainA, domainB] = options.domains;
  const users = {
    a: Array.from({ length: options.clients }, (_, i) => userAt(domainA, i)),
    b: Array.from({ length: options.clients }, (_, i) => userAt(domainB, i)),
  };
  const mailboxes = (list: readonly string[]) => Object.fromEntries(list.map((u) => [u, soakPassword]));
  const relay =
    options.relayIdleSeconds === undefined
      ? {}
      : { relay: { connectionIdleSeconds: options.relayIdleSeconds } };
  const [a, b] = await setUpProviderPair(
    work,
    [
      {
        key: 'a',
        domain: domainA,
        name: 'Gestore A S.p.A.',
        mailboxes: mailboxes(users.a),
        config: relay,
        ...(options.envs === undefined ? {} : { env: options.envs[0] }),
      },
      {
        key: 'b',
        domain: domainB,
        name: 'Gestore B S.p.A.',
        mailboxes: mailboxes(users.b),
        config: relay,
        ...(options.envs === undefined ? {} : { env: options.envs[1] }),
      },
    ],
    options.serve === undefined ? {} : { serve: options.serve },
  );
  return { a, b, users };
}

export interface Submitted {
  /** The provider's identifier of the accepted message (the acceptance's `PEC message <id>`). */
  readonly id: string;
  readonly sender: string;
  readonly recipient: string;
  readonly messageId: string;
}

export interface LoadOptions {
  /** Messages per client; unbounded when omitted (then `until` ends the load). */
  readonly messagesPerClient?: number;
  /** Epoch ms: no new message is started after it. */
  readonly until?: number;
  /** Tells the messages of one run from another's. */
  readonly tag: string;
}

async function submissionSession(provider: PairProvider, user: string): Promise<SmtpTranscript> {
  const ca = await readFile(provider.caFile, 'utf8');
  const t = await openSmtpTranscript({
    host: '127.0.0.1',
    port: provider.submissionPort(),
    ca,
    timeoutMs: 60_000,
  });
  await t.expect(220);
  await t.send('EHLO soak.client.localhost', 250);
  await t.startTls();
  await t.send('EHLO soak.client.localhost', 250);
  await t.send(`AUTH PLAIN ${Buffer.from(`\0${user}\0${soakPassword}`).toString('base64')}`, 235);
  return t;
}

function message(from: string, to: string, messageId: string, sequence: number): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
  return (
    `From: ${from}\r\nTo: ${to}\r\nSubject: Carico ${sequence}\r\nMessage-ID: ${messageId}\r\n` +
    `Date: ${new Date().toUTCString()}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
    `${line}\r\n`.repeat(32)
  );
}

/**
 * One submission client per mailbox of `from`, each on its own SMTP connection kept for the whole
 * load, sending to the same-numbered mailbox of the peer until its count or `until`; then QUIT.
 */
export async function submitLoad(
  from: PairProvider,
  senders: readonly string[],
  recipients: readonly string[],
  options: LoadOptions,
): Promise<Submitted[]> {
  const submitted: Submitted[] = [];
  const more = (sent: number) =>
    (options.messagesPerClient === undefined || sent < options.messagesPerClient) &&
    (options.until === undefined || Date.now() < options.until);
  await Promise.all(
    senders.map(async (sender, i) => {
      const recipient = recipients[i % recipients.length] ?? '';
      const t = await submissionSession(from, sender);
      try {
        for (let sent = 0; more(sent); sent++) {
          const messageId = `<soak-${options.tag}-${from.spec.key}${i}-${sent}@client.localhost>`;
          await t.send(`MAIL FROM:<${sender}>`, 250);
          await t.send(`RCPT TO:<${recipient}>`, 250);
          await t.send('DATA', 354);
          t.write(`${message(sender, recipient, messageId, sent)}.\r\n`);
          const reply = await t.expect(250);
          const id = /PEC message (\S+?);/.exec(reply.text)?.[1];
          if (id === undefined) throw new Error(`not accepted: ${reply.text}`);
          submitted.push({ id, sender, recipient, messageId });
        }
      } finally {
        await t.close();
      }
    }),
  );
  return submitted;
}

export interface ReceiptsResult {
  /** Messages whose every recipient's delivery receipt is back at the sender's provider. */
  readonly completed: number;
  /** The others (not yet delivered, or with a non-delivery). */
  readonly pending: readonly string[];
}

/** Polls the sender's tracking until every message has its delivery receipt back, or `deadline`. */
export async function waitForReceipts(
  sender: PairProvider,
  submitted: readonly Submitted[],
  deadline: number,
): Promise<ReceiptsResult> {
  const pending = new Set(submitted.map((s) => s.id));
  for (;;) {
    for (const id of [...pending]) {
      const tracked = await sender.ctx.storage.tracking.get(id);
      const recipients = tracked?.recipients ?? [];
      if (recipients.length > 0 && recipients.every((r) => r.events.delivered !== undefined))
        pending.delete(id);
    }
    if (pending.size === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { completed: submitted.length - pending.size, pending: [...pending] };
}

/** Jobs of `provider`'s queue that are not done, by kind and status. */
export function jobsLeft(provider: PairProvider): Promise<QueueDepth[]> {
  return provider.ctx.storage.queue.depthByKind();
}

/** Jobs that should not be there once the load is drained: due or running (leased), whatever their kind. */
export function stuckJobs(left: readonly QueueDepth[]): QueueDepth[] {
  return left.filter((d) => d.status === 'ready' || d.status === 'running');
}

export const describeJobs = (left: readonly QueueDepth[]): string =>
  left.length === 0 ? 'none' : left.map((d) => `${d.kind} ${d.status} ${d.count}`).join(', ');

/** Messages filed per `address/folder` of every mailbox of `provider`, without reading them. */
export async function filedCounts(provider: PairProvider): Promise<Map<string, number>> {
  const { storage } = provider.ctx;
  const counts = new Map<string, number>();
  for (const mailbox of await storage.accounts.listMailboxes({ limit: 10_000 })) {
    for (const folder of await storage.mailboxes.listFolders(mailbox.id)) {
      const messages = await storage.mailboxes.listMessages(folder.id, { limit: 1_000_000 });
      counts.set(`${mailbox.address}/${folder.name}`, messages.length);
    }
  }
  return counts;
}

export interface SocketCount {
  /** TCP sockets of the process that are connections (any state but LISTEN). */
  readonly connections: number;
  readonly listening: number;
  /** Each connection as `STATE local-port→remote-port` (/proc/net/tcp's hex state), to tell what is left open. */
  readonly open: readonly string[];
  /** Every open file descriptor (sockets, files, pipes). */
  readonly fds: number;
}

/** LISTEN in /proc/net/tcp's `st` column (include/net/tcp_states.h). */
const tcpListen = '0A';

interface TcpRow {
  readonly state: string;
  readonly ports: string;
}

const portOf = (address: string | undefined) => parseInt(address?.split(':')[1] ?? '', 16);

async function tcpStateByInode(pid: number): Promise<Map<string, TcpRow>> {
  const states = new Map<string, TcpRow>();
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const row of text.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      const [local, remote, state, inode] = [fields[1], fields[2], fields[3], fields[9]];
      if (state === undefined || inode === undefined || inode === '0') continue;
      states.set(inode, { state, ports: `${portOf(local)}→${portOf(remote)}` });
    }
  }
  return states;
}

/**
 * The TCP sockets `pid` holds now, from its file descriptors (Linux /proc). Connections to
 * `ignoreRemotePort` are left out, e.g. a PostgreSQL pool's, which grows and shrinks by itself.
 */
export async function countSockets(pid: number, ignoreRemotePort?: number): Promise<SocketCount> {
  const states = await tcpStateByInode(pid);
  const open: string[] = [];
  let listening = 0;
  const fds = await readdir(`/proc/${pid}/fd`);
  for (const fd of fds) {
    // A descriptor can close between readdir and readlink.
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const row = inode === undefined ? undefined : states.get(inode);
    if (row?.state === tcpListen) listening++;
    else if (row !== undefined && !row.ports.endsWith(`→${ignoreRemotePort}`))
      open.push(`${row.state} ${row.ports}`);
  }
  return { connections: open.length, listening, open, fds: fds.length };
}

/**
 * Polls until `pid` holds at most `baseline` TCP connections (the relay closing its kept connections
 * after `relay.connectionIdleSeconds`, the peers' sessions ending) or `deadline`; the last count.
 */
export async function waitForSockets(
  pid: number,
  baseline: number,
  deadline: number,
  ignoreRemotePort?: number,
): Promise<SocketCount> {
  for (;;) {
    const count = await countSockets(pid, ignoreRemotePort);
    if (count.connections <= baseline || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface MemorySample {
  /** Resident set size from /proc/<pid>/status (VmRSS). */
  readonly rssBytes: number;
  /** `pec_nodejs_heap_size_used_bytes` from the process's /metrics (prom-client default metrics). */
  readonly heapUsedBytes: number;
}

function metric(text: string, name: string): number {
  const value = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1];
  return value === undefined ? Number.NaN : Number(value);
}

/**
 * GET /metrics on a connection of its own that closes after the reply (`agent: false`): fetch()
 * would keep it open for the server's keep-alive, and the measurement would count its own socket.
 */
function scrape(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        resolve(text);
      });
    });
    request.once('error', reject);
  });
}

export async function sampleMemory(provider: PairProvider): Promise<MemorySample> {
  const status = await readFile(`/proc/${provider.pid()}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  const text = await scrape(provider.httpPort());
  return { rssBytes: rssKb * 1024, heapUsedBytes: metric(text, 'pec_nodejs_heap_size_used_bytes') };
}

/**
 * Node flags for `pec serve` that let a measurement force a full garbage collection from outside:
 * SIGUSR2 runs `gc()`. Only for benchmarks; a data: URL, so there is no preload file to ship.
 */
export const gcOnSignalNodeArgs: readonly string[] = [
  '--expose-gc',
  '--import',
  `data:text/javascript,${encodeURIComponent("process.on('SIGUSR2', () => globalThis.gc?.());")}`,
];

/** Asks a process started with `gcOnSignalNodeArgs` to collect garbage (twice, young and old). */
export async function forceGc(provider: PairProvider): Promise<void> {
  for (let i = 0; i < 2; i++) {
    process.kill(provider.pid(), 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
