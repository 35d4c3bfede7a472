// Dev-only mock of the mailbox actions (src/api/actions.ts): marks, move, copy, delete, empty,
// folders, downloads and the event stream, on the mock's in-memory folders. A test fixture.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MessageSummary } from '../src/api/contract.ts';
import type { FolderSpec } from './generate.ts';

export interface MockMailbox {
  specs: FolderSpec[];
  summaries: Map<string, MessageSummary[]>;
  /** Called after any change (drops sorted listings, tells event streams). */
  changed: (event: { kind: string; folderId?: string; uids?: number[] }) => void;
}

type Reply = (status: number, body?: unknown) => void;
type Refuse = (status: number, reason: string, title: string) => void;

const standard = (spec: FolderSpec | undefined) => spec?.specialUse !== null;

export async function handleActions(
  box: MockMailbox,
  request: {
    method: string;
    path: string;
    body: () => Promise<unknown>;
    req: IncomingMessage;
    res: ServerResponse;
  },
  reply: Reply,
  refuse: Refuse,
): Promise<boolean> {
  const { method, path } = request;
  const spec = (id: string) => box.specs.find((s) => s.id === id);
  const list = (id: string) => box.summaries.get(id) ?? [];
  const nextUid = (id: string) => Math.max(0, ...list(id).map((m) => m.uid)) + 1;

  if (path === '/events' && method === 'GET') {
    request.res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    request.res.write('retry: 3000\n: connected\n\n');
    const listener = (event: unknown) =>
      request.res.write(`event: mailbox\ndata: ${JSON.stringify(event)}\n\n`);
    streams.add(listener);
    request.req.on('close', () => streams.delete(listener));
    return true;
  }
  const messagesAction = /^\/messages\/(mark|move|copy|delete)$/.exec(path);
  if (messagesAction !== null && method === 'POST') {
    const body = (await request.body()) as {
      folderId?: string;
      uids?: number[];
      seen?: boolean;
      flagged?: boolean;
      targetFolderId?: string;
    } | null;
    const from = body?.folderId ?? '';
    const uids = new Set(body?.uids ?? []);
    if (spec(from) === undefined) return (refuse(404, 'not-found', 'No such folder'), true);
    const chosen = list(from).filter((m) => uids.has(m.uid));
    const action = messagesAction[1];
    if (action === 'mark') {
      for (const m of chosen) {
        if (body?.seen !== undefined)
          m.flags = body.seen
            ? [...m.flags.filter((f) => f !== 'seen'), 'seen']
            : m.flags.filter((f) => f !== 'seen');
        if (body?.flagged !== undefined)
          m.flags = body.flagged
            ? [...m.flags.filter((f) => f !== 'flagged'), 'flagged']
            : m.flags.filter((f) => f !== 'flagged');
      }
      box.changed({ kind: 'flags', folderId: from, uids: chosen.map((m) => m.uid) });
      reply(200, { updated: chosen.map((m) => m.uid) });
      return true;
    }
    const target = action === 'delete' ? (from === 'trash' ? null : 'trash') : (body?.targetFolderId ?? '');
    if (target !== null && spec(target) === undefined)
      return (refuse(404, 'not-found', 'No such folder'), true);
    if (action !== 'copy')
      box.summaries.set(
        from,
        list(from).filter((m) => !uids.has(m.uid)),
      );
    if (target === null) {
      box.changed({ kind: 'expunge', folderId: from, uids: chosen.map((m) => m.uid) });
      reply(200, { kind: 'expunged', uids: chosen.map((m) => m.uid) });
      return true;
    }
    let uid = nextUid(target);
    const copies = chosen.map((m) => ({ ...m, uid: uid++ }));
    box.summaries.set(target, [...copies.reverse(), ...list(target)]);
    copies.reverse();
    box.changed({ kind: 'exists', folderId: target, uids: copies.map((m) => m.uid) });
    const filed = {
      targetFolderId: target,
      sourceUids: chosen.map((m) => m.uid),
      targetUids: copies.map((m) => m.uid),
    };
    reply(200, action === 'delete' ? { kind: 'moved-to-trash', ...filed } : filed);
    return true;
  }
  const empty = /^\/folders\/([^/]+)\/empty$/.exec(path);
  if (empty !== null && method === 'POST') {
    const id = decodeURIComponent(empty[1] ?? '');
    if (id !== 'trash' && id !== 'junk')
      return (refuse(409, 'folder-operation-refused', 'Only Trash and Spam'), true);
    const count = list(id).length;
    box.summaries.set(id, []);
    box.changed({ kind: 'expunge', folderId: id, uids: [] });
    reply(200, { expunged: count });
    return true;
  }
  const folderBody = (s: FolderSpec) => ({
    id: s.id,
    name: s.name,
    specialUse: s.specialUse,
    total: list(s.id).length,
    unread: 0,
  });
  if (path === '/folders' && method === 'POST') {
    const name = (((await request.body()) as { name?: string } | null)?.name ?? '').trim();
    if (name === '' || /[*%]/.test(name))
      return (refuse(422, 'invalid-folder-name', 'Invalid folder name'), true);
    if (box.specs.some((s) => s.name === name)) return (refuse(409, 'folder-exists', 'Folder exists'), true);
    const created: FolderSpec = { id: `f${String(Date.now())}`, name, specialUse: null, size: 0, seed: 99 };
    box.specs.push(created);
    box.summaries.set(created.id, []);
    box.changed({ kind: 'folders' });
    reply(201, folderBody(created));
    return true;
  }
  const one = /^\/folders\/([^/]+)$/.exec(path);
  if (one !== null && (method === 'PATCH' || method === 'DELETE')) {
    const found = spec(decodeURIComponent(one[1] ?? ''));
    if (found === undefined) return (refuse(404, 'not-found', 'No such folder'), true);
    if (standard(found)) return (refuse(409, 'folder-operation-refused', 'A standard folder'), true);
    if (method === 'DELETE') {
      box.specs.splice(box.specs.indexOf(found), 1);
      box.summaries.delete(found.id);
      box.changed({ kind: 'folders' });
      reply(204);
      return true;
    }
    found.name = (((await request.body()) as { name?: string } | null)?.name ?? found.name).trim();
    box.changed({ kind: 'folders' });
    reply(200, folderBody(found));
    return true;
  }
  const download = /^\/messages\/([^/]+)\/(\d+)\/(raw|attachments\/[\d.]+)$/.exec(path);
  if (download !== null && method === 'GET') {
    const text = `From: mock@example.it\r\nSubject: mock\r\n\r\nMock ${download[3] ?? ''}\r\n`;
    request.res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="mock.eml"`,
    });
    request.res.end(text);
    return true;
  }
  return false;
}

const streams = new Set<(event: unknown) => void>();

/** Tells every open event stream. */
export function broadcast(event: unknown): void {
  for (const stream of streams) stream(event);
}
