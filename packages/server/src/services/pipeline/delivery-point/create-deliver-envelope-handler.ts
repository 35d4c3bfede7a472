/**
 * The punto di consegna for recipients on this provider's own domains (pec-spec §2.4, §3.5, §3.6,
 * §6.6; DM art. 6: same-provider mail gets full processing). Per recipient: the transport envelope
 * stored unchanged in its INBOX and a signed delivery receipt (completa / breve / sintetica) to
 * the sender, or a signed non-delivery notice. Receipts are signed and their blobs put first; then
 * one transaction completes the job and writes every row (decision 0004: exactly once). Receipts for
 * a sender at another provider (envelopes taken in charge by the reception point) become
 * `relay-message` jobs to that sender (pec-spec §2.5, §3.0). The holder's spam filter may label the
 * envelope $Junk and file it in Spam (decision 0034); it never refuses it, and the receipt is the
 * same either way (pec-spec §3.5: delivered into the mailbox, whichever folder).
 */
import {
  buildDeliveryError,
  buildDeliveryReceipt,
  chooseReceiptVariant,
  formatExtendedError,
  serviceAddress,
  signPecMessage,
} from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';
import { nullEventLog } from '../../../ports/event-log.ts';
import type { StorageTransaction } from '../../../ports/storage.ts';
import { fileIncoming, factsOf } from '../../incoming-mail/file-incoming.ts';
import { createSpamCheck, isSpamFor, junkKeyword, spamFolderOf } from '../../incoming-mail/spam-filter.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { prepareMessage, prepareStoredMessage, type PreparedMessage } from '../../mailboxes/store-message.ts';
import { createIdentifierSource, type IdentifierSource } from '../create-identifier-source.ts';
import {
  parseEnvelopeJobPayload,
  type EnvelopeJobPayload,
  type EnvelopeJobRecipient,
} from '../outbox/envelope-jobs.ts';
import type { JobHandler } from '../outbox/create-outbox-worker.ts';
import { relayExpiresAt } from '../relay/relay-expiry.ts';
import { withoutDurableWait } from '../without-durable-wait.ts';
import { enqueueRelayMessage } from '../relay/relay-message-job.ts';
import { decideLocalDelivery, type LocalDeliveryDecision } from './decide-local-delivery.ts';
import type { DeliveryPointDependencies, RuleForward } from './delivery-point-dependencies.ts';

interface RecipientPlan {
  readonly recipient: EnvelopeJobRecipient;
  readonly decision: LocalDeliveryDecision;
  /** The signed receipt or notice, in the blob store. */
  readonly notice: PreparedMessage;
  readonly noticeId: string;
  readonly detail: string | null;
  /** Judged spam by the holder's filter: labelled $Junk, in `folder` when the holder chose Spam. */
  spam?: { readonly folder?: string };
}

function overflowDetail(decision: LocalDeliveryDecision): string | null {
  if (decision.kind !== 'deliver') return null;
  const notes: string[] = [];
  if (decision.overQuotaBytes > 0) notes.push(`over quota by ${decision.overQuotaBytes} bytes`);
  if (decision.expiredAt !== null) notes.push(`expired on ${decision.expiredAt.toISOString()}`);
  return notes.length === 0 ? null : `super ricezione: ${notes.join(', ')}`;
}

async function planRecipient(
  deps: DeliveryPointDependencies,
  ids: IdentifierSource,
  job: {
    readonly payload: EnvelopeJobPayload;
    readonly carried: Uint8Array;
    readonly size: number;
    readonly now: Date;
  },
  recipient: EnvelopeJobRecipient,
): Promise<RecipientPlan> {
  const { payload, now } = job;
  const mailbox = await deps.storage.accounts.findMailboxByAddress(recipient.address);
  const decision = decideLocalDelivery(mailbox, {
    now,
    size: job.size,
    graceDaysAfterExpiry: deps.settings.graceDaysAfterExpiry,
  });
  const noticeId = ids.next(now);
  const common = {
    provider: deps.settings.identity,
    issuedAt: now,
    messageId: noticeId,
    identifier: payload.identifier,
    facts: payload.facts,
    recipient: recipient.address,
  };
  const unsigned =
    decision.kind === 'deliver'
      ? buildDeliveryReceipt({
          ...common,
          variant: chooseReceiptVariant(payload.facts.requestedVariant, recipient.isCc),
          carriedOriginal: job.carried,
        })
      : buildDeliveryError({
          ...common,
          error: decision.error,
          description: decision.description,
          extendedError: formatExtendedError(decision.code, deps.settings.identity, decision.description),
        });
  const notice = await prepareMessage(deps.blobs, await signPecMessage(unsigned, deps.signer, now));
  const detail =
    decision.kind === 'deliver'
      ? overflowDetail(decision)
      : formatExtendedError(decision.code, deps.settings.identity, decision.description);
  return { recipient, decision, notice, noticeId, detail };
}

