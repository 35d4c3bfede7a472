/**
 * The security archive is read-only to the holder (decision 0035): no flag changes, no expunge,
 * nothing filed into it, nothing moved out of it, no rename or delete. Deleting from it is the
 * security-archive service's, and only when the holder enabled manual deletion.
 */
import type { Folder } from '../../ports/mailbox-store.ts';
import { MailboxAccessError } from './mailbox-access-error.ts';

export function refuseReadOnly(folder: Pick<Folder, 'name' | 'securityArchive'>, operation: string): void {
  if (!folder.securityArchive) return;
  throw new MailboxAccessError({
    reason: 'folder-operation-refused',
    problem: `${folder.name} is the security archive and is read-only: ${operation} is not allowed`,
  });
}
