/**
 * Capture (decision 0035): when the provider files a message of a kind the box archives, a second
 * row for the same blob goes into the archive folder in the same transaction, so the archived copy
 * is the delivered bytes, byte-exact, and stays when the holder deletes the box's copy. Past the
 * plan's archive quota the message is not archived and the holder is told once (the claim of
 * `claimFullNotice`; the composition root files the notice); the filing itself never fails for it.
 */
import type { AppendResult, Folder, NewMessage } from '../../ports/mailbox-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { archiveKindOf } from './archive-kind.ts';
import { ensureArchiveFolder, findArchiveFolder } from './archive-folder.ts';
import { archiveQuotaBytes } from './archive-quota.ts';

export async function archiveFiled(
  stores: StorageStores,
  folder: Folder,
  message: NewMessage,
  filed: AppendResult,
): Promise<'archived' | 'not-archived' | 'archive-full'> {
  const kind = archiveKindOf(folder, message.pecType);
  if (kind === undefined) return 'not-archived';
  const settings = await stores.securityArchive.get(folder.mailboxId);
  if (!settings.enabled || !settings.kinds.includes(kind)) return 'not-archived';
  const quota = await archiveQuotaBytes(stores, folder.mailboxId);
  const existing = await findArchiveFolder(stores, folder.mailboxId);
  const used = existing === undefined ? 0 : (await stores.mailboxes.folderStats(existing.id)).sizeBytes;
  if (used + message.size > quota) {
    await stores.securityArchive.claimFullNotice(folder.mailboxId, filed.message.internalDate);
    return 'archive-full';
  }
  const archive = existing ?? (await ensureArchiveFolder(stores, folder.mailboxId));
  // The box copy's row as filed (same blob, structure, PEC type), marked read: the archive is a
  // record that nobody can mark, so it never counts as unread mail.
  await stores.mailboxes.append(archive.id, {
    flags: ['\\Seen'],
    blobKey: filed.message.blobKey,
    size: filed.message.size,
    internalDate: filed.message.internalDate,
    envelope: filed.message.envelope,
    structure: filed.message.structure,
    pecType: filed.message.pecType,
    pecReference: filed.message.pecReference,
  });
  if (settings.fullNoticeAt !== null) await stores.securityArchive.clearFullNotice(folder.mailboxId);
  return 'archived';
}
