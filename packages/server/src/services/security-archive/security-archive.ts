/**
 * The holder's security archive (archivio di sicurezza, decision 0035): the settings (on or off,
 * the kinds archived, whether deleting from it is allowed), what it holds against the plan's
 * archive quota, and deletion, which only the holder's own choice of manual deletion allows. The
 * archived messages are read like any folder's (mailbox access), which refuses every change to them.
 */
import type { Storage } from '../../ports/storage.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ArchiveKind, SecurityArchiveSettings } from '../../ports/security-archive-store.ts';
import type { ChangeFeed } from '../notifications/change-feed.ts';
import { findArchiveFolder } from './archive-folder.ts';
import { archiveQuotaBytes } from './archive-quota.ts';

export interface SecurityArchiveDependencies {
  readonly storage: Storage;
  readonly clock: Clock;
  /** Deletions are published here, so open IMAP sessions and the webmail see them. */
  readonly changes?: ChangeFeed;
}

export interface ArchiveOverview {
  readonly settings: SecurityArchiveSettings;
  /** The archive folder, null while nothing was archived. */
  readonly folder: { readonly id: number; readonly name: string } | null;
  readonly messages: number;
  readonly usedBytes: number;
  /** From the box's plan; 0 means the plan has no archive, and nothing is archived. */
  readonly quotaBytes: number;
}

export interface ArchiveSettingsInput {
  readonly enabled: boolean;
  readonly kinds: readonly ArchiveKind[];
  readonly manualDeletion: boolean;
}

export type ArchiveDeletion =
  | { readonly ok: true; readonly removed: readonly number[] }
  | { readonly ok: false; readonly problem: string };

export interface SecurityArchive {
  overview(mailboxId: number): Promise<ArchiveOverview>;
  update(mailboxId: number, input: ArchiveSettingsInput): Promise<ArchiveOverview>;
  /** Deletes the archived messages `uids`; refused unless the holder enabled manual deletion. */
  remove(mailboxId: number, uids: readonly number[]): Promise<ArchiveDeletion>;
}

export function createSecurityArchive(deps: SecurityArchiveDependencies): SecurityArchive {
  const { storage, clock } = deps;

  async function overview(mailboxId: number): Promise<ArchiveOverview> {
    const settings = await storage.securityArchive.get(mailboxId);
    const folder = await findArchiveFolder(storage, mailboxId);
    const stats = folder === undefined ? undefined : await storage.mailboxes.folderStats(folder.id);
    return {
      settings,
      folder: folder === undefined ? null : { id: folder.id, name: folder.name },
      messages: stats?.messages ?? 0,
      usedBytes: stats?.sizeBytes ?? 0,
      quotaBytes: await archiveQuotaBytes(storage, mailboxId),
    };
  }

  return {
    overview,

    async update(mailboxId, input) {
      await storage.securityArchive.save(mailboxId, input, clock.now());
      return overview(mailboxId);
    },

    async remove(mailboxId, uids) {
      const settings = await storage.securityArchive.get(mailboxId);
      if (!settings.manualDeletion)
        return {
          ok: false,
          problem: 'The security archive is read-only: enable manual deletion in its settings first.',
        };
      const folder = await findArchiveFolder(storage, mailboxId);
      if (folder === undefined || uids.length === 0) return { ok: true, removed: [] };
      const ranges = uids.map((uid) => ({ from: uid, to: uid }));
      const removed = await storage.transaction(async (tx) => {
        await tx.mailboxes.setFlags(folder.id, ranges, { mode: 'add', flags: ['\\Deleted'] });
        return tx.mailboxes.expunge(folder.id, { uids: ranges });
      });
      if (removed.length > 0)
        deps.changes?.publish(mailboxId, { kind: 'expunge', folderId: folder.id, uids: removed });
      return { ok: true, removed };
    },
  };
}
