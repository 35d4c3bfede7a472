/**
 * The webhook and client-setup routes behind the webmail's Integrations and mail-client pages, and
 * the operator's webhook console, over real HTTP against a real provider: an endpoint is disabled
 * (a test event waits) and enabled (the event arrives, signed as Standard Webhooks says), the log
 * shows the attempt, a delivery is replayed with the same webhook-id; another holder, by session
 * or by token, gets 404 on every route of an endpoint not theirs; the operator's admin lists every
 * endpoint with its deliveries counted and replays, support only reads, a postmaster sees nothing.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addPrincipal, adminCall, adminSignIn } from './admin-helpers.ts';
import { domain, holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface Received {
  readonly id: string;
  readonly type: string;
  readonly signed: boolean;
}

interface Delivery {
  id: number;
  webhookId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
}

function signedBy(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((signature) => {
      const [version, value] = signature.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('webhook console and client setup over HTTP', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  let receiver: Server;
  let receiverUrl = '';
  let secret = '';
  const received: Received[] = [];
  let mario = '';
  let anna = '';
  let endpointId = 0;

  before(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const event = JSON.parse(body) as { type: string };
        received.push({
          id: String(request.headers['webhook-id']),
          type: event.type,
          signed: signedBy(secret, request.headers, body),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/hook`;
    provider = await startApiProvider({
      overrides: { integration: { webhookPollSeconds: 0.1 } },
    });
    mario = await signIn(provider.base, holders.mario);
    anna = await signIn(provider.base, holders.anna);
  });
  after(async () => {
    await provider.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const call = (cookie: string | undefined, method: string, path: string, body?: unknown) =>
    fetch(`${provider.base}${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        'x-pec-request': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function deliveries(cookie: string): Promise<Delivery[]> {
    const response = await call(cookie, 'GET', `/api/v1/webhooks/${String(endpointId)}/deliveries`);
    assert.equal(response.status, 200);
    return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
  }

  async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(what);
  }

  it('a test event waits while the endpoint is disabled and arrives signed once it is enabled', async () => {
    const created = await call(mario, 'POST', '/api/v1/webhooks', {
      url: receiverUrl,
      events: ['message.delivered'],
      description: 'ERP',
    });
    assert.equal(created.status, 201);
    const endpoint = (await created.json()) as { id: number; secret: string; enabled: boolean };
    assert.equal(endpoint.enabled, true);
    endpointId = endpoint.id;
    secret = endpoint.secret;

    const disabled = await call(mario, 'PATCH', `/api/v1/webhooks/${String(endpointId)}`, { enabled: false });
    assert.equal(disabled.status, 200);
    assert.equal(((await disabled.json()) as { enabled: boolean }).enabled, false);
    const listed = (await (await call(mario, 'GET', '/api/v1/webhooks')).json()) as {
      webhooks: { id: number; enabled: boolean; secret?: string }[];
    };
    assert.deepEqual(
      listed.webhooks.map((w) => [w.id, w.enabled, w.secret]),
      [[endpointId, false, undefined]],
    );

    assert.equal((await call(mario, 'POST', `/api/v1/webhooks/${String(endpointId)}/test`)).status, 202);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(received.length, 0, 'nothing is sent to a disabled endpoint');
    const waiting = await deliveries(mario);
    assert.deepEqual(
      waiting.map((d) => [d.type, d.status, d.attempts]),
      [['webhook.test', 'pending', 0]],
    );

    const enabled = await call(mario, 'PATCH', `/api/v1/webhooks/${String(endpointId)}`, { enabled: true });
    assert.equal(((await enabled.json()) as { enabled: boolean }).enabled, true);
    await until('the test event arrives', () => received.length === 1);
    assert.deepEqual(received[0], { id: waiting[0]?.webhookId, type: 'webhook.test', signed: true });
    await until('the log says delivered', async () => (await deliveries(mario))[0]?.status === 'delivered');
    const [done] = await deliveries(mario);
    assert.equal(done?.attempts, 1);
    assert.equal(done.lastStatus, 204);

    const replay = await call(
      mario,
      'POST',
      `/api/v1/webhooks/${String(endpointId)}/deliveries/${String(done.id)}/replay`,
    );
    assert.equal(replay.status, 202);
    await until('the replay arrives', () => received.length === 2);
    assert.equal(received[1]?.id, done.webhookId);
    assert.equal(received[1].signed, true);
  });

  it('another holder, by session or by token, finds nothing of an endpoint not theirs (404)', async () => {
    const token = await call(anna, 'POST', '/api/v1/tokens', {
      name: 'ERP di Anna',
      scopes: ['webhooks:manage'],
    });
    assert.equal(token.status, 201);
    const bearer = ((await token.json()) as { token: string }).token;
    const [delivery] = await deliveries(mario);
    assert.ok(delivery !== undefined);
    const id = String(endpointId);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/webhooks/${id}/deliveries`],
      ['POST', `/api/v1/webhooks/${id}/deliveries/${String(delivery.id)}/replay`],
      ['POST', `/api/v1/webhooks/${id}/test`],
      ['PATCH', `/api/v1/webhooks/${id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${id}`],
    ];
    const before = received.length;
    for (const [method, path, body] of attempts) {
      const bySession = await call(anna, method, path, body);
      assert.equal(bySession.status, 404, `${method} ${path} by session`);
      assert.match(bySession.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const byToken = await fetch(`${provider.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      assert.equal(byToken.status, 404, `${method} ${path} by token`);
    }
    const annas = (await (await call(anna, 'GET', '/api/v1/webhooks')).json()) as { webhooks: unknown[] };
    assert.deepEqual(annas.webhooks, []);
    // Mario's endpoint is untouched: still enabled, its log whole, nothing replayed or tested.
    const marios = (await (await call(mario, 'GET', '/api/v1/webhooks')).json()) as {
      webhooks: { enabled: boolean }[];
    };
    assert.equal(marios.webhooks[0]?.enabled, true);
    assert.equal((await deliveries(mario)).length, 1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(received.length, before);
    // A delivery of another endpoint named under one's own: 404 as well.
    const own = await call(anna, 'POST', '/api/v1/webhooks', {
      url: receiverUrl,
      events: ['message.received'],
    });
    const annaEndpoint = ((await own.json()) as { id: number }).id;
    const crossed = await call(
      anna,
      'POST',
      `/api/v1/webhooks/${String(annaEndpoint)}/deliveries/${String(delivery.id)}/replay`,
    );
    assert.equal(crossed.status, 404);
  });

  it('a bad request is a problem: unknown event type, bad URL, enabled not a boolean', async () => {
    for (const body of [
      { url: receiverUrl, events: ['message.nope'] },
      { url: 'ftp://example.org/', events: ['message.delivered'] },
      { url: receiverUrl, events: [] },
    ]) {
      const response = await call(mario, 'POST', '/api/v1/webhooks', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    const patch = await call(mario, 'PATCH', `/api/v1/webhooks/${String(endpointId)}`, { enabled: 'no' });
    assert.equal(patch.status, 400);
  });

  it('client setup lists the servers the listeners offer, for a signed-in holder only', async () => {
    assert.equal((await call(undefined, 'GET', '/api/v1/client-setup')).status, 401);
    const response = await call(mario, 'GET', '/api/v1/client-setup');
    assert.equal(response.status, 200);
    const setup = (await response.json()) as {
      username: string;
      servers: { protocol: string; host: string; port: number; security: string }[];
    };
    assert.equal(setup.username, holders.mario);
    const protocols = new Set(setup.servers.map((s) => s.protocol));
    assert.deepEqual([...protocols].sort(), ['imap', 'pop3', 'smtp']);
    // Implicit TLS first (RFC 8314 §5.1), on the port the listener is bound to.
    const imaps = setup.servers.find((s) => s.protocol === 'imap');
    assert.equal(imaps?.security, 'tls');
    const bound = provider.running.addresses.find((a) => a.name === 'imaps');
    assert.equal(imaps.port, bound?.port);
    const profile = await call(mario, 'GET', '/api/v1/client-setup/mobileconfig');
    assert.equal(profile.status, 200);
    assert.match(await profile.text(), new RegExp(`<string>${holders.mario}</string>`));
  });

  it('the operator console: admin lists and replays, support reads only, a postmaster sees nothing', async () => {
    await addPrincipal(provider.ctx, 'admin@operator.example', 'admin');
    await addPrincipal(provider.ctx, 'support@operator.example', 'support');
    await addPrincipal(provider.ctx, 'pm@operator.example', 'postmaster', [domain]);
    const admin = await adminSignIn(provider.base, 'admin@operator.example');
    const support = await adminSignIn(provider.base, 'support@operator.example');
    const postmaster = await adminSignIn(provider.base, 'pm@operator.example');
    const op = '/api/v1/admin/operator/webhooks';

    const list = await adminCall(provider.base, admin, 'GET', op);
    assert.equal(list.status, 200);
    const rows = (await list.json()) as {
      id: number;
      address: string;
      delivered: number;
      pending: number;
      failed: number;
      secret?: string;
    }[];
    const marios = rows.find((row) => row.id === endpointId);
    assert.equal(marios?.address, holders.mario);
    assert.equal(marios.delivered, 1);
    assert.ok(
      rows.every((row) => row.secret === undefined),
      'no secret in the console',
    );

    const log = await adminCall(provider.base, support, 'GET', `${op}/${String(endpointId)}/deliveries`);
    assert.equal(log.status, 200);
    const [delivery] = (await log.json()) as Delivery[];
    assert.ok(delivery !== undefined);
    const replayPath = `${op}/${String(endpointId)}/deliveries/${String(delivery.id)}/replay`;
    assert.equal((await adminCall(provider.base, support, 'POST', replayPath)).status, 404);
    assert.equal((await adminCall(provider.base, postmaster, 'GET', op)).status, 404);
    assert.equal((await adminCall(provider.base, undefined, 'GET', op)).status, 401);
    assert.equal((await adminCall(provider.base, mario, 'GET', op)).status, 401);
    assert.equal((await adminCall(provider.base, admin, 'GET', `${op}/999999/deliveries`)).status, 404);

    const before = received.length;
    assert.equal((await adminCall(provider.base, admin, 'POST', replayPath)).status, 202);
    await until('the operator replay arrives', () => received.length === before + 1);
    assert.equal(received.at(-1)?.id, delivery.webhookId);
    const audit = await provider.ctx.storage.auditTrail.search({ limit: 50 });
    assert.ok(
      audit.some((entry) => entry.action === 'webhooks.replay' && entry.outcome === 'done'),
      'the replay is in the audit trail',
    );
  });
});
