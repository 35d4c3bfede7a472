/**
 * Recipients the reception point cannot file a message for, and how they learn it (pec-spec §2.4
 * point 4, §6.6; decision 0007): when nobody in the transaction can take the message the SMTP reply
 * refuses it; when some can, the message is accepted and the others get an RFC 3464 report to the
 * reverse-path (none for the null sender, RFC 5321 §4.5.5). Each refusal is in the legal log.
 */
import type { NewLegalLogEntry } from '../../../ports/legal-log.ts';
import type { StorageStores } from '../../../ports/storage.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { enqueueRelayMessage } from '../relay/relay-message-job.ts';
import { buildDeliveryStatusNotification } from '../relay/build-delivery-status-notification.ts';
import type { ReceptionContext } from './reception-context.ts';

/** A recipient the message cannot be filed for, with the reply SMTP would have given it. */
export interface FailedRecipient {
  readonly address: string;
  readonly smtpCode: number;
  readonly enhancedCode: string;
  readonly text: string;
}

export const recipientFailures = {
  unknown: (address: string): FailedRecipient => ({
    address,
    smtpCode: 550,
    enhancedCode: '5.1.1',
    text: `no such mailbox here: ${address}`,
  }),
  pecOnly: (address: string): FailedRecipient => ({
    address,
    smtpCode: 550,
    enhancedCode: '5.7.1',
    text: `${address} is a PEC mailbox that accepts only certified mail (posta elettronica certificata)`,
  }),
  disabled: (address: string): FailedRecipient => ({
    address,
    smtpCode: 550,
    enhancedCode: '5.2.1',
    text: `mailbox ${address} is suspended or deactivated`,
  }),
} as const;

/** The reply when every recipient failed: the first failure's code, every failure in the text. */
export function refusalFor(failures: readonly FailedRecipient[]): {
  readonly smtpCode: number;
  readonly enhancedCode: string;
  readonly text: string;
} {
  const [first] = failures;
  if (first === undefined) throw new RangeError('no failure to report');
  return {
    smtpCode: first.smtpCode,
    enhancedCode: first.enhancedCode,
    text: failures.map((f) => f.text).join('; '),
  };
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
    recipients: failures.map((f) => ({
      address: f.address,
      status: f.enhancedCode,
      remoteMta: null,
      diagnostic: `${f.smtpCode} ${f.enhancedCode} ${f.text}`,
      detail: f.text,
      lastAttemptAt: rc.now,
    })),
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
