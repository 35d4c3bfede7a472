// Dev-only mock of the provisional HTTP API (src/api/contract.ts): sessions by cookie, folders and
// generated messages. A test fixture: never shipped, never started by `npm start`.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  Message,
  MessagePage,
  MessageSummary,
  Problem,
  ProviderInfo,
  Session,
  SortKey,
} from '../src/api/contract.ts';
import { folderSpecs, generateMessage, generateSummaries, type FolderSpec } from './generate.ts';
import { createMockPec, isMockReceipt } from './mock-pec.ts';
import { broadcast, handleActions } from './mock-actions.ts';
import { createMockSecurity } from './mock-security.ts';
import { createMockOutgoing } from './mock-outgoing.ts';

export const demoAccount = {
  address: 'mario.rossi@pec.example.it',
  password: 'demo-password',
  displayName: 'Mario Rossi',
};
/** Signs in with any password and is refused as suspended: shows a translated problem. */
export const suspendedAddress = 'sospesa@pec.example.it';

const provider: ProviderInfo = {
  name: 'PEC Example',
  domain: 'pec.example.it',
  passwordRecoveryUrl: '/account/recover',
};
const cookieName = 'pec_session';
const maxFailures = 5;

interface MockOptions {
  /** Size of INBOX (100,000 by default). */
  inboxSize?: number;
  /** Milliseconds added to every answer, to see loading states. */
  latency?: number;
  /** The mailbox's "now" (tests fix it so screenshots stay the same). */
  now?: number;
}

