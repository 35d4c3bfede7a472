// The mailbox actions of the HTTP API (marks, move, copy, delete, empty, folders, downloads).
import { json, request } from './client.ts';
import { apiBase, type DeleteResult, type Filed, type Folder } from './contract.ts';

export interface Selection {
  folderId: string;
  uids: number[];
}

export const actionsApi = {
  mark: (selection: Selection, change: { seen?: boolean; flagged?: boolean; junk?: boolean }) =>
    json<{ updated: number[] }>('POST', '/messages/mark', { ...selection, ...change }),
  move: (selection: Selection, targetFolderId: string) =>
    json<Filed>('POST', '/messages/move', { ...selection, targetFolderId }),
  copy: (selection: Selection, targetFolderId: string) =>
    json<Filed>('POST', '/messages/copy', { ...selection, targetFolderId }),
  delete: (selection: Selection) => json<DeleteResult>('POST', '/messages/delete', selection),
  empty: (folderId: string) =>
    json<{ expunged: number }>('POST', `/folders/${encodeURIComponent(folderId)}/empty`),
  createFolder: (name: string) => json<Folder>('POST', '/folders', { name }),
  renameFolder: (folderId: string, name: string) =>
    json<Folder>('PATCH', `/folders/${encodeURIComponent(folderId)}`, { name }),
  deleteFolder: async (folderId: string): Promise<void> => {
    await request('DELETE', `/folders/${encodeURIComponent(folderId)}`);
  },
};

/** Where the browser downloads a message's raw bytes (.eml). */
export function rawMessageUrl(folderId: string, uid: number): string {
  return `${apiBase}/messages/${encodeURIComponent(folderId)}/${String(uid)}/raw`;
}

/** Where the browser downloads one attachment, byte-exact. */
export function attachmentUrl(folderId: string, uid: number, part: string): string {
  return `${apiBase}/messages/${encodeURIComponent(folderId)}/${String(uid)}/attachments/${part}`;
}

/** The event stream (same origin: CSP connect-src 'self'). */
export const eventsUrl = '/api/events';
