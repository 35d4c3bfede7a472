/**
 * The maildrop service behind POP3: opens a mailbox's INBOX as a snapshot (RFC 1939 §4, "exclusive
 * access"), serves messages byte-exact from the BlobStore and commits deletions at QUIT. One POP3
 * session per mailbox at a time across every node: the session holds the mailbox lock of the Locks
 * port, which IMAP EXPUNGE also takes; concurrent IMAP reads stay safe because the snapshot is by
 * UID and `commit` flags and expunges only the marked UIDs.
 */
import { createInProcessLocks } from '../../coordination/in-process-locks.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { mailboxLockName, type HeldLock, type Locks } from '../../ports/locks.ts';
import { inboxName, type UidRange } from '../../ports/mailbox-store.ts';
import type { Storage } from '../../ports/storage.ts';
import type { MailboxChange } from '../notifications/change-feed.ts';
import type { Maildrop, MaildropCommit, MaildropMessage, MaildropService } from './maildrop.ts';
import { topOfMessage } from './top-of-message.ts';

export interface MaildropServiceOptions {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  /** Where committed changes are announced (IMAP IDLE sessions listen there); optional. */
  readonly changes?: { publish(mailboxId: number, change: MailboxChange): void };
  /** Mailbox locks shared with IMAP EXPUNGE and other nodes; default this service's own. */
  readonly locks?: Locks;
}

interface SnapshotEntry extends MaildropMessage {
  readonly blobKey: string;
}

export function createMaildropService(options: MaildropServiceOptions): MaildropService {
  const { storage, blobs, changes } = options;
  const locks = options.locks ?? createInProcessLocks();

  async function snapshot(mailboxId: number): Promise<{ folderId: number | null; entries: SnapshotEntry[] }> {
    const inbox = await storage.mailboxes.getFolder(mailboxId, inboxName);
    if (inbox === undefined) return { folderId: null, entries: [] };
    const stored = await storage.mailboxes.listMessages(inbox.id);
    const entries = stored.map((message, index) => ({
      number: index + 1,
      uid: message.uid,
      size: message.size,
      uniqueId: `${inbox.uidValidity}.${message.uid}`,
      blobKey: message.blobKey,
    }));
    return { folderId: inbox.id, entries };
  }

  function openMaildrop(
    mailboxId: number,
    lock: HeldLock,
    folderId: number | null,
    entries: SnapshotEntry[],
  ): Maildrop {
    const deleted = new Set<number>();
    const read = new Set<number>();
    let open = true;

    const entry = (number: number): SnapshotEntry | undefined =>
      Number.isSafeInteger(number) && !deleted.has(number) ? entries[number - 1] : undefined;

    function release(): Promise<void> {
      open = false;
      return lock.release();
    }

    async function applyUpdate(): Promise<readonly number[]> {
      if (folderId === null) return [];
      const removeUids = entries.filter((e) => deleted.has(e.number)).map((e) => e.uid);
      const seenUids = entries.filter((e) => read.has(e.number) && !deleted.has(e.number)).map((e) => e.uid);
      const outcome = await storage.transaction(async (tx) => {
        const seen =
          seenUids.length === 0
            ? []
            : (await tx.mailboxes.setFlags(folderId, uidRanges(seenUids), { mode: 'add', flags: ['\\Seen'] }))
                .updated;
        if (removeUids.length === 0) return { seen, removed: [] };
        const ranges = uidRanges(removeUids);
        await tx.mailboxes.setFlags(folderId, ranges, { mode: 'add', flags: ['\\Deleted'] });
        return { seen, removed: await tx.mailboxes.expunge(folderId, { uids: ranges }) };
      });
      if (outcome.seen.length > 0) {
        changes?.publish(mailboxId, { kind: 'flags', folderId, uids: outcome.seen.map((m) => m.uid) });
      }
      if (outcome.removed.length > 0) {
        changes?.publish(mailboxId, { kind: 'expunge', folderId, uids: outcome.removed });
      }
      return outcome.removed;
    }

    return {
      mailboxId,
      messages: entries.map(({ number, uid, size, uniqueId }) => ({ number, uid, size, uniqueId })),
      stat() {
        let count = 0;
        let octets = 0;
        for (const e of entries) {
          if (deleted.has(e.number)) continue;
          count += 1;
          octets += e.size;
        }
        return { count, octets };
      },
      message(number) {
        const found = entry(number);
        return found === undefined
          ? undefined
          : { number: found.number, uid: found.uid, size: found.size, uniqueId: found.uniqueId };
      },
      visible() {
        return this.messages.filter((m) => !deleted.has(m.number));
      },
      async read(number) {
        const found = entry(number);
        if (found === undefined) return undefined;
        const bytes = await blobs.get(found.blobKey);
        read.add(number);
        return bytes;
      },
      async top(number, lines) {
        const found = entry(number);
        if (found === undefined) return undefined;
        const bytes = await blobs.get(found.blobKey);
        return Buffer.from(topOfMessage(bytes, lines));
      },
      markDeleted(number) {
        if (entry(number) === undefined) return false;
        deleted.add(number);
        return true;
      },
      reset() {
        deleted.clear();
      },
      async commit(): Promise<MaildropCommit> {
        if (!open) throw new Error('the maildrop is no longer open');
        try {
          const removed = await applyUpdate();
          return { removed, remaining: entries.length - deleted.size };
        } finally {
          await release();
        }
      },
      release() {
        // Best effort: a lock whose connection is gone is already free.
        release().catch(() => undefined);
      },
    };
  }

  return {
    async open(mailboxId) {
      const lock = await locks.tryAcquire(mailboxLockName(mailboxId));
      if (lock === undefined) return { ok: false, refusal: { reason: 'mailbox-in-use' } };
      try {
        const { folderId, entries } = await snapshot(mailboxId);
        return { ok: true, maildrop: openMaildrop(mailboxId, lock, folderId, entries) };
      } catch (error) {
        await lock.release();
        throw error;
      }
    },
  };
}

/** UIDs as ascending ranges of consecutive values. */
function uidRanges(uids: readonly number[]): UidRange[] {
  const ranges: UidRange[] = [];
  const sorted = [...uids].sort((a, b) => a - b);
  let from: number | undefined;
  let to = 0;
  for (const uid of sorted) {
    if (from !== undefined && uid === to + 1) {
      to = uid;
      continue;
    }
    if (from !== undefined) ranges.push({ from, to });
    from = uid;
    to = uid;
  }
  if (from !== undefined) ranges.push({ from, to });
  return ranges;
}
