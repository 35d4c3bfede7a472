/**
 * The holder's HTTP API over real sockets against a served provider: signing in and out (cookie
 * attributes, the access history, the shared login throttle), folders with counts, message lists
 * with sort and cursor paging, reading a PEC envelope the provider delivered, the CSRF header,
 * authorisation across holders on every route, problem+json answers and the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMailboxAccess } from '../../src/services/mailbox-access/create-mailbox-access.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface FolderBody {
  id: string;
  name: string;
  specialUse: string | null;
  total: number;
  unread: number;
}
interface SummaryBody {
  uid: number;
  from: { name: string; address: string };
  subject: string;
  date: string;
  size: number;
  flags: string[];
  pecType: string;
  hasAttachments: boolean;
}
interface PageBody {
  messages: SummaryBody[];
  nextCursor: string | null;
  total: number;
}

function ordinaryMessage(index: number): Uint8Array {
  const day = String(1 + index).padStart(2, '0');
  return Buffer.from(
    [
      `From: Sender ${String.fromCharCode(90 - index)} <s${String(index)}@example.org>`,
      `To: ${holders.bruno}`,
      `Subject: Pratica ${String(index).padStart(2, '0')}${index === 3 ? ' fattura' : ''}`,
      `Date: ${day} Mar 2026 10:00:00 +0100`,
      `Message-ID: <m${String(index)}@example.org>`,
      '',
      `Body ${'x'.repeat(index * 10)}`,
      '',
    ].join('\r\n'),
  );
}

describe('HTTP API', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let base = '';
  let anna = '';
  let bruno = '';

  async function get(path: string, cookie?: string): Promise<Response> {
    return fetch(`${base}${path}`, { headers: cookie === undefined ? {} : { cookie } });
  }
  async function json<T>(path: string, cookie: string): Promise<T> {
    const response = await get(path, cookie);
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }
  async function folders(cookie: string): Promise<FolderBody[]> {
    return (await json<{ folders: FolderBody[] }>('/api/v1/folders', cookie)).folders;
  }
  async function assertProblem(response: Response, status: number, reason: string): Promise<void> {
    assert.equal(response.status, status, response.url);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const body = (await response.json()) as { status: number; reason: string; type: string; title: string };
    assert.equal(body.status, status);
    assert.equal(body.reason, reason);
    assert.ok(body.type.startsWith('urn:pec:'));
  }

  before(async () => {
    provider = await startApiProvider();
    base = provider.base;
    await provider.deliverPec(
      holders.mario,
      holders.anna,
      'Verbale di consegna',
      'In allegato il verbale.\n',
    );
    // Bruno's INBOX gets twelve ordinary messages, filed through the mailbox service.
    const bruno = await provider.ctx.storage.accounts.findMailboxByAddress(holders.bruno);
    assert.ok(bruno !== undefined);
    const access = createMailboxAccess({
      storage: provider.ctx.storage,
      blobs: provider.ctx.blobs,
      changes: { publish: () => undefined, subscribe: () => () => undefined, subscriberCount: () => 0 },
      clock: provider.ctx.clock,
    });
    await access.messages.append(
      bruno.id,
      'INBOX',
      Array.from({ length: 12 }, (_, index) => ({
        bytes: ordinaryMessage(index),
        flags: index % 2 === 0 ? ['\\Seen'] : [],
        internalDate: new Date(Date.UTC(2026, 2, 1 + index)),
      })),
    );
  });
  after(() => provider.close());

  it('GET /provider is public and names the provider', async () => {
    const response = await get('/api/v1/provider');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as { name: string; domain: string };
    assert.deepEqual([body.name, body.domain], ['API PEC', 'pec.api.localhost']);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie, describes the session, signs out', async () => {
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1', 'user-agent': 'ApiTest/1.0' },
      body: JSON.stringify({ address: ` ${holders.anna.toUpperCase()} `, password, staySignedIn: false }),
    });
    assert.equal(response.status, 204);
    const setCookie = response.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Strict/);
    assert.doesNotMatch(setCookie, /Max-Age/);
    // Plain HTTP on loopback: not Secure (a TLS proxy with http.trustProxy makes it Secure).
    assert.doesNotMatch(setCookie, /Secure/);
    const cookie = setCookie.split(';')[0] ?? '';
    anna = cookie;

    const session = await json<{
      address: string;
      displayName: string;
      staySignedIn: boolean;
      expiresAt: string;
    }>('/api/v1/session', cookie);
    assert.deepEqual(
      [session.address, session.displayName, session.staySignedIn],
      [holders.anna, 'anna', false],
    );
    assert.ok(Date.parse(session.expiresAt) > Date.now());

    const history = await provider.ctx.storage.accessLog.list({ address: holders.anna, protocol: 'http' });
    const [latest] = history;
    assert.ok(latest !== undefined);
    assert.deepEqual([latest.outcome, latest.clientId], ['success', 'ApiTest/1.0']);

    const other = await signIn(base, holders.anna, true);
    const out = await fetch(`${base}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie: other, 'x-pec-request': '1' },
    });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie') ?? '', /^pec_session=; .*Max-Age=0/);
    await assertProblem(await get('/api/v1/session', other), 401, 'authentication-required');
    await assertProblem(await get('/api/v1/folders', other), 401, 'authentication-required');
    // Signing one session out leaves the other.
    assert.equal((await get('/api/v1/session', anna)).status, 200);
  });

  it('"stay signed in" sets Max-Age', async () => {
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ address: holders.bruno, password, staySignedIn: true }),
    });
    assert.equal(response.status, 204);
    assert.match(response.headers.get('set-cookie') ?? '', /; Max-Age=2592000/);
    bruno = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });

  it('a wrong password is a 401 problem and an access-history entry; the throttle then refuses', async () => {
    const attempt = (pass: string) =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pec-request': '1', 'user-agent': 'Guesser' },
        body: JSON.stringify({ address: holders.carla, password: pass, staySignedIn: false }),
      });
    const first = await attempt('wrong');
    assert.equal(first.headers.get('set-cookie'), null);
    await assertProblem(first, 401, 'authentication-failed');
    const history = await provider.ctx.storage.accessLog.list({ address: holders.carla, protocol: 'http' });
    assert.equal(history.length, 1);
    const [failure] = history;
    assert.ok(failure !== undefined);
    assert.deepEqual([failure.outcome, failure.clientId], ['failure', 'Guesser']);
    // The shared throttle: five free failures per mailbox and client address, then refusals.
    let refused: Response | undefined;
    for (let count = 0; count < 10 && refused === undefined; count++) {
      const response = await attempt('wrong');
      if (response.status === 429) refused = response;
      else await response.body?.cancel();
    }
    assert.ok(refused !== undefined, 'throttled within ten failures');
    assert.ok(Number(refused.headers.get('retry-after') ?? '1') >= 0);
    await assertProblem(refused, 429, 'too-many-failures');
    // Even the right password waits now.
    await assertProblem(await attempt(password), 429, 'too-many-failures');
  });

  it('refuses a state-changing request without X-PEC-Request (403 csrf)', async () => {
    const signInWithout = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: holders.anna, password, staySignedIn: false }),
    });
    await assertProblem(signInWithout, 403, 'csrf');
    const signOutWithout = await fetch(`${base}/api/v1/session`, {
      method: 'DELETE',
      headers: { cookie: anna },
    });
    await assertProblem(signOutWithout, 403, 'csrf');
    assert.equal((await get('/api/v1/session', anna)).status, 200, 'the session survived');
  });

  it('validates requests against the schemas (400 invalid-request)', async () => {
    const bad = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ address: holders.anna }),
    });
    await assertProblem(bad, 400, 'invalid-request');
    const inbox = (await folders(anna)).find((f) => f.specialUse === 'inbox');
    assert.ok(inbox !== undefined);
    await assertProblem(
      await get(`/api/v1/folders/${inbox.id}/messages?sort=colour`, anna),
      400,
      'invalid-request',
    );
    await assertProblem(
      await get(`/api/v1/folders/${inbox.id}/messages?limit=0`, anna),
      400,
      'invalid-request',
    );
    await assertProblem(
      await get(`/api/v1/folders/${inbox.id}/messages?cursor=zz`, anna),
      400,
      'invalid-request',
    );
    await assertProblem(await get('/api/v1/nothing', anna), 404, 'not-found');
  });

  it('lists the folders with counts', async () => {
    const list = await folders(anna);
    const inbox = list.find((f) => f.name === 'INBOX');
    assert.deepEqual([inbox?.specialUse, inbox?.total, inbox?.unread], ['inbox', 1, 1], JSON.stringify(list));
    assert.ok(list.some((f) => f.specialUse === 'sent'));
    assert.ok(list.some((f) => f.specialUse === 'trash'));
    const brunoInbox = (await folders(bruno)).find((f) => f.specialUse === 'inbox');
    assert.deepEqual([brunoInbox?.total, brunoInbox?.unread], [12, 6]);
  });

  it('pages a folder with the cursor, in every sort, and searches it', async () => {
    const inbox = (await folders(bruno)).find((f) => f.specialUse === 'inbox');
    assert.ok(inbox !== undefined);
    const all = async (sort: string, q = ''): Promise<SummaryBody[]> => {
      const seen: SummaryBody[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 10; page++) {
        const params = new URLSearchParams({ sort, limit: '5', ...(q === '' ? {} : { q }) });
        if (cursor !== null) params.set('cursor', cursor);
        const body: PageBody = await json<PageBody>(
          `/api/v1/folders/${inbox.id}/messages?${params.toString()}`,
          bruno,
        );
        assert.equal(body.total, q === '' ? 12 : 1);
        seen.push(...body.messages);
        cursor = body.nextCursor;
        if (cursor === null) return seen;
        assert.equal(body.messages.length, 5);
      }
      assert.fail('too many pages');
    };
    const byDate = await all('-date');
    assert.equal(byDate.length, 12);
    assert.deepEqual(
      byDate.map((m) => m.subject),
      Array.from(
        { length: 12 },
        (_, i) => `Pratica ${String(11 - i).padStart(2, '0')}${11 - i === 3 ? ' fattura' : ''}`,
      ),
    );
    assert.equal(new Set(byDate.map((m) => m.uid)).size, 12, 'no page overlaps');
    const first = byDate[11];
    assert.deepEqual(
      [first?.from, first?.pecType, first?.flags, first?.hasAttachments],
      [{ name: 'Sender Z', address: 's0@example.org' }, 'ordinary', ['seen'], false],
    );
    assert.equal(first?.date, '2026-03-01T09:00:00.000Z');
    const ascending = await all('date');
    assert.deepEqual(
      ascending.map((m) => m.uid),
      byDate.map((m) => m.uid).reverse(),
    );
    const bySize = await all('-size');
    assert.deepEqual(
      bySize.map((m) => m.size),
      [...bySize.map((m) => m.size)].sort((a, b) => b - a),
    );
    const byFrom = await all('from');
    assert.deepEqual(
      byFrom.map((m) => m.from.name),
      [...byFrom.map((m) => m.from.name)].sort(),
    );
    const bySubject = await all('subject');
    assert.equal(bySubject[0]?.subject, 'Pratica 00');
    const found = await all('-date', 'FATTURA');
    assert.deepEqual(
      found.map((m) => m.subject),
      ['Pratica 03 fattura'],
    );
    // A cursor is valid only for its sort.
    const page = await json<PageBody>(`/api/v1/folders/${inbox.id}/messages?sort=-date&limit=5`, bruno);
    assert.ok(page.nextCursor !== null);
    const mismatch = await get(
      `/api/v1/folders/${inbox.id}/messages?sort=size&cursor=${encodeURIComponent(page.nextCursor)}`,
      bruno,
    );
    await assertProblem(mismatch, 400, 'invalid-request');
  });

  it('reads the PEC envelope the provider delivered as the message it carries', async () => {
    const inbox = (await folders(anna)).find((f) => f.specialUse === 'inbox');
    assert.ok(inbox !== undefined);
    const page = await json<PageBody>(`/api/v1/folders/${inbox.id}/messages`, anna);
    const summary = page.messages[0];
    assert.ok(summary !== undefined);
    assert.deepEqual(
      [summary.pecType, summary.subject, summary.from.address, summary.flags],
      ['posta-certificata', 'Verbale di consegna', holders.mario, []],
    );
    const message = await json<{
      folderId: string;
      pecType: string;
      subject: string;
      to: { address: string }[];
      text: string;
      html: string | null;
      attachments: unknown[];
    }>(`/api/v1/messages/${inbox.id}/${String(summary.uid)}`, anna);
    assert.equal(message.folderId, inbox.id);
    assert.equal(message.pecType, 'posta-certificata');
    assert.equal(message.subject, 'Verbale di consegna');
    assert.deepEqual(
      message.to.map((a) => a.address),
      [holders.anna],
    );
    assert.match(message.text, /In allegato il verbale\./);
    assert.equal(message.html, null);
    assert.deepEqual(message.attachments, []);
    await assertProblem(await get(`/api/v1/messages/${inbox.id}/999`, anna), 404, 'not-found');
  });

  it("never shows one holder's folders or messages to another, on any route", async () => {
    const annaInbox = (await folders(anna)).find((f) => f.specialUse === 'inbox');
    assert.ok(annaInbox !== undefined);
    const annaPage = await json<PageBody>(`/api/v1/folders/${annaInbox.id}/messages`, anna);
    const uid = annaPage.messages[0]?.uid;
    assert.ok(uid !== undefined);
    // Bruno's folder list has none of Anna's ids.
    const brunoIds = new Set((await folders(bruno)).map((f) => f.id));
    for (const folder of await folders(anna)) {
      assert.ok(!brunoIds.has(folder.id));
      await assertProblem(await get(`/api/v1/folders/${folder.id}/messages`, bruno), 404, 'not-found');
      await assertProblem(
        await get(`/api/v1/folders/${folder.id}/messages?q=verbale&sort=size`, bruno),
        404,
        'not-found',
      );
      await assertProblem(await get(`/api/v1/messages/${folder.id}/${String(uid)}`, bruno), 404, 'not-found');
    }
    // Without a session, nothing but the public routes.
    await assertProblem(
      await get(`/api/v1/messages/${annaInbox.id}/${String(uid)}`),
      401,
      'authentication-required',
    );
    await assertProblem(
      await get(`/api/v1/folders/${annaInbox.id}/messages`),
      401,
      'authentication-required',
    );
    await assertProblem(await get('/api/v1/folders', 'pec_session=forged'), 401, 'authentication-required');
  });

  it('publishes an OpenAPI 3.1 document listing every route', async () => {
    const response = await get('/api/openapi.json');
    assert.equal(response.status, 200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    assert.equal(document.openapi, '3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // The security settings' routes are checked by security-api.test.ts and passkeys-api.test.ts
    // (the six passkey routes); here only that they are listed.
    const security = operations.filter((operation) =>
      / \/api\/v1\/(security(?!-archive)|session\/)/.test(operation),
    );
    assert.equal(security.length, 22);
    for (const expected of [
      'DELETE /api/v1/session',
      'GET /api/v1/account/plan',
      'DELETE /api/v1/tokens/{id}',
      'DELETE /api/v1/webhooks/{id}',
      'GET /api/v1/client-setup/mobileconfig',
      'GET /api/v1/folders',
      'GET /api/v1/folders/{id}/messages',
      'GET /api/v1/messages/{folderId}/{uid}',
      'GET /api/v1/messages/{folderId}/{uid}/evidence',
      'GET /api/v1/messages/{folderId}/{uid}/pec',
      'GET /api/v1/messages/{folderId}/{uid}/receipts',
      'GET /api/v1/outgoing/limits',
      'GET /api/v1/preferences',
      'GET /api/v1/dashboard',
      'PATCH /api/v1/preferences',
      'GET /api/v1/security-archive',
      'GET /api/v1/calendar/events',
      'GET /api/v1/calendar/export',
      'POST /api/v1/calendar/import',
      'GET /api/v1/calendar/events/{id}/ics',
      'PATCH /api/v1/security-archive',
      'POST /api/v1/security-archive/delete',
      'GET /api/v1/outgoing/scheduled',
      'POST /api/v1/outgoing/scheduled',
      'DELETE /api/v1/outgoing/scheduled/{id}',
      'GET /api/v1/provider',
      'GET /api/v1/recipients/check',
      'GET /api/v1/session',
      'GET /api/v1/tokens',
      'GET /api/v1/webhooks',
      'GET /api/v1/webhooks/{id}/deliveries',
      'DELETE /api/v1/drafts/{uid}',
      'GET /api/v1/drafts/{uid}',
      'POST /api/v1/drafts',
      'POST /api/v1/outgoing',
      'POST /api/v1/session',
      'POST /api/v1/tokens',
      'POST /api/v1/webhooks',
      'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay',
      'POST /api/v1/recovery',
      'POST /api/v1/recovery/check',
      'POST /api/v1/recovery/reset',
      'GET /api/v1/settings/ordinary-mail',
      'PATCH /api/v1/settings/ordinary-mail',
      'POST /api/v1/settings/senders',
      'DELETE /api/v1/settings/senders/{id}',
      'GET /api/v1/settings/antispam',
      'PATCH /api/v1/settings/antispam',
      'GET /api/v1/settings/rules',
      'POST /api/v1/settings/rules',
      'PATCH /api/v1/settings/rules/{id}',
      'DELETE /api/v1/settings/rules/{id}',
      'POST /api/v1/settings/rules/order',
      'GET /api/v1/settings/rules/sieve',
      'GET /api/v1/admin/operator/health',
      'GET /api/v1/admin/operator/index',
      'GET /api/v1/admin/operator/domains/{domain}/dns',
      'POST /api/v1/admin/operator/postmasters/{email}/password',
      'GET /api/v1/admin/operator/boxes/{address}',
      'POST /api/v1/admin/operator/queue/{id}/{action}',
      'GET /api/v1/admin/operator/quarantine',
      'GET /api/v1/admin/operator/log/extract',
      'POST /api/v1/admin/session',
      'POST /api/v1/admin/session/second-factor',
      'GET /api/v1/admin/session',
      'DELETE /api/v1/admin/session',
      'GET /api/v1/admin/audit',
      'GET /api/v1/admin/domains',
      'GET /api/v1/admin/domains/{domain}/boxes',
      'POST /api/v1/admin/domains/{domain}/boxes',
      'POST /api/v1/admin/domains/{domain}/boxes/import',
      'GET /api/v1/admin/domains/{domain}/defaults',
      'PATCH /api/v1/admin/domains/{domain}/defaults',
      'GET /api/v1/admin/domains/{domain}/usage.csv',
      'GET /api/v1/admin/boxes/{address}',
      'POST /api/v1/admin/boxes/{address}/password',
      'POST /api/v1/admin/boxes/{address}/suspension',
      'GET /api/v1/notices/addresses',
      'POST /api/v1/notices/addresses',
      'POST /api/v1/notices/addresses/verify',
      'POST /api/v1/notices/addresses/remove',
    ])
      assert.ok(operations.includes(expected), expected);
    for (const name of ['Problem', 'Message', 'MessagePage', 'FolderList', 'Session', 'SignInRequest'])
      assert.ok(name in document.components.schemas, name);
    // Every reference resolves.
    for (const match of JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g))
      assert.ok(match[1] !== undefined && match[1] in document.components.schemas, match[1]);
  });
});
