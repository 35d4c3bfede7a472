/**
 * The signed busta di anomalia for what arrived (pec-spec §3.9): the whole message as received in
 * postacert.eml, its Message-ID kept (a new one only when it had none), `Per conto di` the original
 * sender (From, else the reverse-path), the reason in the text; signed like every generated message
 * and put in the blob store, ready to file into each recipient's INBOX.
 */
import { buildAnomalyEnvelope, deriveOriginalFacts, recipientKinds, signPecMessage } from '@pec/core';
import { prepareMessage, type PreparedMessage } from '../../mailboxes/store-message.ts';
import type { ReceptionContext } from './reception-context.ts';

const [, external] = recipientKinds;

export async function prepareAnomalyEnvelope(rc: ReceptionContext, reason: string): Promise<PreparedMessage> {
  const { deps, settings, now, reception } = rc;
  // Nothing in an anomaly is certified, so no recipient is shown as a PEC one.
  const facts = deriveOriginalFacts(reception.raw, () => external);
  const envelope = buildAnomalyEnvelope({
    provider: settings.identity,
    receivedAt: now,
    original: reception.raw,
    facts: facts.sender === '' ? { ...facts, sender: reception.mailFrom } : facts,
    reason,
    messageIdIfMissing: rc.ids.next(now),
  });
  return prepareMessage(deps.blobs, await signPecMessage(envelope, deps.signer, now));
}
