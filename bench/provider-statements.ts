/**
 * Counts what one provider does per PEC message on the one-provider path (acceptance, acceptance
 * receipt, delivery, delivery receipt): SQL statements executed on the embedded SQLite store, by SQL
 * text, with the time spent inside SQLite for each, and fsyncs. Counts do not depend on the machine's load. In-process, with better-sqlite3's
 * Statement and Node's FileHandle.sync wrapped to count. Usage:
 *   node --import tsx bench/provider-statements.ts [messages] [--top N]
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProvider } from '../packages/server/src/app/init-provider.ts';
import { openProvider } from '../packages/server/src/app/open-provider.ts';
import { createProviderServices, serveProvider } from '../packages/server/src/app/serve.ts';
import { openSmtpTranscript } from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../packages/server/src/services/accounts/create-account-service.ts';

const total = Number(process.argv[2] ?? 50);
const topFlag = process.argv.indexOf('--top');
const top = topFlag === -1 ? 60 : Number(process.argv[topFlag + 1]);
const domain = 'pec.bench.localhost';
const sender = `mittente@${domain}`;
const recipient = `destinatario@${domain}`;
const password = 'bench password 1';

const statements = new Map<string, number>();
/** Nanoseconds spent inside better-sqlite3 per SQL text (the step, on the event loop). */
const spent = new Map<string, bigint>();
let counting = false;
let fsyncs = 0;
const probe = new BetterSqlite3(':memory:').prepare('select 1');
const statementProto = Object.getPrototypeOf(probe) as Record<string, unknown>;
for (const method of ['run', 'get', 'all', 'iterate']) {
  const original = statementProto[method] as (...args: unknown[]) => unknown;
  statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
    if (!counting) return original.apply(this, args);
    statements.set(this.source, (statements.get(this.source) ?? 0) + 1);
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      spent.set(this.source, (spent.get(this.source) ?? 0n) + process.hrtime.bigint() - start);
    }
  };
}
const dirForProbe = await mkdtemp(join(tmpdir(), 'pec-count-'));
const handle = await open(join(dirForProbe, 'probe'), 'w');
const handleProto = Object.getPrototypeOf(handle) as Record<string, unknown>;
await handle.close();
for (const method of ['sync', 'datasync']) {
  const original = handleProto[method] as (...args: unknown[]) => Promise<void>;
  handleProto[method] = function (this: unknown, ...args: unknown[]) {
    if (counting) fsyncs++;
    return original.apply(this, args);
  };
}

function message(sequence: number): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
  return (
    `From: ${sender}\r\nTo: ${recipient}\r\nSubject: Bench ${sequence}\r\n` +
    `Message-ID: <count-${sequence}@client.example>\r\nDate: ${new Date().toUTCString()}\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
    // A body of its own per message, as real mail has (identical bodies would share one search text).
    `Messaggio numero ${sequence}.\r\n` +
    `${line}\r\n`.repeat(128)
  );
}

/**
 * What the search-text index holds at the end, per message sent (warm-up included): rows and
 * characters indexed, over the content-keyed pieces of migration 41 or the per-blob texts before it.
 */
function readIndexedText(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const pieces = db.prepare("select 1 from sqlite_master where name = 'search_texts'").get() !== undefined;
    const row = db
      .prepare(
        pieces
          ? 'select count(*) as n, coalesce(sum(length(text)), 0) as chars from search_texts'
          : 'select count(*) as n, coalesce(sum(length(header) + length(body)), 0) as chars from message_texts',
      )
      .get() as { n: number; chars: number };
    const sent = total + 1;
    return `${(row.n / sent).toFixed(2)} indexed texts and ${(row.chars / sent).toFixed(0)} indexed characters per message`;
  } finally {
    db.close();
  }
}

let indexedText: string;
const dir = await mkdtemp(join(tmpdir(), 'pec-count-'));
try {
  const init = await initProvider({ dataDir: dir, domain, providerName: 'Count PEC' });
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
    const t = await openSmtpTranscript({ host: starttls.host, port: starttls.port, ca, timeoutMs: 30_000 });
    await t.expect(220);
    await t.send('EHLO count.client', 250);
    await t.startTls();
    await t.send('EHLO count.client', 250);
    await t.send(`AUTH PLAIN ${Buffer.from(`\0${sender}\0${password}`).toString('base64')}`, 235);
    const drained = async () => {
      for (;;) {
        const counts = await ctx.storage.queue.countByStatus();
        if (counts.ready + counts.running === 0) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const submit = async (sequence: number) => {
      await t.send(`MAIL FROM:<${sender}>`, 250);
      await t.send(`RCPT TO:<${recipient}>`, 250);
      await t.send('DATA', 354);
      t.write(`${message(sequence)}.\r\n`);
      await t.expect(250);
    };
    // Warm-up (first-time rows, caches), then one message at a time, each drained: the count per message.
    await submit(0);
    await drained();
    counting = true;
    for (let i = 1; i <= total; i++) {
      await submit(i);
      await drained();
    }
    counting = false;
    // The indexer's last batch, so that the indexed text below covers every message (not counted).
    const probeDb = new BetterSqlite3(join(dir, 'pec.db'), { readonly: true });
    while ((probeDb.prepare('select count(*) as n from message_text_pending').get() as { n: number }).n > 0) {
      await new Promise((r) => setTimeout(r, 100));
    }
    probeDb.close();
    await t.close();
    await running.close();
  } finally {
    await ctx.close();
  }
  indexedText = readIndexedText(join(dir, 'pec.db'));
} finally {
  await rm(dir, { recursive: true, force: true });
  await rm(dirForProbe, { recursive: true, force: true });
}
// The bench's own polls of the queue are not the provider's work.
const poll = [...statements.keys()].filter(
  (sql) => sql.includes('from "jobs" group by') && sql.includes('count('),
);
let sum = 0;
let nanos = 0n;
for (const [sql, ns] of spent) if (!poll.includes(sql)) nanos += ns;
const rows = [...statements.entries()].filter(([sql]) => !poll.includes(sql)).sort((a, b) => b[1] - a[1]);
for (const [, n] of rows) sum += n;
process.stdout.write(
  `${total} messages: ${(sum / total).toFixed(2)} SQL statements and ${(fsyncs / total).toFixed(2)} fsyncs per message` +
    ` (${rows.length} distinct statements; the worker's idle polls included);` +
    ` ${(Number(nanos) / 1e6 / total).toFixed(2)} ms per message inside SQLite; ${indexedText}\n\n`,
);
for (const [sql, n] of rows.slice(0, top)) {
  const ms = Number(spent.get(sql) ?? 0n) / 1e6 / total;
  process.stdout.write(
    `${(n / total).toFixed(2)}  ${ms.toFixed(3)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 220)}\n`,
  );
}
