/**
 * The SMS of a notice of the box's own life (decision 0045), queued in the caller's transaction
 * (the one that claims the notice, so it is queued once however often the lifecycle runs) on the
 * terms of the SMS of new PEC (decision 0036): a gateway is configured, the holder chose SMS for
 * these notices, the mobile is verified and the plan includes SMS; each counts against the box's
 * cap of the local day (beyond it the e-mail still tells); quiet hours hold all but urgent ones.
 */
import type { StorageStores } from '../../ports/storage.ts';
import type { NewPecNoticeSettings } from '../new-pec-notices/new-pec-notices.ts';
import { planIncludesSms } from '../new-pec-notices/queue-sms-notice.ts';
import { localDay, quietUntil } from '../new-pec-notices/zoned-times.ts';
import { describeBoxLifeSms, isUrgentSms, type BoxLifeSmsNotice } from './describe-box-life-sms.ts';

export type BoxLifeSmsSettings = Pick<NewPecNoticeSettings, 'smsPerDay' | 'smsAvailable'>;

/** True when an SMS was queued. */
export async function queueBoxLifeSms(
  tx: StorageStores,
  settings: Partial<BoxLifeSmsSettings> | undefined,
  sms: {
    readonly mailboxId: number;
    readonly box: string;
    readonly notice: BoxLifeSmsNotice;
    /** Unique per notice: the SMS is queued once per id. */
    readonly id: string;
    readonly at: Date;
  },
): Promise<boolean> {
  if (settings?.smsAvailable !== true || settings.smsPerDay === undefined) return false;
  const prefs = await tx.noticePreferences.get(sms.mailboxId);
  if (!prefs.smsBoxLife || prefs.mobile === null || prefs.mobileVerifiedAt === null) return false;
  if (!(await planIncludesSms(tx, sms.mailboxId))) return false;
  const quiet = isUrgentSms(sms.notice)
    ? undefined
    : quietUntil(prefs.quietStart, prefs.quietEnd, prefs.timeZone, sms.at);
  const notBefore = quiet ?? sms.at;
  if (!(await tx.smsOutbox.countDay(sms.mailboxId, localDay(notBefore, prefs.timeZone), settings.smsPerDay)))
    return false;
  await tx.smsOutbox.enqueue(
    {
      id: `sms-${sms.id}`,
      mailboxId: sms.mailboxId,
      to: prefs.mobile,
      text: describeBoxLifeSms(sms.notice, sms.box),
      notBefore,
    },
    sms.at,
  );
  return true;
}
