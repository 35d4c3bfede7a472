/**
 * The HTTP listener of a served provider over real sockets (`ports.http`): /healthz, /readyz
 * (503 naming the storage once it is closed), /metrics parsed line by line and moving under load
 * (SMTP submissions → submission and artefact counters); and quiet handling of clients that drop
 * before or during the TLS handshake on the implicit-TLS submission and IMAP ports: no stack, at
 * most one event per connection.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect as tlsConnect } from 'node:tls';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import { openSmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { createMemoryEventLog } from '../../src/telemetry/create-memory-event-log.ts';
import { createProviderTelemetry } from '../../src/telemetry/create-provider-telemetry.ts';
import { parseExposition, sampleValue } from './parse-exposition.ts';

const domain = 'pec.ops.localhost';
const sender = `mario@${domain}`;
const recipient = `anna@${domain}`;
const password = 'Password-1234';

describe('the HTTP listener and the event log of a served provider', { timeout: 180_000 }, () => {
  let dir: string;
  let ctx: ProviderContext;
  let ca: string;
  let running: RunningProvider;
  const log = createMemoryEventLog();
  const portOf = (name: string): number => {
    const address = running.addresses.find((a) => a.name === name);
    assert.ok(address !== undefined, `no ${name} listener`);
    return address.port;
  };
  const get = (path: string) => fetch(`http://127.0.0.1:${portOf('http')}${path}`);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-ops-'));
    await initProvider({ dataDir: dir, domain, providerName: 'Ops PEC' });
    ctx = await openProvider({
      dataDir: dir,
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      },
    });
    ca = await readFile(join(dir, 'certs', 'ca.pem'), 'utf8');
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    await accounts.createMailbox({ address: sender, password });
    await accounts.createMailbox({ address: recipient, password: 'Password-5678' });
    const telemetry = createProviderTelemetry({ log });
    running = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 100, telemetry }), {
      closeTimeoutMs: 200,
    });
  });
  after(async () => {
    await running.close();
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('/healthz answers 200 {status: ok}', async () => {
    const response = await get('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('/readyz is 200 with every check ok', async () => {
    const response = await get('/readyz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ready',
      checks: { storage: 'ok', blobs: 'ok', signer: 'ok', listeners: 'ok' },
    });
  });

  it('/metrics is Prometheus text 0.0.4 and every line parses', async () => {
    const response = await get('/metrics');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await response.text());
    assert.ok(samples.some((s) => s.name === 'pec_signature_duration_seconds_count'));
    assert.ok(samples.some((s) => s.name === 'pec_imap_idle_sessions'));
    assert.throws(() => parseExposition('pec_x{a="1"} not-a-number\n'), /bad value/);
    assert.throws(() => parseExposition('this is not a sample line\n'), /not a comment or a sample/);
  });

  it('under load the submission, artefact, command and job metrics move', async () => {
    const before = parseExposition(await (await get('/metrics')).text());
    const count = 3;
    for (let n = 0; n < count; n++) {
      const t = await openSmtpTranscript({
        host: '127.0.0.1',
        port: portOf('submissions'),
        ca,
        implicitTls: true,
      });
      await t.expect(220);
      await t.send('EHLO client.test', 250);
      await t.send(`AUTH PLAIN ${Buffer.from(`\0${sender}\0${password}`).toString('base64')}`, 235);
      await t.send(`MAIL FROM:<${sender}>`, 250);
      await t.send(`RCPT TO:<${recipient}>`, 250);
      await t.send('DATA', 354);
      t.write(
        `From: ${sender}\r\nTo: ${recipient}\r\nSubject: carico ${n}\r\nMessage-ID: <load${n}@client.test>\r\n\r\nCiao\r\n.\r\n`,
      );
      await t.expect(250, /Accepted as PEC message/);
      // A refusal with its reason: MAIL FROM naming another mailbox than the authenticated one.
      await t.send(`MAIL FROM:<${recipient}>`, 553, /^5\.7\.1 /);
      await t.close();
    }
    // The worker delivers each message: a delivery receipt per submission.
    const deadline = Date.now() + 30_000;
    let after = parseExposition(await (await get('/metrics')).text());
    while (sampleValue(after, 'pec_artefacts_issued_total', { type: 'delivery-receipt' }) < count) {
      assert.ok(Date.now() < deadline, 'delivery receipts not counted');
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = parseExposition(await (await get('/metrics')).text());
    }
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    assert.equal(moved('pec_submissions_total', { outcome: 'accepted' }), count);
    assert.equal(moved('pec_artefacts_issued_total', { type: 'acceptance' }), count);
    assert.equal(moved('pec_artefacts_issued_total', { type: 'transport-envelope' }), count);
    assert.equal(moved('pec_artefacts_issued_total', { type: 'delivery-receipt' }), count);
    assert.equal(moved('pec_logins_total', { protocol: 'smtp-submission', outcome: 'succeeded' }), count);
    assert.ok(moved('pec_commands_total', { protocol: 'smtp-submission', command: 'DATA' }) >= count);
    assert.ok(moved('pec_connections_total', { protocol: 'smtp-submission' }) >= count);
    assert.equal(moved('pec_submissions_total', { outcome: 'refused', reason: 'sender-not-holder' }), count);
    assert.ok(moved('pec_job_duration_seconds_count', { kind: 'deliver-envelope' }) >= count);
    assert.ok(moved('pec_storage_transaction_duration_seconds_count', { outcome: 'committed' }) > 0);
    assert.ok(moved('pec_signature_duration_seconds_count') >= 2 * count);
    // Every submission event names its session, and the acceptance its identificativo.
    const accepted = log.events.filter((e) => e.event === 'submission.accepted');
    assert.equal(accepted.length, count);
    for (const event of accepted) {
      assert.ok(event.session !== undefined && event.id !== undefined, JSON.stringify(event));
    }
  });

  for (const [name, protocol] of [
    ['submissions', 'smtp-submission'],
    ['imaps', 'imap'],
  ] as const) {
    it(`50 clients dropping before or during the TLS handshake on ${name}: no stack, at most one event each`, async () => {
      log.clear();
      const port = portOf(name);
      const drops = Array.from({ length: 50 }, (_unused, n) =>
        n % 2 === 0
          ? // Before the handshake: connect, then reset.
            new Promise<void>((resolve) => {
              const socket = connect({ host: '127.0.0.1', port }, () => {
                socket.resetAndDestroy();
              });
              socket.on('error', () => undefined);
              socket.on('close', () => {
                resolve();
              });
            })
          : // During it: send the ClientHello, close before the handshake ends.
            new Promise<void>((resolve) => {
              const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
              socket.on('error', () => undefined);
              socket.on('close', () => {
                resolve();
              });
              socket.once('connect', () => {
                setImmediate(() => socket.destroy());
              });
            }),
      );
      await Promise.all(drops);
      // Let the server notice every closed socket.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const stacks = log.events.filter((e) => e.level === 'error' || e.event === 'error.unexpected');
      assert.deepEqual(stacks, []);
      // This listener's events only: an earlier test's sessions may still report their close.
      const events = log.events.filter((e) => e.protocol === protocol);
      // No session starts before the handshake: whatever was reported is one short line per client.
      assert.ok(events.length <= 50, `${events.length} events for 50 connections`);
      for (const event of events) {
        assert.equal(event.event, 'connection.lost', JSON.stringify(event));
        assert.ok(!('error' in event), 'no error object, hence no stack');
      }
    });
  }

  it('/readyz is 503 and names the storage once the storage is closed', async () => {
    // Nothing left for the worker to do, so that closing the storage interrupts no job.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const counts = await ctx.storage.queue.countByStatus();
      if (counts.ready + counts.running === 0) break;
      assert.ok(Date.now() < deadline, JSON.stringify(counts));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await ctx.storage.close();
    const response = await get('/readyz');
    assert.equal(response.status, 503);
    const body = (await response.json()) as { status: string; checks: Record<string, string> };
    assert.equal(body.status, 'not-ready');
    assert.notEqual(body.checks['storage'], 'ok');
    assert.equal(body.checks['listeners'], 'ok');
  });
});
