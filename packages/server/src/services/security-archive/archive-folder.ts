/**
 * The box's security-archive folder (decision 0035): one per box, created on the first archived
 * message, named as Aruba and Legalmail name the service, not subscribed by default so that a
 * client's folder tree shows it only when the holder asks (LIST still shows it).
 */
import type { Folder } from '../../ports/mailbox-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import type { StorageStores } from '../../ports/storage.ts';

export const archiveFolderName = 'Archivio di sicurezza';

/** The archive folder of the box, or undefined while nothing was archived. */
export async function findArchiveFolder(
  stores: StorageStores,
  mailboxId: number,
): Promise<Folder | undefined> {
  const folder = await stores.mailboxes.getFolder(mailboxId, archiveFolderName);
  return folder?.securityArchive === true ? folder : undefined;
}

/**
 * The archive folder, created when missing. A holder's own folder that took the name before the
 * archive existed is renamed aside (`… (1)`), so the name always means the archive.
 */
export async function ensureArchiveFolder(stores: StorageStores, mailboxId: number): Promise<Folder> {
  const existing = await stores.mailboxes.getFolder(mailboxId, archiveFolderName);
  if (existing?.securityArchive === true) return existing;
  if (existing !== undefined) await stores.mailboxes.renameFolder(existing.id, `${archiveFolderName} (1)`);
  try {
    return await stores.mailboxes.createFolder(mailboxId, {
      name: archiveFolderName,
      securityArchive: true,
      subscribed: false,
    });
  } catch (error) {
    const raced = isStorageError(error, 'conflict') ? await findArchiveFolder(stores, mailboxId) : undefined;
    if (raced === undefined) throw error;
    return raced;
  }
}