async function commitRecipient(
  tx: StorageTransaction,
  deps: DeliveryPointDependencies,
  delivery: {
    readonly payload: EnvelopeJobPayload;
    readonly envelope: PreparedMessage;
    readonly sender: Mailbox | undefined;
    /** The sender is at another provider: its receipts go through the relay (pec-spec §2.5). */
    readonly remoteSender: boolean;
    readonly tracked: ReadonlySet<string>;
    readonly now: Date;
  },
  plan: RecipientPlan,
): Promise<RuleForward[]> {
  const { payload, now } = delivery;
  const forwards: RuleForward[] = [];
  const address = plan.recipient.address;
  // The decision was taken before the transaction; a mailbox that changed since means a retry.
  const current = decideLocalDelivery(await tx.accounts.findMailboxByAddress(address), {
    now,
    size: delivery.envelope.size,
    graceDaysAfterExpiry: deps.settings.graceDaysAfterExpiry,
  });
  if (current.kind !== plan.decision.kind) throw new Error(`mailbox ${address} changed during delivery`);
  const entry = {
    at: now,
    msgid: payload.identifier,
    sender: payload.facts.sender,
    recipients: [address],
    subject: payload.facts.subject ?? null,
    sendingProvider: payload.sendingProvider ?? deps.settings.identity.name,
  };
  const delivered = plan.decision.kind === 'deliver';
  if (plan.decision.kind === 'deliver') {
    const mailboxId = plan.decision.mailboxId;
    // The receipt (plan.notice) is already built and signed: the holder's rules only choose the
    // folder and the flags (decision 0026), never what the receipt proves (pec-spec §3.5).
    // The spam label is a keyword on the stored envelope: its signed bytes are never rewritten.
    const filed = await fileIncoming(tx, delivery.envelope, {
      mailboxId,
      internalDate: now,
      ...(plan.spam === undefined
        ? {}
        : {
            flags: [junkKeyword],
            ...(plan.spam.folder === undefined ? {} : { forcedFolder: plan.spam.folder }),
          }),
      facts: factsOf(delivery.envelope, {
        sender: payload.facts.sender,
        recipients: payload.facts.recipients.map((r) => r.address),
        subject: payload.facts.subject ?? '',
        pecType: 'posta-certificata',
      }),
    });
    for (const to of filed.forwardTo)
      forwards.push({
        mailboxId,
        address,
        to,
        identifier: payload.identifier,
        subject: payload.facts.subject ?? '',
      });
    await tx.legalLog.append({ ...entry, eventType: legalLogEvents.envelopeDelivered, relatedMsgids: [] });
    if (plan.detail !== null) {
      await tx.legalLog.append({
        ...entry,
        eventType: legalLogEvents.superReceptionApplied,
        relatedMsgids: [],
      });
    }
  }
  // Notices go to the sender's mailbox on this provider (pec-spec §3.0: the reverse-path).
  if (delivery.sender !== undefined) {
    // The sender's own rules file the receipt (decision 0026); forwarding applies to envelopes only.
    await fileIncoming(tx, plan.notice, {
      mailboxId: delivery.sender.id,
      internalDate: now,
      facts: factsOf(plan.notice),
    });
  } else if (delivery.remoteSender) {
    await enqueueRelayMessage(tx, {
      blobKey: plan.notice.blobKey,
      mailFrom: serviceAddress(deps.settings.identity),
      rcptTo: [payload.mailFrom],
      purpose: 'receipt',
      identifier: payload.identifier,
      expiresAt: relayExpiresAt(now, deps.settings.queueLifetimeMs).toISOString(),
    });
  }
  await tx.legalLog.append({
    ...entry,
    eventType: delivered ? legalLogEvents.deliveryReceiptIssued : legalLogEvents.deliveryErrorIssued,
    relatedMsgids: [plan.noticeId],
  });
  if (delivery.tracked.has(address.toLowerCase())) {
    await tx.tracking.recordEvent(payload.identifier, address, {
      status: delivered ? 'delivered' : 'error',
      at: now,
      receiptId: plan.noticeId,
      detail: plan.detail,
    });
  }
  return forwards;
}

