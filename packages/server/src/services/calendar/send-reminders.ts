/**
 * Calendar reminders by e-mail (decision 0040): for each event whose next reminder is due, moves
 * the marker to the reminder after now with one conditional update (exactly one node wins, a
 * repeated run finds nothing) and, in the same transaction, queues one ordinary mail to the box's
 * contact address through the relay, only when the occurrence has not started yet. A failure
 * rolls both back, so the next run tries again.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { sendHolderMail, type HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { eventOf, scheduleOf } from './create-calendar.ts';
import { describeReminder } from './describe-reminder.ts';
import { nextReminder } from './occurrences.ts';

/** Events handled per run; the periodic task runs again at once while a run is full. */
export const remindersPerRun = 200;

export async function sendCalendarReminders(
  deps: {
    readonly storage: Storage;
    readonly blobs: Pick<BlobStore, 'put'>;
    readonly settings: HolderMailSettings;
  },
  now: Date,
): Promise<number> {
  const { storage } = deps;
  let sent = 0;
  for (const due of await storage.calendar.dueReminders(now, remindersPerRun)) {
    const remindAt = due.remindAt;
    const remindFor = due.remindFor;
    if (remindAt === null || remindFor === null) continue;
    const event = eventOf(due);
    const schedule = scheduleOf(event);
    const next = schedule === undefined ? undefined : nextReminder(schedule, event.reminders, now);
    const mailed = await storage.transaction(async (tx) => {
      if (!(await tx.calendar.claimReminder(due.id, remindAt, next ?? null))) return false;
      // Only future occurrences: a reminder found after its event began is dropped.
      if (remindFor <= now) return false;
      const mailbox = await tx.accounts.getMailbox(due.mailboxId);
      if (mailbox === undefined) return false;
      return sendHolderMail({ storage: tx, blobs: deps.blobs }, deps.settings, {
        mailbox,
        ...describeReminder({ box: mailbox.address, event, occurrenceStart: remindFor }),
        id: `calendar-reminder-${String(due.id)}-${String(remindAt.getTime())}`,
        at: now,
      });
    });
    if (mailed) sent += 1;
  }
  return sent;
}
