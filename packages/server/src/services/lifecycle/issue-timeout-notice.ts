/**
 * Issues one timeout notice for one PEC recipient (pec-spec §3.7, §6.3, §6.6: one notice per
 * recipient): built and signed with its own time reference (§6.2), its blob put first, then ONE
 * transaction records the status (timeout-12h or the final timeout-24h), files the notice in the
 * sender's INBOX and appends the legal-log entry. The status transition is the guard: when another
 * sweep, a delivery receipt or a delivery error got there first, the transaction rolls back and
 * nothing is issued, so a notice goes out at most once.
 */
import {
  buildTimeoutNotice,
  extendedErrorCodes,
  signPecMessage,
  stripAngleBrackets,
  type OriginalFacts,
} from '@pec/core';
import type { DeliveryEventStatus, TrackedMessage } from '../../ports/message-tracking-store.ts';
import { inboxName } from '../../ports/mailbox-store.ts';
import { legalLogEvents } from '../log-register/legal-log-events.ts';
import { appendPrepared, prepareMessage } from '../mailboxes/store-message.ts';
import type { IdentifierSource } from '../pipeline/create-identifier-source.ts';
import type { TimeoutStage } from './plan-timeout-notices.ts';
import type { TimeoutSweeperDependencies } from './timeout-sweeper-dependencies.ts';

export interface TimeoutNoticeRequest {
  readonly message: TrackedMessage;
  /** The recipient's address as tracked. */
  readonly recipient: string;
  readonly stage: TimeoutStage;
  readonly facts: OriginalFacts;
  /** The notice's time reference (pec-spec §6.2). */
  readonly now: Date;
}

export type TimeoutNoticeOutcome =
  | {
      readonly issued: true;
      /** The notice's Message-ID, bare. */
      readonly noticeId: string;
      /** False when the sender has no mailbox here any more: status and log only. */
      readonly stored: boolean;
    }
  | { readonly issued: false };

const statusOf: Record<TimeoutStage, DeliveryEventStatus> = { first: 'timeout-12h', final: 'timeout-24h' };

/** Thrown inside the transaction to roll it back when the guard fails. */
class NoticeSupersededError extends Error {}

export async function issueTimeoutNotice(
  deps: Pick<TimeoutSweeperDependencies, 'storage' | 'blobs' | 'signer' | 'settings'>,
  ids: IdentifierSource,
  request: TimeoutNoticeRequest,
): Promise<TimeoutNoticeOutcome> {
  const { message, stage, facts, now } = request;
  const recipient =
    facts.recipients.find((r) => r.address.toLowerCase() === request.recipient.toLowerCase())?.address ??
    request.recipient;
  const noticeId = ids.next(now);
  const unsigned = buildTimeoutNotice({
    provider: deps.settings.identity,
    issuedAt: now,
    messageId: noticeId,
    identifier: message.identifier,
    facts,
    recipient,
    stage,
  });
  const prepared = await prepareMessage(deps.blobs, await signPecMessage(unsigned, deps.signer, now));
  const status = statusOf[stage];
  const detail =
    stage === 'final'
      ? `${extendedErrorCodes.finalTimeout} - no delivery receipt within the maximum time`
      : `${extendedErrorCodes.firstTimeout} - no take-charge or delivery receipt within the first hours`;
  const clientMsgid = facts.msgid === undefined ? [] : [stripAngleBrackets(facts.msgid)];
  try {
    return await deps.storage.transaction(async (tx) => {
      const after = await tx.tracking.recordEvent(message.identifier, request.recipient, {
        status,
        at: now,
        receiptId: noticeId,
        detail,
      });
      // The guard: this notice made the transition, and nothing closed the recipient before it.
      if (after.status !== status || after.events[status]?.receiptId !== noticeId) {
        throw new NoticeSupersededError();
      }
      const sender = await tx.accounts.findMailboxByAddress(message.sender);
      if (sender !== undefined) {
        await appendPrepared(tx, prepared, {
          mailboxId: sender.id,
          folderName: inboxName,
          internalDate: now,
        });
      }
      await tx.legalLog.append({
        at: now,
        eventType:
          stage === 'final'
            ? legalLogEvents.timeoutFinalNoticeIssued
            : legalLogEvents.timeoutFirstNoticeIssued,
        msgid: message.identifier,
        sender: message.sender,
        recipients: [recipient],
        subject: message.subject,
        relatedMsgids: [noticeId, ...clientMsgid],
        sendingProvider: deps.settings.identity.name,
      });
      return { issued: true, noticeId, stored: sender !== undefined };
    });
  } catch (error) {
    if (error instanceof NoticeSupersededError) return { issued: false };
    throw error;
  }
}
