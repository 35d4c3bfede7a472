/**
 * The non-acceptance branch of the access point (pec-spec §2.2 steps 2–3, §3.3; decision 0004):
 * a signed avviso di non accettazione (formal error or virus) filed in the sender's INBOX with its
 * legal-log entry in one transaction, then the not-accepted outcome whose refusal names the notice
 * (`malformed-message` or `virus-found`, docs/refusals.md). An identifier is assigned although no envelope will exist (pec-spec §3.3).
 */
import { buildNonAcceptance, signPecMessage, stripAngleBrackets, type OriginalFacts } from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';
import { inboxName } from '../../../ports/mailbox-store.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { appendPrepared, prepareMessage } from '../../mailboxes/store-message.ts';
import type { RefusalOf } from '../../refusal/refusal.ts';
import type { IdentifierSource } from '../create-identifier-source.ts';
import type { AccessPointDependencies } from './access-point-dependencies.ts';
import type { SubmissionOutcome } from './access-point.ts';

export interface NonAcceptanceRequest {
  readonly sender: Mailbox;
  /** Facts of the refused message; `sender` is the reverse-path, where the notice goes (pec-spec §3.0). */
  readonly facts: OriginalFacts;
  /** Italian reason for the notice's text and `errore-esteso`. */
  readonly description: string;
  /** Why, for the client's reply; the notice's identificativo is added here. */
  readonly refusal: RefusalOf<'malformed-message' | 'virus-found'>;
  /** The transaction's time reference (pec-spec §6.2). */
  readonly now: Date;
}

export async function issueNonAcceptance(
  deps: Pick<AccessPointDependencies, 'storage' | 'blobs' | 'signer' | 'settings'>,
  ids: IdentifierSource,
  request: NonAcceptanceRequest,
): Promise<SubmissionOutcome> {
  const { facts, now } = request;
  const reason = request.refusal.reason === 'virus-found' ? 'virus' : 'formal';
  const identifier = ids.next(now);
  const messageId = ids.next(now);
  const notice = buildNonAcceptance({
    provider: deps.settings.identity,
    issuedAt: now,
    messageId,
    identifier,
    facts,
    reason,
    description: request.description,
  });
  const prepared = await prepareMessage(deps.blobs, await signPecMessage(notice, deps.signer, now));
  await deps.storage.transaction(async (tx) => {
    await appendPrepared(tx, prepared, {
      mailboxId: request.sender.id,
      folderName: inboxName,
      internalDate: now,
    });
    await tx.legalLog.append({
      at: now,
      eventType: legalLogEvents.nonAcceptanceIssued,
      msgid: identifier,
      sender: facts.sender,
      recipients: facts.recipients.map((r) => r.address),
      subject: facts.subject ?? null,
      relatedMsgids: [messageId, ...(facts.msgid === undefined ? [] : [stripAngleBrackets(facts.msgid)])],
      sendingProvider: deps.settings.identity.name,
    });
  });
  return { kind: 'not-accepted', identifier, reason, refusal: { ...request.refusal, notice: identifier } };
}
