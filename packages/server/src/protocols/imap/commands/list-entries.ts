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
  /** Some folder below this one is subscribed (RFC 5258 CHILDINFO "SUBSCRIBED"). */
  readonly hasSubscribedChild: boolean;
}

/** Entries ordered by name, INBOX first. */
export function listEntries(folders: readonly Folder[]): ListEntry[] {
  const byName = new Map(folders.map((folder) => [folder.name, folder]));
  const names = new Set(byName.keys());
  const withChildren = new Set<string>();
  const withSubscribedChild = new Set<string>();
  for (const folder of folders) {
    const levels = folder.name.split(folderDelimiter);
    for (let depth = 1; depth < levels.length; depth++) {
      const parent = levels.slice(0, depth).join(folderDelimiter);
      names.add(parent);
      withChildren.add(parent);
      if (folder.subscribed) withSubscribedChild.add(parent);
    }
  }
  return [...names]
    .sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({
      name,
      folder: byName.get(name) ?? null,
      hasChildren: withChildren.has(name),
      hasSubscribedChild: withSubscribedChild.has(name),
    }));
}
