/**
 * Port for the security archive's settings (archivio di sicurezza, decision 0035): whether a box
 * archives, which kinds, since when (the archive covers only mail after it was switched on),
 * whether the holder may delete from it, and whether the holder was already told it is full. The
 * archived messages themselves are rows of the box's archive folder (`Folder.securityArchive`).
 */

/** What can be archived: acceptance receipts, delivery receipts, certified messages received, messages sent. */
export const archiveKinds = ['acceptance', 'delivery', 'received', 'sent'] as const;
export type ArchiveKind = (typeof archiveKinds)[number];

export interface SecurityArchiveSettings {
  readonly enabled: boolean;
  /** In `archiveKinds` order, no duplicates. */
  readonly kinds: readonly ArchiveKind[];
  /** Off by default: the archive is read-only until the holder allows deleting from it. */
  readonly manualDeletion: boolean;
  /** When it was last switched on, null while it never was. */
  readonly enabledAt: Date | null;
  /** When the holder was told the archive is full; null while not told since it had room. */
  readonly fullNoticeAt: Date | null;
}

/** The settings of a box that never saved any: off, every kind selected, no manual deletion. */
export const defaultArchiveSettings: SecurityArchiveSettings = {
  enabled: false,
  kinds: archiveKinds,
  manualDeletion: false,
  enabledAt: null,
  fullNoticeAt: null,
};

export interface SecurityArchiveStore {
  /** The box's settings, `defaultArchiveSettings` when none were saved. */
  get(mailboxId: number): Promise<SecurityArchiveSettings>;
  /** Saves the holder's choices; `enabledAt` becomes `at` when switching on, and stays when already on. */
  save(
    mailboxId: number,
    settings: Pick<SecurityArchiveSettings, 'enabled' | 'kinds' | 'manualDeletion'>,
    at: Date,
  ): Promise<SecurityArchiveSettings>;
  /** Claims the "archive full" notice: true only for the first claim since `clearFullNotice`. */
  claimFullNotice(mailboxId: number, at: Date): Promise<boolean>;
  /** The archive has room again: the next time it is full is told again. */
  clearFullNotice(mailboxId: number): Promise<void>;
}
