// The relay's SMTP client with kept sessions, against a real smtp-server peer on loopback that
// counts its connections and TLS handshakes: one connection serves many messages (RSET between
// them), the per-destination bound holds under concurrent sends, a session the peer closed is
// replaced, and closing the transport ends the kept sessions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDevelopmentPki, type DevelopmentPki } from '@pec/core';
import type { RelayRequest } from '../../../ports/relay-transport.ts';
import { createSmtpRelayTransport, type SmtpRelayTransport } from './create-smtp-relay-transport.ts';
import { startSmtpSink, type SmtpSink } from './testing/smtp-sink.ts';

function message(n: number): Buffer {
  return Buffer.from(
    `From: posta-certificata@pec.example.it\r\nTo: anna@pec.other.example\r\nSubject: ${n}\r\n` +
      `Message-ID: <opec1.${n}@pec.example.it>\r\n\r\n.line ${n} with a leading dot\r\n`,
  );
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

describe('createSmtpRelayTransport with a session pool', { timeout: 60_000 }, () => {
  let pki: DevelopmentPki;
  const sinks: SmtpSink[] = [];
  const transports: SmtpRelayTransport[] = [];

  function pooled(maxPerDestination: number, idleMs = 30_000): SmtpRelayTransport {
    const transport = createSmtpRelayTransport({
      heloName: 'mx.pec.example.it',
      connectTimeoutMs: 5000,
      replyTimeoutMs: 10_000,
      dataTimeoutMs: 10_000,
      pool: { maxPerDestination, idleMs },
    });
    transports.push(transport);
    return transport;
  }

  async function sink(idleTimeoutMs?: number): Promise<SmtpSink> {
    const started = await startSmtpSink({
      cert: pki.tlsCertificate,
      key: pki.tlsPrivateKey,
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
    });
    sinks.push(started);
    return started;
  }

  function request(port: number, n: number): RelayRequest {
    return {
      host: '127.0.0.1',
      port,
      mailFrom: 'posta-certificata@pec.example.it',
      rcptTo: [`anna${n}@pec.other.example`],
      bytes: message(n),
      tls: 'required',
      tlsCa: [pki.caCertificate],
    };
  }

  before(async () => {
    pki = await createDevelopmentPki({
      domain: 'pec.other.example',
      providerName: 'Other PEC',
      now: new Date(),
    });
  });
  after(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await Promise.all(sinks.map((s) => s.close()));
  });

  it('sends 10 messages one after another over one connection and one TLS handshake', async () => {
    const peer = await sink();
    const transport = pooled(4);
    for (let n = 0; n < 10; n++) {
      const attempt = await transport.send(request(peer.port, n));
      assert.equal(attempt.encrypted, true);
      assert.deepEqual(
        attempt.recipients.map((r) => [r.address, r.outcome]),
        [[`anna${n}@pec.other.example`, 'accepted']],
      );
    }
    assert.equal(peer.connections.opened, 1);
    assert.equal(peer.tlsHandshakes(), 1);
    // Byte-exact, each with its own envelope: RSET between messages left nothing behind.
    assert.deepEqual(
      peer.received.map((m) => [m.rcptTo, m.bytes.equals(message(peer.received.indexOf(m)))]),
      Array.from({ length: 10 }, (_, n) => [[`anna${n}@pec.other.example`], true]),
    );
  });

  it('opens no more than maxPerDestination connections for concurrent sends, and reuses them', async () => {
    const peer = await sink();
    const transport = pooled(3);
    const attempts = await Promise.all(
      Array.from({ length: 12 }, (_, n) => transport.send(request(peer.port, n % 10))),
    );
    assert.ok(attempts.every((a) => a.recipients.every((r) => r.outcome === 'accepted')));
    assert.equal(peer.received.length, 12);
    assert.ok(peer.connections.opened <= 3, `${peer.connections.opened} connections`);
  });

  it('replaces a kept session that the peer closed, and sends over a new one', async () => {
    const peer = await sink(300);
    const transport = pooled(2);
    assert.equal((await transport.send(request(peer.port, 1))).recipients[0]?.outcome, 'accepted');
    // The peer's idle timeout closes the kept session.
    await until(() => peer.connections.open === 0);
    assert.equal((await transport.send(request(peer.port, 2))).recipients[0]?.outcome, 'accepted');
    assert.equal(peer.connections.opened, 2);
    assert.equal(peer.received.length, 2);
  });

  it('closes its kept sessions when closed, and after its idle time', async () => {
    const peer = await sink();
    const transport = pooled(2);
    await Promise.all([transport.send(request(peer.port, 1)), transport.send(request(peer.port, 2))]);
    assert.ok(peer.connections.open > 0);
    await transport.close();
    await until(() => peer.connections.open === 0);

    const brief = pooled(2, 50);
    await brief.send(request(peer.port, 3));
    await until(() => peer.connections.open === 0);
    assert.equal(peer.received.length, 3);
  });
});
