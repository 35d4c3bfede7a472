// Fetch wrapper for the HTTP API: same-origin cookies, the CSRF header, problem+json errors.
import {
  apiBase,
  type ArchiveKind,
  csrfHeader,
  type FolderList,
  type Message,
  type MessagePage,
  type PecDetails,
  type Problem,
  type ProviderInfo,
  type ReceiptsDossier,
  type Session,
  type SignInRequest,
  type SortKey,
} from './contract.ts';

/** A failed call; `reason` is what the UI translates (`problem.<reason>`). */
export class ApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly problem: Problem | null;

  constructor(status: number, reason: string, problem: Problem | null) {
    super(problem?.title ?? reason);
    this.name = 'ApiError';
    this.status = status;
    this.reason = reason;
    this.problem = problem;
  }
}

/** The server's refusal reasons (docs/refusals.md) under the names the catalogues translate. */
const reasonAliases: Readonly<Record<string, string>> = {
  'authentication-failed': 'invalid-credentials',
  'authentication-required': 'not-signed-in',
  'too-many-failures': 'rate-limited',
  'mailbox-disabled': 'account-suspended',
  'no-such-folder': 'not-found',
  'message-expunged': 'not-found',
  'internal-error': 'server-error',
};

/** The reason of a problem: its `reason` member, else the last segment of its `type` URI. */
export function problemReason(problem: Problem): string {
  if (problem.reason !== undefined && problem.reason !== '')
    return reasonAliases[problem.reason] ?? problem.reason;
  if (problem.type !== 'about:blank' && problem.type !== '') {
    const last = problem.type.split(/[/#]/).pop();
    if (last !== undefined && last !== '') return last;
  }
  return statusReason(problem.status);
}

function statusReason(status: number): string {
  if (status === 401) return 'not-signed-in';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'unexpected';
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number';
}

export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') headers[csrfHeader.name] = csrfHeader.value;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', null);
  }
  if (response.ok) return response;
  let problem: Problem | null = null;
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
    const parsed: unknown = await response.json().catch(() => null);
    if (isProblem(parsed)) problem = parsed;
  }
  throw new ApiError(
    response.status,
    problem === null ? statusReason(response.status) : problemReason(problem),
    problem,
  );
}

export async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(method, path, body);
  return (await response.json()) as T;
}

export interface MessageQuery {
  sort: SortKey;
  descending: boolean;
  q: string;
  limit: number;
  cursor: string | null;
  /** Leave receipts and notices out of the list (they stay in the folder). */
  hideReceipts?: boolean;
  /** Only one kind of the security archive (decision 0035). */
  kind?: ArchiveKind | null;
  /** Ask for each message's body preview (the list's preview lines). */
  preview?: boolean;
}

function messagesPath(folderId: string, query: MessageQuery): string {
  const params = new URLSearchParams({
    sort: `${query.descending ? '-' : ''}${query.sort}`,
    limit: String(query.limit),
  });
  if (query.cursor !== null) params.set('cursor', query.cursor);
  if (query.q !== '') params.set('q', query.q);
  if (query.hideReceipts === true) params.set('receipts', 'hide');
  if (query.kind !== undefined && query.kind !== null) params.set('kind', query.kind);
  if (query.preview === true) params.set('preview', '1');
  return `/folders/${encodeURIComponent(folderId)}/messages?${params.toString()}`;
}

export const api = {
  provider: () => json<ProviderInfo>('GET', '/provider'),
  session: () => json<Session>('GET', '/session'),
  signIn: async (body: SignInRequest): Promise<void> => {
    await request('POST', '/session', body);
  },
  signOut: async (): Promise<void> => {
    await request('DELETE', '/session');
  },
  folders: () => json<FolderList>('GET', '/folders'),
  messages: (folderId: string, query: MessageQuery) =>
    json<MessagePage>('GET', messagesPath(folderId, query)),
  message: (folderId: string, uid: number) =>
    json<Message>('GET', `/messages/${encodeURIComponent(folderId)}/${String(uid)}`),
  pecDetails: (folderId: string, uid: number) =>
    json<PecDetails>('GET', `/messages/${encodeURIComponent(folderId)}/${String(uid)}/pec`),
  receipts: (folderId: string, uid: number) =>
    json<ReceiptsDossier>('GET', `/messages/${encodeURIComponent(folderId)}/${String(uid)}/receipts`),
};

/** The evidence pack's URL: a plain download link (the session cookie goes with it). */
export const evidenceUrl = (folderId: string, uid: number): string =>
  `${apiBase}/messages/${encodeURIComponent(folderId)}/${String(uid)}/evidence`;
