/**
 * Whether a mailbox may send now (pec-spec §2.2 step 1, decision 0004 "refusals before DATA"):
 * it must exist, be active and activated, not be past its expiry date, and be within its quota.
 * Over quota or expired boxes keep receiving (Super Ricezione) but cannot send. Pure.
 */
import type { Mailbox } from '../../../ports/account-store.ts';
import type { EnvelopeRefusal } from './access-point.ts';

const refuse = (smtpCode: number, enhancedCode: string, text: string): EnvelopeRefusal => ({
  smtpCode,
  enhancedCode,
  text,
});

/** Whether the mailbox is past its expiry date (or marked expired) at `now`. */
export function isExpired(mailbox: Mailbox, now: Date): boolean {
  return mailbox.status === 'expired' || (mailbox.expiresAt !== null && mailbox.expiresAt <= now);
}

export function checkSenderMailbox(mailbox: Mailbox | undefined, now: Date): EnvelopeRefusal | undefined {
  if (mailbox === undefined || mailbox.status === 'deleted') {
    return refuse(550, '5.7.1', 'no PEC mailbox for the authenticated user');
  }
  if (mailbox.status === 'suspended') return refuse(550, '5.7.1', 'mailbox suspended: sending is disabled');
  if (isExpired(mailbox, now)) {
    return refuse(550, '5.7.1', 'mailbox expired: sending is disabled until it is renewed');
  }
  if (mailbox.activatedAt !== null && mailbox.activatedAt > now) {
    return refuse(550, '5.7.1', 'mailbox not yet active: sending is disabled');
  }
  if (mailbox.usedBytes > mailbox.quotaBytes) {
    return refuse(552, '5.2.2', 'mailbox over quota: sending is disabled, receiving continues');
  }
  return undefined;
}
