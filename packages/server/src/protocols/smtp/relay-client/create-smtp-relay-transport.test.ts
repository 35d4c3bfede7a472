// The relay's SMTP client against a real smtp-server peer on loopback: byte-exact transfer,
// envelope kept, STARTTLS policies (required / opportunistic / none), per-recipient outcomes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createDevelopmentPki, type DevelopmentPki } from '@pec/core';
import type { RelayRequest } from '../../../ports/relay-transport.ts';
import { createSmtpRelayTransport } from './create-smtp-relay-transport.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

const transport = createSmtpRelayTransport({
  heloName: 'mx.pec.example.it',
  connectTimeoutMs: 2000,
  replyTimeoutMs: 5000,
  dataTimeoutMs: 5000,
});

/** A transport envelope-like message: CRLF, a line starting with a dot, 8-bit bytes. */
const message = Buffer.concat([
  Buffer.from(
    'From: "Per conto di: mario@pec.example.it" <posta-certificata@pec.example.it>\r\n' +
      'To: anna@pec.other.example\r\nSubject: POSTA CERTIFICATA: prova\r\n' +
      'Message-ID: <opec1.20260310.1@pec.example.it>\r\nX-Trasporto: posta-certificata\r\n' +
      'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n' +
      'Content-Transfer-Encoding: 8bit\r\n\r\n.a line with a leading dot\r\n..two dots\r\n.\r\ncaff',
    'latin1',
  ),
  Buffer.from([0xe8, 0x0d, 0x0a]),
]);

function request(port: number, overrides: Partial<RelayRequest> = {}): RelayRequest {
  return {
    host: '127.0.0.1',
    port,
    mailFrom: 'mario@pec.example.it',
    rcptTo: ['anna@pec.other.example'],
    bytes: message,
    tls: 'required',
    ...overrides,
  };
}

