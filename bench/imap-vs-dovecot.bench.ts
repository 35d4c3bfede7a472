/**
 * Issue 5 benchmark: our IMAP server next to Debian's Dovecot in the same run, on the same N-message
 * INBOX (default 2,000; `--imap-messages N`). Measured per server: SELECT, `FETCH 1:* (UID FLAGS
 * ENVELOPE BODYSTRUCTURE)`, `UID SEARCH TEXT`, and a full-body fetch of 1,000 messages, as ours/Dovecot
 * time ratios; then memory per idle connection with K concurrent IDLE clients (default 500;
 * `--imap-idle-clients K`) as the server process's RSS delta / K. Our server runs in a child process
 * (so only its memory is counted) over real SQLite storage; Dovecot's `imap` runs over stdio
 * (no TLS, which favours Dovecot). Skipped when Dovecot is not installed. Each row also gives our
 * server's CPU time for the command (its `process.cpuUsage()`, read over IPC before and after), a
 * figure load changes less than wall time; `--imap-ours-only` measures our server alone, for
 * before/after pairs (decision 0057).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { dirname, join } from 'node:path';
import { connect, createServer as createTlsServer } from 'node:tls';
import { writeHeapSnapshot } from 'node:v8';
import { createDevelopmentPki } from '@pec/core';
import { fileURLToPath } from 'node:url';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../packages/server/src/protocols/imap/testing/imap-test-server.ts';
import {
  createMessageTextIndexer,
  indexPendingTexts,
} from '../packages/server/src/services/mailbox-access/create-message-text-indexer.ts';
import { hasDovecot, startDovecotImap } from '../packages/server/test/imap-messages/dovecot-imap.ts';
import { ImapTestClient } from '../packages/server/test/imap-messages/imap-test-client.ts';
import type { BenchRow } from './core-signing.bench.ts';

export interface ImapBenchOptions {
  readonly messages?: number;
  readonly idleClients?: number;
  readonly appends?: number;
  /** Only the idle-memory measurement. */
  readonly idleOnly?: boolean;
}

interface ChildReady {
  readonly kind: 'ready';
  readonly tlsPort: number;
  readonly ca: string;
  readonly user: string;
  readonly password: string;
}

/** The server process's memory after a full GC (`process.memoryUsage()`). */
interface ChildRss {
  readonly kind: 'rss';
  readonly rss: number;
  readonly heapUsed: number;
  /** The JS heap's reserved pages (used or not): young-generation growth shows here, not in heapUsed. */
  readonly heapTotal: number;
  readonly external: number;
}

/** The server process's CPU time so far (user + system), for per-command CPU figures. */
interface ChildCpu {
  readonly kind: 'cpu';
  readonly micros: number;
}

const searchWord = 'zibibbo';
const childFlag = '--imap-bench-child';
const bareTlsFlag = '--imap-bench-bare-tls';

