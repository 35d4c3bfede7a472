/**
 * The acceptance branch of the access point (pec-spec §2.2 steps 4–9, §3.1, §3.2, §6.1, §6.2;
 * decision 0004). One time reference; a new identificativo; the acceptance receipt and the
 * transport envelope built and signed; every blob put first; then ONE transaction: receipt in the
 * sender's INBOX, the carried original in Sent (\Seen), tracking rows, legal-log entries and the
 * outbox jobs (`deliver-envelope` for our own domains, `relay-envelope` for the rest), written
 * leased to this node's worker and handed to it once durable when it has a free slot (decision 0061).
 */
import {
  buildAcceptance,
  buildTransportEnvelope,
  signPecMessage,
  stripAngleBrackets,
  type OriginalFacts,
} from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';
import type { Job } from '../../../ports/queue-store.ts';
import type { StorageTransaction } from '../../../ports/storage.ts';
import { inboxName } from '../../../ports/mailbox-store.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { appendPrepared, prepareMessage } from '../../mailboxes/store-message.ts';
import type { IdentifierSource } from '../create-identifier-source.ts';
import type { AccessPointDependencies } from './access-point-dependencies.ts';
import {
  envelopeJobKinds,
  renderEnvelopeJobPayload,
  type EnvelopeJobPayload,
  type EnvelopeJobRecipient,
} from '../outbox/envelope-jobs.ts';

/** Folder that keeps a copy of what the holder sent. */
export const sentFolderName = 'Sent';

export interface AcceptRequest {
  readonly sender: Mailbox;
  /** SMTP reverse-path, equal to From after the formal checks. */
  readonly mailFrom: string;
  readonly raw: Uint8Array;
  /** Facts of `raw`, recipients classified (pec-spec §2.2 step 4). */
  readonly facts: OriginalFacts;
  /** Lower-cased recipient addresses whose domain this provider serves. */
  readonly localRecipients: ReadonlySet<string>;
  /** The transaction's single time reference (pec-spec §6.2). */
  readonly now: Date;
}

export interface AcceptResult {
  readonly identifier: string;
  /** Outbox jobs written for any node's worker to claim: 0, 1 or 2 (not those handed over). */
  readonly jobs: number;
}

export async function acceptSubmission(
  deps: Pick<AccessPointDependencies, 'storage' | 'blobs' | 'signer' | 'settings' | 'jobSlots'>,
  ids: IdentifierSource,
  request: AcceptRequest,
): Promise<AcceptResult> {
  const { facts, now } = request;
  const provider = deps.settings.identity;
  const identifier = ids.next(now);
  const acceptanceId = ids.next(now);
  // pec-spec §2.2 steps 5–8: identificativo, acceptance receipt, transport envelope.
  const envelope = buildTransportEnvelope({
    provider,
    acceptedAt: now,
    identifier,
    original: request.raw,
    facts,
  });
  const acceptance = buildAcceptance({ provider, issuedAt: now, messageId: acceptanceId, identifier, facts });
  const [signedEnvelope, signedAcceptance] = await Promise.all([
    signPecMessage(envelope, deps.signer, now),
    signPecMessage(acceptance, deps.signer, now),
  ]);
  // Blobs first (durable on return), rows after: decision 0004. The three puts are independent, so
  // they run at once and their fsyncs overlap instead of following one another before the 250.
  const [envelopeBlobKey, acceptancePrepared, sentPrepared] = await Promise.all([
    deps.blobs.put(signedEnvelope),
    prepareMessage(deps.blobs, signedAcceptance),
    prepareMessage(deps.blobs, envelope.carriedOriginal),
  ]);

  const recipients: EnvelopeJobRecipient[] = facts.recipients.map((r) => ({
    address: r.address,
    kind: r.kind,
    isCc: r.isCc,
  }));
  const local = recipients.filter((r) => request.localRecipients.has(r.address.toLowerCase()));
  const remote = recipients.filter((r) => !request.localRecipients.has(r.address.toLowerCase()));
  const payload = (list: readonly EnvelopeJobRecipient[]): EnvelopeJobPayload => ({
    identifier,
    envelopeBlobKey,
    carriedOriginalKey: sentPrepared.blobKey,
    mailFrom: request.mailFrom,
    acceptedAt: now.toISOString(),
    facts,
    recipients: list,
  });
  const logged = {
    at: now,
    msgid: identifier,
    sender: facts.sender,
    recipients: recipients.map((r) => r.address),
    subject: facts.subject ?? null,
    sendingProvider: provider.name,
  };
  const clientMsgid = facts.msgid === undefined ? [] : [stripAngleBrackets(facts.msgid)];

  // A job slot of this node's worker for each job (decision 0061): the job is written leased to it
  // and run once the transaction below is durable, with no claim. Without a slot it is queued.
  const slots = {
    deliver: local.length > 0 ? deps.jobSlots?.reserve(envelopeJobKinds.deliver) : undefined,
    relay: remote.length > 0 ? deps.jobSlots?.reserve(envelopeJobKinds.relay) : undefined,
  };
  const handed: { deliver?: Job; relay?: Job } = {};
  const enqueue = async (
    tx: StorageTransaction,
    kind: keyof typeof slots,
    list: readonly EnvelopeJobRecipient[],
  ): Promise<void> => {
    const slot = slots[kind];
    const job = await tx.queue.enqueue({
      kind: envelopeJobKinds[kind],
      payload: renderEnvelopeJobPayload(payload(list)),
      runAt: now,
      ...(slot === undefined ? {} : { lease: slot.lease }),
    });
    if (slot === undefined) jobs++;
    else handed[kind] = job;
  };

  let jobs = 0;
  try {
    await deps.storage.transaction(async (tx) => {
      // Counted afresh: the storage may run this function again after a deadlock.
      jobs = 0;
      const mailboxId = request.sender.id;
      await appendPrepared(tx, acceptancePrepared, { mailboxId, folderName: inboxName, internalDate: now });
      await appendPrepared(tx, sentPrepared, {
        mailboxId,
        folderName: sentFolderName,
        flags: ['\\Seen'],
        internalDate: now,
      });
      await tx.tracking.track({
        identifier,
        sender: facts.sender,
        subject: facts.subject ?? null,
        originalMsgid: facts.msgid ?? null,
        acceptedAt: now,
        envelopeBlobKey,
        recipients: recipients.map((r) => ({ address: r.address, kind: r.kind })),
      });
      await tx.legalLog.append({
        ...logged,
        eventType: legalLogEvents.acceptanceIssued,
        relatedMsgids: [acceptanceId, ...clientMsgid],
      });
      await tx.legalLog.append({
        ...logged,
        eventType: legalLogEvents.envelopeCreated,
        relatedMsgids: clientMsgid,
      });
      if (local.length > 0) await enqueue(tx, 'deliver', local);
      if (remote.length > 0) {
        await enqueue(tx, 'relay', remote);
        await tx.legalLog.append({
          ...logged,
          recipients: remote.map((r) => r.address),
          eventType: legalLogEvents.envelopeRelayQueued,
          relatedMsgids: clientMsgid,
        });
      }
    });
  } catch (error) {
    slots.deliver?.release();
    slots.relay?.release();
    throw error;
  }
  // Durable now (the transaction returned after its fsync): the jobs may act (decision 0053).
  for (const kind of ['deliver', 'relay'] as const) {
    const job = handed[kind];
    if (job === undefined) slots[kind]?.release();
    else slots[kind]?.run(job);
  }
  return { identifier, jobs };
}
