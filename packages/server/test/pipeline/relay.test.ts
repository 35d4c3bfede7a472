// The relay: transport envelopes and relay-message jobs to SMTP peers on loopback, with
// static routes, STARTTLS policies, per-recipient progress, the 24 h queue lifetime and DSNs,
// driven by the outbox worker and a simulated clock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createDevelopmentPki,
  findParts,
  parseMimeTree,
  readBodyBytes,
  type DevelopmentPki,
} from '@pec/core';
import type { Job } from '../../src/ports/queue-store.ts';
import { createSmtpRelayTransport } from '../../src/protocols/smtp/relay-client/create-smtp-relay-transport.ts';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import {
  createOutboxWorker,
  type OutboxWorker,
} from '../../src/services/pipeline/outbox/create-outbox-worker.ts';
import { parseEnvelopeJobPayload } from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import { createRelayHandlers } from '../../src/services/pipeline/relay/create-relay-handlers.ts';
import { createRelayRouter } from '../../src/services/pipeline/relay/create-relay-router.ts';
import type {
  RelayDependencies,
  RelayLogEvent,
} from '../../src/services/pipeline/relay/relay-dependencies.ts';
import { enqueueRelayMessage } from '../../src/services/pipeline/relay/relay-message-job.ts';
import {
  createTestProvider,
  folderMessages,
  otherProviderDomain,
  renderTestMessage,
  type TestProvider,
} from './create-test-provider.ts';
import { accessPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const ordinaryDomain = 'ordinary.example';
const minute = 60_000;
const hour = 60 * minute;

describe('relay', () => {
  let provider: TestProvider;
  let peerPki: DevelopmentPki;
  let pecPeer: SmtpSink;
  let internetPeer: SmtpSink;
  let worker: OutboxWorker;
  const events: RelayLogEvent[] = [];
  let counter = 0;

  function relayDependencies(): RelayDependencies {
    const { ctx } = provider;
    return {
      storage: ctx.storage,
      blobs: ctx.blobs,
      clock: ctx.clock,
      router: createRelayRouter({ routes: ctx.storage.routes }),
      transport: createSmtpRelayTransport({
        heloName: 'mx.pec.example.it',
        connectTimeoutMs: 2000,
        replyTimeoutMs: 5000,
      }),
      settings: {
        hostname: 'mx.pec.example.it',
        providerName: ctx.identity.name,
        certifiedTls: 'required',
        externalTls: 'opportunistic',
        tlsCa: [peerPki.caCertificate],
        queueLifetimeMs: 24 * hour,
        retryBaseMs: minute,
        retryMaxMs: hour,
        leaseMs: 60_000,
      },
      log: (event) => events.push(event),
    };
  }

  async function submit(to: string, cc?: string): Promise<string> {
    counter++;
    const raw = renderTestMessage({
      to,
      ...(cc === undefined ? {} : { cc }),
      messageId: `<relay-${counter}@mua.example>`,
    });
    const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit({
      authenticatedUser: mario,
      mailFrom: mario,
      rcptTo: cc === undefined ? [to] : [to, cc],
      raw,
      remoteAddress: '127.0.0.1',
      secure: true,
    });
    assert.equal(outcome.kind, 'accepted');
    return outcome.identifier;
  }

  async function relayJobs(): Promise<Job[]> {
    const jobs = await provider.ctx.storage.queue.list({ status: 'ready' });
    return jobs.filter((job) => job.kind === 'relay-envelope' || job.kind === 'relay-message');
  }

  /** Runs due jobs; then, while jobs wait, moves the clock to the next one and runs again. */
  async function drain(maxRounds = 100): Promise<number> {
    let rounds = 0;
    while ((await worker.runOnce()) > 0) rounds++;
    for (let jobs = await relayJobs(); jobs.length > 0 && rounds < maxRounds; jobs = await relayJobs()) {
      const next = Math.min(...jobs.map((job) => job.runAt.getTime()));
      if (next > provider.clock.now().getTime()) provider.clock.set(new Date(next));
      while ((await worker.runOnce()) > 0) rounds++;
    }
    return rounds;
  }

  async function envelopeBytesOf(identifier: string): Promise<Buffer> {
    const jobs = await provider.ctx.storage.queue.list({ kind: 'relay-envelope' });
    const job = jobs.find((j) => parseEnvelopeJobPayload(j.payload).identifier === identifier);
    assert.ok(job !== undefined);
    return Buffer.from(await provider.ctx.blobs.get(parseEnvelopeJobPayload(job.payload).envelopeBlobKey));
  }

  async function logOf(identifier: string) {
    return (await provider.ctx.storage.legalLog.search({ msgid: identifier })).map((entry) => [
      entry.eventType,
      entry.recipients.join(','),
    ]);
  }

  before(async () => {
    provider = await createTestProvider();
    await provider.addMailbox(mario);
    peerPki = await createDevelopmentPki({
      domain: otherProviderDomain,
      providerName: 'Other PEC',
      now: new Date(),
    });
    pecPeer = await startSmtpSink({ cert: peerPki.tlsCertificate, key: peerPki.tlsPrivateKey });
    internetPeer = await startSmtpSink({
      cert: peerPki.tlsCertificate,
      key: peerPki.tlsPrivateKey,
      noStartTls: true,
    });
    await provider.ctx.storage.routes.set({
      domain: otherProviderDomain,
      host: '127.0.0.1',
      port: pecPeer.port,
    });
    await provider.ctx.storage.routes.set({
      domain: ordinaryDomain,
      host: '127.0.0.1',
      port: internetPeer.port,
    });
    worker = createOutboxWorker(provider.ctx, createRelayHandlers(relayDependencies()), {
      owner: 'test',
      leaseMs: 60_000,
      pollMs: 10,
    });
  });
  after(async () => {
    await Promise.all([pecPeer.close(), internetPeer.close()]);
    await provider.close();
  });
  beforeEach(() => {
    pecPeer.received.length = 0;
    pecPeer.rcptSeen.length = 0;
    internetPeer.received.length = 0;
    internetPeer.rcptSeen.length = 0;
    pecPeer.script({});
    internetPeer.script({});
    events.length = 0;
  });

  it('relays the exact envelope with the original envelope addresses, TLS for PEC, plain for the Internet', async () => {
    const anna = `anna@${otherProviderDomain}`;
    const bob = `bob@${ordinaryDomain}`;
    const identifier = await submit(anna, bob);
    await drain();
    const envelope = await envelopeBytesOf(identifier);
    const digest = createHash('sha256').update(envelope).digest('hex');
    assert.deepEqual(
      pecPeer.received.map((m) => [m.mailFrom, m.rcptTo, m.sha256, m.secure]),
      [[mario, [anna], digest, true]],
    );
    assert.deepEqual(
      internetPeer.received.map((m) => [m.mailFrom, m.rcptTo, m.sha256, m.secure]),
      [[mario, [bob], digest, false]],
    );
    const status = await provider.ctx.storage.tracking.get(identifier);
    // The PEC recipient waits for its receipts; the ordinary one is done once handed over.
    assert.deepEqual(
      status?.recipients.map((r) => [r.address, r.status]),
      [
        [anna, 'accepted'],
        [bob, 'delivered'],
      ],
    );
    assert.match(status.recipients[1]?.events.delivered?.detail ?? '', /relayed to 127\.0\.0\.1: 250/);
    const log = await logOf(identifier);
    const relayed = log.filter(([type]) => type === legalLogEvents.envelopeRelayed);
    assert.deepEqual(relayed.flatMap(([, to]) => to?.split(',')).sort(), [anna, bob].sort());
    assert.deepEqual(await relayJobs(), []);
  });

  it('retries only the recipient that was deferred, never the one already accepted', async () => {
    const anna = `anna@${otherProviderDomain}`;
    const busy = `busy@${otherProviderDomain}`;
    pecPeer.script({ rcpt: (a) => (a === busy ? { code: 450, message: '4.2.1 mailbox busy' } : undefined) });
    const identifier = await submit(anna, busy);
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(
      pecPeer.received.map((m) => m.rcptTo),
      [[anna]],
    );
    const [continuation] = await relayJobs();
    assert.ok(continuation !== undefined);
    assert.deepEqual(
      parseEnvelopeJobPayload(continuation.payload).recipients.map((r) => r.address),
      [busy],
    );
    assert.equal(continuation.runAt.getTime() - provider.clock.now().getTime(), minute);
    assert.equal(events.find((e) => e.kind === 'deferred')?.recipients[0], busy);
    assert.equal(await worker.runOnce(), 0, 'not due before the backoff');
    pecPeer.script({});
    provider.clock.advance(minute);
    assert.equal(await worker.runOnce(), 1);
    assert.deepEqual(
      pecPeer.received.map((m) => m.rcptTo),
      [[anna], [busy]],
    );
    assert.deepEqual(pecPeer.rcptSeen, [anna, busy, busy]);
    const digest = createHash('sha256')
      .update(await envelopeBytesOf(identifier))
      .digest('hex');
    assert.ok(pecPeer.received.every((m) => m.sha256 === digest));
    assert.deepEqual(await relayJobs(), []);
  });

  it('records a PEC recipient refused for good, with no DSN: the 24 h notice will tell the sender', async () => {
    const ghost = `ghost@${otherProviderDomain}`;
    pecPeer.script({ rcpt: () => ({ code: 550, message: '5.1.1 no such user' }) });
    const inboxBefore = (await folderMessages(provider, mario)).length;
    const identifier = await submit(ghost);
    await drain();
    assert.deepEqual(await logOf(identifier), [
      [legalLogEvents.acceptanceIssued, ghost],
      [legalLogEvents.envelopeCreated, ghost],
      [legalLogEvents.envelopeRelayQueued, ghost],
      [legalLogEvents.envelopeRelayFailed, ghost],
    ]);
    // Only the acceptance receipt arrived.
    assert.equal((await folderMessages(provider, mario)).length, inboxBefore + 1);
    const status = await provider.ctx.storage.tracking.get(identifier);
    assert.equal(status?.recipients[0]?.status, 'accepted');
    assert.match(events.find((e) => e.kind === 'failed')?.detail ?? '', /550 5\.1\.1 no such user/);
  });

  it('answers an ordinary recipient refused for good with a standard DSN in the sender INBOX', async () => {
    const nobody = `nobody@${ordinaryDomain}`;
    internetPeer.script({ rcpt: () => ({ code: 550, message: '5.1.1 no such user here' }) });
    const identifier = await submit(nobody);
    await drain();
    const dsn = (await folderMessages(provider, mario)).at(-1);
    assert.ok(dsn !== undefined);
    const report = parseDsn(dsn.bytes);
    assert.deepEqual(report.recipients, [
      {
        'final-recipient': `rfc822; ${nobody}`,
        action: 'failed',
        status: '5.1.1',
        'remote-mta': 'dns; 127.0.0.1',
        'diagnostic-code': 'smtp; 550 5.1.1 no such user here',
      },
    ]);
    assert.equal(report.to, `<${mario}>`);
    assert.match(
      report.originalHeaders,
      new RegExp(`Message-ID: <${identifier.replace(/\./g, '\\.')}>`, 'i'),
    );
    const status = await provider.ctx.storage.tracking.get(identifier);
    assert.equal(status?.recipients[0]?.status, 'error');
    const log = await logOf(identifier);
    assert.ok(log.some(([type, to]) => type === legalLogEvents.dsnIssued && to === mario));
    assert.ok(log.some(([type, to]) => type === legalLogEvents.envelopeRelayFailed && to === nobody));
  });

  it('gives up after 24 h in the queue: DSN (4.4.7) for the ordinary recipient, a log entry for the PEC one', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) =>
      closed.close(() => {
        resolve();
      }),
    );
    await provider.ctx.storage.routes.set({ domain: 'down.example', host: '127.0.0.1', port });
    pecPeer.script({ rcpt: () => ({ code: 451, message: '4.3.0 try later' }) });
    const acceptedAt = provider.clock.now().getTime();
    const unreachable = 'carla@down.example';
    const pecDeferred = `dario@${otherProviderDomain}`;
    const identifier = await submit(pecDeferred, unreachable);
    const rounds = await drain();
    assert.ok(rounds > 5 && rounds < 40, `${rounds} attempts`);
    assert.equal(provider.clock.now().getTime() - acceptedAt, 24 * hour);
    assert.deepEqual(await relayJobs(), []);
    assert.equal(pecPeer.received.length, 0);
    const report = parseDsn((await folderMessages(provider, mario)).at(-1)!.bytes);
    assert.deepEqual(
      report.recipients.map((r) => [r['final-recipient'], r['action'], r['status']]),
      [[`rfc822; ${unreachable}`, 'failed', '4.4.7']],
    );
    const failed = (await logOf(identifier)).filter(([type]) => type === legalLogEvents.envelopeRelayFailed);
    assert.deepEqual(failed.map(([, to]) => to).sort(), [pecDeferred, unreachable].sort());
    assert.deepEqual(
      events
        .filter((e) => e.kind === 'expired')
        .flatMap((e) => e.recipients)
        .sort(),
      [pecDeferred, unreachable].sort(),
    );
    await provider.ctx.storage.routes.delete('down.example');
  });

  it('requires STARTTLS towards a PEC peer unless its route says otherwise', async () => {
    const plainPec = await startSmtpSink({
      cert: peerPki.tlsCertificate,
      key: peerPki.tlsPrivateKey,
      noStartTls: true,
    });
    try {
      await provider.ctx.storage.routes.set({
        domain: otherProviderDomain,
        host: '127.0.0.1',
        port: plainPec.port,
      });
      await submit(`anna@${otherProviderDomain}`);
      assert.equal(await worker.runOnce(), 1);
      assert.deepEqual(plainPec.rcptSeen, []);
      assert.match(events.find((e) => e.kind === 'deferred')?.detail ?? '', /STARTTLS|TLS/);
      await provider.ctx.storage.routes.set({
        domain: otherProviderDomain,
        host: '127.0.0.1',
        port: plainPec.port,
        tls: 'none',
      });
      provider.clock.advance(minute);
      assert.equal(await worker.runOnce(), 1);
      assert.equal(plainPec.received.length, 1);
    } finally {
      await provider.ctx.storage.routes.set({
        domain: otherProviderDomain,
        host: '127.0.0.1',
        port: pecPeer.port,
      });
      await plainPec.close();
    }
  });

  it('relays relay-message jobs byte-exact, and bounces an expired forward with a DSN', async () => {
    const { ctx } = provider;
    const receipt = Buffer.from(
      `From: posta-certificata@pec.example.it\r\nMessage-ID: <r1@pec.example.it>\r\nSubject: ok\r\n\r\nbody\r\n`,
    );
    const blobKey = await ctx.blobs.put(receipt);
    const expiresAt = new Date(ctx.clock.now().getTime() + hour).toISOString();
    const to = `mittente@${otherProviderDomain}`;
    await ctx.storage.transaction((tx) =>
      enqueueRelayMessage(tx, {
        blobKey,
        mailFrom: '',
        rcptTo: [to],
        purpose: 'receipt',
        identifier: 'id-1@x',
        expiresAt,
      }),
    );
    await drain();
    assert.deepEqual(
      pecPeer.received.map((m) => [m.mailFrom, m.rcptTo, m.bytes.equals(receipt), m.secure]),
      [['', [to], true, true]],
    );
    assert.deepEqual(await logOf('id-1@x'), [[legalLogEvents.messageRelayed, to]]);

    const forward = Buffer.from(
      'From: someone@ordinary.example\r\nSubject: hello\r\nMessage-ID: <f1@x>\r\n\r\nhi\r\n',
    );
    const forwardKey = await ctx.blobs.put(forward);
    internetPeer.script({ rcpt: () => ({ code: 421, message: '4.7.0 not now' }) });
    await ctx.storage.transaction((tx) =>
      enqueueRelayMessage(tx, {
        blobKey: forwardKey,
        mailFrom: mario,
        rcptTo: [`holder@${ordinaryDomain}`],
        purpose: 'forward',
        expiresAt,
      }),
    );
    await drain();
    const report = parseDsn((await folderMessages(provider, mario)).at(-1)!.bytes);
    assert.deepEqual(
      report.recipients.map((r) => [r['final-recipient'], r['status'], r['diagnostic-code']]),
      [[`rfc822; holder@${ordinaryDomain}`, '4.4.7', 'smtp; 421 4.7.0 not now']],
    );
    assert.deepEqual(await logOf('f1@x'), [
      [legalLogEvents.messageRelayFailed, `holder@${ordinaryDomain}`],
      [legalLogEvents.dsnIssued, mario],
    ]);
  });

  it('sends a DSN for a failed forward of a remote sender back with the null sender', async () => {
    const { ctx } = provider;
    const forwardKey = await ctx.blobs.put(Buffer.from('Subject: x\r\nMessage-ID: <f2@x>\r\n\r\nhi\r\n'));
    const remoteSender = `sender@${otherProviderDomain}`;
    internetPeer.script({ rcpt: () => ({ code: 550, message: '5.1.1 gone' }) });
    await ctx.storage.transaction((tx) =>
      enqueueRelayMessage(tx, {
        blobKey: forwardKey,
        mailFrom: remoteSender,
        rcptTo: [`holder@${ordinaryDomain}`],
        purpose: 'forward',
        expiresAt: new Date(ctx.clock.now().getTime() + hour).toISOString(),
      }),
    );
    await drain();
    assert.equal(pecPeer.received.length, 1);
    const [bounce] = pecPeer.received;
    assert.deepEqual([bounce?.mailFrom, bounce?.rcptTo], ['', [remoteSender]]);
    assert.deepEqual(
      parseDsn(bounce!.bytes).recipients.map((r) => r['status']),
      ['5.1.1'],
    );
  });

  it('relays again after a crash between the peer reply and the commit: at-least-once, same Message-ID', async () => {
    const { ctx } = provider;
    const anna = `anna@${otherProviderDomain}`;
    const identifier = await submit(anna);
    const handlers = createRelayHandlers(relayDependencies());
    const [job] = await ctx.storage.queue.claim({
      owner: 'crashing',
      leaseMs: 60_000,
      kinds: ['relay-envelope'],
    });
    assert.ok(job !== undefined);
    await assert.rejects(
      handlers['relay-envelope']!(job, { completeIn: () => Promise.reject(new Error('killed')) }),
      /killed/,
    );
    assert.equal(pecPeer.received.length, 1);
    assert.deepEqual(
      await logOf(identifier).then((log) => log.filter(([t]) => t === legalLogEvents.envelopeRelayed)),
      [],
    );
    provider.clock.advance(2 * minute);
    await drain();
    assert.equal(pecPeer.received.length, 2);
    const ids = pecPeer.received.map((m) => /^Message-ID: *(\S+)/im.exec(m.bytes.toString('latin1'))?.[1]);
    assert.deepEqual(ids, [`<${identifier}>`, `<${identifier}>`]);
    const relayed = (await logOf(identifier)).filter(([t]) => t === legalLogEvents.envelopeRelayed);
    assert.equal(relayed.length, 1);
  });
});