export function send(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Cache-Control': 'no-store',
    ...headers,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

export function problem(
  res: ServerResponse,
  status: number,
  reason: string,
  title: string,
  headers: Record<string, string> = {},
): void {
  const body: Problem = { type: `/api/v1/problems/${reason}`, title, status, reason };
  res.writeHead(status, {
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function cookieValue(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return null;
}

const compare: Record<SortKey, (a: MessageSummary, b: MessageSummary) => number> = {
  date: (a, b) => a.date.localeCompare(b.date) || a.uid - b.uid,
  from: (a, b) =>
    (a.from.name || a.from.address).localeCompare(b.from.name || b.from.address, 'it') || a.uid - b.uid,
  subject: (a, b) => a.subject.localeCompare(b.subject, 'it') || a.uid - b.uid,
  size: (a, b) => a.size - b.size || a.uid - b.uid,
};

export function createMockApi(options: MockOptions = {}) {
  const now = options.now ?? Date.now();
  const specs: FolderSpec[] = folderSpecs.map((spec) =>
    spec.id === 'inbox' && options.inboxSize !== undefined ? { ...spec, size: options.inboxSize } : spec,
  );
  const summaries = new Map(specs.map((spec) => [spec.id, generateSummaries(spec, now)]));
  const sorted = new Map<string, MessageSummary[]>();
  const sessions = new Map<string, Session>();
  const failures = new Map<string, number>();
  const pec = createMockPec(summaries);
  const security = createMockSecurity(now);
  const preferences: Record<string, unknown> = {
    language: null,
    theme: 'system',
    density: 'comfortable',
    previewLines: 1,
    hideReceipts: false,
    readingPane: 'three',
    markReadAfterSeconds: 0,
    signature: '',
  };
  // Sending and drafts (decision 0012): new messages go into these same lists.
  const outgoing = createMockOutgoing({
    summaries,
    invalidate: () => {
      sorted.clear();
    },
  });

  function listing(folderId: string, sortParam: string, q: string, hideReceipts = false): MessageSummary[] {
    const key = `${folderId}|${sortParam}|${q}|${String(hideReceipts)}`;
    const cached = sorted.get(key);
    if (cached !== undefined) return cached;
    const descending = sortParam.startsWith('-');
    const sortKey = sortParam.replace(/^-/, '') as SortKey;
    const all = summaries.get(folderId) ?? [];
    const base = hideReceipts ? all.filter((m) => !isMockReceipt(m)) : all;
    const needle = q.toLowerCase();
    const filtered =
      needle === ''
        ? [...base]
        : base.filter((m) => `${m.subject} ${m.from.name} ${m.from.address}`.toLowerCase().includes(needle));
    const order = compare[sortKey];
    filtered.sort(descending ? (a, b) => order(b, a) : order);
    if (sorted.size > 32) sorted.clear();
    sorted.set(key, filtered);
    return filtered;
  }

  function session(req: IncomingMessage): Session | null {
    const token = cookieValue(req);
    const found = token === null ? undefined : sessions.get(token);
    if (found === undefined || Date.parse(found.expiresAt) < Date.now()) return null;
    return found;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://mock');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = req.method ?? 'GET';
    if (options.latency !== undefined) await new Promise((resolve) => setTimeout(resolve, options.latency));

    if (method !== 'GET' && req.headers['x-pec-request'] !== '1') {
      problem(res, 403, 'csrf', 'Missing the X-PEC-Request header');
      return;
    }
    if (path === '/provider' && method === 'GET') {
      send(res, 200, provider);
      return;
    }
    if (path === '/session' && method === 'POST') {
      const body = (await readJson(req)) as {
        address?: unknown;
        password?: unknown;
        staySignedIn?: unknown;
      } | null;
      const address = typeof body?.address === 'string' ? body.address.trim().toLowerCase() : '';
      const password = typeof body?.password === 'string' ? body.password : '';
      if ((failures.get(address) ?? 0) >= maxFailures) {
        problem(res, 429, 'rate-limited', 'Too many failed sign-ins', { 'Retry-After': '300' });
        return;
      }
      if (address === suspendedAddress) {
        problem(res, 403, 'account-suspended', 'The mailbox is suspended');
        return;
      }
      if (address !== demoAccount.address || password !== demoAccount.password) {
        failures.set(address, (failures.get(address) ?? 0) + 1);
        problem(res, 401, 'invalid-credentials', 'Wrong address or password');
        return;
      }
      failures.delete(address);
      const stay = body?.staySignedIn === true;
      const lifetime = stay ? 30 * 86_400_000 : 8 * 3_600_000;
      const token = randomBytes(24).toString('base64url');
      sessions.set(token, {
        address: demoAccount.address,
        displayName: demoAccount.displayName,
        expiresAt: new Date(Date.now() + lifetime).toISOString(),
        staySignedIn: stay,
      });
      // The real listener adds Secure (it serves HTTPS); the mock runs on plain loopback HTTP.
      const cookie = `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict${stay ? `; Max-Age=${String(lifetime / 1000)}` : ''}`;
      send(res, 204, undefined, { 'Set-Cookie': cookie });
      return;
    }
    const current = session(req);
    if (current === null) {
      problem(res, 401, 'not-signed-in', 'Sign in first');
      return;
    }
    if (path === '/session' && method === 'GET') {
      send(res, 200, current);
      return;
    }
    if (path === '/session' && method === 'DELETE') {
      const token = cookieValue(req);
      if (token !== null) sessions.delete(token);
      send(res, 204, undefined, {
        'Set-Cookie': `${cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
      });
      return;
    }
    const handled = await handleActions(
      {
        specs,
        summaries,
        changed: (event) => {
          sorted.clear();
          broadcast(event);
        },
      },
      {
        method,
        path: url.pathname.replace(/^\/api\/v1/, '').replace(/^\/api/, ''),
        body: () => readJson(req),
        req,
        res,
      },
      (status, body) => {
        send(res, status, body);
      },
      (status, reason, title) => {
        problem(res, status, reason, title);
      },
    );
    if (handled) return;
    if (path === '/preferences' && (method === 'GET' || method === 'PATCH')) {
      // The holder's options (decision 0025), kept for the mock's lifetime.
      if (method === 'PATCH') Object.assign(preferences, (await readJson(req)) as object);
      send(res, 200, preferences);
      return;
    }
    if (path.startsWith('/security')) {
      const body =
        method === 'GET' || method === 'DELETE'
          ? null
          : ((await readJson(req)) as Record<string, unknown> | null);
      const answer = security.handle(method, path, body, req.headers['user-agent']);
      if (answer !== undefined) {
        const [status, result] = answer;
        if (status === 401) problem(res, 401, 'invalid-credentials', 'Wrong code');
        else if (status === 404) problem(res, 404, 'not-found', 'No such item');
        else send(res, status, result);
        return;
      }
    }
    if (path === '/folders' && method === 'GET') {
      send(res, 200, {
        folders: specs.map((spec) => {
          const list = summaries.get(spec.id) ?? [];
          return {
            id: spec.id,
            name: spec.name,
            specialUse: spec.specialUse,
            total: list.length,
            unread: list.filter((m) => !m.flags.includes('seen')).length,
          };
        }),
      });
      return;
    }
    const list = /^\/folders\/([^/]+)\/messages$/.exec(path);
    if (list !== null && method === 'GET') {
      const folderId = decodeURIComponent(list[1] ?? '');
      if (!summaries.has(folderId)) {
        problem(res, 404, 'not-found', 'No such folder');
        return;
      }
      const sortParam = url.searchParams.get('sort') ?? '-date';
      if (!/^-?(date|from|subject|size)$/.test(sortParam)) {
        problem(res, 400, 'invalid-sort', `Unknown sort ${sortParam}`);
        return;
      }
      const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? '100') || 100));
      const cursor = url.searchParams.get('cursor');
      // Opaque to the client; an offset here, a keyset position on the real server.
      const offset = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8')) || 0;
      const all = listing(
        folderId,
        sortParam,
        url.searchParams.get('q') ?? '',
        url.searchParams.get('receipts') === 'hide',
      );
      const end = offset + limit;
      // As the server: `preview=1` adds the start of each text (IMAP PREVIEW, 200 characters).
      const withPreview = url.searchParams.get('preview') === '1';
      const page: MessagePage = {
        messages: all.slice(offset, end).map((summary) =>
          withPreview
            ? {
                ...summary,
                preview: generateMessage(folderId, summary).text.replace(/\s+/g, ' ').trim().slice(0, 200),
              }
            : summary,
        ),
        nextCursor: end < all.length ? Buffer.from(String(end)).toString('base64url') : null,
        total: all.length,
      };
      send(res, 200, page);
      return;
    }
    const pecAnswer = method === 'GET' ? pec(path) : undefined;
    if (pecAnswer !== undefined) {
      if (pecAnswer.status === 404) problem(res, 404, 'not-found', 'No such message or dossier');
      else if (pecAnswer.zip !== undefined) {
        res.writeHead(200, {
          'Content-Type': 'application/zip',
          'Content-Disposition': 'attachment; filename="pec-evidence-mock.zip"',
          'Cache-Control': 'no-store',
        });
        res.end(pecAnswer.zip);
      } else send(res, 200, pecAnswer.body);
      return;
    }
    if (await outgoing.handle(method, path, url, req, res, current)) return;
    const one = /^\/messages\/([^/]+)\/(\d+)$/.exec(path);
    if (one !== null && method === 'GET') {
      const folderId = decodeURIComponent(one[1] ?? '');
      const uid = Number(one[2]);
      const composed: Message | undefined = outgoing.message(folderId, uid);
      if (composed !== undefined) {
        send(res, 200, composed);
        return;
      }
      const summary = summaries.get(folderId)?.find((m) => m.uid === uid);
      if (summary === undefined) {
        problem(res, 404, 'not-found', 'No such message');
        return;
      }
      send(res, 200, generateMessage(folderId, summary));
      return;
    }
    problem(res, 404, 'not-found', `No route ${method} ${url.pathname}`);
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      problem(res, 500, 'server-error', error instanceof Error ? error.message : 'mock failure');
    });
  };
}
