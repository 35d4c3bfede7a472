// The dev mock follows the mailbox actions' contract: marks, move with undo data, delete to Trash,
// folders, and the event stream telling a change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeleteResult, Filed, Folder, MessagePage } from '../src/api/contract.ts';
import { demoAccount } from '../dev/mock-api.ts';
import { startDevServer, type DevServer } from '../dev/serve.ts';

describe('dev mock API: mailbox actions', () => {
  let dev: DevServer;
  let cookie = '';
  const call = (path: string, body?: unknown, method = 'POST') =>
    fetch(`${dev.url}/api/v1${path}`, {
      method,
      headers: { cookie, 'X-PEC-Request': '1', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const page = async (folderId: string) =>
    (await (await call(`/folders/${folderId}/messages?limit=5`, undefined, 'GET')).json()) as MessagePage;

  before(async () => {
    dev = await startDevServer({ inboxSize: 50 });
    const res = await call('/session', { ...demoAccount, staySignedIn: false });
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  after(async () => {
    await dev.close();
  });

  it('marks, moves and moves back, deletes to Trash, and tells the event stream', async () => {
    const events = await fetch(`${dev.url}/api/events`, { headers: { cookie } });
    assert.match(events.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = events.body?.getReader();
    assert.ok(reader !== undefined);
    const [first] = (await page('inbox')).messages;
    assert.ok(first !== undefined);
    assert.equal(
      (await call('/messages/mark', { folderId: 'inbox', uids: [first.uid], flagged: true })).status,
      200,
    );
    let text = '';
    while (!text.includes('event: mailbox')) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /"kind":"flags"/);
    await reader.cancel();
    assert.ok((await page('inbox')).messages[0]?.flags.includes('flagged'));

    const moved = (await (
      await call('/messages/move', { folderId: 'inbox', uids: [first.uid], targetFolderId: 'archive' })
    ).json()) as Filed;
    assert.deepEqual(moved.sourceUids, [first.uid]);
    assert.notEqual((await page('inbox')).messages[0]?.uid, first.uid);
    await call('/messages/move', { folderId: 'archive', uids: moved.targetUids, targetFolderId: 'inbox' });
    const deleted = (await (
      await call('/messages/delete', {
        folderId: 'inbox',
        uids: [(await page('inbox')).messages[0]?.uid ?? 0],
      })
    ).json()) as DeleteResult;
    assert.equal(deleted.kind, 'moved-to-trash');
    assert.equal((await page('trash')).total, 1);
  });

  it('creates, renames and deletes a folder; standard folders are refused', async () => {
    const created = (await (await call('/folders', { name: 'Clienti/Rossi' })).json()) as Folder;
    assert.equal(created.name, 'Clienti/Rossi');
    assert.equal((await call(`/folders/${created.id}`, { name: 'Clienti/Bianchi' }, 'PATCH')).status, 200);
    assert.equal((await call(`/folders/${created.id}`, undefined, 'DELETE')).status, 204);
    assert.equal((await call('/folders/inbox', undefined, 'DELETE')).status, 409);
  });
});
