/**
 * A valid receipt, notice or anomaly envelope from a listed provider (pec-spec §2.3 second outcome,
 * §2.4): filed unchanged into each addressee's INBOX — our service mailbox for take-charge and
 * virus-detection notices sent to our `mailReceipt` — and never answered with a receipt. Receipts
 * about a message we sent advance its per-recipient status (§2.5, §6.3); a virus-detection notice
 * also gives our user the non-delivery notice for virus (pec-spec §3.8b).
 */
import {
  buildDeliveryError,
  domainOf,
  extendedErrorCodes,
  formatExtendedError,
  originalFactsFromDaticert,
  signPecMessage,
  stripAngleBrackets,
  type Daticert,
  type MessageKind,
  type ProviderRecord,
} from '@pec/core';
import type { Mailbox } from '../../../ports/account-store.ts';
import { inboxName } from '../../../ports/mailbox-store.ts';
import type { DeliveryEventStatus } from '../../../ports/message-tracking-store.ts';
import type { VirusScanResult } from '../../../ports/virus-scanner.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { appendPrepared, prepareMessage, type PreparedMessage } from '../../mailboxes/store-message.ts';
import { factsOf, fileIncoming } from '../../incoming-mail/file-incoming.ts';
import type { ReceptionVerdict } from './classify-reception.ts';
import {
  commitFailures,
  prepareFailureReport,
  recipientFailures,
  refusalFor,
  type FailedRecipient,
} from './recipient-failures.ts';
import {
  mailboxIdsOf,
  receivedLogFields,
  resolveRecipients,
  type ReceptionContext,
  type ResolvedRecipient,
} from './reception-context.ts';
import type { ReceptionOutcome } from './reception-point.ts';
import { refuseInfected } from './refuse-infected.ts';

type NoticeVerdict = Extract<ReceptionVerdict, { kind: 'pec-notice' }>;

interface TrackingUpdate {
  readonly recipient: string;
  readonly status: DeliveryEventStatus;
  readonly detail: string | null;
}

interface AppliedUpdate extends TrackingUpdate {
  /** The tracked message's identificativo. */
  readonly identifier: string;
}

/** The status a received notice reports for which recipients (pec-spec §3.4–§3.6, §3.8). */
function reportedStatuses(type: MessageKind, daticert: Daticert): TrackingUpdate[] {
  const detail = daticert.extendedError ?? null;
  const one = (status: DeliveryEventStatus, withDetail: boolean): TrackingUpdate[] =>
    daticert.delivery === undefined
      ? []
      : [{ recipient: daticert.delivery, status, detail: withDetail ? detail : null }];
  switch (type) {
    case 'presa-in-carico':
      return (daticert.takenInCharge ?? []).map((recipient) => ({
        recipient,
        status: 'taken-in-charge',
        detail: null,
      }));
    case 'avvenuta-consegna':
      return one('delivered', false);
    case 'errore-consegna':
    case 'rilevazione-virus':
      return one('error', true);
    default:
      // Acceptance, non-acceptance and timeout notices come from the sender's own provider only.
      return [];
  }
}

/**
 * The updates that apply to a message we track: its recipient is listed, and the signing provider
 * manages that recipient's domain (pec-spec §2.3 step 5), so no provider reports on others' boxes.
 */
async function applicableUpdates(
  rc: ReceptionContext,
  provider: ProviderRecord,
  daticert: Daticert,
  type: MessageKind,
): Promise<{ updates: AppliedUpdate[]; sender: string | undefined; virusFor: string[] }> {
  const tracked = await rc.deps.storage.tracking.get(daticert.identifier);
  if (tracked === undefined) return { updates: [], sender: undefined, virusFor: [] };
  const updates: AppliedUpdate[] = [];
  const virusFor: string[] = [];
  for (const update of reportedStatuses(type, daticert)) {
    const recipient = tracked.recipients.find((r) => r.address === update.recipient.toLowerCase());
    if (recipient === undefined) continue;
    const manager = rc.deps.index.findProviderByDomain(domainOf(recipient.address));
    if (manager?.name !== provider.name) continue;
    updates.push({ ...update, identifier: tracked.identifier });
    // pec-spec §3.8b: one non-delivery for virus per recipient, the first time only.
    if (type === 'rilevazione-virus' && recipient.events.error === undefined)
      virusFor.push(recipient.address);
  }
  return { updates, sender: tracked.sender, virusFor };
}

/** pec-spec §3.8b: built from the virus-detection notice alone, to our user's INBOX. */
async function prepareVirusNonDelivery(
  rc: ReceptionContext,
  daticert: Daticert,
  recipient: string,
): Promise<{ readonly prepared: PreparedMessage; readonly messageId: string; readonly recipient: string }> {
  const { deps, settings, now } = rc;
  const description = 'virus rilevato dal gestore del destinatario';
  const messageId = rc.ids.next(now);
  const notice = buildDeliveryError({
    provider: settings.identity,
    issuedAt: now,
    messageId,
    identifier: daticert.identifier,
    facts: originalFactsFromDaticert(daticert),
    recipient,
    error: 'virus',
    description,
    extendedError:
      daticert.extendedError ?? formatExtendedError(extendedErrorCodes.virus, settings.identity, description),
  });
  const prepared = await prepareMessage(deps.blobs, await signPecMessage(notice, deps.signer, now));
  return { prepared, messageId, recipient };
}

