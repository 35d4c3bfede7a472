/**
 * The values of STATUS items (RFC 9051 §6.3.11, RFC 8438 SIZE, RFC 7162 HIGHESTMODSEQ) for one folder,
 * shared by STATUS and LIST-STATUS (RFC 5819). RECENT counts the messages no session has claimed as
 * `\Recent` yet (RFC 3501 §2.3.2).
 */
import { mailboxObjectId } from './object-ids.ts';
import type { Folder } from '../../../ports/mailbox-store.ts';
import type { CommandContext } from '../command-descriptor.ts';
import type { StatusItem } from '../grammar/index.ts';

export async function statusValues(
  ctx: CommandContext,
  folder: Folder,
  items: readonly StatusItem[],
): Promise<{ readonly item: StatusItem; readonly value: number | string }[]> {
  const { folders } = ctx.services.mailboxes;
  const stats = await folders.stats(folder.id);
  const deleted = items.includes('DELETED') ? await folders.countDeleted(folder.id) : 0;
  const valueOf: Record<StatusItem, number | string> = {
    MESSAGES: stats.messages,
    RECENT: stats.recent,
    UIDNEXT: stats.uidNext,
    UIDVALIDITY: stats.uidValidity,
    UNSEEN: stats.unseen,
    DELETED: deleted,
    SIZE: stats.sizeBytes,
    HIGHESTMODSEQ: stats.highestModseq,
    MAILBOXID: mailboxObjectId(folder),
  };
  return items.map((item) => ({ item, value: valueOf[item] }));
}
