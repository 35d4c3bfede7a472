/**
 * What the delivery point does for one local recipient (pec-spec §2.4, §3.6; DM art. 6): deliver,
 * or refuse with a non-delivery notice. Super Ricezione: a box over its quota, or expired but
 * within `graceDaysAfterExpiry`, still receives, and the overflow is reported for the record.
 * Unknown or deleted boxes are `no-dest` (5.1.1); suspended or finally expired ones `altro` (5.2.1).
 */
import { extendedErrorCodes, type DaticertError } from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';

export type LocalDeliveryDecision =
  | {
      readonly kind: 'deliver';
      readonly mailboxId: number;
      /** Bytes beyond the quota after this delivery; 0 when within it. */
      readonly overQuotaBytes: number;
      /** Expiry date when delivering in the grace period after it. */
      readonly expiredAt: Date | null;
    }
  | {
      readonly kind: 'refuse';
      readonly error: Exclude<DaticertError, 'nessuno'>;
      /** Enhanced status code for `errore-esteso` (pec-spec §3.6). */
      readonly code: string;
      /** Italian description for the notice. */
      readonly description: string;
    };

export interface LocalDeliveryInput {
  readonly now: Date;
  /** Size of the envelope to store. */
  readonly size: number;
  readonly graceDaysAfterExpiry: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Short descriptions used in `errore-esteso` (pec-spec §3.6 real convention). */
export const deliveryRefusals = {
  unknown: { error: 'no-dest', code: extendedErrorCodes.noSuchMailbox, description: 'indirizzo non valido' },
  suspended: { error: 'altro', code: extendedErrorCodes.mailboxDisabled, description: 'casella sospesa' },
  expired: { error: 'altro', code: extendedErrorCodes.mailboxDisabled, description: 'casella scaduta' },
} as const;

export function decideLocalDelivery(
  mailbox: Mailbox | undefined,
  input: LocalDeliveryInput,
): LocalDeliveryDecision {
  if (mailbox === undefined || mailbox.status === 'deleted')
    return { kind: 'refuse', ...deliveryRefusals.unknown };
  if (mailbox.status === 'suspended') return { kind: 'refuse', ...deliveryRefusals.suspended };
  let expiredAt: Date | null = null;
  if (mailbox.status === 'expired' || (mailbox.expiresAt !== null && mailbox.expiresAt <= input.now)) {
    // Without an expiry date the grace period cannot be measured: the box is closed.
    if (mailbox.expiresAt === null) return { kind: 'refuse', ...deliveryRefusals.expired };
    const graceEnd = mailbox.expiresAt.getTime() + input.graceDaysAfterExpiry * dayMs;
    if (input.now.getTime() >= graceEnd) return { kind: 'refuse', ...deliveryRefusals.expired };
    expiredAt = mailbox.expiresAt;
  }
  const overQuotaBytes = Math.max(0, mailbox.usedBytes + input.size - mailbox.quotaBytes);
  return { kind: 'deliver', mailboxId: mailbox.id, overQuotaBytes, expiredAt };
}
