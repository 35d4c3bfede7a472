/**
 * Mail that is not valid PEC (pec-spec §2.3 last two outcomes, §3.9, §6.6, §12 pitfall 11):
 * - a PEC-looking message that failed verification (bad or unknown signature, SAN ≠ From, broken
 *   format) becomes a signed anomaly envelope in every existing recipient's INBOX, whatever the
 *   mailbox's ordinary-mail policy, so the holder sees that something claiming to be PEC arrived;
 * - ordinary mail follows each mailbox's policy: `reject` (the default) refuses it, `accept` files
 *   an anomaly envelope in the holder's chosen folder, `forward` relays the bytes unchanged to the
 *   holder's ordinary address. The holder's lists decide first (decision 0026): a sender on the
 *   block list is refused whatever the policy, one on the allow list is accepted even under `reject`.
 *   The holder's rules then file the anomaly envelope (file-incoming.ts). Ordinary mail accepted
 *   by the policy (not by the allow list) is scored by the spam filter first (decision 0034): at or
 *   over the holder's threshold it is refused here, before the MX's 250, or filed in Spam as $Junk.
 * Never a PEC receipt: failures are SMTP replies or DSNs (recipient-failures.ts).
 */
import { inboxName } from '../../../ports/mailbox-store.ts';
import type { VirusScanResult } from '../../../ports/virus-scanner.ts';
import { factsOf, fileIncoming } from '../../incoming-mail/file-incoming.ts';
import { senderListVerdict } from '../../incoming-mail/sender-lists.ts';
import {
  createSpamCheck,
  isSpamFor,
  junkKeyword,
  spamFolderOf,
  type SpamCheck,
} from '../../incoming-mail/spam-filter.ts';
import { nullEventLog } from '../../../ports/event-log.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
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

interface AnomalyTarget {
  readonly recipient: Filed;
  /** The holder's folder for accepted ordinary mail; INBOX otherwise. */
  readonly folder: string;
  /** Judged spam by the holder's filter: filed in `folder` (their Spam folder) as $Junk, whatever the rules. */
  readonly spam?: boolean;
}

interface Plan {
  readonly anomaly: AnomalyTarget[];
  readonly forward: { readonly address: string; readonly to: string }[];
  readonly failures: FailedRecipient[];
}

/** Italian reason for ordinary mail accepted by the holder (pec-spec §3.9 text). */
export const ordinaryMailReason = 'messaggio di posta ordinaria, non certificata';

/** Ordinary mail the policy accepts for `mailbox`: scored, then INBOX / Spam / refused (decision 0034). */
async function acceptOrdinary(
  rc: ReceptionContext,
  recipient: Extract<ResolvedRecipient, { kind: 'mailbox' }>,
  spam: SpamCheck,
  plan: Plan,
): Promise<void> {
  const settings = await rc.deps.storage.incoming.get(recipient.mailbox.id);
  const verdict = settings.antispamEnabled ? await spam.verdict() : undefined;
  if (verdict === undefined || !isSpamFor(settings, verdict)) {
    spam.record('filed');
    plan.anomaly.push({ recipient, folder: settings.ordinaryFolder });
  } else if (settings.spamAction === 'refuse') {
    spam.record('refused');
    plan.failures.push(recipientFailures.spam(recipient.address, verdict.score, settings.spamThreshold));
  } else {
    spam.record('spam-folder');
    plan.anomaly.push({
      recipient,
      folder: await spamFolderOf(rc.deps.storage, recipient.mailbox.id),
      spam: true,
    });
  }
}

async function planFor(
  rc: ReceptionContext,
  resolved: readonly ResolvedRecipient[],
  ordinary: boolean,
  spam: SpamCheck,
): Promise<Plan> {
  const { incoming } = rc.deps.storage;
  const plan: Plan = { anomaly: [], forward: [], failures: [] };
  for (const recipient of resolved) {
    if (recipient.kind === 'unknown') {
      plan.failures.push(recipientFailures.unknown(recipient.address));
      continue;
    }
    // The service mailbox takes notices from providers, not Internet mail.
    if (recipient.kind === 'service') {
      if (ordinary) plan.failures.push(recipientFailures.pecOnly(recipient.address));
      else plan.anomaly.push({ recipient, folder: inboxName });
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
    } else if (!ordinary) {
      plan.anomaly.push({ recipient, folder: inboxName });
    } else {
      // The reverse-path is the sender the lists judge; the null sender (bounces) is on no list.
      const listed = senderListVerdict(await incoming.listSenders(mailbox.id), rc.reception.mailFrom);
      const policy = mailbox.ordinaryMailPolicy;
      if (listed === 'block') {
        plan.failures.push(recipientFailures.pecOnly(recipient.address));
      } else if (policy === 'forward' && mailbox.forwardAddress !== null) {
        plan.forward.push({ address: recipient.address, to: mailbox.forwardAddress });
      } else if (listed === 'allow') {
        // The allow list wins over the policy and over any score (decision 0034).
        plan.anomaly.push({ recipient, folder: (await incoming.get(mailbox.id)).ordinaryFolder });
      } else if (policy === 'accept') {
        await acceptOrdinary(rc, recipient, spam, plan);
      } else {
        plan.failures.push(recipientFailures.pecOnly(recipient.address));
      }
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
  const { reception } = rc;
  const logged = receivedLogFields(rc, sendingProvider);
  const spam = createSpamCheck(
    ordinary ? deps.spamScanner : undefined,
    (deps.events ?? nullEventLog).child({ id: logged.msgid }),
    reception.raw,
    { mailFrom: reception.mailFrom, rcptTo: rc.recipients, ip: reception.remoteAddress },
  );
  const plan = await planFor(rc, await resolveRecipients(rc), ordinary, spam);
  spam.report();
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
  const anomalyMailboxIds =
    anomaly === undefined
      ? []
      : await mailboxIdsOf(
          rc,
          plan.anomaly.map((t) => t.recipient),
        );
  await deps.storage.transaction(async (tx) => {
    if (anomaly !== undefined) {
      for (const [index, mailboxId] of anomalyMailboxIds.entries()) {
        const target = plan.anomaly[index];
        await fileIncoming(tx, anomaly, {
          mailboxId,
          internalDate: now,
          defaultFolder: target?.folder ?? inboxName,
          ...(target?.spam === true ? { forcedFolder: target.folder, flags: [junkKeyword] } : {}),
          facts: factsOf(anomaly, {
            pecType: ordinary ? 'ordinaria' : 'anomalia',
            ...(rc.reception.mailFrom === '' ? {} : { sender: rc.reception.mailFrom }),
          }),
        });
      }
      await tx.legalLog.append({
        ...logged,
        recipients: plan.anomaly.map((t) => t.recipient.address),
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
