/**
 * Scheduled send over real HTTP against a served provider: a message due now goes through the access
 * point once (acceptance receipt in INBOX, the original in Sent, the draft gone) even with workers of
 * two more nodes claiming at the same time; a cancelled one is never sent and stays in Drafts; a send
 * refused at the due time shows its reason in the list and keeps the draft; times in the past or over a
 * year ahead are refused; another holder cannot see or cancel (404) and no session gets 401.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createProviderServices } from '../../src/app/serve.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface SummaryBody {
  uid: number;
  subject: string;
  pecType: string;
}
interface ScheduledBody {
  id: string;
  to: string[];
  subject: string;
  sendAt: string;
  timeZone: string;
  draftUid: number;
  status: string;
  reason: string | null;
  identifier: string | null;
}

describe('scheduled send', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let base = '';
  let mario = '';
  let anna = '';
  let bruno = '';

  const request = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie === '' ? {} : { cookie }),
        'x-pec-request': '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function json<T>(path: string, cookie: string): Promise<T> {
    const response = await request('GET', path, cookie);
    assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }
  async function messages(cookie: string, name: string): Promise<SummaryBody[]> {
    const { folders } = await json<{ folders: { id: string; name: string }[] }>('/api/v1/folders', cookie);
    const folder = folders.find((f) => f.name === name);
    assert.ok(folder !== undefined, name);
    return (await json<{ messages: SummaryBody[] }>(`/api/v1/folders/${folder.id}/messages`, cookie))
      .messages;
  }
  const scheduledList = async (cookie: string) =>
    (await json<{ scheduled: ScheduledBody[] }>('/api/v1/outgoing/scheduled', cookie)).scheduled;
  /** Polls until `check` answers a value: the outbox worker runs asynchronously. Bounded, not timed. */
  async function until<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const found = await check();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`${what}: not within 30 s`);
  }
  async function schedule(cookie: string, subject: string, sendAt: Date, to = holders.anna) {
    const response = await request('POST', '/api/v1/outgoing/scheduled', cookie, {
      to: [to],
      subject,
      text: 'Buongiorno,\nsi trasmette quanto in oggetto.\n',
      sendAt: sendAt.toISOString(),
      timeZone: 'Europe/Rome',
    });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    return JSON.parse(text) as ScheduledBody;
  }

  before(async () => {
    provider = await startApiProvider();
    base = provider.base;
    mario = await signIn(base, holders.mario);
    anna = await signIn(base, holders.anna);
    bruno = await signIn(base, holders.bruno);
  });
  after(() => provider.close());

  it('sends a message due now exactly once, even with two more nodes claiming', async () => {
    const subject = `Scheduled now ${String(Date.now())}`;
    // Two more nodes' workers over the same storage, claiming alongside the provider's own.
    const others = [createProviderServices(provider.ctx), createProviderServices(provider.ctx)];
    const scheduled = await schedule(mario, subject, new Date());
    assert.equal(scheduled.timeZone, 'Europe/Rome');
    assert.ok((await messages(mario, 'Drafts')).some((m) => m.uid === scheduled.draftUid));
    await Promise.all(others.flatMap((services) => [services.worker.runOnce(), services.worker.runOnce()]));

    const sent = await until('sent status', async () =>
      (await scheduledList(mario)).find((s) => s.id === scheduled.id && s.status === 'sent'),
    );
    assert.match(sent.identifier ?? '', /^.+@.+$/);
    await until('the envelope at Anna', async () =>
      (await messages(anna, 'INBOX')).find((m) => m.subject.includes(subject)),
    );
    // A worker running again finds the job done.
    for (const services of others) await services.worker.runOnce();
    const accepted = (await messages(mario, 'INBOX')).filter(
      (m) => m.pecType === 'accettazione' && m.subject.includes(subject),
    );
    assert.equal(accepted.length, 1, 'one acceptance receipt');
    assert.equal((await messages(mario, 'Sent')).filter((m) => m.subject === subject).length, 1);
    assert.equal((await messages(anna, 'INBOX')).filter((m) => m.subject.includes(subject)).length, 1);
    assert.ok(!(await messages(mario, 'Drafts')).some((m) => m.uid === scheduled.draftUid), 'draft removed');
  });

  it('cancels before the due time: nothing is sent, the message stays in Drafts', async () => {
    const subject = `Scheduled later ${String(Date.now())}`;
    const scheduled = await schedule(mario, subject, new Date(Date.now() + 3_600_000));
    assert.equal(scheduled.status, 'scheduled');
    const mine = await scheduledList(mario);
    assert.deepEqual(
      mine.filter((s) => s.id === scheduled.id).map((s) => [s.status, s.subject, s.to]),
      [['scheduled', subject, [holders.anna]]],
    );

    // Another holder neither sees nor cancels it; no session gets 401 on every route.
    assert.ok(!(await scheduledList(anna)).some((s) => s.id === scheduled.id));
    const foreign = await request('DELETE', `/api/v1/outgoing/scheduled/${scheduled.id}`, anna);
    assert.equal(foreign.status, 404, await foreign.text());
    assert.match(foreign.headers.get('content-type') ?? '', /^application\/problem\+json/);
    for (const [method, path, body] of [
      ['GET', '/api/v1/outgoing/scheduled', undefined],
      ['POST', '/api/v1/outgoing/scheduled', { to: [holders.anna], sendAt: new Date().toISOString() }],
      ['DELETE', `/api/v1/outgoing/scheduled/${scheduled.id}`, undefined],
    ] as const) {
      const response = await request(method, path, '', body);
      assert.equal(response.status, 401, `${method} ${path}: ${await response.text()}`);
    }

    const cancelled = await request('DELETE', `/api/v1/outgoing/scheduled/${scheduled.id}`, mario);
    assert.equal(cancelled.status, 204, await cancelled.text());
    assert.equal((await request('DELETE', `/api/v1/outgoing/scheduled/${scheduled.id}`, mario)).status, 404);
    assert.ok(!(await scheduledList(mario)).some((s) => s.id === scheduled.id));
    // Nothing is left to run: no acceptance, the draft still in Drafts.
    await createProviderServices(provider.ctx).worker.runOnce();
    assert.ok(!(await messages(mario, 'INBOX')).some((m) => m.subject.includes(subject)));
    assert.ok((await messages(mario, 'Drafts')).some((m) => m.uid === scheduled.draftUid));
  });

  it('shows a refusal at the due time in the list and keeps the draft', async () => {
    const subject = `Scheduled refused ${String(Date.now())}`;
    const scheduled = await schedule(bruno, subject, new Date(Date.now() + 3_600_000));
    const box = await provider.ctx.storage.accounts.findMailboxByAddress(holders.bruno);
    assert.ok(box !== undefined);
    await provider.ctx.storage.accounts.updateMailbox(box.id, { status: 'suspended' });
    // The queue's clock input: make the job due now, then run a worker.
    const id = Number(scheduled.id);
    assert.ok(await provider.ctx.storage.queue.hold(id));
    assert.ok(await provider.ctx.storage.queue.release(id, new Date()));
    await createProviderServices(provider.ctx).worker.runOnce();
    const job = await until('the job done', async () => {
      const found = await provider.ctx.storage.queue.get(id);
      return found?.status === 'done' ? found : undefined;
    });
    assert.equal(job.lastError, 'refused sending-disabled');
    await provider.ctx.storage.accounts.updateMailbox(box.id, { status: 'active' });
    const listed = (await scheduledList(bruno)).find((s) => s.id === scheduled.id);
    assert.deepEqual([listed?.status, listed?.reason], ['refused', 'sending-disabled']);
    assert.ok((await messages(bruno, 'Drafts')).some((m) => m.uid === scheduled.draftUid));
  });

  it('refuses a time in the past or over a year ahead, and invalid addresses', async () => {
    for (const [sendAt, problem] of [
      [new Date(Date.now() - 3_600_000), 'past'],
      [new Date(Date.now() + 400 * 86_400_000), 'too-far'],
    ] as const) {
      const response = await request('POST', '/api/v1/outgoing/scheduled', mario, {
        to: [holders.anna],
        sendAt: sendAt.toISOString(),
      });
      const body = (await response.json()) as { status: number; timeProblem: string; detail: string };
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(body.timeProblem, problem);
      assert.match(body.detail, /send time/);
    }
    const bad = await request('POST', '/api/v1/outgoing/scheduled', mario, {
      to: ['not an address'],
      sendAt: new Date(Date.now() + 60_000).toISOString(),
    });
    assert.equal(bad.status, 422, await bad.text());
  });
});
