// The dev mock speaks the provisional contract: problem+json, CSRF header, cookie session, cursor pages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FolderList, MessagePage, PecDetails, Problem, ReceiptsDossier } from '../src/api/contract.ts';
import { demoAccount, suspendedAddress } from '../dev/mock-api.ts';
import { startDevServer, type DevServer } from '../dev/serve.ts';

describe('dev mock API', () => {
  let dev: DevServer;
  let cookie = '';
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${dev.url}/api/v1${path}`, {
      ...init,
      headers: { cookie, 'X-PEC-Request': '1', ...(init.headers as Record<string, string> | undefined) },
    });

  before(async () => {
    dev = await startDevServer({ inboxSize: 1_000 });
  });
  after(async () => {
    await dev.close();
  });

  it('answers problems as application/problem+json with a reason', async () => {
    const res = await call('/folders');
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = (await res.json()) as Problem;
    assert.equal(body.reason, 'not-signed-in');
    const csrf = await fetch(`${dev.url}/api/v1/session`, { method: 'POST', body: '{}' });
    assert.equal(((await csrf.json()) as Problem).reason, 'csrf');
    const suspended = await call('/session', {
      method: 'POST',
      body: JSON.stringify({ address: suspendedAddress, password: 'x' }),
    });
    assert.equal(((await suspended.json()) as Problem).reason, 'account-suspended');
  });

  it('signs in with a cookie, lists folders and pages through a folder with cursors', async () => {
    const res = await call('/session', {
      method: 'POST',
      body: JSON.stringify({
        address: demoAccount.address,
        password: demoAccount.password,
        staySignedIn: true,
      }),
    });
    assert.equal(res.status, 204);
    const setCookie = res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly; SameSite=Strict; Max-Age=2592000/);
    cookie = setCookie.split(';')[0] ?? '';
    const folders = (await (await call('/folders')).json()) as FolderList;
    assert.equal(folders.folders.find((f) => f.specialUse === 'inbox')?.total, 1_000);
    const seen = new Set<number>();
    let cursor: string | null = null;
    let previous = '9999';
    do {
      const query: string = `/folders/inbox/messages?sort=-date&limit=300${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = (await (await call(query)).json()) as MessagePage;
      assert.equal(page.total, 1_000);
      for (const message of page.messages) {
        assert.ok(message.date <= previous, 'newest first');
        previous = message.date;
        seen.add(message.uid);
      }
      cursor = page.nextCursor;
    } while (cursor !== null);
    assert.equal(seen.size, 1_000);
  });

  it('sorts by size and searches subjects and senders', async () => {
    const bySize = (await (await call('/folders/inbox/messages?sort=size&limit=50')).json()) as MessagePage;
    const sizes = bySize.messages.map((m) => m.size);
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => a - b),
    );
    const found = (await (await call('/folders/inbox/messages?q=fattura&limit=500')).json()) as MessagePage;
    assert.ok(found.total > 0 && found.total < 1_000);
    assert.ok(found.messages.every((m) => m.subject.toLowerCase().includes('fattura')));
    const first = found.messages[0];
    assert.ok(first !== undefined);
    const message = await call(`/messages/inbox/${String(first.uid)}`);
    assert.equal(message.status, 200);
  });
  it('serves PEC details, a dossier for sent messages, the evidence zip, and hides receipts on request', async () => {
    const all = (await (await call('/folders/inbox/messages?limit=500')).json()) as MessagePage;
    const hidden = (await (
      await call('/folders/inbox/messages?limit=500&receipts=hide')
    ).json()) as MessagePage;
    assert.ok(hidden.total < all.total);
    assert.ok(hidden.messages.every((m) => !['accettazione', 'avvenuta-consegna'].includes(m.pecType)));
    const receipt = all.messages.find((m) => m.pecType === 'avvenuta-consegna');
    assert.ok(receipt !== undefined);
    const details = (await (await call(`/messages/inbox/${String(receipt.uid)}/pec`)).json()) as PecDetails;
    assert.equal(details.kind, 'avvenuta-consegna');
    assert.equal(details.signature.valid, true);
    assert.ok(details.proves !== null);
    const dossier = (await (
      await call(`/messages/sent/${String(details.proves.uid)}/receipts`)
    ).json()) as ReceiptsDossier;
    assert.ok(dossier.recipients.length > 0);
    assert.ok(dossier.recipients.every((r) => r.steps[0]?.step === 'accepted'));
    const zip = await call(`/messages/sent/${String(details.proves.uid)}/evidence`);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    const ordinary = all.messages.find((m) => m.pecType === 'ordinary');
    assert.ok(ordinary !== undefined);
    assert.equal((await call(`/messages/inbox/${String(ordinary.uid)}/receipts`)).status, 404);
  });
});
