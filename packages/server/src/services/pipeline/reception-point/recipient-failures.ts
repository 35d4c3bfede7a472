/**
 * Recipients the reception point cannot file a message for, and how they learn it (pec-spec §2.4
 * point 4, §6.6; decision 0007): when nobody in the transaction can take the message the reply
 * refuses it (`all-recipients-refused`); when some can, the message is accepted and the others get an RFC 3464 report to the
 * reverse-path (none for the null sender, RFC 5321 §4.5.5). Each refusal is in the legal log.
 */
import type { NewLegalLogEntry } from '../../../ports/legal-log.ts';
import type { StorageStores } from '../../../ports/storage.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import type { AllRecipientsRefused, RecipientRefusal } from '../../refusal/refusal.ts';
import { enqueueRelayMessage } from '../relay/relay-message-job.ts';
import { buildDeliveryStatusNotification } from '../relay/build-delivery-status-notification.ts';
import type { ReceptionContext } from './reception-context.ts';

/** A recipient the message cannot be filed for, and why. */
export type FailedRecipient = RecipientRefusal;

export const recipientFailures = {
  unknown: (address: string): FailedRecipient => ({ reason: 'recipient-unknown', address }),
  pecOnly: (address: string): FailedRecipient => ({ reason: 'certified-mail-only', address }),
  disabled: (address: string): FailedRecipient => ({ reason: 'recipient-disabled', address }),
  spam: (address: string, score: number, threshold: number): FailedRecipient => ({
    reason: 'refused-as-spam',
    address,
    score,
    threshold,
  }),
} as const;

/**
 * The RFC 3464 `Status` (an RFC 3463 code) and the SMTP diagnostic of a refused recipient, as the MX
 * would have answered it at RCPT TO: given by the SMTP adapter's mapping, never written here.
 */
export type DeliveryStatusOf = (refusal: RecipientRefusal) => {
  readonly status: string;
  readonly diagnostic: string;
  readonly text: string;
};

/** The refusal when every recipient failed. */
export function refusalFor(failures: readonly FailedRecipient[]): { readonly refusal: AllRecipientsRefused } {
  const [first, ...others] = failures;
  if (first === undefined) throw new RangeError('no failure to report');
  return { refusal: { reason: 'all-recipients-refused', refusals: [first, ...others] } };
}

/** A report ready to queue: its bytes are already in the blob store. */
export interface PreparedReport {
  readonly blobKey: string;
  readonly messageId: string;
}

/** Builds and stores the DSN for `failures` when one is due (some failed, a reverse-path exists). */
export async function prepareFailureReport(
  rc: ReceptionContext,
  failures: readonly FailedRecipient[],
): Promise<PreparedReport | undefined> {
  if (failures.length === 0 || rc.reception.mailFrom === '') return undefined;
  const messageId = rc.ids.next(rc.now);
  const raw = Buffer.from(rc.reception.raw.buffer, rc.reception.raw.byteOffset, rc.reception.raw.byteLength);
  const headerEnd = raw.indexOf('\r\n\r\n');
  const report = buildDeliveryStatusNotification({
    reportingHost: rc.settings.hostname,
    to: rc.reception.mailFrom,
    messageId,
    issuedAt: rc.now,
    arrivedAt: rc.now,
    originalHeaders: headerEnd === -1 ? raw : raw.subarray(0, headerEnd + 2),
    recipients: failures.map((f) => {
      const { status, diagnostic, text } = rc.deliveryStatusOf(f);
      return { address: f.address, status, remoteMta: null, diagnostic, detail: text, lastAttemptAt: rc.now };
    }),
  });
  return { blobKey: await rc.deps.blobs.put(report), messageId };
}

/** Legal-log entries for the failures and, when prepared, the DSN's relay job; in the caller's transaction. */
export async function commitFailures(
  tx: StorageStores,
  rc: ReceptionContext,
  failures: readonly FailedRecipient[],
  report: PreparedReport | undefined,
  logged: Omit<NewLegalLogEntry, 'eventType' | 'relatedMsgids' | 'recipients'>,
): Promise<void> {
  if (failures.length === 0) return;
  await tx.legalLog.append({
    ...logged,
    recipients: failures.map((f) => f.address),
    eventType: legalLogEvents.receptionRefused,
    relatedMsgids: report === undefined ? [] : [report.messageId],
  });
  if (report === undefined) return;
  await enqueueRelayMessage(tx, {
    blobKey: report.blobKey,
    mailFrom: '',
    rcptTo: [rc.reception.mailFrom],
    purpose: 'dsn',
    expiresAt: rc.relayExpiresAt,
  });
}
