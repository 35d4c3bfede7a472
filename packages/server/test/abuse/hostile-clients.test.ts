/**
 * Hostile clients against a served provider, over real sockets on loopback: one address
 * (127.0.0.1) holds 300 idle connections on every listener while another (127.0.0.2) still
 * completes a PEC exchange over the MX, a submission, an IMAP and a POP3 login and an HTTP
 * request; a 50 MB literal announced before login is refused without the server buffering it; a
 * 100 KB header line gets a non-acceptance; a burst of early disconnects leaves a bounded log.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import { openImapConversation } from '../../src/protocols/imap/testing/imap-conversation.ts';
import { openSmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { createMemoryEventLog } from '../../src/telemetry/create-memory-event-log.ts';
import { createProviderTelemetry } from '../../src/telemetry/create-provider-telemetry.ts';
import { signedEnvelope } from '../two-providers/pec-fixtures.ts';

const domain = 'pec.abuse.localhost';
const mario = `mario@${domain}`;
const anna = `anna@${domain}`;
const password = 'Password-Abuse-1';
const hostile = '127.0.0.1';
const peer = '127.0.0.2';
const floodPerListener = 300;
const listeners = ['submission', 'submissions', 'smtp', 'imap', 'imaps', 'pop3', 'pop3s', 'http'] as const;

/** Opens a TCP connection from `localAddress` and leaves it idle; resolves once connected. */
function idleConnection(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress }, () => {
      resolve(socket);
    });
    socket.on('error', (error) => {
      if (!socket.connecting) return;
      reject(error);
    });
  });
}

const token = (user: string) => Buffer.from(`\0${user}\0${password}`).toString('base64');