/** Message i of the benchmark mailbox (~700 bytes; one in ten mentions the search word). */
function benchMessage(i: number): Buffer {
  const word = i % 10 === 0 ? ` ${searchWord}` : '';
  const day = String((i % 28) + 1);
  const body = `Gentile utente, la pratica numero ${String(i)} è stata protocollata${word}.\r\n`.repeat(6);
  return Buffer.from(
    `From: Ufficio ${String(i % 37)} <ufficio${String(i % 37)}@pec.example.it>\r\n` +
      `To: Mario Rossi <mario.rossi@pec.test>\r\nSubject: Pratica ${String(i)} - protocollo\r\n` +
      `Date: ${day} Mar 2025 10:00:00 +0100\r\nMessage-ID: <bench-${String(i)}@pec.example.it>\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
      body,
    'utf8',
  );
}

/**
 * A child's answers to the bench: `rss` (its memory after two full GCs), `snapshot` (with
 * `IMAP_BENCH_HEAP_SNAPSHOT_DIR=dir`, a heap snapshot written there) and `close`.
 */
function answerMemoryRequests(close: () => Promise<void>): void {
  process.on('message', (message: unknown) => {
    if (message === 'rss') {
      // Two full collections: the first can leave work (weak references, finalisers) to the second.
      globalThis.gc?.();
      globalThis.gc?.();
      const usage = process.memoryUsage();
      process.send?.({
        kind: 'rss',
        rss: usage.rss,
        heapUsed: usage.heapUsed,
        heapTotal: usage.heapTotal,
        external: usage.external,
      } satisfies ChildRss);
    } else if (message === 'cpu') {
      const usage = process.cpuUsage();
      process.send?.({ kind: 'cpu', micros: usage.user + usage.system } satisfies ChildCpu);
    } else if (message === 'snapshot') {
      const dir = process.env['IMAP_BENCH_HEAP_SNAPSHOT_DIR'];
      const file =
        dir === undefined
          ? null
          : writeHeapSnapshot(join(dir, `imap-${String(process.pid)}-${String(Date.now())}.heapsnapshot`));
      process.send?.({ kind: 'snapshot', file });
    } else if (message === 'close') {
      void close().then(() => process.exit(0));
    }
  });
}

/**
 * Child mode, the reference: bare Node TLS with the same kind of certificate (2,048-bit RSA, from the
 * development PKI), answering a greeting and, to the first line, a `+`: what any TLS server holds
 * per idle connection before it keeps any state of its own.
 */
async function runBareTlsChild(): Promise<void> {
  const pki = await createDevelopmentPki({ domain: 'pec.test', providerName: 'Test PEC', now: new Date() });
  const server = createTlsServer(
    { cert: pki.tlsCertificate, key: pki.tlsPrivateKey, minVersion: 'TLSv1.2' },
    (socket) => {
      socket.on('error', () => undefined);
      socket.write('* OK ready\r\n');
      socket.once('data', () => socket.write('+ idling\r\n'));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  answerMemoryRequests(
    () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  );
  process.send?.({
    kind: 'ready',
    tlsPort: (server.address() as { port: number }).port,
    ca: pki.caCertificate,
    user: '',
    password: '',
  } satisfies ChildReady);
}

/** Child mode: our server with N messages; answers `rss` requests with its RSS after a GC. */
async function runChild(messages: number, idleClients: number): Promise<void> {
  const server: ImapTestServer = await startImapTestServer({
    limits: {
      maxConnectionsPerIp: idleClients + 20,
      maxConnectionsPerAccount: idleClients + 20,
    },
    // Thousands of logins at the production argon2 cost take longer than the measure itself; the
    // sessions they open are the same.
    cheapPasswordHashes: true,
  });
  const [account] = server.accounts;
  // As in `pec serve`, the text indexer runs while mail is delivered (decision 0049), so the SEARCH
  // rows measure what a user sees: messages delivered, then searched.
  const indexerDeps = {
    texts: server.storage.messageTexts,
    blobs: server.blobs,
    onError: (error: unknown) => {
      console.error('message-text indexer:', error);
    },
  };
  const indexer = createMessageTextIndexer(indexerDeps);
  indexer.start();
  for (let i = 0; i < messages; i++) await server.deliver(account, 'INBOX', benchMessage(i));
  const delivered = performance.now();
  await indexer.stop();
  let left = 0;
  while ((await indexPendingTexts(indexerDeps)) > 0) left++;
  console.error(
    `text index: drained ${(performance.now() - delivered).toFixed(0)} ms after the last delivery ` +
      `(${String(left)} batches left then)`,
  );
  const profile = await startProfile();
  answerMemoryRequests(async () => {
    await profile();
    await server.close();
  });
  process.send?.({
    kind: 'ready',
    tlsPort: server.tlsPort,
    ca: server.ca,
    user: account.address,
    password: account.password,
  } satisfies ChildReady);
}

/**
 * With `IMAP_BENCH_PROFILE_DIR=dir`, a CPU profile of our server from after the fill to the end of
 * the run, written to `dir/imap-server.cpuprofile` by the returned function.
 */
async function startProfile(): Promise<() => Promise<void>> {
  const dir = process.env['IMAP_BENCH_PROFILE_DIR'];
  if (dir === undefined) return () => Promise.resolve();
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      session.post(method, (error, result) => {
        if (error === null) resolve(result);
        else reject(error);
      });
    });
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(dir, 'imap-server.cpuprofile'), JSON.stringify(profile));
  };
}

function nextMessage<T>(child: ChildProcess, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === kind) {
        child.off('message', onMessage);
        resolve(message as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => {
      reject(new Error(`benchmark server exited (${String(code)})`));
    });
  });
}

async function openOurs(ready: ChildReady): Promise<ImapTestClient> {
  const socket = connect({ host: '127.0.0.1', port: ready.tlsPort, ca: ready.ca, servername: 'localhost' });
  // A reset after LOGOUT (the server closes first) is not a failure; a reset before shows as a timeout.
  socket.on('error', () => undefined);
  const client = new ImapTestClient(socket);
  await client.next(30_000);
  const login = await client.command('l', `LOGIN ${ready.user} "${ready.password}"`, 60_000);
  if (!login.tagged.startsWith('l OK')) throw new Error(`login failed: ${login.tagged}`);
  return client;
}

interface Timings {
  select: number;
  fetchMeta: number;
  fetchFlags: number;
  searchSubject: number;
  search: number;
  /** The first TEXT search of the session (ours: after the indexer has kept up with delivery, decision 0049). */
  searchFirst: number;
  searchBody: number;
  fetchBodies: number;
  storeFlags: number;
  /** Messages per second of pipelined APPENDs (LITERAL+) into a fresh folder. */
  appendRate: number;
}

/** Mean milliseconds of each measured command (after one warm-up of each). */
async function timeCommands(
  client: ImapTestClient,
  messages: number,
  rounds: number,
  appends: number,
  cpu?: { readonly read: () => Promise<number>; readonly out: Partial<Record<keyof Timings, number>> },
): Promise<Timings> {
  let tag = 0;
  let measuring: keyof Timings | null = null;
  const run = async (text: string): Promise<number> => {
    const id = `t${String(tag++)}`;
    const cpuBefore = measuring === null ? 0 : ((await cpu?.read()) ?? 0);
    const start = performance.now();
    const reply = await client.command(id, text, 120_000);
    const elapsed = performance.now() - start;
    if (measuring !== null && cpu !== undefined) {
      cpu.out[measuring] = (cpu.out[measuring] ?? 0) + ((await cpu.read()) - cpuBefore) / 1000 / rounds;
    }
    if (!reply.tagged.startsWith(`${id} OK`)) throw new Error(`${text}: ${reply.tagged}`);
    return elapsed;
  };
  const bodies = `1:${String(Math.min(1000, messages))}`;
  const commands: Record<Exclude<keyof Timings, 'appendRate'>, string> = {
    select: 'SELECT INBOX',
    fetchMeta: 'FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)',
    fetchFlags: 'FETCH 1:* (FLAGS)',
    searchSubject: `UID SEARCH SUBJECT "Pratica 77"`,
    search: `UID SEARCH TEXT "${searchWord}"`,
    searchFirst: `UID SEARCH TEXT "${searchWord}"`,
    searchBody: `UID SEARCH BODY "${searchWord}"`,
    fetchBodies: `FETCH ${bodies} (BODY.PEEK[])`,
    storeFlags: 'STORE 1:* +FLAGS (\\Flagged)',
  };
  // Undoes a measured STORE so that every round changes every message.
  const undo: Partial<Record<keyof Timings, string>> = { storeFlags: 'STORE 1:* -FLAGS.SILENT (\\Flagged)' };
  await run('SELECT INBOX');
  const out: Timings = {
    select: 0,
    fetchMeta: 0,
    fetchFlags: 0,
    searchSubject: 0,
    search: 0,
    searchFirst: 0,
    searchBody: 0,
    fetchBodies: 0,
    storeFlags: 0,
    appendRate: 0,
  };
  for (const key of Object.keys(commands) as (keyof typeof commands)[]) {
    if (key === 'searchFirst') continue;
    const reset = undo[key];
    const warmUp = await run(commands[key]);
    if (key === 'search') out.searchFirst = warmUp;
    if (reset !== undefined) await run(reset);
    let total = 0;
    for (let r = 0; r < rounds; r++) {
      measuring = key;
      total += await run(commands[key]);
      measuring = null;
      if (reset !== undefined) await run(reset);
    }
    out[key] = total / rounds;
    if (key === 'select') await run('SELECT INBOX');
  }
  const cpuBefore = (await cpu?.read()) ?? 0;
  out.appendRate = await appendRate(client, appends);
  // Server CPU per APPENDed message, in ms.
  if (cpu !== undefined) cpu.out.appendRate = ((await cpu.read()) - cpuBefore) / 1000 / appends;
  return out;
}

/** Pipelined APPENDs (LITERAL+, 200 in flight) into a new folder; messages per second. */
async function appendRate(client: ImapTestClient, count: number): Promise<number> {
  const created = await client.command('c', 'CREATE Bench', 30_000);
  if (!created.tagged.startsWith('c OK')) throw new Error(`CREATE: ${created.tagged}`);
  const start = performance.now();
  await appendMessages(client, 'Bench', count, 'b');
  return count / ((performance.now() - start) / 1000);
}

async function appendMessages(client: ImapTestClient, folder: string, count: number, prefix: string) {
  for (let i = 0; i < count; i++) {
    const bytes = benchMessage(i);
    client.write(`${prefix}${String(i)} APPEND ${folder} {${String(bytes.length)}+}\r\n`);
    client.write(bytes);
    client.write('\r\n');
    if (i % 200 === 199 || i === count - 1) {
      const reply = await client.reply(`${prefix}${String(i)}`, 300_000);
      if (!reply.tagged.startsWith(`${prefix}${String(i)} OK`)) throw new Error(`APPEND: ${reply.tagged}`);
    }
  }
}

async function dovecotTimings(messages: number, rounds: number, appends: number): Promise<Timings> {
  const dovecot = await startDovecotImap();
  try {
    const client = dovecot.client;
    await appendMessages(client, 'INBOX', messages, 'a');
    return await timeCommands(client, messages, rounds, appends);
  } finally {
    await dovecot.close();
  }
}

/** Clients opened at once: also the number of argon2 verifications running together. */
const idleBatch = 25;

/** One idle client held by the bench; `close` ends it the way its server expects. */
interface IdleClient {
  close(): Promise<void>;
}

/** Our server: LOGIN (checked), SELECT INBOX (checked), IDLE. */
async function openIdle(ready: ChildReady): Promise<IdleClient> {
  const client = await openOurs(ready);
  const select = await client.command('s', 'SELECT INBOX', 60_000);
  if (!select.tagged.startsWith('s OK')) throw new Error(`SELECT failed: ${select.tagged}`);
  client.write('i IDLE\r\n');
  await client.continuation(30_000);
  return {
    async close() {
      client.write('DONE\r\n');
      await client.command('z', 'LOGOUT', 60_000).catch(() => undefined);
    },
  };
}

/** The bare TLS reference: the greeting, one line, its `+`. */
async function openBareIdle(ready: ChildReady): Promise<IdleClient> {
  const socket = connect({ host: '127.0.0.1', port: ready.tlsPort, ca: ready.ca, servername: 'localhost' });
  socket.on('error', () => undefined);
  const client = new ImapTestClient(socket);
  await client.next(30_000);
  client.write('i IDLE\r\n');
  await client.continuation(30_000);
  return {
    close() {
      socket.destroy();
      return Promise.resolve();
    },
  };
}

/**
 * A client the server dropped before its greeting (the 10 s TLS handshake deadline, reached on a
 * machine shared with other work) is opened again, up to three times; the dropped one holds nothing.
 */
async function withRetries(open: () => Promise<IdleClient>): Promise<IdleClient> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** `count` idle clients, opened `idleBatch` at a time. */
async function openIdleClients(
  open: (ready: ChildReady) => Promise<IdleClient>,
  ready: ChildReady,
  count: number,
): Promise<IdleClient[]> {
  const opened: IdleClient[] = [];
  for (let i = 0; i < count; i += idleBatch) {
    const group = await Promise.all(
      Array.from({ length: Math.min(idleBatch, count - i) }, () => withRetries(() => open(ready))),
    );
    opened.push(...group);
  }
  return opened;
}

async function closeIdleClients(clients: readonly IdleClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}

async function serverMemory(child: ChildProcess): Promise<ChildRss> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  child.send('rss');
  return nextMessage<ChildRss>(child, 'rss');
}

/**
 * With `IMAP_BENCH_HEAP_SNAPSHOT_DIR=dir`, a heap snapshot of the server (at the baseline and with K
 * clients: their difference is the sessions). Writing one grows the process: the memory figures of
 * such a run are not a measure.
 */
async function heapSnapshot(child: ChildProcess): Promise<void> {
  if (process.env['IMAP_BENCH_HEAP_SNAPSHOT_DIR'] === undefined) return;
  child.send('snapshot');
  const { file } = await nextMessage<{ file: string | null }>(child, 'snapshot');
  process.stderr.write(`heap snapshot: ${String(file)}\n`);
}

/** Per idle client: the server's RSS, JS heap and external (native) memory deltas, in bytes. */
export interface IdleMemory {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
}

/** Both readings of one measure: over all K clients, and over the second half only. */
export interface IdleMeasure {
  /** (memory with K clients − baseline) / K: includes one-time growth. */
  readonly average: IdleMemory;
  /** (memory with K − memory with K/2) / (K − K/2): the per-connection part, fixed growth removed. */
  readonly marginal: IdleMemory;
}

function perClient(from: ChildRss, to: ChildRss, clients: number): IdleMemory {
  return {
    rss: (to.rss - from.rss) / clients,
    heapUsed: (to.heapUsed - from.heapUsed) / clients,
    heapTotal: (to.heapTotal - from.heapTotal) / clients,
    external: (to.external - from.external) / clients,
  };
}

/**
 * K clients in IDLE: the server's memory growth per client, after GC, read at K/2 and at K.
 * The baseline is taken with the server warmed: one batch of clients has already logged in, selected
 * and idled, and left, so the allocator arenas of the argon2 threads, the TLS context and the code of
 * every step are in the baseline and not counted as per-connection memory. The growth from K/2 to K
 * leaves out what grows once (V8's young generation, malloc arenas) however many clients come. The
 * clients run in this process, so their memory is not counted.
 */
async function idleMemory(
  child: ChildProcess,
  ready: ChildReady,
  clients: number,
  open: (ready: ChildReady) => Promise<IdleClient> = openIdle,
): Promise<IdleMeasure> {
  await closeIdleClients(await openIdleClients(open, ready, idleBatch));
  const before = await serverMemory(child);
  await heapSnapshot(child);
  const half = Math.floor(clients / 2);
  const first = await openIdleClients(open, ready, half);
  const middle = await serverMemory(child);
  const second = await openIdleClients(open, ready, clients - half);
  const after = await serverMemory(child);
  await heapSnapshot(child);
  await closeIdleClients([...first, ...second]);
  return {
    average: perClient(before, after, clients),
    marginal: perClient(middle, after, clients - half),
  };
}

/**
 * The clients' sockets live in this process: K of them, plus the server child's own K. Node raises
 * its soft descriptor limit to the hard one at start; below that, say so instead of failing midway.
 */
function checkDescriptorLimit(clients: number): void {
  const limit = Number(execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
  if (Number.isFinite(limit) && limit < clients + 200) {
    throw new Error(
      `open-file limit ${String(limit)} is below ${String(clients + 200)}: raise the hard limit (ulimit -Hn)`,
    );
  }
}

/** `--name N` on the command line (`npm run bench -- --imap-messages 10000`). */
function numberFlag(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

function ratioRow(name: string, ours: number, reference: number): BenchRow {
  return {
    name,
    value: ours,
    unit: 'ms',
    ratio: `${(ours / reference).toFixed(2)}× Dovecot (${reference.toFixed(1)} ms)`,
  };
}

function memoryRows(measure: IdleMeasure, clients: number, reference?: IdleMeasure): BenchRow[] {
  const kib = (bytes: number): number => bytes / 1024;
  const what = `${String(clients)} IDLE clients, TLS`;
  const ratio = (ours: number, bare: number | undefined): string =>
    bare === undefined ? '—' : `${(ours / bare).toFixed(2)}× bare Node TLS (${kib(bare).toFixed(1)} KiB)`;
  const rows = (label: string, memory: IdleMemory, bare: IdleMemory | undefined): BenchRow[] => [
    {
      name: `IMAP memory per idle connection, RSS after GC, ${label} (${what})`,
      value: kib(memory.rss),
      unit: 'KiB',
      ratio: ratio(memory.rss, bare?.rss),
    },
    {
      name: `… of which JS heap in use, ${label} (${what})`,
      value: kib(memory.heapUsed),
      unit: 'KiB',
      ratio: ratio(memory.heapUsed, bare?.heapUsed),
    },
    {
      name: `… JS heap reserved, used or not, ${label} (${what})`,
      value: kib(memory.heapTotal),
      unit: 'KiB',
      ratio: '—',
    },
    {
      name: `… of which external: buffers, TLS, ${label} (${what})`,
      value: kib(memory.external),
      unit: 'KiB',
      ratio: '—',
    },
  ];
  return [
    ...rows('0 → K', measure.average, reference?.average),
    ...rows('K/2 → K', measure.marginal, reference?.marginal),
  ];
}

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The npm packages of the repository: left to node_modules by the bundle, as `pec`'s build does. */
function npmPackages(): string[] {
  const names = new Set<string>();
  for (const manifest of ['package.json', 'packages/server/package.json', 'packages/core/package.json']) {
    const parsed = JSON.parse(readFileSync(join(repositoryRoot, manifest), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const name of Object.keys({ ...parsed.dependencies, ...parsed.devDependencies })) names.add(name);
  }
  names.delete('@pec/core');
  return [...names];
}

/**
 * The script the server children run, and its Node options. By default this file bundled by esbuild
 * as `pec`'s build bundles the server (scripts/build-dist.js): tsx compiles with esbuild's `keepNames`,
 * which renames every function after it is made (`Object.defineProperty(fn, 'name')`) and so gives
 * each closure of each session a property dictionary of its own, about 256 bytes, that production
 * code does not have. `IMAP_BENCH_TSX=1` runs the sources through tsx instead.
 */
async function serverChildScript(): Promise<{ script: string; execArgv: string[]; cleanUp: () => void }> {
  const self = fileURLToPath(import.meta.url);
  if (process.env['IMAP_BENCH_TSX'] === '1') {
    return { script: self, execArgv: ['--import', 'tsx', '--expose-gc'], cleanUp: () => undefined };
  }
  const esbuild = await import('esbuild');
  // Inside node_modules, so that the bundle's external packages resolve from the repository.
  const dir = join(repositoryRoot, 'node_modules', '.cache', `pec-imap-bench-${String(process.pid)}`);
  mkdirSync(dir, { recursive: true });
  const script = join(dir, 'imap-bench-child.mjs');
  await esbuild.build({
    entryPoints: [self],
    outfile: script,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: npmPackages(),
    logLevel: 'warning',
  });
  return {
    script,
    execArgv: ['--expose-gc'],
    cleanUp: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bare Node TLS reference, in its own child, measured as ours is. */
async function bareTlsIdleMemory(
  clients: number,
  server: { readonly script: string; readonly execArgv: string[] },
): Promise<IdleMeasure> {
  const child = fork(server.script, [bareTlsFlag], {
    execArgv: server.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await nextMessage<ChildReady>(child, 'ready');
    return await idleMemory(child, ready, clients, openBareIdle);
  } finally {
    await stopChild(child);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  child.send('close');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    setTimeout(resolve, 5000);
  });
  child.kill();
}

export async function benchImapVsDovecot(options: ImapBenchOptions = {}): Promise<BenchRow[]> {
  // `--imap-idle-only`: only the idle-memory measurement (no command timings, no Dovecot needed).
  const idleOnly = options.idleOnly ?? process.argv.includes('--imap-idle-only');
  const oursOnly = process.argv.includes('--imap-ours-only');
  if (!idleOnly && !oursOnly && !hasDovecot()) {
    process.stderr.write('imap-vs-dovecot: skipped, Dovecot is not installed (dovecot-imapd)\n');
    return [];
  }
  const messages = options.messages ?? numberFlag('--imap-messages') ?? 2000;
  const idleClients = options.idleClients ?? numberFlag('--imap-idle-clients') ?? 500;
  const appends = options.appends ?? numberFlag('--imap-appends') ?? Math.min(messages, 2000);
  const rounds = 3;
  checkDescriptorLimit(idleClients);
  const server = await serverChildScript();
  // The reference first, in its own process: the same K, the same readings, the same hour.
  const bare = idleOnly
    ? await bareTlsIdleMemory(idleClients, server).catch((error: unknown) => {
        server.cleanUp();
        throw error;
      })
    : undefined;
  const child = fork(server.script, [childFlag, String(messages), String(idleClients)], {
    execArgv: server.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await nextMessage<ChildReady>(child, 'ready');
    if (idleOnly) return memoryRows(await idleMemory(child, ready, idleClients), idleClients, bare);
    const client = await openOurs(ready);
    const cpu = {
      read: async () => {
        child.send('cpu');
        return (await nextMessage<ChildCpu>(child, 'cpu')).micros;
      },
      out: {} as Partial<Record<keyof Timings, number>>,
    };
    const ours = await timeCommands(client, messages, rounds, appends, cpu);
    client.write('z LOGOUT\r\n');
    // `--imap-ours-only`: our wall time and server CPU per command, without Dovecot (quick before/after).
    const dovecot = oursOnly ? undefined : await dovecotTimings(messages, rounds, appends);
    const idle = idleClients > 0 && !oursOnly ? await idleMemory(child, ready, idleClients) : undefined;
    const n = `${String(messages)} msgs`;
    const row = (name: string, key: Exclude<keyof Timings, 'appendRate'>): BenchRow => {
      const cpuText = `server CPU ${(cpu.out[key] ?? 0).toFixed(1)} ms`;
      if (dovecot === undefined) return { name, value: ours[key], unit: 'ms', ratio: cpuText };
      const base = ratioRow(name, ours[key], dovecot[key]);
      return { ...base, ratio: `${base.ratio ?? ''}; ${cpuText}` };
    };
    const appendCpu = `server CPU ${(cpu.out.appendRate ?? 0).toFixed(2)} ms/msg`;
    return [
      row(`IMAP SELECT INBOX (${n})`, 'select'),
      row(`IMAP FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE) (${n})`, 'fetchMeta'),
      row(`IMAP FETCH 1:* (FLAGS) (${n})`, 'fetchFlags'),
      row(`IMAP UID SEARCH SUBJECT (${n})`, 'searchSubject'),
      row(`IMAP UID SEARCH TEXT, first (${n})`, 'searchFirst'),
      row(`IMAP UID SEARCH TEXT (${n})`, 'search'),
      row(`IMAP UID SEARCH BODY (${n})`, 'searchBody'),
      row(`IMAP FETCH BODY.PEEK[] of ${String(Math.min(1000, messages))} messages`, 'fetchBodies'),
      row(`IMAP STORE 1:* +FLAGS (\\Flagged) (${n})`, 'storeFlags'),
      {
        name: `IMAP APPEND of ${String(appends)} messages (pipelined, LITERAL+)`,
        value: ours.appendRate,
        unit: 'msg/s',
        ratio:
          dovecot === undefined
            ? appendCpu
            : `${(dovecot.appendRate / ours.appendRate).toFixed(2)}× Dovecot's time (${dovecot.appendRate.toFixed(0)} msg/s); ${appendCpu}`,
      },
      ...(idle === undefined ? [] : memoryRows(idle, idleClients)),
    ];
  } finally {
    await stopChild(child);
    server.cleanUp();
  }
}

if (process.argv[2] === bareTlsFlag) {
  await runBareTlsChild();
} else if (process.argv[2] === childFlag) {
  await runChild(Number(process.argv[3] ?? 2000), Number(process.argv[4] ?? 500));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await benchImapVsDovecot();
  for (const row of rows)
    process.stdout.write(`${row.name}: ${row.value.toFixed(1)} ${row.unit} ${row.ratio ?? ''}\n`);
}
