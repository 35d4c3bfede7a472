/**
 * A valid transport envelope from a listed provider (pec-spec §2.3 first outcome, §3.4, §3.8, §6.6):
 * ONE take-charge receipt for the transaction, listing every recipient here in `<ricezione>`, to the
 * sending provider's `mailReceipt` through the relay. Clean: a `deliver-envelope` job for the
 * delivery point, whose receipts go back to the original sender. Infected: quarantine (30 months),
 * no delivery, one virus-detection notice per recipient to the `mailReceipt`. Durable before `250`.
 */
import {
  buildTakeCharge,
  buildVirusDetection,
  serviceAddress,
  signPecMessage,
  stripAngleBrackets,
  type OriginalFacts,
  type UnsignedPecMessage,
} from '@pec/core';
import type { StorageStores } from '../../../ports/storage.ts';
import type { VirusScanResult } from '../../../ports/virus-scanner.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import {
  envelopeJobKinds,
  renderEnvelopeJobPayload,
  type EnvelopeJobPayload,
} from '../outbox/envelope-jobs.ts';
import { enqueueRelayMessage, type RelayPurpose } from '../relay/relay-message-job.ts';
import type { ReceptionVerdict } from './classify-reception.ts';
import type { ReceptionContext } from './reception-context.ts';
import type { ReceptionOutcome } from './reception-point.ts';

type EnvelopeVerdict = Extract<ReceptionVerdict, { kind: 'transport-envelope' }>;

interface SignedNotice {
  readonly blobKey: string;
  readonly messageId: string;
  /** The recipients it is about. */
  readonly recipients: readonly string[];
}

/** Builds, signs and stores one notice for the sending provider; `build` gets its Message-ID. */
async function signNotice(
  rc: ReceptionContext,
  recipients: readonly string[],
  build: (messageId: string) => UnsignedPecMessage,
): Promise<SignedNotice> {
  const messageId = rc.ids.next(rc.now);
  const signed = await signPecMessage(build(messageId), rc.deps.signer, rc.now);
  return { blobKey: await rc.deps.blobs.put(signed), messageId, recipients };
}

function deliveryPayload(
  rc: ReceptionContext,
  verdict: EnvelopeVerdict,
  keys: { readonly envelope: string; readonly carried: string },
  facts: OriginalFacts,
): EnvelopeJobPayload {
  const primary = new Set(facts.recipients.filter((r) => !r.isCc).map((r) => r.address.toLowerCase()));
  const cc = new Set(facts.recipients.filter((r) => r.isCc).map((r) => r.address.toLowerCase()));
  return {
    identifier: verdict.daticert.identifier,
    envelopeBlobKey: keys.envelope,
    carriedOriginalKey: keys.carried,
    // pec-spec §3.1: the reverse-path is the original sender, where every receipt goes (§3.0).
    mailFrom: rc.reception.mailFrom !== '' ? rc.reception.mailFrom : facts.sender,
    acceptedAt: rc.now.toISOString(),
    facts,
    recipients: rc.recipients.map((address) => {
      const key = address.toLowerCase();
      return { address, kind: 'certificato', isCc: cc.has(key) && !primary.has(key) };
    }),
    sendingProvider: verdict.provider.name,
  };
}

/**
 * The RCPTs this provider has not taken in charge yet for this envelope from this provider: a peer
 * that lost our `250` sends again (decision 0006, at-least-once), and a retry for its remaining
 * recipients carries the same identificativo; only new recipients are processed (decision 0007).
 */
async function notYetTakenInCharge(rc: ReceptionContext, verdict: EnvelopeVerdict): Promise<string[]> {
  const logged = await rc.deps.storage.legalLog.search({ msgid: verdict.daticert.identifier });
  const seen = new Set(
    logged
      .filter(
        (e) => e.eventType === legalLogEvents.envelopeReceived && e.sendingProvider === verdict.provider.name,
      )
      .flatMap((e) => e.recipients.map((address) => address.toLowerCase())),
  );
  return rc.recipients.filter((address) => !seen.has(address.toLowerCase()));
}

