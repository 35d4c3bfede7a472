/**
 * The events a holder's webhooks report, in no protocol's words: what happened to a PEC message
 * the holder sent (accepted, taken in charge, delivered or not per recipient, the 12 h warning and
 * 24 h failure of pec-spec §6.3, a virus at the recipient's provider, pec-spec §3.8b) and a new
 * PEC message in the holder's INBOX. Each becomes one JSON body
 * `{ "type", "timestamp", "data" }` (the Standard Webhooks payload shape).
 */

export const webhookEventTypes = [
  'message.accepted',
  'message.taken-in-charge',
  'message.delivered',
  'message.non-delivery',
  'message.timeout-12h',
  'message.timeout-24h',
  'message.virus',
  'message.received',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** One event for the holder of `address`. */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  /** The mailbox whose holder is told. */
  readonly address: string;
  readonly at: Date;
  /**
   * Events with the same key reach an endpoint in the order they happened: the identificativo
   * of the message they are about.
   */
  readonly orderingKey: string;
  /** Distinguishes events of the same type and key (the recipient); with them, names the event once. */
  readonly discriminator: string;
  readonly data: Readonly<Record<string, string | number | null>>;
}
