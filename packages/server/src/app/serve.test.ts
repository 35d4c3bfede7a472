/**
 * serveProvider: listeners from the configuration (ports 0 → free ports), the worker started before
 * the listeners and stopped after them, close() idempotent, a listener that cannot bind stops
 * everything started before it; createProviderServices wires a real provider (a submission over
 * SMTP ends delivered, the worker woken by the access point).
 */
import assert from 'node:assert/strict';
import { connect, createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createFakeAccessPoint,
  createFakeAuthenticator,
} from '../protocols/smtp/testing/fake-submission-services.ts';
import { openSmtpTranscript } from '../protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';
import { initProvider } from './init-provider.ts';
import { openProvider } from './open-provider.ts';
import type { ProviderContext } from './provider-context.ts';
import { startComponents } from './component.ts';
import type { ListenerAddress } from './serve.ts';
import { createProviderServices, providerComponents, serveProvider } from './serve.ts';

const domain = 'pec.serve.localhost';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(true);
    });
  });
}

describe('serveProvider', { timeout: 120_000 }, () => {
  let dir: string;
  let ctx: ProviderContext;
  let ca: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-serve-'));
    await initProvider({ dataDir: dir, domain, providerName: 'Serve PEC' });
    ctx = await openProvider({
      dataDir: dir,
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      },
    });
    ca = await readFile(join(dir, 'certs', 'ca.pem'), 'utf8');
  });
  after(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the worker, then the submission, IMAP and POP3 listeners; close stops the listeners, then the worker', async () => {
    const events: string[] = [];
    let listeners: readonly ListenerAddress[] = [];
    const worker = {
      start: () => events.push('worker.start'),
      stop: async () => {
        const closed = await Promise.all(listeners.map((address) => refused(address.port)));
        events.push(closed.every(Boolean) ? 'worker.stop after the listeners' : 'worker.stop too early');
      },
    };
    const running = await serveProvider(
      ctx,
      { accessPoint: createFakeAccessPoint(), authenticator: createFakeAuthenticator({}), worker },
      { closeTimeoutMs: 200 },
    );
    assert.deepEqual(
      running.addresses.map((a) => [a.name, a.tls, a.host]),
      [
        ['submission', 'starttls', '127.0.0.1'],
        ['submissions', 'implicit', '127.0.0.1'],
        ['imap', 'starttls', '127.0.0.1'],
        ['imaps', 'implicit', '127.0.0.1'],
        ['pop3', 'starttls', '127.0.0.1'],
        ['pop3s', 'implicit', '127.0.0.1'],
        ['http', 'none', '127.0.0.1'],
      ],
    );
    assert.deepEqual(events, ['worker.start']);
    listeners = running.addresses;
    const t = await openSmtpTranscript({ host: '127.0.0.1', port: running.addresses[0]!.port, ca });
    await t.expect(220, /Serve PEC: PEC access point/);
    await t.close();
    await Promise.all([running.close(), running.close()]);
    assert.deepEqual(events, ['worker.start', 'worker.stop after the listeners']);
    for (const address of running.addresses) assert.equal(await refused(address.port), true);
  });

  it('when a listener cannot bind, stops what started before it and rethrows', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const busyPort = (busy.address() as AddressInfo).port;
    const { config } = ctx.config;
    const clashing = {
      ...ctx,
      config: { ...ctx.config, config: { ...config, ports: { ...config.ports, pop3s: busyPort } } },
    };
    const events: string[] = [];
    const worker = {
      start: () => events.push('worker.start'),
      stop: () => {
        events.push('worker.stop');
        return Promise.resolve();
      },
    };
    const bound: ListenerAddress[] = [];
    const services = {
      accessPoint: createFakeAccessPoint(),
      authenticator: createFakeAuthenticator({}),
      worker,
    };
    try {
      await assert.rejects(
        startComponents(providerComponents(clashing, services, { closeTimeoutMs: 200 }, bound)),
        /EADDRINUSE/,
      );
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    assert.deepEqual(
      bound.map((a) => a.name),
      ['submission', 'submissions', 'imap', 'imaps'],
    );
    for (const address of bound) assert.equal(await refused(address.port), true, address.name);
    assert.deepEqual(events, ['worker.start', 'worker.stop']);
  });

  it('with createProviderServices, logins reach the access history and an accepted submission is delivered by the woken worker', async () => {
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    const sender = `mario@${domain}`;
    const recipient = `anna@${domain}`;
    await accounts.createMailbox({ address: sender, password: 'Password-1234' });
    await accounts.createMailbox({ address: recipient, password: 'Password-5678' });
    // A long poll: delivery within the test's wait proves the access point woke the worker.
    const running = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 60_000 }), {
      closeTimeoutMs: 200,
    });
    try {
      const t = await openSmtpTranscript({
        host: '127.0.0.1',
        port: running.addresses[1]!.port,
        ca,
        implicitTls: true,
      });
      await t.expect(220);
      await t.send('EHLO client.test', 250);
      await t.send(`AUTH PLAIN ${Buffer.from(`\0${sender}\0Password-1234`).toString('base64')}`, 235);
      await t.send(`MAIL FROM:<${sender}>`, 250);
      await t.send(`RCPT TO:<${recipient}>`, 250);
      await t.send('DATA', 354);
      t.write(
        `From: ${sender}\r\nTo: ${recipient}\r\nSubject: prova\r\nMessage-ID: <x1@client.test>\r\n\r\nCiao\r\n.\r\n`,
      );
      const reply = await t.expect(250, /Accepted as PEC message/);
      await t.close();
      const logins = await ctx.storage.accessLog.list({ address: sender });
      assert.deepEqual(
        logins.map((e) => [e.protocol, e.outcome, e.remoteAddress]),
        [['smtp', 'success', '127.0.0.1']],
      );
      const identifier = /message (\S+?);/.exec(reply.text)?.[1];
      assert.ok(identifier !== undefined);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const tracked = await ctx.storage.tracking.get(identifier);
        if (tracked?.recipients.every((r) => r.status === 'delivered') === true) break;
        assert.ok(Date.now() < deadline, `not delivered: ${JSON.stringify(tracked)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await running.close();
    }
  });
});
