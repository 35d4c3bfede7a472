/**
 * What every branch of the reception point shares for one SMTP transaction: its dependencies and
 * settings, the identifier source, the quarantine, the transaction's single time reference
 * (pec-spec §6.2), and the recipients resolved to our mailboxes, the service mailbox (pec-spec
 * §2.1, `mailReceipt`) or nothing. The service mailbox is created by the account service at first
 * use, just before the transaction that files into it.
 */
import { stripAngleBrackets, summarizeMessage } from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';
import type { NewLegalLogEntry } from '../../../ports/legal-log.ts';
import type { IdentifierSource } from '../create-identifier-source.ts';
import type {
  QuarantineWriter,
  ReceptionPointDependencies,
  ReceptionPointSettings,
} from './reception-point-dependencies.ts';
import type { DeliveryStatusOf } from './recipient-failures.ts';
import type { Reception } from './reception-point.ts';

export type { QuarantineWriter } from './reception-point-dependencies.ts';

export interface ReceptionContext {
  readonly deps: ReceptionPointDependencies;
  readonly settings: ReceptionPointSettings;
  readonly ids: IdentifierSource;
  readonly quarantine: QuarantineWriter;
  readonly deliveryStatusOf: DeliveryStatusOf;
  readonly reception: Reception;
  /** The transaction's single time reference (pec-spec §6.2). */
  readonly now: Date;
  /** Our `mailReceipt` (config `provider.receiptMailbox`), lower-cased. */
  readonly serviceMailbox: string;
  /** The RCPT TO addresses, each once, in order. */
  readonly recipients: readonly string[];
  /** When relay jobs queued now must give up (pec-spec §2.3: at most the queue lifetime). */
  readonly relayExpiresAt: string;
}

export type ResolvedRecipient =
  | { readonly kind: 'service'; readonly address: string }
  | { readonly kind: 'mailbox'; readonly address: string; readonly mailbox: Mailbox }
  | { readonly kind: 'unknown'; readonly address: string };

/** RCPT TO addresses each once (case-insensitively), in order. */
export function uniqueAddresses(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function resolveRecipients(rc: ReceptionContext): Promise<ResolvedRecipient[]> {
  const resolved: ResolvedRecipient[] = [];
  for (const address of rc.recipients) {
    if (address.toLowerCase() === rc.serviceMailbox) {
      resolved.push({ kind: 'service', address });
      continue;
    }
    const mailbox = await rc.deps.storage.accounts.findMailboxByAddress(address);
    resolved.push(
      mailbox === undefined || mailbox.status === 'deleted'
        ? { kind: 'unknown', address }
        : { kind: 'mailbox', address, mailbox },
    );
  }
  return resolved;
}

/**
 * The INBOX owners of the recipients we file into, in order; called before the filing transaction,
 * since the service mailbox (pec-spec §2.1) is created through the account service when missing.
 */
export async function mailboxIdsOf(
  rc: ReceptionContext,
  recipients: readonly Exclude<ResolvedRecipient, { kind: 'unknown' }>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const recipient of recipients) {
    ids.push(
      recipient.kind === 'service'
        ? (await rc.deps.accounts.ensureServiceMailbox(rc.serviceMailbox, rc.settings.identity.name)).id
        : recipient.mailbox.id,
    );
  }
  return ids;
}

/** The legal-log fields of the received message itself (pec-spec §6.4), without the event type. */
export function receivedLogFields(
  rc: ReceptionContext,
  sendingProvider: string | null,
): Omit<NewLegalLogEntry, 'eventType' | 'relatedMsgids'> {
  const summary = summarizeMessage(rc.reception.raw);
  const messageId = summary.messageId === undefined ? '' : stripAngleBrackets(summary.messageId);
  return {
    at: rc.now,
    msgid: messageId === '' ? '(none)' : messageId,
    sender: rc.reception.mailFrom !== '' ? rc.reception.mailFrom : (summary.from?.address ?? ''),
    recipients: rc.recipients,
    subject: summary.subject ?? null,
    sendingProvider,
  };
}
