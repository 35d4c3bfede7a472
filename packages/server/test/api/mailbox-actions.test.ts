/**
 * The webmail's mailbox actions over real HTTP against a served provider: marks seen by an IMAP
 * session (imapflow) and IMAP marks seen over HTTP, move/copy/delete with undo, emptying Trash,
 * the holder's folders (nested, standard folders refused), byte-exact downloads with RFC 6266
 * names, ETag/If-None-Match, the server-sent event stream fed by SMTP delivery and by IMAP, and
 * authorisation: another holder's session gets 404 on every new route.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
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
  subject: string;
  flags: string[];
}

/** A PDF-like attachment with every byte value, so any re-encoding shows. */
const attachmentBytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 37) % 256));
const attachmentName = 'fattura è 2026.pdf';

function messageWithAttachment(subject: string): Uint8Array {
  const base64 = attachmentBytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: Studio <studio@example.org>',
      `To: ${holders.anna}`,
      `Subject: ${subject}`,
      'Date: Mon, 07 Dec 2026 10:00:00 +0100',
      'Message-ID: <att@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Vedi allegato.',
      '--b1',
      'Content-Type: application/pdf',
      "Content-Disposition: attachment; filename*=utf-8''fattura%20%C3%A8%202026.pdf",
      'Content-Transfer-Encoding: base64',
      '',
      base64,
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

/** Reads server-sent events from a fetch body: each block as {event, data, id}. */
class EventReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly decoder = new TextDecoder();
  /** Every comment line seen (heartbeats, the greeting). */
  readonly comments: string[] = [];

  constructor(response: Response) {
    assert.ok(response.body !== null);
    this.reader = response.body.getReader();
  }

  /** The next event (comments recorded on the way). */
  async next(): Promise<{ event: string; data: string; id: string }> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const fields = { event: 'message', data: '', id: '' };
        let isEvent = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
          else if (line.startsWith('event: ')) [fields.event, isEvent] = [line.slice(7), true];
          else if (line.startsWith('data: ')) [fields.data, isEvent] = [line.slice(6), true];
          else if (line.startsWith('id: ')) fields.id = line.slice(4);
        }
        if (isEvent) return fields;
        continue;
      }
      const { value, done } = await this.reader.read();
      assert.ok(!done, 'the stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** The next `mailbox` event matching `accept` (others skipped). */
  async until(accept: (data: { kind: string; folderId?: string; uids?: number[] }) => boolean) {
    for (;;) {
      const event = await this.next();
      if (event.event !== 'mailbox') continue;
      const data = JSON.parse(event.data) as { kind: string; folderId?: string; uids?: number[] };
      if (accept(data)) return data;
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel();
  }
}

describe('mailbox actions over HTTP', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let base = '';
  let anna = '';
  let bruno = '';
  let ca = '';

  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { ...headers, ...(cookie === undefined ? {} : { cookie }) } });
  const send = (method: string, path: string, cookie: string | undefined, body?: unknown, csrf = true) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(csrf ? { 'x-pec-request': '1' } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  async function ok<T>(response: Response | Promise<Response>, status = 200): Promise<T> {
    const answer = await response;
    const text = await answer.text();
    assert.equal(answer.status, status, `${answer.url}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  async function assertProblem(response: Response, status: number, reason: string): Promise<void> {
    const text = await response.text();
    assert.equal(response.status, status, `${response.url}: ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal((JSON.parse(text) as { reason: string }).reason, reason);
  }
  const folders = async (cookie: string) =>
    (await ok<{ folders: FolderBody[] }>(get('/api/v1/folders', cookie))).folders;
  const folder = async (cookie: string, match: (f: FolderBody) => boolean) => {
    const found = (await folders(cookie)).find(match);
    assert.ok(found !== undefined);
    return found;
  };
  const list = async (cookie: string, folderId: string) =>
    (await ok<{ messages: SummaryBody[] }>(get(`/api/v1/folders/${folderId}/messages`, cookie))).messages;
  const imap = async (address: string) => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: provider.running.addresses.find((a) => a.name === 'imaps')?.port ?? 0,
      secure: true,
      tls: { ca },
      auth: { user: address, pass: password },
      logger: false,
    });
    await client.connect();
    return client;
  };

  before(async () => {
    provider = await startApiProvider();
    base = provider.base;
    ca = await readFile(join(provider.dir, 'certs', 'ca.pem'), 'utf8');
    await provider.deliverPec(holders.mario, holders.anna, 'Verbale di consegna', 'Il verbale.\n');
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(mailbox !== undefined);
    const access = createMailboxAccess({
      storage: provider.ctx.storage,
      blobs: provider.ctx.blobs,
      changes: { publish: () => undefined, subscribe: () => () => undefined, subscriberCount: () => 0 },
      clock: provider.ctx.clock,
    });
    await access.messages.append(mailbox.id, 'INBOX', [
      { bytes: messageWithAttachment('Fattura allegata'), flags: [], internalDate: new Date() },
      { bytes: messageWithAttachment('Seconda fattura'), flags: [], internalDate: new Date() },
      { bytes: messageWithAttachment('Terza fattura'), flags: [], internalDate: new Date() },
    ]);
    anna = await signIn(base, holders.anna);
    bruno = await signIn(base, holders.bruno);
  });
  after(() => provider.close());

  it('marks read and flagged over HTTP, and an IMAP session sees it (and the other way round)', async () => {
    const inbox = await folder(anna, (f) => f.specialUse === 'inbox');
    assert.equal(inbox.unread, 4);
    const [first] = (await list(anna, inbox.id)).filter((m) => m.subject === 'Fattura allegata');
    assert.ok(first !== undefined);
    const marked = await ok<{ updated: number[] }>(
      send('POST', '/api/v1/messages/mark', anna, {
        folderId: inbox.id,
        uids: [first.uid],
        seen: true,
        flagged: true,
      }),
    );
    assert.deepEqual(marked.updated, [first.uid]);
    assert.equal((await folder(anna, (f) => f.id === inbox.id)).unread, 3);

    const client = await imap(holders.anna);
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const fetched = await client.fetchOne(String(first.uid), { flags: true }, { uid: true });
        assert.ok(fetched !== false);
        assert.ok(fetched.flags?.has('\\Seen'), 'IMAP sees \\Seen');
        assert.ok(fetched.flags?.has('\\Flagged'), 'IMAP sees \\Flagged');
        // IMAP clears both; HTTP sees it.
        await client.messageFlagsRemove(String(first.uid), ['\\Seen', '\\Flagged'], { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    const after = (await list(anna, inbox.id)).find((m) => m.uid === first.uid);
    assert.deepEqual(after?.flags, []);
    // Clearing what is clear changes nothing.
    const again = await ok<{ updated: number[] }>(
      send('POST', '/api/v1/messages/mark', anna, { folderId: inbox.id, uids: [first.uid], seen: false }),
    );
    assert.deepEqual(again.updated, []);
  });

  it('answers 304 to If-None-Match on the list and the message until a mark changes', async () => {
    const inbox = await folder(anna, (f) => f.specialUse === 'inbox');
    const path = `/api/v1/folders/${inbox.id}/messages?sort=-date`;
    const first = await get(path, anna);
    assert.equal(first.status, 200);
    await first.body?.cancel();
    const tag = first.headers.get('etag');
    assert.match(tag ?? '', /^"[A-Za-z0-9_-]+"$/);
    assert.equal(first.headers.get('cache-control'), 'private, no-cache');
    const cached = await get(path, anna, { 'if-none-match': tag ?? '' });
    assert.equal(cached.status, 304);
    assert.equal(await cached.text(), '');
    // Another query is another page.
    const other = await get(`/api/v1/folders/${inbox.id}/messages?sort=date`, anna, {
      'if-none-match': tag ?? '',
    });
    assert.equal(other.status, 200);
    await other.body?.cancel();

    const uid = (await list(anna, inbox.id))[0]?.uid ?? 0;
    const messagePath = `/api/v1/messages/${inbox.id}/${String(uid)}`;
    const message = await get(messagePath, anna);
    const messageTag = message.headers.get('etag') ?? '';
    await message.body?.cancel();
    assert.equal((await get(messagePath, anna, { 'if-none-match': `W/${messageTag}, "x"` })).status, 304);

    await ok(send('POST', '/api/v1/messages/mark', anna, { folderId: inbox.id, uids: [uid], flagged: true }));
    const changed = await get(path, anna, { 'if-none-match': tag ?? '' });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), tag);
    await changed.body?.cancel();
    const changedMessage = await get(messagePath, anna, { 'if-none-match': messageTag });
    assert.equal(changedMessage.status, 200);
    await changedMessage.body?.cancel();
    // Another holder's tag is worth nothing: the folder is not theirs.
    await assertProblem(await get(path, bruno, { 'if-none-match': tag ?? '' }), 404, 'not-found');
  });

  it('downloads the raw message and an attachment byte-exact, named by RFC 6266', async () => {
    const inbox = await folder(anna, (f) => f.specialUse === 'inbox');
    const message = (await list(anna, inbox.id)).find((m) => m.subject === 'Seconda fattura');
    assert.ok(message !== undefined);
    const view = await ok<{ attachments: { id: string; name: string }[] }>(
      get(`/api/v1/messages/${inbox.id}/${String(message.uid)}`, anna),
    );
    const [attachment] = view.attachments;
    assert.deepEqual([attachment?.name, view.attachments.length], [attachmentName, 1]);

    const part = await get(
      `/api/v1/messages/${inbox.id}/${String(message.uid)}/attachments/${attachment?.id ?? ''}`,
      anna,
    );
    assert.equal(part.status, 200);
    assert.equal(part.headers.get('content-type'), 'application/pdf');
    assert.equal(
      part.headers.get('content-disposition'),
      `attachment; filename="fattura _ 2026.pdf"; filename*=UTF-8''fattura%20%C3%A8%202026.pdf`,
    );
    assert.equal(part.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), attachmentBytes);
    const partTag = part.headers.get('etag') ?? '';
    assert.equal(
      (
        await get(
          `/api/v1/messages/${inbox.id}/${String(message.uid)}/attachments/${attachment?.id ?? ''}`,
          anna,
          {
            'if-none-match': partTag,
          },
        )
      ).status,
      304,
    );

    // The PEC envelope as stored: the signed bytes, not one re-serialised.
    const envelope = (await list(anna, inbox.id)).find((m) => m.subject === 'Verbale di consegna');
    assert.ok(envelope !== undefined);
    const raw = await get(`/api/v1/messages/${inbox.id}/${String(envelope.uid)}/raw`, anna);
    assert.equal(raw.status, 200);
    assert.equal(raw.headers.get('content-type'), 'message/rfc822');
    assert.match(
      raw.headers.get('content-disposition') ?? '',
      /^attachment; filename="POSTA CERTIFICATA: Verbale di consegna\.eml"; filename\*=UTF-8''POSTA%20CERTIFICATA%3A%20Verbale%20di%20consegna\.eml$/,
    );
    const [stored] = await provider.ctx.storage.mailboxes.listMessages(Number(inbox.id), {
      uids: [{ from: envelope.uid, to: envelope.uid }],
    });
    assert.ok(stored !== undefined);
    assert.deepEqual(
      Buffer.from(await raw.arrayBuffer()),
      Buffer.from(await provider.ctx.blobs.get(stored.blobKey)),
    );

    await assertProblem(
      await get(`/api/v1/messages/${inbox.id}/${String(message.uid)}/attachments/9`, anna),
      404,
      'not-found',
    );
    await assertProblem(await get(`/api/v1/messages/${inbox.id}/99999/raw`, anna), 404, 'not-found');
  });

  it('moves, copies, deletes to Trash, undoes, deletes for good in Trash and empties Trash', async () => {
    const inbox = await folder(anna, (f) => f.specialUse === 'inbox');
    const trash = await folder(anna, (f) => f.specialUse === 'trash');
    const archive = await ok<FolderBody>(send('POST', '/api/v1/folders', anna, { name: 'Archivio' }), 201);
    const target = await ok<FolderBody>(send('POST', '/api/v1/folders', anna, { name: 'Pratiche' }), 201);
    const messages = await list(anna, inbox.id);
    const third = messages.find((m) => m.subject === 'Terza fattura');
    assert.ok(third !== undefined);

    const copied = await ok<{ targetFolderId: string; sourceUids: number[]; targetUids: number[] }>(
      send('POST', '/api/v1/messages/copy', anna, {
        folderId: inbox.id,
        uids: [third.uid],
        targetFolderId: target.id,
      }),
    );
    assert.deepEqual(
      [copied.targetFolderId, copied.sourceUids, copied.targetUids.length],
      [target.id, [third.uid], 1],
    );
    assert.deepEqual(
      (await list(anna, target.id)).map((m) => m.subject),
      ['Terza fattura'],
    );

    const moved = await ok<{ targetUids: number[] }>(
      send('POST', '/api/v1/messages/move', anna, {
        folderId: inbox.id,
        uids: [third.uid],
        targetFolderId: archive.id,
      }),
    );
    assert.ok(!(await list(anna, inbox.id)).some((m) => m.uid === third.uid));
    const archived = moved.targetUids[0] ?? 0;

    // Delete from Archive = move to Trash, undone by moving back.
    const deleted = await ok<{ kind: string; targetFolderId: string; targetUids: number[] }>(
      send('POST', '/api/v1/messages/delete', anna, { folderId: archive.id, uids: [archived] }),
    );
    assert.deepEqual([deleted.kind, deleted.targetFolderId], ['moved-to-trash', trash.id]);
    assert.deepEqual((await list(anna, archive.id)).length, 0);
    await ok(
      send('POST', '/api/v1/messages/move', anna, {
        folderId: trash.id,
        uids: deleted.targetUids,
        targetFolderId: archive.id,
      }),
    );
    assert.deepEqual(
      (await list(anna, archive.id)).map((m) => m.subject),
      ['Terza fattura'],
    );
    const again = await ok<{ targetUids: number[] }>(
      send('POST', '/api/v1/messages/delete', anna, {
        folderId: archive.id,
        uids: (await list(anna, archive.id)).map((m) => m.uid),
      }),
    );
    // In Trash, delete is for good.
    const gone = await ok<{ kind: string; uids: number[] }>(
      send('POST', '/api/v1/messages/delete', anna, { folderId: trash.id, uids: again.targetUids }),
    );
    assert.deepEqual(gone, { kind: 'expunged', uids: again.targetUids });
    assert.equal((await list(anna, trash.id)).length, 0);

    // Empty Trash; Archive cannot be emptied.
    await ok(
      send('POST', '/api/v1/messages/copy', anna, {
        folderId: target.id,
        uids: copied.targetUids,
        targetFolderId: trash.id,
      }),
    );
    assert.deepEqual(await ok(send('POST', `/api/v1/folders/${trash.id}/empty`, anna)), { expunged: 1 });
    assert.equal((await folder(anna, (f) => f.id === trash.id)).total, 0);
    await assertProblem(
      await send('POST', `/api/v1/folders/${archive.id}/empty`, anna),
      409,
      'folder-operation-refused',
    );
    // The moved copy is not gone from Pratiche.
    assert.equal((await list(anna, target.id)).length, 1);
  });

  it('creates nested folders, renames and deletes them; the standard folders are refused', async () => {
    const created = await ok<FolderBody>(
      send('POST', '/api/v1/folders', anna, { name: 'Clienti/Rossi' }),
      201,
    );
    assert.deepEqual([created.name, created.specialUse, created.total], ['Clienti/Rossi', null, 0]);
    const names = (await folders(anna)).map((f) => f.name);
    assert.ok(names.includes('Clienti') && names.includes('Clienti/Rossi'), names.join());
    await assertProblem(
      await send('POST', '/api/v1/folders', anna, { name: 'Clienti/Rossi' }),
      409,
      'folder-exists',
    );
    await assertProblem(
      await send('POST', '/api/v1/folders', anna, { name: 'a*b' }),
      422,
      'invalid-folder-name',
    );
    await assertProblem(await send('POST', '/api/v1/folders', anna, { name: '' }), 400, 'invalid-request');

    const parent = await folder(anna, (f) => f.name === 'Clienti');
    const renamed = await ok<FolderBody>(
      send('PATCH', `/api/v1/folders/${parent.id}`, anna, { name: 'Clientela' }),
    );
    assert.equal(renamed.name, 'Clientela');
    assert.ok(
      (await folders(anna)).some((f) => f.name === 'Clientela/Rossi'),
      'subfolders follow',
    );
    await assertProblem(
      await send('DELETE', `/api/v1/folders/${parent.id}`, anna),
      409,
      'folder-has-children',
    );
    const child = await folder(anna, (f) => f.name === 'Clientela/Rossi');
    assert.equal((await send('DELETE', `/api/v1/folders/${child.id}`, anna)).status, 204);
    assert.equal((await send('DELETE', `/api/v1/folders/${parent.id}`, anna)).status, 204);
    assert.ok(!(await folders(anna)).some((f) => f.name.startsWith('Clientela')));

    for (const standard of (await folders(anna)).filter((f) => f.specialUse !== null)) {
      await assertProblem(
        await send('DELETE', `/api/v1/folders/${standard.id}`, anna),
        409,
        'folder-operation-refused',
      );
      await assertProblem(
        await send('PATCH', `/api/v1/folders/${standard.id}`, anna, { name: `${standard.name}2` }),
        409,
        'folder-operation-refused',
      );
    }
  });

  it("never lets one holder's session act on another's mailbox, on any new route", async () => {
    const annaFolders = await folders(anna);
    const inbox = annaFolders.find((f) => f.specialUse === 'inbox');
    const own = annaFolders.find((f) => f.name === 'Pratiche');
    assert.ok(inbox !== undefined && own !== undefined);
    const brunoInbox = await folder(bruno, (f) => f.specialUse === 'inbox');
    const [message] = await list(anna, inbox.id);
    assert.ok(message !== undefined);
    const uids = [message.uid];
    const before = JSON.stringify(await list(anna, inbox.id));
    const tries: [string, string, unknown][] = [
      ['POST', '/api/v1/messages/mark', { folderId: inbox.id, uids, seen: true, flagged: true }],
      ['POST', '/api/v1/messages/move', { folderId: inbox.id, uids, targetFolderId: brunoInbox.id }],
      ['POST', '/api/v1/messages/copy', { folderId: inbox.id, uids, targetFolderId: brunoInbox.id }],
      // Bruno's own folder as the source, Anna's as the target: still nothing of Anna's.
      ['POST', '/api/v1/messages/copy', { folderId: brunoInbox.id, uids, targetFolderId: inbox.id }],
      ['POST', '/api/v1/messages/delete', { folderId: inbox.id, uids }],
      ['POST', `/api/v1/folders/${inbox.id}/empty`, undefined],
      ['PATCH', `/api/v1/folders/${own.id}`, { name: 'Preso' }],
      ['DELETE', `/api/v1/folders/${own.id}`, undefined],
      ['GET', `/api/v1/messages/${inbox.id}/${String(message.uid)}/raw`, undefined],
      ['GET', `/api/v1/messages/${inbox.id}/${String(message.uid)}/attachments/2`, undefined],
    ];
    for (const [method, path, body] of tries) {
      await assertProblem(await send(method, path, bruno, body), 404, 'not-found');
      await assertProblem(await send(method, path, undefined, body), 401, 'authentication-required');
      if (method !== 'GET') await assertProblem(await send(method, path, anna, body, false), 403, 'csrf');
    }
    assert.equal(JSON.stringify(await list(anna, inbox.id)), before, "Anna's inbox is untouched");
    assert.ok((await folders(anna)).some((f) => f.id === own.id && f.name === 'Pratiche'));
    await assertProblem(await get('/api/events'), 401, 'authentication-required');
  });

  it('streams new mail delivered by SMTP and IMAP mark changes as server-sent events, to the holder only', async () => {
    const inbox = await folder(anna, (f) => f.specialUse === 'inbox');
    const brunoInbox = await folder(bruno, (f) => f.specialUse === 'inbox');
    const annaStream = await get('/api/events', anna);
    assert.equal(annaStream.status, 200);
    assert.match(annaStream.headers.get('content-type') ?? '', /^text\/event-stream/);
    const brunoStream = await get('/api/events', bruno);
    const annaEvents = new EventReader(annaStream);
    const brunoEvents = new EventReader(brunoStream);
    try {
      await provider.deliverPec(holders.mario, holders.anna, 'Arrivata adesso', 'Nuova.\n');
      const exists = await annaEvents.until((e) => e.kind === 'exists');
      assert.equal(exists.folderId, inbox.id);
      assert.ok(annaEvents.comments.includes('connected'));
      const fresh = (await list(anna, inbox.id)).find((m) => m.subject === 'Arrivata adesso');
      assert.ok(fresh !== undefined && exists.uids?.includes(fresh.uid));

      const client = await imap(holders.anna);
      try {
        const lock = await client.getMailboxLock('INBOX');
        try {
          await client.messageFlagsAdd(String(fresh.uid), ['\\Flagged'], { uid: true });
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }
      const flags = await annaEvents.until((e) => e.kind === 'flags');
      assert.deepEqual([flags.folderId, flags.uids], [inbox.id, [fresh.uid]]);

      // Bruno's stream: the first change it hears is his own, none of Anna's came before it.
      await provider.deliverPec(holders.mario, holders.bruno, 'Per Bruno', 'Ciao.\n');
      const first = await brunoEvents.until(() => true);
      assert.deepEqual([first.kind, first.folderId], ['exists', brunoInbox.id]);
    } finally {
      await annaEvents.close();
      await brunoEvents.close();
    }
  });

  it('answers a reconnection with Last-Event-ID by one resync event', async () => {
    const response = await get('/api/events', anna, { 'last-event-id': 'abc.7' });
    const events = new EventReader(response);
    try {
      const first = await events.next();
      assert.equal(first.event, 'resync');
      assert.match(first.id, /^[A-Za-z0-9_-]+\.1$/);
    } finally {
      await events.close();
    }
  });

  it('lists the new routes in the OpenAPI document', async () => {
    const document = await ok<{ paths: Record<string, Record<string, unknown>> }>(get('/api/openapi.json'));
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const expected of [
      'POST /api/v1/messages/mark',
      'POST /api/v1/messages/move',
      'POST /api/v1/messages/copy',
      'POST /api/v1/messages/delete',
      'POST /api/v1/folders/{id}/empty',
      'POST /api/v1/folders',
      'PATCH /api/v1/folders/{id}',
      'DELETE /api/v1/folders/{id}',
      'GET /api/v1/messages/{folderId}/{uid}/raw',
      'GET /api/v1/messages/{folderId}/{uid}/attachments/{part}',
      'GET /api/events',
    ])
      assert.ok(operations.includes(expected), expected);
  });
});
