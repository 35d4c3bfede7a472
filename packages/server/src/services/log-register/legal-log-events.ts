/**
 * The catalogue of event types written to the registro dei log (pec-spec §6.4: "event type
 * (reception, delivery, notice emission, …)"), named `area.subject.past-tense`. Every entry also
 * carries msgid, time, sender, recipients, subject, related identifiers and sending provider.
 * Identifiers are written bare (without angle brackets) so that one search finds them all.
 */

export const legalLogEvents = {
  /** The access point issued an acceptance receipt (pec-spec §3.2); related: the receipt, the client msgid. */
  acceptanceIssued: 'pec.acceptance.issued',
  /** The access point issued a non-acceptance notice (pec-spec §3.3), formal or virus. */
  nonAcceptanceIssued: 'pec.non-acceptance.issued',
  /** The transport envelope was built and signed (pec-spec §3.1); related: the client msgid. */
  envelopeCreated: 'pec.envelope.created',
  /** The envelope waits for the relay to another provider or the Internet (pec-spec §2.2 step 8). */
  envelopeRelayQueued: 'pec.envelope.relay-queued',
  /** The delivery point stored the envelope in a recipient's mailbox (pec-spec §2.4). */
  envelopeDelivered: 'pec.envelope.delivered',
  /** A delivery receipt was issued to the sender (pec-spec §3.5); related: the receipt. */
  deliveryReceiptIssued: 'pec.delivery-receipt.issued',
  /** A non-delivery notice was issued to the sender (pec-spec §3.6); related: the notice. */
  deliveryErrorIssued: 'pec.delivery-error.issued',
  /** Delivery past the quota or in the grace period after expiry (Super Ricezione). */
  superReceptionApplied: 'pec.super-reception.applied',
  /** The next hop accepted the transport envelope for these recipients (pec-spec §2.2 step 8). */
  envelopeRelayed: 'pec.envelope.relayed',
  /** The relay gave up on these recipients: refused for good, or 24 h in the queue (pec-spec §2.3). */
  envelopeRelayFailed: 'pec.envelope.relay-failed',
  /** The next hop accepted a relayed receipt, notice, forward or DSN. */
  messageRelayed: 'pec.message.relayed',
  /** The relay gave up on a receipt, notice, forward or DSN. */
  messageRelayFailed: 'pec.message.relay-failed',
  /** A delivery status notification (RFC 3464) was issued to the sender of failed ordinary mail. */
  dsnIssued: 'pec.dsn.issued',
  /** The 12 h timeout notice (preavviso, pec-spec §3.7, §6.3) was issued to the sender; related: the notice. */
  timeoutFirstNoticeIssued: 'pec.timeout-first-notice.issued',
  /** The final 24 h timeout notice (pec-spec §3.7, errore-esteso 5.4.1) was issued; tracking stops. */
  timeoutFinalNoticeIssued: 'pec.timeout-final-notice.issued',
  /** The reception point accepted a valid transport envelope from another provider (pec-spec §2.3). */
  envelopeReceived: 'pec.envelope.received',
  /** A take-charge receipt went to the sending provider's mailReceipt (pec-spec §3.4); related: the receipt. */
  takeChargeIssued: 'pec.take-charge.issued',
  /** The reception point found a virus and quarantined the message for 30 months (pec-spec §2.1, §3.8). */
  virusQuarantined: 'pec.virus.quarantined',
  /** A virus-detection notice went to the sending provider's mailReceipt (pec-spec §3.8a); related: the notice. */
  virusDetectionIssued: 'pec.virus-detection.issued',
  /** A receipt or notice from another provider was filed unchanged (pec-spec §2.3, §2.4). */
  receiptReceived: 'pec.receipt.received',
  /** An anomaly envelope was filed for ordinary or invalid PEC mail (pec-spec §3.9); related: the original. */
  anomalyDelivered: 'pec.anomaly.delivered',
  /** Ordinary mail was forwarded unchanged to the holder's ordinary address (pec-spec §6.6). */
  ordinaryMailForwarded: 'pec.ordinary-mail.forwarded',
  /** The reception point refused a message for a recipient (SMTP reply or DSN; pec-spec §2.4 point 4). */
  receptionRefused: 'pec.reception.refused',
} as const;

export type LegalLogEventType = (typeof legalLogEvents)[keyof typeof legalLogEvents];
