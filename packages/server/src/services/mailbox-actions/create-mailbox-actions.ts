/** The mailbox actions of mailbox-actions.ts over the mailbox-access service. */
import { inboxName, type Folder, type UidRange } from '../../ports/mailbox-store.ts';
import { junkKeyword, notJunkKeyword } from '../incoming-mail/spam-filter.ts';
import { MailboxAccessError } from '../mailbox-access/mailbox-access-error.ts';
import type { Filed, MailboxActions, MailboxActionsDependencies } from './mailbox-actions.ts';

/** INBOX and the special-use folders (RFC 6154) the provider creates for every box. */
export function isStandardFolder(folder: Folder): boolean {
  return folder.name === inboxName || folder.specialUse !== null;
}

function ranges(uids: readonly number[]): UidRange[] {
  return uids.map((uid) => ({ from: uid, to: uid }));
}

function refuseStandard(folder: Folder, operation: string): void {
  if (isStandardFolder(folder))
    throw new MailboxAccessError({
      reason: 'folder-operation-refused',
      problem: `${folder.name} is a standard folder and cannot be ${operation}`,
    });
}

export function createMailboxActions(deps: MailboxActionsDependencies): MailboxActions {
  const { folders, messages } = deps;

  async function file(
    operation: 'move' | 'copy',
    mailboxId: number,
    folder: Folder,
    uids: readonly number[],
    target: Folder,
  ): Promise<Filed> {
    const result = await messages[operation](mailboxId, folder.id, ranges(uids), target.name);
    const mapping = [...result.mapping].sort((a, b) => a.sourceUid - b.sourceUid);
    return {
      targetFolder: target,
      sourceUids: mapping.map((pair) => pair.sourceUid),
      targetUids: mapping.map((pair) => pair.targetUid),
    };
  }

  async function expungeAll(mailboxId: number, folder: Folder, uids?: readonly number[]): Promise<number[]> {
    const scope = uids === undefined ? [{ from: 1 }] : ranges(uids);
    await messages.setFlags(mailboxId, folder.id, scope, { mode: 'add', flags: ['\\Deleted'] });
    return messages.expunge(mailboxId, folder.id, { uids: scope });
  }

  return {
    async mark(mailboxId, folder, uids, change) {
      const updated = new Set<number>();
      const apply = async (flag: string, on: boolean | undefined) => {
        if (on === undefined || uids.length === 0) return;
        const result = await messages.setFlags(mailboxId, folder.id, ranges(uids), {
          mode: on ? 'add' : 'remove',
          flags: [flag],
        });
        for (const state of result.updated) updated.add(state.uid);
      };
      await apply('\\Seen', change.seen);
      await apply('\\Flagged', change.flagged);
      await apply(junkKeyword, change.junk);
      await apply(notJunkKeyword, change.junk === undefined ? undefined : !change.junk);
      return [...updated].sort((a, b) => a - b);
    },

    move: (mailboxId, folder, uids, target) => file('move', mailboxId, folder, uids, target),
    copy: (mailboxId, folder, uids, target) => file('copy', mailboxId, folder, uids, target),

    async delete(mailboxId, folder, uids) {
      if (folder.specialUse === '\\Trash')
        return { kind: 'expunged', uids: await expungeAll(mailboxId, folder, uids) };
      const trash = (await folders.list(mailboxId)).find((f) => f.specialUse === '\\Trash');
      if (trash === undefined)
        throw new MailboxAccessError({ reason: 'no-such-folder', folder: 'Trash', destination: true });
      return { kind: 'moved-to-trash', ...(await file('move', mailboxId, folder, uids, trash)) };
    },

    async empty(mailboxId, folder) {
      if (folder.specialUse !== '\\Trash' && folder.specialUse !== '\\Junk')
        throw new MailboxAccessError({
          reason: 'folder-operation-refused',
          problem: 'only Trash and Spam can be emptied',
        });
      return expungeAll(mailboxId, folder);
    },

    createFolder: (mailboxId, name) => folders.create(mailboxId, name),

    async renameFolder(mailboxId, folder, name) {
      refuseStandard(folder, 'renamed');
      return folders.rename(mailboxId, folder.name, name);
    },

    async deleteFolder(mailboxId, folder) {
      refuseStandard(folder, 'deleted');
      await folders.delete(mailboxId, folder.name);
    },
  };
}
