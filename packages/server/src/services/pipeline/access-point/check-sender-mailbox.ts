/**
 * Whether a mailbox may send now (pec-spec §2.2 step 1, decision 0004 "refusals before DATA"):
 * it must exist, be active and activated, not be past its expiry date, and have room left in its
 * quota. Over-quota (full) or expired boxes keep receiving (Super Ricezione) but cannot send; the
 * refusal says until when an expired box receives and what to do (decision 0016). Pure.
 */
import type { Mailbox } from '../../../ports/account-store.ts';
import type { SenderRefusal } from './access-point.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Whether the mailbox is past its expiry date (or marked expired) at `now`. */
export function isExpired(mailbox: Mailbox, now: Date): boolean {
  return mailbox.status === 'expired' || (mailbox.expiresAt !== null && mailbox.expiresAt <= now);
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

export function checkSenderMailbox(
  mailbox: Mailbox | undefined,
  now: Date,
  graceDaysAfterExpiry = 90,
): SenderRefusal | undefined {
  if (mailbox === undefined || mailbox.status === 'deleted') return { reason: 'sender-unknown' };
  if (mailbox.status === 'suspended') return { reason: 'sending-disabled', cause: 'suspended' };
  if (isExpired(mailbox, now)) {
    if (mailbox.expiresAt === null) return { reason: 'sending-disabled', cause: 'expired' };
    return {
      reason: 'mailbox-expired',
      expiredOn: day(mailbox.expiresAt),
      receivesUntil: day(new Date(mailbox.expiresAt.getTime() + graceDaysAfterExpiry * dayMs)),
    };
  }
  if (mailbox.activatedAt !== null && mailbox.activatedAt > now) {
    return { reason: 'sending-disabled', cause: 'not-yet-active' };
  }
  // A full box (quota reached) cannot send: its Sent copy and receipts would not fit.
  if (mailbox.quotaBytes > 0 && mailbox.usedBytes >= mailbox.quotaBytes) {
    return { reason: 'quota-exceeded', operation: 'send' };
  }
  return undefined;
}