/**
 * The RCPTs this notice has not been filed for yet: a peer that lost our `250` (a crash between our
 * commit and the reply reaching it) sends the same notice again (decision 0006, at-least-once), and
 * filing it twice would give the holder two receipts for one event. A notice is the same when the
 * same provider sends the same Message-ID; only recipients not logged for it are processed.
 */
async function notYetFiled(
  rc: ReceptionContext,
  providerName: string,
  messageId: string,
): Promise<readonly string[]> {
  if (messageId === '(none)') return rc.recipients;
  const logged = await rc.deps.storage.legalLog.search({ msgid: messageId });
  const seen = new Set(
    logged
      .filter(
        (e) =>
          e.eventType === legalLogEvents.receiptReceived &&
          e.msgid === messageId &&
          e.sendingProvider === providerName,
      )
      .flatMap((e) => e.recipients.map((address) => address.toLowerCase())),
  );
  return rc.recipients.filter((address) => !seen.has(address.toLowerCase()));
}

export async function receivePecNotice(
  received: ReceptionContext,
  verdict: NoticeVerdict,
  scan: VirusScanResult,
): Promise<ReceptionOutcome> {
  const { provider, daticert, description } = verdict;
  if (scan.infected) return refuseInfected(received, 'pec-notice', scan.signature, provider.name);
  const loggedAll = receivedLogFields(received, provider.name);
  const messageId =
    description.messageId === undefined ? loggedAll.msgid : stripAngleBrackets(description.messageId);
  const fresh = await notYetFiled(received, provider.name, messageId);
  if (fresh.length === 0) {
    return {
      kind: 'accepted',
      classification: 'pec-notice',
      reference: messageId,
      text: `2.0.0 PEC ${description.type} ${messageId} already filed`,
    };
  }
  const rc: ReceptionContext = { ...received, recipients: fresh };
  const { deps, now } = rc;
  const resolved = await resolveRecipients(rc);
  const targets = resolved.filter(
    (r): r is Exclude<ResolvedRecipient, { kind: 'unknown' }> => r.kind !== 'unknown',
  );
  const failures: FailedRecipient[] = resolved
    .filter((r) => r.kind === 'unknown')
    .map((r) => recipientFailures.unknown(r.address));
  const logged = { ...loggedAll, recipients: fresh };
  if (targets.length === 0) {
    await commitFailures(deps.storage, rc, failures, undefined, { ...logged, msgid: messageId });
    return { kind: 'refused', classification: 'pec-notice', ...refusalFor(failures) };
  }

  const type = description.type;
  // The notice's blob put, the failure report and the lookups below are independent: run at once,
  // their fsyncs and waits overlap instead of adding up before the 250.
  const lookUp = async () => {
    const tracking =
      daticert === undefined
        ? { updates: [], sender: undefined, virusFor: [] }
        : await applicableUpdates(rc, provider, daticert, type);
    const sender: Mailbox | undefined =
      tracking.sender === undefined
        ? undefined
        : await deps.storage.accounts.findMailboxByAddress(tracking.sender);
    const virusNotices =
      daticert === undefined || sender === undefined
        ? []
        : await Promise.all(
            tracking.virusFor.map(async (r) => ({
              ...(await prepareVirusNonDelivery(rc, daticert, r)),
              mailbox: sender,
            })),
          );
    return { tracking, virusNotices };
  };
  const identifier = daticert?.identifier;
  const [prepared, report, mailboxIds, { tracking, virusNotices }] = await Promise.all([
    prepareMessage(deps.blobs, rc.reception.raw),
    prepareFailureReport(rc, failures),
    mailboxIdsOf(rc, targets),
    lookUp(),
  ]);

  await deps.storage.transaction(async (tx) => {
    // The holder's rules file receipts too, e.g. delivery receipts in their own folder (decision 0026).
    for (const mailboxId of mailboxIds) {
      await fileIncoming(tx, prepared, { mailboxId, internalDate: now, facts: factsOf(prepared) });
    }
    await tx.legalLog.append({
      ...logged,
      msgid: messageId,
      recipients: targets.map((t) => t.address),
      eventType: legalLogEvents.receiptReceived,
      relatedMsgids: identifier === undefined ? [] : [identifier],
    });
    for (const update of tracking.updates) {
      await tx.tracking.recordEvent(update.identifier, update.recipient, {
        status: update.status,
        at: now,
        receiptId: messageId,
        detail: update.detail,
      });
    }
    for (const virus of virusNotices) {
      await appendPrepared(tx, virus.prepared, {
        mailboxId: virus.mailbox.id,
        folderName: inboxName,
        internalDate: now,
      });
      await tx.legalLog.append({
        ...logged,
        msgid: identifier ?? messageId,
        sender: virus.mailbox.address,
        recipients: [virus.recipient],
        eventType: legalLogEvents.deliveryErrorIssued,
        relatedMsgids: [virus.messageId, messageId],
      });
    }
    await commitFailures(tx, rc, failures, report, { ...logged, msgid: messageId });
  });
  return {
    kind: 'accepted',
    classification: 'pec-notice',
    reference: messageId,
    text: `2.0.0 PEC ${type} ${messageId} filed`,
  };
}
