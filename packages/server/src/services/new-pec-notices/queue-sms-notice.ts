/**
 * The SMS of a new PEC (decision 0036), queued in the filing's transaction: only to a verified
 * mobile, when the holder wants SMS, the gateway is configured and the box's plan includes SMS;
 * counted against the box's cap of the local day (beyond it, no SMS: the e-mail notices still
 * tell); during quiet hours held until they end.
 */
import type { NoticePreferences } from '../../ports/notice-preference-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { describeSms } from './describe-sms.ts';
import type { NewPecNoticeSettings } from './new-pec-notices.ts';
import { localDay, quietUntil } from './zoned-times.ts';

/** Whether the box's plan includes SMS notices (pec-providers §2.1: a plan feature). */
export async function planIncludesSms(
  tx: Pick<StorageStores, 'accounts' | 'plans'>,
  mailboxId: number,
): Promise<boolean> {
  const plan = (await tx.accounts.getMailbox(mailboxId))?.plan ?? null;
  return plan !== null && ((await tx.plans.get(plan))?.smsIncluded ?? false);
}

export async function queueSmsNotice(
  tx: StorageStores,
  settings: Pick<NewPecNoticeSettings, 'smsPerDay' | 'smsAvailable'>,
  prefs: NoticePreferences,
  pec: {
    readonly mailboxId: number;
    readonly box: string;
    readonly from: string | null;
    readonly subject: string | null;
    readonly at: Date;
    readonly id: string;
  },
): Promise<void> {
  if (!settings.smsAvailable || !prefs.smsEnabled || prefs.mobile === null || prefs.mobileVerifiedAt === null)
    return;
  if (!(await planIncludesSms(tx, pec.mailboxId))) return;
  const notBefore = quietUntil(prefs.quietStart, prefs.quietEnd, prefs.timeZone, pec.at) ?? pec.at;
  if (!(await tx.smsOutbox.countDay(pec.mailboxId, localDay(notBefore, prefs.timeZone), settings.smsPerDay)))
    return;
  await tx.smsOutbox.enqueue(
    {
      id: `sms-pec-${pec.id}`,
      mailboxId: pec.mailboxId,
      to: prefs.mobile,
      text: describeSms(pec),
      notBefore,
    },
    pec.at,
  );
}