/**
 * Scores the carried original once for the recipients whose filter is on, and marks their plans
 * (decision 0034). A filter that cannot answer leaves every plan as it is: the PEC is delivered.
 */
async function judgeSpam(
  deps: DeliveryPointDependencies,
  payload: EnvelopeJobPayload,
  carried: Uint8Array,
  plans: readonly RecipientPlan[],
): Promise<void> {
  if (deps.spamScanner === undefined) return;
  const delivered = plans.filter((plan) => plan.decision.kind === 'deliver');
  const spam = createSpamCheck(
    deps.spamScanner,
    (deps.events ?? nullEventLog).child({ id: payload.identifier }),
    carried,
    { mailFrom: payload.facts.sender, rcptTo: delivered.map((plan) => plan.recipient.address) },
  );
  for (const plan of delivered) {
    if (plan.decision.kind !== 'deliver') continue;
    const settings = await deps.storage.incoming.get(plan.decision.mailboxId);
    const verdict = settings.antispamEnabled ? await spam.verdict() : undefined;
    if (!isSpamFor(settings, verdict)) {
      spam.record('filed');
    } else if (settings.pecSpamToFolder) {
      spam.record('spam-folder');
      plan.spam = { folder: await spamFolderOf(deps.storage, plan.decision.mailboxId) };
    } else {
      spam.record('labelled');
      plan.spam = {};
    }
  }
  spam.report();
}

export function createDeliverEnvelopeHandler(deps: DeliveryPointDependencies): JobHandler {
  const ids = createIdentifierSource(deps.settings.identity.domain);
  return async (job, run) => {
    const payload = parseEnvelopeJobPayload(job.payload);
    // pec-spec §6.2: one time reference for this delivery and its receipts.
    const now = deps.clock.now();
    // The envelope is in the blob store already (put before the job was committed): described, not
    // put again. The independent reads and each recipient's receipt (sign, put) run at once, so
    // their waits overlap instead of adding up, and signatures use both cores' thread pool.
    const [envelope, carried] = await Promise.all([
      deps.blobs
        .get(payload.envelopeBlobKey)
        .then((bytes) => prepareStoredMessage(payload.envelopeBlobKey, bytes)),
      deps.blobs.get(payload.carriedOriginalKey),
    ]);
    // An envelope taken in charge from another provider has its sender there (pec-spec §2.5).
    const remoteSender = payload.sendingProvider !== undefined;
    // Lookups only: what they find acts through the transaction below, whose fsync wait covers every
    // commit before it, so they need not wait for other work's fsyncs (decision 0053).
    const [plans, sender, trackedMessage] = await withoutDurableWait(deps.storage, (storage) =>
      Promise.all([
        Promise.all(
          payload.recipients.map((recipient) =>
            planRecipient(
              { ...deps, storage },
              ids,
              { payload, carried, size: envelope.size, now },
              recipient,
            ),
          ),
        ),
        remoteSender ? undefined : storage.accounts.findMailboxByAddress(payload.mailFrom),
        storage.tracking.get(payload.identifier),
      ]),
    );
    await withoutDurableWait(deps.storage, (storage) =>
      judgeSpam({ ...deps, storage }, payload, carried, plans),
    );
    const tracked = new Set(trackedMessage?.recipients.map((r) => r.address.toLowerCase()) ?? []);
    const forwards = await deps.storage.transaction(async (tx) => {
      // Completing first locks the job against a second worker (ports/queue-store.ts).
      await run.completeIn(tx);
      const requested: RuleForward[] = [];
      for (const plan of plans) {
        requested.push(
          ...(await commitRecipient(
            tx,
            deps,
            { payload, envelope, sender, remoteSender, tracked, now },
            plan,
          )),
        );
      }
      return requested;
    });
    // Forwarding by a rule is a new PEC from the holder's box, after the delivery is committed; a
    // failure there is the forward's, never the delivery's (decision 0026).
    if (deps.forwardByRule !== undefined && forwards.length > 0) {
      const original = await deps.blobs.get(payload.carriedOriginalKey);
      for (const forward of forwards) await deps.forwardByRule(forward, original);
    }
  };
}