interface ParsedDsn {
  readonly to: string;
  readonly recipients: Record<string, string>[];
  readonly originalHeaders: string;
}

/** Reads a DSN with our MIME parser, and checks it with Python's email package as an oracle. */
function parseDsn(bytes: Uint8Array): ParsedDsn {
  const root = parseMimeTree(bytes);
  assert.equal(root.contentType.value, 'multipart/report');
  assert.equal(root.contentType.params.get('report-type'), 'delivery-status');
  assert.deepEqual(
    root.children.map((child) => child.contentType.value),
    ['text/plain', 'message/delivery-status', 'text/rfc822-headers'],
  );
  const statusNode = findParts(root, (node) => node.contentType.value === 'message/delivery-status')[0]!;
  const blocks = Buffer.from(readBodyBytes(bytes, statusNode))
    .toString('latin1')
    .split(/\r\n\r\n/)
    .filter((block) => block.trim() !== '')
    .map((block) =>
      Object.fromEntries(
        block
          .split('\r\n')
          .filter((line) => line !== '')
          .map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
          }),
      ),
    );
  assert.match(blocks[0]?.['reporting-mta'] ?? '', /^dns; /);
  const python = spawnSync(
    'python3',
    [
      '-c',
      [
        'import sys, email',
        'm = email.message_from_bytes(sys.stdin.buffer.read())',
        'assert m.get_content_type() == "multipart/report", m.get_content_type()',
        'assert m.get_param("report-type") == "delivery-status"',
        'ds = m.get_payload()[1]',
        'assert ds.get_content_type() == "message/delivery-status"',
        'print(";".join(b.get("Action", "") for b in ds.get_payload()[1:]))',
      ].join('\n'),
    ],
    { input: bytes, encoding: 'utf8' },
  );
  assert.equal(python.status, 0, python.stderr);
  assert.equal(
    python.stdout.trim(),
    blocks
      .slice(1)
      .map(() => 'failed')
      .join(';'),
  );
  const headersNode = root.children[2]!;
  const to = /^To: *(.+)$/im.exec(Buffer.from(bytes).toString('latin1'))?.[1]?.trim() ?? '';
  return {
    to,
    recipients: blocks
      .slice(1)
      .map((block) =>
        Object.fromEntries(Object.entries(block).filter(([name]) => name !== 'last-attempt-date')),
      ),
    originalHeaders: Buffer.from(readBodyBytes(bytes, headersNode)).toString('latin1'),
  };
}
