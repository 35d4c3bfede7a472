// What the mailbox's URL says: the folder and open message (/f/:folderId/m/:uid) and the list's sort
// (?sort=-date), read in one place so Back and shared links work.
import type { SortKey } from '../../api/contract.ts';

export const sortKeys: readonly SortKey[] = ['date', 'from', 'subject', 'size'];
export const sortLabels = {
  date: 'list.sortDate',
  from: 'list.sortFrom',
  subject: 'list.sortSubject',
  size: 'list.sortSize',
} as const;

export function parseSort(value: string | null): { sort: SortKey; descending: boolean } {
  const descending = value === null || value.startsWith('-');
  const key = (value ?? '-date').replace(/^-/, '');
  return { sort: (sortKeys as readonly string[]).includes(key) ? (key as SortKey) : 'date', descending };
}

/** `/f/<folder>` or `/f/<folder>/m/<uid>` (the splat after /f/). */
export function parseMailboxPath(splat: string | undefined): {
  folderId: string | null;
  openUid: number | null;
} {
  const match = /^([^/]+)(?:\/m\/(\d+))?\/?$/.exec(splat ?? '');
  if (match === null) return { folderId: null, openUid: null };
  const folder = match[1] === undefined ? null : decodeURIComponent(match[1]);
  return { folderId: folder, openUid: match[2] === undefined ? null : Number(match[2]) };
}
