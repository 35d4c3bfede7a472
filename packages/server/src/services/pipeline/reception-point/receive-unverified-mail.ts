/**
 * Mail that is not valid PEC (pec-spec §2.3 last two outcomes, §3.9, §6.6, §12 pitfall 11):
 * - a PEC-looking message that failed verification (bad or unknown signature, SAN ≠ From, broken
 *   format) becomes a signed anomaly envelope in every existing recipient's INBOX, whatever the
 *   mailbox's ordinary-mail policy, so the holder sees that something claiming to be PEC arrived;
 * - ordinary mail follows each mailbox's policy: `reject` (the default) refuses it, `accept` files
 *   an anomaly envelope, `forward` relays the bytes unchanged to the holder's ordinary address.
 * Never a PEC receipt: failures are SMTP replies or DSNs (recipient-failures.ts).
 */
import { inboxName } from '../../../ports/mailbox-store.ts';
import type { VirusScanResult } from '../../../ports/virus-scanner.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { appendPrepared } from '../../mailboxes/store-message.ts';
import { decideLocalDelivery } from '../delivery-point/decide-local-delivery.ts';
import { enqueueRelayMessage } from '../relay/relay-message-job.ts';
import type { ReceptionVerdict } from './classify-reception.ts';
import { prepareAnomalyEnvelope } from './prepare-anomaly-envelope.ts';
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
import type { ReceptionClass, ReceptionOutcome } from './reception-point.ts';
import { refuseInfected } from './refuse-infected.ts';

type Filed = Exclude<ResolvedRecipient, { kind: 'unknown' }>;

interface Plan {
  readonly anomaly: Filed[];
  readonly forward: { readonly address: string; readonly to: string }[];
  readonly failures: FailedRecipient[];
}

/** Italian reason for ordinary mail accepted by the holder (pec-spec §3.9 text). */
export const ordinaryMailReason = 'messaggio di posta ordinaria, non certificata';

function planFor(rc: ReceptionContext, resolved: readonly ResolvedRecipient[], ordinary: boolean): Plan {
  const plan: Plan = { anomaly: [], forward: [], failures: [] };
  for (const recipient of resolved) {
    if (recipient.kind === 'unknown') {
      plan.failures.push(recipientFailures.unknown(recipient.address));
      continue;
    }
    // The service mailbox takes notices from providers, not Internet mail.
    if (recipient.kind === 'service') {
      if (ordinary) plan.failures.push(recipientFailures.pecOnly(recipient.address));
      else plan.anomaly.push(recipient);
      continue;
    }
    const { mailbox } = recipient;
    const decision = decideLocalDelivery(mailbox, {
      now: rc.now,
      size: rc.reception.raw.length,
      graceDaysAfterExpiry: rc.settings.graceDaysAfterExpiry,
    });
    if (decision.kind === 'refuse') {
      plan.failures.push(
        decision.error === 'no-dest'
          ? recipientFailures.unknown(recipient.address)
          : recipientFailures.disabled(recipient.address),
      );
    } else if (!ordinary || mailbox.ordinaryMailPolicy === 'accept') {
      plan.anomaly.push(recipient);
    } else if (mailbox.ordinaryMailPolicy === 'forward' && mailbox.forwardAddress !== null) {
      plan.forward.push({ address: recipient.address, to: mailbox.forwardAddress });
    } else {
      plan.failures.push(recipientFailures.pecOnly(recipient.address));
    }
  }
  return plan;
}

export async function receiveUnverifiedMail(
  rc: ReceptionContext,
  verdict: Extract<ReceptionVerdict, { kind: 'invalid-pec' | 'ordinary' }>,
  scan: VirusScanResult,
): Promise<ReceptionOutcome> {
  const { deps, now } = rc;
  const ordinary = verdict.kind === 'ordinary';
  const classification: ReceptionClass = ordinary ? 'ordinary' : 'invalid-pec';
  const sendingProvider = verdict.kind === 'invalid-pec' ? (verdict.provider?.name ?? null) : null;
  if (scan.infected) return refuseInfected(rc, classification, scan.signature, sendingProvider);
  const plan = planFor(rc, await resolveRecipients(rc), ordinary);
  const logged = receivedLogFields(rc, sendingProvider);
  if (plan.anomaly.length === 0 && plan.forward.length === 0) {
    await commitFailures(deps.storage, rc, plan.failures, undefined, logged);
    return { kind: 'refused', classification, ...refusalFor(plan.failures) };
  }

  const anomaly =
    plan.anomaly.length === 0
      ? undefined
      : await prepareAnomalyEnvelope(rc, ordinary ? ordinaryMailReason : verdict.reason);
  const forwardedKey = plan.forward.length === 0 ? undefined : await deps.blobs.put(rc.reception.raw);
  const report = await prepareFailureReport(rc, plan.failures);
  const anomalyMailboxIds = anomaly === undefined ? [] : await mailboxIdsOf(rc, plan.anomaly);
  await deps.storage.transaction(async (tx) => {
    if (anomaly !== undefined) {
      for (const mailboxId of anomalyMailboxIds) {
        await appendPrepared(tx, anomaly, { mailboxId, folderName: inboxName, internalDate: now });
      }
      await tx.legalLog.append({
        ...logged,
        recipients: plan.anomaly.map((t) => t.address),
        eventType: legalLogEvents.anomalyDelivered,
        relatedMsgids: [],
      });
    }
    const forwards =
      forwardedKey === undefined ? [] : plan.forward.map((f) => ({ ...f, blobKey: forwardedKey }));
    for (const forward of forwards) {
      // Unchanged bytes and reverse-path, so that bounces reach the original sender (pec-spec §6.6).
      await enqueueRelayMessage(tx, {
        blobKey: forward.blobKey,
        mailFrom: rc.reception.mailFrom,
        rcptTo: [forward.to],
        purpose: 'forward',
        expiresAt: rc.relayExpiresAt,
      });
      await tx.legalLog.append({
        ...logged,
        recipients: [forward.address, forward.to],
        eventType: legalLogEvents.ordinaryMailForwarded,
        relatedMsgids: [],
      });
    }
    await commitFailures(tx, rc, plan.failures, report, logged);
  });
  return {
    kind: 'accepted',
    classification,
    reference: logged.msgid,
    text: `2.0.0 message ${logged.msgid} accepted${ordinary ? ' as ordinary mail' : ' as an anomaly'}`,
    ...(verdict.kind === 'invalid-pec' ? { detail: verdict.problems.join('; ') } : {}),
  };
}