export async function receiveTransportEnvelope(
  received: ReceptionContext,
  verdict: EnvelopeVerdict,
  scan: VirusScanResult,
): Promise<ReceptionOutcome> {
  const { deps, settings, now } = received;
  const { facts, daticert, provider } = verdict;
  const identifier = daticert.identifier;
  const fresh = await notYetTakenInCharge(received, verdict);
  if (fresh.length === 0) {
    return {
      kind: 'accepted',
      classification: 'transport-envelope',
      reference: identifier,
      text: `2.0.0 PEC message ${identifier} already taken in charge for these recipients`,
    };
  }
  const rc: ReceptionContext = { ...received, recipients: fresh };
  const mailReceipt = provider.mailReceipt;
  const notice = {
    provider: settings.identity,
    issuedAt: now,
    identifier,
    facts,
  };
  // pec-spec §3.4: issued for every valid envelope, before the virus check decides delivery (§2.3).
  // Its signing and blob put run while a clean envelope's two blobs are put (below): the three
  // puts' fsyncs overlap instead of following one another before the 250.
  const signingTakeCharge =
    mailReceipt === ''
      ? Promise.resolve(undefined)
      : signNotice(rc, rc.recipients, (messageId) =>
          buildTakeCharge({ ...notice, messageId, takenInCharge: rc.recipients, mailReceipt }),
        );
  const storingClean = scan.infected
    ? undefined
    : Promise.all([deps.blobs.put(rc.reception.raw), deps.blobs.put(verdict.carriedOriginal)]);
  const [takeCharge, cleanKeys] = await Promise.all([signingTakeCharge, storingClean]);
  const virusName = scan.signature ?? 'sconosciuto';
  const virusNotices: SignedNotice[] = [];
  let delivery: EnvelopeJobPayload | undefined;
  if (scan.infected) {
    await rc.quarantine.put(rc.reception.raw, {
      point: 'reception',
      signature: virusName,
      sender: rc.reception.mailFrom !== '' ? rc.reception.mailFrom : facts.sender,
      recipients: rc.recipients,
      identifier,
      detectedAt: now,
    });
    if (mailReceipt !== '') {
      for (const recipient of rc.recipients) {
        virusNotices.push(
          await signNotice(rc, [recipient], (messageId) =>
            buildVirusDetection({
              ...notice,
              messageId,
              recipient,
              mailReceipt,
              description: `rilevato virus ${virusName}`,
            }),
          ),
        );
      }
    }
  } else if (cleanKeys !== undefined) {
    const [envelope, carried] = cleanKeys;
    delivery = deliveryPayload(rc, verdict, { envelope, carried }, facts);
  }

  const clientMsgid = facts.msgid === undefined ? [] : [stripAngleBrackets(facts.msgid)];
  const logged = {
    at: now,
    msgid: identifier,
    sender: facts.sender,
    recipients: rc.recipients,
    subject: facts.subject ?? null,
    sendingProvider: provider.name,
  };
  const relay = async (tx: StorageStores, signed: SignedNotice, purpose: RelayPurpose) => {
    await enqueueRelayMessage(tx, {
      blobKey: signed.blobKey,
      mailFrom: serviceAddress(settings.identity),
      rcptTo: [mailReceipt],
      purpose,
      identifier,
      expiresAt: rc.relayExpiresAt,
    });
  };
  await deps.storage.transaction(async (tx) => {
    await tx.legalLog.append({
      ...logged,
      eventType: legalLogEvents.envelopeReceived,
      relatedMsgids: clientMsgid,
    });
    if (takeCharge !== undefined) {
      await relay(tx, takeCharge, 'take-charge');
      await tx.legalLog.append({
        ...logged,
        eventType: legalLogEvents.takeChargeIssued,
        relatedMsgids: [takeCharge.messageId],
      });
    }
    if (scan.infected) {
      await tx.legalLog.append({
        ...logged,
        eventType: legalLogEvents.virusQuarantined,
        relatedMsgids: clientMsgid,
      });
    }
    for (const signed of virusNotices) {
      await relay(tx, signed, 'virus-detection');
      await tx.legalLog.append({
        ...logged,
        recipients: signed.recipients,
        eventType: legalLogEvents.virusDetectionIssued,
        relatedMsgids: [signed.messageId],
      });
    }
    if (delivery !== undefined) {
      await tx.queue.enqueue({
        kind: envelopeJobKinds.deliver,
        payload: renderEnvelopeJobPayload(delivery),
        runAt: now,
      });
    }
  });
  const text = scan.infected
    ? `2.0.0 PEC message ${identifier} taken in charge; virus found, not delivered (notice sent to ${mailReceipt})`
    : `2.0.0 PEC message ${identifier} taken in charge`;
  return { kind: 'accepted', classification: 'transport-envelope', reference: identifier, text };
}
