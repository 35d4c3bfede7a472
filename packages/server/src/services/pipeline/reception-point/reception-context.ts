/**
 * What every branch of the reception point shares for one SMTP transaction: the provider, the
 * identifier source, the quarantine, the transaction's single time reference (pec-spec §6.2), and
 * the recipients resolved to our mailboxes, the service mailbox (pec-spec §2.1, `mailReceipt`) or
 * nothing. The service mailbox is created at first use, inside the transaction that files into it.
 */
import { stripAngleBrackets, summarizeMessage } from '@pec/core';
import type { ProviderContext } from '../../../app/provider-context.ts';
import type { Mailbox } from '../../../ports/account-store.ts';
import type { NewLegalLogEntry } from '../../../ports/legal-log.ts';
import type { StorageStores } from '../../../ports/storage.ts';
import type { QuarantineStore } from '../../quarantine/open-quarantine-store.ts';
import type { IdentifierSource } from '../create-identifier-source.ts';
import type { DeliveryStatusOf } from './recipient-failures.ts';
import type { Reception } from './reception-point.ts';

export interface ReceptionContext {
  readonly ctx: ProviderContext;
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

/** The one quarantine operation the reception point needs (pec-spec §2.1: kept 30 months). */
export type QuarantineWriter = Pick<QuarantineStore, 'put'>;

export type ResolvedRecipient =
  | { readonly kind: 'service'; readonly address: string }
  | { readonly kind: 'mailbox'; readonly address: string; readonly mailbox: Mailbox }
  | { readonly kind: 'unknown'; readonly address: string };

/** Quota of the service mailbox: it only holds notices, and filing into it ignores quotas anyway. */
const serviceMailboxQuotaBytes = 10 * 1024 * 1024 * 1024;

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
    const mailbox = await rc.ctx.storage.accounts.findMailboxByAddress(address);
    resolved.push(
      mailbox === undefined || mailbox.status === 'deleted'
        ? { kind: 'unknown', address }
        : { kind: 'mailbox', address, mailbox },
    );
  }
  return resolved;
}

/** The service mailbox (pec-spec §2.1), created with its domain when missing; no password, no login. */
export async function ensureServiceMailbox(stores: StorageStores, rc: ReceptionContext): Promise<Mailbox> {
  const existing = await stores.accounts.findMailboxByAddress(rc.serviceMailbox);
  if (existing !== undefined) return existing;
  const domain = rc.serviceMailbox.slice(rc.serviceMailbox.lastIndexOf('@') + 1);
  if ((await stores.accounts.getDomain(domain)) === undefined) {
    await stores.accounts.addDomain({ name: domain, description: `${rc.ctx.identity.name}: service domain` });
  }
  return stores.accounts.createMailbox({
    address: rc.serviceMailbox,
    holderName: `${rc.ctx.identity.name}: casella di servizio`,
    quotaBytes: serviceMailboxQuotaBytes,
    ordinaryMailPolicy: 'reject',
    passwordHash: null,
  });
}

/** The INBOX owner of a recipient we file into. */
export async function mailboxIdOf(
  stores: StorageStores,
  rc: ReceptionContext,
  recipient: Exclude<ResolvedRecipient, { kind: 'unknown' }>,
): Promise<number> {
  return recipient.kind === 'service' ? (await ensureServiceMailbox(stores, rc)).id : recipient.mailbox.id;
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
