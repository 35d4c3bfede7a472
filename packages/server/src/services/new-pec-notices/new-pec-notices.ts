/**
 * E-mail notices of new PEC (decision 0028): up to five ordinary addresses per box, each verified
 * by a code sent to it; one short notice per new PEC to the verified ones, at most
 * `perHour` a box each hour, the rest told in one "and N more" notice once the hour is over.
 */
import { createHash, randomInt } from 'node:crypto';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { NoticeAddress } from '../../ports/notice-store.ts';
import type { Storage, StorageStores } from '../../ports/storage.ts';
import type { HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { describeFolded, describeNewPec, describeVerification } from './describe-new-pec.ts';
import { queueNoticeMail } from './queue-notice-mail.ts';
import { queueSmsNotice } from './queue-sms-notice.ts';

export const maximumNoticeAddresses = 5;
export const maximumCodeTries = 5;
const hourMs = 3_600_000;

export interface NewPecNoticeSettings extends HolderMailSettings {
  /** Notices a box sends in one hour before folding the rest. */
  readonly perHour: number;
  /** SMS a box receives in one local day (codes included); the rest are not sent (decision 0036). */
  readonly smsPerDay: number;
  /** Whether an SMS gateway is configured. */
  readonly smsAvailable: boolean;
}

export type NoticeAddressOutcome =
  | { readonly ok: true; readonly addresses: NoticeAddress[] }
  /** `problem` says why, in English. */
  | { readonly ok: false; readonly problem: string };

export interface NewPecNotices {
  list(mailboxId: number): Promise<NoticeAddress[]>;
  /** Adds an address (or sends a new code to an unverified one) and mails it the code. */
  add(mailboxId: number, address: string): Promise<NoticeAddressOutcome>;
  verify(mailboxId: number, address: string, code: string): Promise<NoticeAddressOutcome>;
  remove(mailboxId: number, address: string): Promise<NoticeAddress[]>;
  /** Sends the "and N more" notices of the hours ended before `now`; returns how many. */
  flushFolded(now: Date): Promise<number>;
}

export interface NewPecNoticeDependencies {
  readonly storage: Storage;
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly clock: Clock;
  readonly settings: NewPecNoticeSettings;
}

/** A plain addr-spec an ordinary relay can reach (no display name, no route). */
const plainAddress =
  /^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const isPlainAddress = (address: string): boolean =>
  address.length <= 254 && plainAddress.test(address);

export const codeHash = (code: string): string => createHash('sha256').update(code.trim()).digest('hex');

export function createNewPecNotices(deps: NewPecNoticeDependencies): NewPecNotices {
  const { storage, settings } = deps;
  const boxAddress = async (mailboxId: number): Promise<string> =>
    (await storage.accounts.getMailbox(mailboxId))?.address ?? '';
  return {
    list: (mailboxId) => storage.notices.list(mailboxId),
    async add(mailboxId, raw) {
      const address = raw.trim().toLowerCase();
      if (address.length > 254 || !plainAddress.test(address))
        return { ok: false, problem: `${raw.trim()} is not an e-mail address` };
      const existing = await storage.notices.list(mailboxId);
      if (!existing.some((a) => a.address === address) && existing.length >= maximumNoticeAddresses)
        return { ok: false, problem: `at most ${String(maximumNoticeAddresses)} addresses` };
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = deps.clock.now();
      const box = await boxAddress(mailboxId);
      const fresh = await storage.transaction(async (tx) => {
        if (!(await tx.notices.addOrRecode(mailboxId, address, codeHash(code), now))) return false;
        await queueNoticeMail(tx, deps.blobs, settings, {
          to: [address],
          ...describeVerification({ box, code }),
          id: `notice-code-${String(mailboxId)}-${String(now.getTime())}`,
          at: now,
        });
        return true;
      });
      if (!fresh) return { ok: false, problem: `${address} is already verified` };
      return { ok: true, addresses: await storage.notices.list(mailboxId) };
    },
    async verify(mailboxId, raw, code) {
      const address = raw.trim().toLowerCase();
      const outcome = await storage.notices.verify(
        mailboxId,
        address,
        codeHash(code),
        deps.clock.now(),
        maximumCodeTries,
      );
      if (outcome === 'verified') return { ok: true, addresses: await storage.notices.list(mailboxId) };
      const problem = {
        'wrong-code': 'the code is not the one sent to this address',
        'too-many-tries': 'too many wrong codes: ask for a new code',
        unknown: `${address} is not among the notice addresses`,
      }[outcome];
      return { ok: false, problem };
    },
    async remove(mailboxId, raw) {
      await storage.notices.remove(mailboxId, raw.trim().toLowerCase());
      return storage.notices.list(mailboxId);
    },
    async flushFolded(now) {
      const hourStart = new Date(Math.floor(now.getTime() / hourMs) * hourMs);
      let sent = 0;
      for (const fold of await storage.notices.dueFolds(hourStart)) {
        const box = await boxAddress(fold.mailboxId);
        const to = (await storage.notices.list(fold.mailboxId)).filter((a) => a.verifiedAt !== null);
        const done = await storage.transaction(async (tx) => {
          if (!(await tx.notices.markFlushed(fold.mailboxId, fold.hourStart, now))) return false;
          if (to.length === 0) return false;
          await queueNoticeMail(tx, deps.blobs, settings, {
            to: to.map((a) => a.address),
            ...describeFolded({ box, count: fold.folded, hourStart: fold.hourStart }),
            id: `notice-more-${String(fold.mailboxId)}-${String(fold.hourStart.getTime())}`,
            at: now,
          });
          return true;
        });
        if (done) sent += 1;
      }
      return sent;
    },
  };
}

/**
 * Called in the transaction that files a new PEC in a box's INBOX: queues its SMS when the holder
 * asked for them (decision 0036); keeps it for the next digest in digest mode; otherwise queues
 * its notice to the box's verified addresses, or counts it for the hour's "and N more" when the
 * cap is reached.
 */
export async function noticeNewPec(
  tx: StorageStores,
  blobs: Pick<BlobStore, 'put'>,
  settings: NewPecNoticeSettings,
  pec: {
    readonly mailboxId: number;
    readonly box: string;
    readonly from: string | null;
    readonly subject: string | null;
    readonly at: Date;
    /** Unique per filed message. */
    readonly id: string;
  },
): Promise<void> {
  const prefs = await tx.noticePreferences.get(pec.mailboxId);
  await queueSmsNotice(tx, settings, prefs, pec);
  const to = (await tx.notices.list(pec.mailboxId)).filter((a) => a.verifiedAt !== null);
  if (to.length === 0) return;
  if (prefs.emailMode === 'digest') {
    await tx.noticePreferences.addDigestItem(pec.mailboxId, {
      id: pec.id,
      from: pec.from,
      subject: pec.subject,
      receivedAt: pec.at,
    });
    return;
  }
  const hourStart = new Date(Math.floor(pec.at.getTime() / hourMs) * hourMs);
  if ((await tx.notices.countNotice(pec.mailboxId, hourStart, settings.perHour)) === 'folded') return;
  await queueNoticeMail(tx, blobs, settings, {
    to: to.map((a) => a.address),
    ...describeNewPec(pec),
    id: `notice-pec-${pec.id}`,
    at: pec.at,
  });
}
