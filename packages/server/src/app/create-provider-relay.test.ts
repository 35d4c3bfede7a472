/**
 * createProviderRelay on a data folder made by initProvider: the `relay` settings reach the
 * relay (extra CA file for verified TLS, DNS on or off), and static routes come from storage.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDevelopmentPki } from '@pec/core';
import { startSmtpSink, type SmtpSink } from '../protocols/smtp/relay-client/testing/smtp-sink.ts';
import { createOutboxWorker } from '../services/pipeline/outbox/create-outbox-worker.ts';
import type { RelayLogEvent } from '../services/pipeline/relay/relay-dependencies.ts';
import { enqueueRelayMessage } from '../services/pipeline/relay/relay-message-job.ts';
import { createProviderRelay } from './create-provider-relay.ts';
import { initProvider } from './init-provider.ts';
import { openProvider } from './open-provider.ts';
import type { ProviderContext } from './provider-context.ts';

describe('createProviderRelay', { timeout: 120_000 }, () => {
  let dir: string;
  let peer: SmtpSink;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-relay-app-'));
    await initProvider({ dataDir: dir, domain: 'pec.relay.localhost', providerName: 'Relay PEC' });
    const peerPki = await createDevelopmentPki({
      domain: 'pec.peer.example',
      providerName: 'Peer',
      now: new Date(),
    });
    await writeFile(join(dir, 'peer-ca.pem'), peerPki.caCertificate);
    peer = await startSmtpSink({ cert: peerPki.tlsCertificate, key: peerPki.tlsPrivateKey });
  });
  after(async () => {
    await peer.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function relayOnce(
    ctx: ProviderContext,
    rcptTo: string,
    mx?: Parameters<typeof createProviderRelay>[1],
  ): Promise<RelayLogEvent[]> {
    const events: RelayLogEvent[] = [];
    const blobKey = await ctx.blobs.put(Buffer.from('Subject: receipt\r\nMessage-ID: <r@x>\r\n\r\nok\r\n'));
    await ctx.storage.transaction((tx) =>
      enqueueRelayMessage(tx, {
        blobKey,
        mailFrom: '',
        rcptTo: [rcptTo],
        purpose: 'receipt',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    );
    const relay = createProviderRelay(ctx, { ...mx, log: (event) => events.push(event) });
    const worker = createOutboxWorker(ctx, relay.handlers, { owner: 'test', leaseMs: 60_000, pollMs: 10 });
    try {
      assert.equal(await worker.runOnce(), 1);
    } finally {
      await relay.close();
    }
    return events;
  }

  it('verifies a PEC peer with relay.tlsCaFiles and routes by the stored static route', async () => {
    const ctx = await openProvider({
      dataDir: dir,
      overrides: { relay: { tlsCaFiles: ['peer-ca.pem'], dns: false } },
    });
    try {
      await ctx.storage.routes.set({ domain: 'pec.peer.example', host: '127.0.0.1', port: peer.port });
      const events = await relayOnce(ctx, 'mittente@pec.peer.example');
      assert.deepEqual(
        events.map((e) => e.kind),
        ['relayed'],
      );
      assert.deepEqual(
        peer.received.map((m) => [m.rcptTo, m.secure]),
        [[['mittente@pec.peer.example'], true]],
      );
    } finally {
      await ctx.close();
    }
  });

  it('without the CA file the peer does not verify, and the receipt waits', async () => {
    const ctx = await openProvider({ dataDir: dir, overrides: { relay: { dns: false } } });
    try {
      const events = await relayOnce(ctx, 'other@pec.peer.example');
      assert.deepEqual(
        events.map((e) => e.kind),
        ['deferred'],
      );
      assert.match(events[0]?.detail ?? '', /TLS handshake failed/);
    } finally {
      await ctx.close();
    }
  });

  it('waits for a route when DNS is off, and asks DNS when it is on', async () => {
    const off = await openProvider({ dataDir: dir, overrides: { relay: { dns: false } } });
    try {
      const events = await relayOnce(off, 'x@unrouted.example');
      assert.match(events[0]?.detail ?? '', /no route to unrouted\.example/);
    } finally {
      await off.close();
    }
    const on = await openProvider({ dataDir: dir });
    try {
      const asked: string[] = [];
      const events = await relayOnce(on, 'x@nxdomain.example', {
        mx: {
          resolve: (domain) => {
            asked.push(domain);
            return Promise.resolve({ kind: 'permanent-failure', reason: `${domain} does not exist` });
          },
        },
      });
      assert.deepEqual(asked, ['nxdomain.example']);
      assert.deepEqual(
        events.map((e) => e.kind),
        ['failed'],
      );
    } finally {
      await on.close();
    }
  });
});
