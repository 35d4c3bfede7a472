// What the mailbox actions do to the TanStack Query caches: the change shown at once (optimistic),
// then everything it touches re-read from the server.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Message, MessageFlag, MessagePage } from '../../api/contract.ts';

type Pages = InfiniteData<MessagePage, string | null>;

function withFlag(flags: MessageFlag[], flag: MessageFlag, on: boolean): MessageFlag[] {
  const without = flags.filter((f) => f !== flag);
  return on ? [...without, flag] : without;
}

/** Sets `\Seen` / `\Flagged` on the cached rows and messages of `folderId`. */
export function markInCache(
  client: QueryClient,
  folderId: string,
  uids: readonly number[],
  change: { seen?: boolean; flagged?: boolean },
): void {
  const wanted = new Set(uids);
  const apply = (flags: MessageFlag[]) => {
    let next = flags;
    if (change.seen !== undefined) next = withFlag(next, 'seen', change.seen);
    if (change.flagged !== undefined) next = withFlag(next, 'flagged', change.flagged);
    return next;
  };
  client.setQueriesData<Pages>({ queryKey: ['messages', folderId] }, (data) =>
    data === undefined
      ? data
      : {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            messages: page.messages.map((m) => (wanted.has(m.uid) ? { ...m, flags: apply(m.flags) } : m)),
          })),
        },
  );
  for (const uid of uids)
    client.setQueryData<Message>(['message', folderId, uid], (m) =>
      m === undefined ? m : { ...m, flags: apply(m.flags) },
    );
}

/** Takes the messages out of the cached lists of `folderId` (moved or deleted). */
export function removeFromCache(client: QueryClient, folderId: string, uids: readonly number[]): void {
  const gone = new Set(uids);
  client.setQueriesData<Pages>({ queryKey: ['messages', folderId] }, (data) => {
    if (data === undefined) return data;
    const removed = data.pages.reduce(
      (sum, page) => sum + page.messages.filter((m) => gone.has(m.uid)).length,
      0,
    );
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        messages: page.messages.filter((m) => !gone.has(m.uid)),
        total: Math.max(0, page.total - removed),
      })),
    };
  });
}

/**
 * Re-reads what a change in `folderIds` may have touched (all folders when omitted). A receipt
 * lands in INBOX while the dossier it belongs to is read from Sent: any change re-reads the open
 * dossier, so receipts appear in it as they arrive.
 */
export async function refreshMailbox(client: QueryClient, folderIds?: readonly string[]): Promise<void> {
  const lists =
    folderIds === undefined
      ? [
          client.invalidateQueries({ queryKey: ['messages'] }),
          client.invalidateQueries({ queryKey: ['message'] }),
        ]
      : folderIds.flatMap((id) => [
          client.invalidateQueries({ queryKey: ['messages', id] }),
          client.invalidateQueries({ queryKey: ['message', id] }),
        ]);
  await Promise.all([
    ...lists,
    client.invalidateQueries({ queryKey: ['folders'] }),
    client.invalidateQueries({ queryKey: ['receipts'] }),
  ]);
}