describe('createSmtpRelayTransport', () => {
  let pki: DevelopmentPki;
  let otherPki: DevelopmentPki;
  const sinks: SmtpSink[] = [];

  async function sink(options: Partial<Parameters<typeof startSmtpSink>[0]> = {}): Promise<SmtpSink> {
    const started = await startSmtpSink({ cert: pki.tlsCertificate, key: pki.tlsPrivateKey, ...options });
    sinks.push(started);
    return started;
  }

  before(async () => {
    const now = new Date();
    pki = await createDevelopmentPki({ domain: 'pec.other.example', providerName: 'Other PEC', now });
    otherPki = await createDevelopmentPki({ domain: 'pec.third.example', providerName: 'Third PEC', now });
  });
  after(async () => {
    await Promise.all(sinks.map((s) => s.close()));
  });

  it('delivers the bytes unchanged over verified STARTTLS, keeping MAIL FROM and RCPT TO', async () => {
    const peer = await sink();
    const attempt = await transport.send(
      request(peer.port, {
        rcptTo: ['anna@pec.other.example', 'bruno@pec.other.example'],
        tlsCa: [pki.caCertificate],
      }),
    );
    assert.equal(attempt.transacted, true);
    assert.equal(attempt.encrypted, true);
    assert.deepEqual(
      attempt.recipients.map((r) => [r.address, r.outcome, r.code]),
      [
        ['anna@pec.other.example', 'accepted', 250],
        ['bruno@pec.other.example', 'accepted', 250],
      ],
    );
    assert.equal(peer.received.length, 1);
    const [got] = peer.received;
    assert.equal(got?.sha256, createHash('sha256').update(message).digest('hex'));
    assert.equal(got.mailFrom, 'mario@pec.example.it');
    assert.deepEqual(got.rcptTo, ['anna@pec.other.example', 'bruno@pec.other.example']);
    assert.equal(got.secure, true);
  });

  it('adds only the final CRLF a message without one lacks', async () => {
    const peer = await sink();
    const bare = Buffer.from('Subject: x\r\n\r\nno final line break');
    const attempt = await transport.send(request(peer.port, { bytes: bare, tls: 'none' }));
    assert.equal(attempt.recipients[0]?.outcome, 'accepted');
    assert.deepEqual(peer.received[0]?.bytes, Buffer.concat([bare, Buffer.from('\r\n')]));
  });

  it('sends the null reverse-path of a DSN as MAIL FROM:<>', async () => {
    const peer = await sink();
    const attempt = await transport.send(request(peer.port, { mailFrom: '', tls: 'opportunistic' }));
    assert.equal(attempt.recipients[0]?.outcome, 'accepted');
    assert.equal(peer.received[0]?.mailFrom, '');
  });

  it('with TLS required, refuses a peer without STARTTLS and sends nothing', async () => {
    const peer = await sink({ noStartTls: true });
    const attempt = await transport.send(request(peer.port, { tlsCa: [pki.caCertificate] }));
    assert.equal(attempt.transacted, false);
    assert.equal(attempt.encrypted, false);
    assert.equal(attempt.recipients[0]?.outcome, 'temporary');
    assert.match(attempt.recipients[0].text, /STARTTLS|TLS/);
    assert.deepEqual(peer.rcptSeen, []);
    assert.equal(peer.received.length, 0);
  });

  it('with TLS required, refuses a certificate from an untrusted CA', async () => {
    const peer = await sink();
    const attempt = await transport.send(request(peer.port, { tlsCa: [otherPki.caCertificate] }));
    assert.equal(attempt.transacted, false);
    assert.equal(attempt.recipients[0]?.outcome, 'temporary');
    assert.match(attempt.recipients[0].text, /TLS handshake failed/);
    assert.deepEqual(peer.rcptSeen, []);
  });

  it('opportunistic TLS encrypts when offered (unverified) and goes plain when not', async () => {
    const tlsPeer = await sink();
    const plainPeer = await sink({ noStartTls: true });
    const encrypted = await transport.send(request(tlsPeer.port, { tls: 'opportunistic' }));
    const plain = await transport.send(request(plainPeer.port, { tls: 'opportunistic' }));
    assert.deepEqual([encrypted.encrypted, encrypted.recipients[0]?.outcome], [true, 'accepted']);
    assert.deepEqual([plain.encrypted, plain.recipients[0]?.outcome], [false, 'accepted']);
    assert.equal(tlsPeer.received[0]?.secure, true);
    assert.equal(plainPeer.received[0]?.secure, false);
  });

  it('never starts TLS with policy none, even when offered', async () => {
    const peer = await sink();
    const attempt = await transport.send(request(peer.port, { tls: 'none' }));
    assert.equal(attempt.encrypted, false);
    assert.equal(peer.received[0]?.secure, false);
  });

  it('reports 250 / 450 / 550 per recipient and sends to the accepted one only', async () => {
    const peer = await sink({
      rcpt: (address) =>
        address.startsWith('busy')
          ? { code: 450, message: '4.2.1 mailbox busy, try later' }
          : address.startsWith('ghost')
            ? { code: 550, message: '5.1.1 no such user' }
            : undefined,
    });
    const attempt = await transport.send(
      request(peer.port, {
        tls: 'opportunistic',
        rcptTo: ['anna@pec.other.example', 'busy@pec.other.example', 'ghost@pec.other.example'],
      }),
    );
    assert.deepEqual(
      attempt.recipients.map((r) => [r.address, r.outcome, r.code, r.enhancedCode]),
      [
        ['anna@pec.other.example', 'accepted', 250, null],
        ['busy@pec.other.example', 'temporary', 450, '4.2.1'],
        ['ghost@pec.other.example', 'permanent', 550, '5.1.1'],
      ],
    );
    assert.match(attempt.recipients[2]?.text ?? '', /^550 5\.1\.1 no such user/);
    assert.deepEqual(peer.received[0]?.rcptTo, ['anna@pec.other.example']);
  });

  it('applies the reply to the end of DATA to every accepted recipient', async () => {
    const permanent = await sink({ data: () => ({ code: 554, message: '5.6.0 content refused' }) });
    const temporary = await sink({ data: () => ({ code: 451, message: '4.3.0 local problem' }) });
    const rcptTo = ['anna@pec.other.example', 'bruno@pec.other.example'];
    const refused = await transport.send(request(permanent.port, { tls: 'none', rcptTo }));
    const deferred = await transport.send(request(temporary.port, { tls: 'none', rcptTo }));
    assert.deepEqual(
      refused.recipients.map((r) => [r.outcome, r.code, r.enhancedCode]),
      [
        ['permanent', 554, '5.6.0'],
        ['permanent', 554, '5.6.0'],
      ],
    );
    assert.deepEqual(
      deferred.recipients.map((r) => [r.outcome, r.code]),
      [
        ['temporary', 451],
        ['temporary', 451],
      ],
    );
  });

  it('reports a closed port as a temporary failure before any transaction', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    const attempt = await transport.send(request(port, { tls: 'none' }));
    assert.equal(attempt.transacted, false);
    assert.equal(attempt.recipients[0]?.outcome, 'temporary');
    assert.equal(attempt.recipients[0].code, null);
    assert.match(attempt.recipients[0].text, /cannot connect/);
  });

  it('gives up on a peer that never greets, within the reply timeout', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const quick = createSmtpRelayTransport({ heloName: 'mx.example', replyTimeoutMs: 200 });
    const started = Date.now();
    const attempt = await quick.send(request(port, { tls: 'none' }));
    server.close();
    assert.equal(attempt.transacted, false);
    assert.match(attempt.recipients[0]?.text ?? '', /no SMTP reply within 200 ms/);
    assert.ok(Date.now() - started < 3000);
  });

  it('refuses a message larger than the SIZE the peer announces, without sending it', async () => {
    const small = await sink({ size: 64 });
    const attempt = await transport.send(request(small.port, { tls: 'none' }));
    assert.equal(attempt.recipients[0]?.outcome, 'permanent');
    assert.equal(attempt.recipients[0].enhancedCode, '5.3.4');
    assert.equal(small.received.length, 0);
  });
});
