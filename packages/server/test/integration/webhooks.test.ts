/**
 * Webhooks end to end: a local receiver verifies every Standard Webhooks signature; a PEC sent over
 * SMTP submission to another box of the same provider gives the sender's endpoint
 * message.accepted then message.delivered, once each, and the recipient's endpoint
 * message.received; with the receiver down (503) the deliveries are retried with backoff (short
 * settings here) and all arrive, each once, after it comes back; the delivery log records the
 * failed attempts; a delivery can be replayed with the same webhook-id.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from '../api/api-provider.ts';

interface Received {
  id: string;
  type: string;
  identifier: string | null;
  answered: number;
}

function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('webhooks', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let receiver: Server;
  let receiverUrl = '';
  const secrets = new Map<string, string>();
  const received: Received[] = [];
  let badSignatures = 0;
  let down = false;

  before(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        const secret = secrets.get(path) ?? '';
        if (!verify(secret, request.headers, body)) badSignatures += 1;
        const event = JSON.parse(body) as { type: string; data: { identifier: string | null } };
        const answered = down ? 503 : 204;
        received.push({
          id: String(request.headers['webhook-id']),
          type: event.type,
          identifier: event.data.identifier,
          answered,
        });
        response.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}`;
    provider = await startApiProvider({
      overrides: {
        integration: { webhookPollSeconds: 0.1, webhookFirstRetrySeconds: 0.3, webhookMaxRetrySeconds: 1 },
      },
    });
  });
  after(async () => {
    await provider.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function register(cookie: string, path: string, events: string[]): Promise<number> {
    const response = await fetch(`${provider.base}/api/v1/webhooks`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ url: `${receiverUrl}${path}`, events }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const body = (await response.json()) as { id: number; secret: string };
    assert.match(body.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    secrets.set(path, body.secret);
    return body.id;
  }

  async function until(what: string, done: () => boolean): Promise<void> {
    for (let i = 0; i < 300 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(done(), what);
  }

  const delivered = (type: string) => received.filter((r) => r.answered === 204 && r.type === type);

  it('a PEC to another box gives accepted then delivered once each, and received to the recipient', async () => {
    const mario = await signIn(provider.base, holders.mario);
    const anna = await signIn(provider.base, holders.anna);
    await register(mario, '/mario', ['message.accepted', 'message.delivered', 'message.non-delivery']);
    await register(anna, '/anna', ['message.received']);
    await provider.deliverPec(holders.mario, holders.anna, 'Diffida', 'Testo.\n');
    await until('accepted, delivered and received', () =>
      ['message.accepted', 'message.delivered', 'message.received'].every((t) => delivered(t).length === 1),
    );
    // A moment more: nothing is sent twice.
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(badSignatures, 0);
    const marios = received.filter((r) => r.type !== 'message.received');
    assert.deepEqual(
      marios.map((r) => r.type),
      ['message.accepted', 'message.delivered'],
    );
    assert.equal(marios[0]?.identifier, marios[1]?.identifier);
    assert.equal(new Set(received.map((r) => r.id)).size, received.length);
  });

  it('with the receiver down the deliveries are retried and all arrive once it is back', async () => {
    const before = received.length;
    down = true;
    await provider.deliverPec(holders.mario, holders.anna, 'Secondo invio', 'Testo.\n');
    await until(
      'failed attempts while down',
      () => received.slice(before).filter((r) => r.answered === 503).length >= 4,
    );
    const mario = await signIn(provider.base, holders.mario);
    const endpoints = (await (
      await fetch(`${provider.base}/api/v1/webhooks`, { headers: { cookie: mario } })
    ).json()) as {
      webhooks: { id: number }[];
    };
    const endpointId = endpoints.webhooks[0]?.id ?? 0;
    const log = (await (
      await fetch(`${provider.base}/api/v1/webhooks/${String(endpointId)}/deliveries`, {
        headers: { cookie: mario },
      })
    ).json()) as {
      deliveries: {
        id: number;
        webhookId: string;
        status: string;
        attempts: number;
        lastStatus: number | null;
      }[];
    };
    assert.ok(log.deliveries.some((d) => d.status === 'pending' && d.attempts >= 1 && d.lastStatus === 503));
    down = false;
    await until('everything delivered after the receiver is back', () =>
      ['message.accepted', 'message.delivered', 'message.received'].every((t) => delivered(t).length === 2),
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(badSignatures, 0);
    // Each event answered 2xx exactly once; retries kept the webhook-id; order per message kept.
    const ok = received.filter((r) => r.answered === 204);
    assert.equal(new Set(ok.map((r) => r.id)).size, ok.length);
    const second = ok.filter((r) => r.type !== 'message.received').slice(2);
    assert.deepEqual(
      second.map((r) => r.type),
      ['message.accepted', 'message.delivered'],
    );
    const retried = received
      .slice(before)
      .filter((r) => r.answered === 503)
      .map((r) => r.id);
    assert.ok(retried.every((id) => ok.some((r) => r.id === id)));

    // Manual replay: the same webhook-id again.
    const first = log.deliveries.at(-1);
    assert.ok(first !== undefined);
    const count = received.length;
    const replay = await fetch(
      `${provider.base}/api/v1/webhooks/${String(endpointId)}/deliveries/${String(first.id)}/replay`,
      { method: 'POST', headers: { cookie: mario, 'x-pec-request': '1' } },
    );
    assert.equal(replay.status, 202);
    await until('replayed', () => received.length > count);
    assert.equal(received.at(-1)?.id, first.webhookId);
  });
});
