/**
 * The folder half of the SQL MailboxStore: create, rename, delete, subscribe, statistics and
 * quota usage. UIDVALIDITY comes from a per-mailbox counter that is at least the current Unix
 * second and always larger than any value handed out before, so a deleted and re-created name never
 * repeats one (RFC 9051 §2.3.1.1).
 */
import { sql } from 'kysely';
import { folderDelimiter, inboxName, type MailboxStore, type QuotaUsage } from '../../ports/mailbox-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { adjustUsage, canonicalFolderName, lockFolder, toFolder } from './mailbox-rows.ts';
import { atomically, isUniqueViolation, type SqlContext } from './sql-context.ts';

export type FolderOperations = Pick<
  MailboxStore,
  | 'createFolder'
  | 'getFolder'
  | 'getFolderById'
  | 'listFolders'
  | 'renameFolder'
  | 'deleteFolder'
  | 'setSubscription'
  | 'listSubscriptions'
  | 'setSpecialUse'
  | 'folderStats'
  | 'claimRecent'
  | 'quotaUsage'
  | 'recomputeUsage'
>;

export function createSqlFolderOperations(ctx: SqlContext): FolderOperations {
  const { db } = ctx;

  async function quotaUsage(mailboxId: number): Promise<QuotaUsage> {
    const row = await db
      .selectFrom('mailboxes')
      .select(['used_bytes', 'quota_bytes', 'message_count'])
      .where('id', '=', mailboxId)
      .executeTakeFirst();
    if (row === undefined) throw new StorageError('not-found', `no mailbox ${mailboxId}`);
    return {
      mailboxId,
      usedBytes: row.used_bytes,
      quotaBytes: row.quota_bytes,
      messages: row.message_count,
    };
  }

  async function updateFolder(folderId: number, changes: { special_use?: string | null }): Promise<void> {
    const result = await db.updateTable('folders').set(changes).where('id', '=', folderId).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new StorageError('not-found', `no folder ${folderId}`);
  }

  return {
    async createFolder(mailboxId, folder) {
      const name = canonicalFolderName(folder.name);
      const stamp = ctx.clock.now().getTime();
      return atomically(ctx, async (tx) => {
        const second = Math.floor(stamp / 1000);
        const counter = await tx
          .updateTable('mailboxes')
          .set({
            last_uid_validity: sql<number>`case when last_uid_validity + 1 > ${second}
              then last_uid_validity + 1 else ${second} end`,
          })
          .where('id', '=', mailboxId)
          .returning('last_uid_validity')
          .executeTakeFirst();
        if (counter === undefined) throw new StorageError('not-found', `no mailbox ${mailboxId}`);
        const existing = await tx
          .selectFrom('folders')
          .select('id')
          .where('mailbox_id', '=', mailboxId)
          .where('name', '=', name)
          .executeTakeFirst();
        if (existing !== undefined) throw new StorageError('conflict', `folder ${name} exists`);
        try {
          const row = await tx
            .insertInto('folders')
            .values({
              mailbox_id: mailboxId,
              name,
              uid_validity: counter.last_uid_validity,
              uid_next: 1,
              highest_modseq: 1,
              special_use: folder.specialUse ?? null,
              security_archive: folder.securityArchive === true ? 1 : 0,
              created_at: stamp,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          if (folder.subscribed !== false) {
            await tx
              .insertInto('subscriptions')
              .values({ mailbox_id: mailboxId, name })
              .onConflict((oc) => oc.doNothing())
              .execute();
          }
          return toFolder(row);
        } catch (error) {
          if (isUniqueViolation(error)) throw new StorageError('conflict', `folder ${name} exists`);
          throw error;
        }
      });
    },

    async getFolder(mailboxId, name) {
      const row = await db
        .selectFrom('folders')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('name', '=', name.toUpperCase() === inboxName ? inboxName : name)
        .executeTakeFirst();
      return row === undefined ? undefined : toFolder(row);
    },

    async getFolderById(folderId) {
      const row = await db.selectFrom('folders').selectAll().where('id', '=', folderId).executeTakeFirst();
      return row === undefined ? undefined : toFolder(row);
    },

    async listFolders(mailboxId) {
      const rows = await db
        .selectFrom('folders')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('name')
        .execute();
      return rows.map(toFolder);
    },

    async renameFolder(folderId, newName) {
      const target = canonicalFolderName(newName);
      return atomically(ctx, async (tx) => {
        const folder = await lockFolder(ctx, tx, folderId);
        if (folder.name === inboxName) throw new StorageError('invalid', 'INBOX cannot be renamed');
        if (target === inboxName) throw new StorageError('conflict', 'INBOX exists');
        const prefix = folder.name + folderDelimiter;
        if (target === folder.name) return toFolder(folder);
        if (target.startsWith(prefix)) throw new StorageError('invalid', 'cannot move a folder into itself');
        const all = await tx
          .selectFrom('folders')
          .select(['id', 'name'])
          .where('mailbox_id', '=', folder.mailbox_id)
          .execute();
        const moving = all.filter((row) => row.name === folder.name || row.name.startsWith(prefix));
        const renames = moving.map((row) => ({
          id: row.id,
          name: target + row.name.slice(folder.name.length),
        }));
        const taken = new Set(all.map((row) => row.name));
        const clash = renames.find((rename) => taken.has(rename.name));
        if (clash !== undefined) throw new StorageError('conflict', `folder ${clash.name} exists`);
        for (const rename of renames) {
          await tx.updateTable('folders').set({ name: rename.name }).where('id', '=', rename.id).execute();
        }
        return toFolder({ ...folder, name: target });
      });
    },

    async deleteFolder(folderId) {
      return atomically(ctx, async (tx) => {
        const folder = await lockFolder(ctx, tx, folderId);
        if (folder.name === inboxName) throw new StorageError('invalid', 'INBOX cannot be deleted');
        const totals = await tx
          .selectFrom('messages')
          .select((eb) => [
            eb.fn.countAll<number>().as('count'),
            eb.fn.sum<number | null>('size').as('bytes'),
          ])
          .where('folder_id', '=', folderId)
          .executeTakeFirstOrThrow();
        const removedMessages = totals.count;
        const freedBytes = totals.bytes ?? 0;
        await tx.deleteFrom('messages').where('folder_id', '=', folderId).execute();
        await tx.deleteFrom('expunged').where('folder_id', '=', folderId).execute();
        await tx.deleteFrom('folders').where('id', '=', folderId).execute();
        if (folder.security_archive !== 1)
          await adjustUsage(tx, folder.mailbox_id, -freedBytes, -removedMessages);
        return { removedMessages, freedBytes };
      });
    },

    async setSubscription(mailboxId, name, subscribed) {
      if (subscribed) {
        const canonical = canonicalFolderName(name);
        await db
          .insertInto('subscriptions')
          .values({ mailbox_id: mailboxId, name: canonical })
          .onConflict((oc) => oc.doNothing())
          .execute();
      } else {
        await db
          .deleteFrom('subscriptions')
          .where('mailbox_id', '=', mailboxId)
          .where('name', '=', name.toUpperCase() === inboxName ? inboxName : name)
          .execute();
      }
    },

    async listSubscriptions(mailboxId) {
      const rows = await db
        .selectFrom('subscriptions')
        .select('name')
        .where('mailbox_id', '=', mailboxId)
        .orderBy('name')
        .execute();
      return rows.map((row) => row.name);
    },

    async setSpecialUse(folderId, specialUse) {
      await updateFolder(folderId, { special_use: specialUse });
    },

    async folderStats(folderId) {
      // One statement over the covering state index (migration 38): counts, first unseen and recent.
      const row = await db
        .selectFrom('folders')
        .leftJoin('messages', 'messages.folder_id', 'folders.id')
        .select((eb) => [
          'folders.uid_validity',
          'folders.uid_next',
          'folders.highest_modseq',
          'folders.recent_uid',
          eb.fn.count<number>('messages.uid').as('count'),
          eb.fn.sum<number | null>('messages.size').as('bytes'),
          eb.fn.sum<number | null>(sql<number>`1 - messages.seen`).as('unseen'),
          eb.fn
            .min<number | null>(sql<number | null>`case when messages.seen = 0 then messages.uid end`)
            .as('first_unseen'),
          eb.fn
            .sum<number | null>(sql<number>`case when messages.uid > folders.recent_uid then 1 else 0 end`)
            .as('recent'),
        ])
        .where('folders.id', '=', folderId)
        .groupBy(['folders.uid_validity', 'folders.uid_next', 'folders.highest_modseq', 'folders.recent_uid'])
        .executeTakeFirst();
      if (row === undefined) throw new StorageError('not-found', `no folder ${folderId}`);
      return {
        messages: row.count,
        unseen: row.unseen ?? 0,
        sizeBytes: row.bytes ?? 0,
        uidValidity: row.uid_validity,
        uidNext: row.uid_next,
        highestModseq: row.highest_modseq,
        firstUnseenUid: row.first_unseen === null ? null : row.first_unseen,
        recentUid: row.recent_uid,
        recent: row.recent ?? 0,
      };
    },

    async claimRecent(folderId) {
      return atomically(ctx, async (tx) => {
        const folder = await lockFolder(ctx, tx, folderId);
        const throughUid = Math.max(folder.recent_uid, folder.uid_next - 1);
        if (throughUid > folder.recent_uid) {
          await tx
            .updateTable('folders')
            .set({ recent_uid: throughUid })
            .where('id', '=', folderId)
            .execute();
        }
        return { afterUid: folder.recent_uid, throughUid };
      });
    },

    quotaUsage,

    async recomputeUsage(mailboxId) {
      await atomically(ctx, async (tx) => {
        const totals = await tx
          .selectFrom('messages')
          .innerJoin('folders', 'folders.id', 'messages.folder_id')
          .select((eb) => [
            eb.fn.countAll<number>().as('count'),
            eb.fn.sum<number | null>('messages.size').as('bytes'),
          ])
          .where('folders.mailbox_id', '=', mailboxId)
          .where('folders.security_archive', '=', 0)
          .executeTakeFirstOrThrow();
        await tx
          .updateTable('mailboxes')
          .set({ used_bytes: totals.bytes ?? 0, message_count: totals.count })
          .where('id', '=', mailboxId)
          .execute();
      });
      return quotaUsage(mailboxId);
    },
  };
}
