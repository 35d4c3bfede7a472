/**
 * Whether a mailbox may send now (pec-spec §2.2 step 1, decision 0004 "refusals before DATA"):
 * it must exist, be active and activated, not be past its expiry date, and be within its quota.
 * Over quota or expired boxes keep receiving (Super Ricezione) but cannot send. Pure.
 */
import type { Mailbox } from '../../../ports/account-store.ts';
import type { SenderRefusal } from './access-point.ts';

/** Whether the mailbox is past its expiry date (or marked expired) at `now`. */
export function isExpired(mailbox: Mailbox, now: Date): boolean {
  return mailbox.status === 'expired' || (mailbox.expiresAt !== null && mailbox.expiresAt <= now);
}

export function checkSenderMailbox(mailbox: Mailbox | undefined, now: Date): SenderRefusal | undefined {
  if (mailbox === undefined || mailbox.status === 'deleted') return { reason: 'sender-unknown' };
  if (mailbox.status === 'suspended') return { reason: 'sending-disabled', cause: 'suspended' };
  if (isExpired(mailbox, now)) return { reason: 'sending-disabled', cause: 'expired' };
  if (mailbox.activatedAt !== null && mailbox.activatedAt > now) {
    return { reason: 'sending-disabled', cause: 'not-yet-active' };
  }
  if (mailbox.usedBytes > mailbox.quotaBytes) return { reason: 'quota-exceeded', operation: 'send' };
  return undefined;
}
