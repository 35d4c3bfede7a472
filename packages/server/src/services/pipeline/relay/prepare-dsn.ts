/**
 * The DSN for recipients the relay gave up on (pec-spec §2.3, §2.4, §6.6: ordinary mail fails
 * with standard SMTP DSNs, never PEC notices). To a mailbox of ours it is filed in the INBOX; to a
 * remote reverse-path it leaves as a `relay-message` job with the null sender; a null reverse-path
 * gets none (RFC 5321 §4.5.5: never bounce a bounce). Blobs are put before the transaction; the
 * returned writer files, queues and logs inside it.
 */
import { randomUUID } from 'node:crypto';
import { domainOf } from '@pec/core';
import { inboxName } from '../../../ports/mailbox-store.ts';
import type { StorageTransaction } from '../../../ports/storage.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { appendPrepared, prepareMessage } from '../../mailboxes/store-message.ts';
import {
  buildDeliveryStatusNotification,
  headerSectionOf,
  type FailedRecipient,
} from './build-delivery-status-notification.ts';
import type { RelayDependencies } from './relay-dependencies.ts';
import { relayExpiresAt } from './relay-expiry.ts';
import { enqueueRelayMessage } from './relay-message-job.ts';
import type { RelayResult } from './relay-to-domains.ts';

export interface DsnRequest {
  /** The undelivered message's reverse-path. */
  readonly to: string;
  readonly originalBytes: Uint8Array;
  readonly arrivedAt: Date;
  /** The identificativo or Message-ID, quoted in the DSN and the log. */
  readonly reference: string;
  readonly subject: string | null;
  readonly failed: readonly RelayResult[];
  readonly at: Date;
}

export type TransactionWriter = (tx: StorageTransaction) => Promise<void>;

const nothing: TransactionWriter = () => Promise.resolve();

function failedRecipient(result: RelayResult, at: Date): FailedRecipient {
  return {
    address: result.address,
    // RFC 3463: 4.4.7 "delivery time expired"; a refusal keeps the peer's code.
    status: result.outcome === 'expired' ? '4.4.7' : (result.enhancedCode ?? '5.0.0'),
    remoteMta: result.host,
    diagnostic: result.code === null ? null : result.text,
    detail: result.text,
    lastAttemptAt: result.host === null ? null : at,
  };
}

export async function prepareDsn(deps: RelayDependencies, request: DsnRequest): Promise<TransactionWriter> {
  if (request.to === '' || request.failed.length === 0) return nothing;
  const { storage, blobs, settings } = deps;
  const mailbox = await storage.accounts.findMailboxByAddress(request.to);
  const isOurDomain = (await storage.accounts.getDomain(domainOf(request.to))) !== undefined;
  // A mailbox of ours that no longer exists: nobody to tell.
  if (mailbox === undefined && isOurDomain) return nothing;
  const messageId = `dsn.${randomUUID()}@${settings.hostname}`;
  const bytes = buildDeliveryStatusNotification({
    reportingHost: settings.hostname,
    to: request.to,
    messageId,
    issuedAt: request.at,
    arrivedAt: request.arrivedAt,
    originalHeaders: headerSectionOf(request.originalBytes),
    reference: request.reference,
    recipients: request.failed.map((result) => failedRecipient(result, request.at)),
  });
  const prepared = await prepareMessage(blobs, bytes);
  return async (tx) => {
    if (mailbox !== undefined) {
      await appendPrepared(tx, prepared, {
        mailboxId: mailbox.id,
        folderName: inboxName,
        internalDate: request.at,
      });
    } else {
      await enqueueRelayMessage(tx, {
        blobKey: prepared.blobKey,
        mailFrom: '',
        rcptTo: [request.to],
        purpose: 'dsn',
        identifier: request.reference,
        expiresAt: relayExpiresAt(request.at, settings.queueLifetimeMs).toISOString(),
      });
    }
    await tx.legalLog.append({
      at: request.at,
      eventType: legalLogEvents.dsnIssued,
      msgid: request.reference,
      sender: `MAILER-DAEMON@${settings.hostname}`,
      recipients: [request.to],
      subject: request.subject,
      relatedMsgids: [messageId],
      sendingProvider: settings.providerName,
    });
  };
}