describe('hostile clients against a served provider', { timeout: 240_000 }, () => {
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

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-abuse-'));
    await initProvider({ dataDir: dir, domain, providerName: 'Abuse PEC' });
    ctx = await openProvider({
      dataDir: dir,
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      },
    });
    ca = await readFile(join(dir, 'certs', 'ca.pem'), 'utf8');
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    await accounts.createMailbox({ address: mario, password });
    await accounts.createMailbox({ address: anna, password });
    // The operator's log as the CLI builds it, expected conditions rate-limited.
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

  it(`while ${hostile} holds ${floodPerListener} idle connections on every listener, ${peer} is served`, async () => {
    const flood: Socket[] = [];
    try {
      for (const name of listeners) {
        const port = portOf(name);
        flood.push(
          ...(await Promise.all(
            Array.from({ length: floodPerListener }, () => idleConnection(port, hostile)),
          )),
        );
      }
      // The flooding address itself is turned away once over its cap, with a reason.
      const refused = await openSmtpTranscript({
        host: '127.0.0.1',
        port: portOf('smtp'),
        ca,
        localAddress: hostile,
      });
      await refused.expect(421, /^4\.7\.0 Too many connections from your address/);
      refused.abort();

      // A PEC exchange over the MX: a transport envelope signed by a listed provider.
      const original = Buffer.from(
        `From: ${mario}\r\nTo: ${anna}\r\nSubject: tra gestori\r\nMessage-ID: <peer1@client.test>\r\n\r\nCiao\r\n`,
      );
      const envelope = await signedEnvelope(ctx.identity, original, ctx.signer);
      const mx = await openSmtpTranscript({
        host: '127.0.0.1',
        port: portOf('smtp'),
        ca,
        localAddress: peer,
      });
      await mx.expect(220);
      await mx.send('EHLO peer.test', 250);
      await mx.startTls();
      await mx.send('EHLO peer.test', 250);
      await mx.send(`MAIL FROM:<${mario}>`, 250);
      await mx.send(`RCPT TO:<${anna}>`, 250);
      await mx.send('DATA', 354);
      mx.write(Buffer.from(`${envelope.bytes.toString('latin1').replace(/^\./gm, '..')}\r\n.\r\n`, 'latin1'));
      await mx.expect(250);
      await mx.close();

      // A submission on the implicit-TLS port.
      const submission = await openSmtpTranscript({
        host: '127.0.0.1',
        port: portOf('submissions'),
        ca,
        implicitTls: true,
        localAddress: peer,
      });
      await submission.expect(220);
      await submission.send('EHLO client.test', 250);
      await submission.send(`AUTH PLAIN ${token(mario)}`, 235);
      await submission.send(`MAIL FROM:<${mario}>`, 250);
      await submission.send(`RCPT TO:<${anna}>`, 250);
      await submission.send('DATA', 354);
      submission.write(
        `From: ${mario}\r\nTo: ${anna}\r\nSubject: prova\r\nMessage-ID: <peer2@client.test>\r\n\r\nCiao\r\n.\r\n`,
      );
      await submission.expect(250, /Accepted as PEC message/);
      await submission.close();

      // An IMAP login on the implicit-TLS port.
      const imap = await openImapConversation({
        port: portOf('imaps'),
        ca,
        implicitTls: true,
        localAddress: peer,
      });
      await imap.expect(/^\* OK /);
      await imap.transact(`a1 LOGIN ${anna} "${password}"`, /^a1 OK /);
      imap.close();

      // A POP3 greeting on the plain port.
      const pop3 = await idleConnection(portOf('pop3'), peer);
      const greeting = await new Promise<string>((resolve) => {
        pop3.once('data', (chunk: Buffer) => {
          resolve(chunk.toString('latin1'));
        });
      });
      assert.match(greeting, /^\+OK /);
      pop3.destroy();

      // The HTTP listener.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: portOf('http'), path: '/healthz', localAddress: peer },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 200);
    } finally {
      for (const socket of flood) socket.destroy();
    }
  });

  it('a 50 MB literal announced before login is refused, and nothing of it is buffered', async () => {
    global.gc?.();
    const memory = () => {
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const before = memory();
    const clients = await Promise.all(
      Array.from({ length: 4 }, () => openImapConversation({ port: portOf('imap'), localAddress: peer })),
    );
    for (const [n, c] of clients.entries()) {
      await c.expect(/^\* OK /);
      // Never "+ Ready": the client would then be allowed to send 50 MB to an unknown party.
      await c.transact(`l${n} LOGIN {50000000}`, /^l\d NO \[TOOBIG\] /);
      // A client that sends the bytes anyway meets the line limit, not a buffer.
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      for (let i = 0; i < 4; i++) c.write(chunk);
      c.write('\r\n');
      await c.expect(/BAD line longer than/, 20_000);
    }
    const grown = memory() - before;
    for (const c of clients) c.close();
    assert.ok(grown < 24 * 1024 * 1024, `memory grew by ${grown} bytes for 4 × 50 MB announced`);
  });

  it('a submitted 100 KB header line gets a non-acceptance, not a 250', async () => {
    const t = await openSmtpTranscript({
      host: '127.0.0.1',
      port: portOf('submissions'),
      ca,
      implicitTls: true,
    });
    await t.expect(220);
    await t.send('EHLO client.test', 250);
    await t.send(`AUTH PLAIN ${token(mario)}`, 235);
    await t.send(`MAIL FROM:<${mario}>`, 250);
    await t.send(`RCPT TO:<${anna}>`, 250);
    await t.send('DATA', 354);
    t.write(
      `From: ${mario}\r\nTo: ${anna}\r\nSubject: lunga\r\nX-Long: ${'x'.repeat(100_000)}\r\n` +
        `Message-ID: <long@client.test>\r\n\r\nCiao\r\n.\r\n`,
    );
    await t.expect(550, /^5\.6\.0 .*longer than 1000 octets.*non-acceptance notice opec\S+ is in your INBOX/);
    await t.close();
  });

  it('a burst of 300 early disconnects leaves a bounded log, without stacks', async () => {
    log.clear();
    const port = portOf('submissions');
    await Promise.all(
      Array.from(
        { length: floodPerListener },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect({ host: '127.0.0.1', port }, () => {
              socket.resetAndDestroy();
            });
            socket.on('error', () => undefined);
            socket.on('close', () => {
              resolve();
            });
          }),
      ),
    );
    // Let the server notice every reset and the limiter report what it left out.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.deepEqual(
      log.events.filter((e) => e.event === 'error.unexpected'),
      [],
    );
    const expected = new Set(['connection.lost', 'connection.rejected', 'connection.suppressed']);
    const lines = log.events.filter((e) => e.protocol === 'smtp-submission' && expected.has(e.event));
    // At most 20 a second pass, then one summary per second: a few windows for the whole burst.
    assert.ok(lines.length <= 70, `${lines.length} log events for ${floodPerListener} early disconnects`);
    assert.ok(
      lines.some((e) => e.event === 'connection.suppressed'),
      'the rest is summarised',
    );
  });
});
