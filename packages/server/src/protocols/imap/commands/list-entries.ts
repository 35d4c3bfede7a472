/**
 * The names LIST and LSUB can answer with (RFC 9051 §6.3.9, RFC 5258 §3): every folder, plus any
 * missing parent of a folder (a `\NonExistent` / `\Noselect` level), each with what its children are.
 */
import { folderDelimiter, type Folder } from '../../../ports/mailbox-store.ts';

export interface ListEntry {
  readonly name: string;
  /** Null for a level that exists only as the parent of other folders. */
  readonly folder: Folder | null;
  readonly hasChildren: boolean;
  /** The name is in the client's subscription list (RFC 3501 §6.3.6). */
  readonly subscribed: boolean;
  /** Some folder below this one is subscribed (RFC 5258 CHILDINFO "SUBSCRIBED"). */
  readonly hasSubscribedChild: boolean;
}

/**
 * Entries ordered by name, INBOX first. With `subscribedNames`, subscribed names that are not folders
 * are entries too (LSUB, LIST (SUBSCRIBED): RFC 5258 §3 `\NonExistent \Subscribed`).
 */
export function listEntries(
  folders: readonly Folder[],
  subscriptions: readonly string[],
  subscribedNames = false,
): ListEntry[] {
  const byName = new Map(folders.map((folder) => [folder.name, folder]));
  const subscribed = new Set(subscriptions);
  const names = new Set(byName.keys());
  const withChildren = new Set<string>();
  const withSubscribedChild = new Set<string>();
  const existing = folders.map((folder) => folder.name);
  const listed = subscribedNames ? [...new Set([...existing, ...subscribed])] : existing;
  for (const name of listed) {
    names.add(name);
    const levels = name.split(folderDelimiter);
    for (let depth = 1; depth < levels.length; depth++) {
      const parent = levels.slice(0, depth).join(folderDelimiter);
      names.add(parent);
      if (byName.has(name)) withChildren.add(parent);
      if (subscribed.has(name)) withSubscribedChild.add(parent);
    }
  }
  return [...names]
    .sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({
      name,
      folder: byName.get(name) ?? null,
      hasChildren: withChildren.has(name),
      subscribed: subscribed.has(name),
      hasSubscribedChild: withSubscribedChild.has(name),
    }));
}
