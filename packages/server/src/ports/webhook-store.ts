/**
 * Webhooks: the endpoints a holder registers (URL, signing secret, event types) and the outbox of
 * deliveries to them. A delivery is one event for one endpoint, written in the same transaction as
 * the change it reports; workers claim due deliveries with a lease (one node sends each), and a
 * delivery waits while an earlier one of the same endpoint and ordering key (the message's
 * identificativo) is still pending, so an endpoint sees each message's events in order.
 */

export interface WebhookEndpoint {
  readonly id: number;
  readonly mailboxId: number;
  readonly address: string;
  readonly url: string;
  /** `whsec_` + base64 of the key (Standard Webhooks). */
  readonly secret: string;
  readonly events: readonly string[];
  readonly description: string | null;
  readonly createdAt: Date;
  /** Set while the endpoint is disabled: no new delivery is recorded, pending ones wait. */
  readonly disabledAt: Date | null;
}

export type NewWebhookEndpoint = Omit<WebhookEndpoint, 'id' | 'createdAt' | 'disabledAt'>;

/** One endpoint's deliveries counted by status, for the operator's console. */
export interface WebhookEndpointHealth {
  readonly endpointId: number;
  readonly pending: number;
  readonly delivered: number;
  readonly failed: number;
  /** The last attempt that did not get a 2xx, if any. */
  readonly lastFailureAt: Date | null;
}

/** `pending`: to send (again); `delivered`: answered 2xx; `failed`: retries ended. */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  readonly id: number;
  readonly endpointId: number;
  /** The webhook-id header: unique per event and endpoint, the same on every attempt. */
  readonly eventId: string;
  readonly eventType: string;
  readonly orderingKey: string;
  /** The exact JSON body that is signed and sent. */
  readonly payload: string;
  readonly status: WebhookDeliveryStatus;
  readonly createdAt: Date;
  readonly nextAttemptAt: Date;
  /** After this, a failed attempt ends the retries. */
  readonly expiresAt: Date;
  readonly attempts: number;
  readonly lastAttemptAt: Date | null;
  /** HTTP status of the last attempt; null when it got no answer. */
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
}

export interface NewWebhookDelivery {
  readonly endpointId: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly orderingKey: string;
  readonly payload: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface WebhookAttempt {
  readonly at: Date;
  readonly status: number | null;
  readonly error: string | null;
}

export interface WebhookStore {
  createEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint>;
  getEndpoint(id: number): Promise<WebhookEndpoint | undefined>;
  /** One mailbox's endpoints (every one when undefined), oldest first. */
  listEndpoints(mailboxId?: number): Promise<WebhookEndpoint[]>;
  /** Disables (a date) or enables (null) an endpoint; false when there is none. */
  setDisabled(id: number, disabledAt: Date | null): Promise<boolean>;
  /** Every endpoint's deliveries counted by status (endpoints without deliveries are absent). */
  health(): Promise<WebhookEndpointHealth[]>;
  /** Deletes the endpoint and its deliveries; false when there is none. */
  deleteEndpoint(id: number): Promise<boolean>;
  /** Adds deliveries, due at once; an eventId already there is ignored. */
  enqueue(deliveries: readonly NewWebhookDelivery[]): Promise<void>;
  /**
   * Leases up to `limit` due pending deliveries of enabled endpoints until `leaseUntil`, oldest
   * first, none behind an earlier pending delivery of the same endpoint and ordering key.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<WebhookDelivery[]>;
  /** Records a 2xx answer. */
  markDelivered(id: number, attempt: WebhookAttempt): Promise<void>;
  /** Records a failed attempt: pending again at `retryAt`, or failed for good when null. */
  markFailed(id: number, attempt: WebhookAttempt, retryAt: Date | null): Promise<void>;
  /** An endpoint's deliveries, newest first. */
  listDeliveries(endpointId: number, limit: number): Promise<WebhookDelivery[]>;
  getDelivery(id: number): Promise<WebhookDelivery | undefined>;
  /** Makes a delivery pending and due at `now` again with a fresh retry window; false if unknown. */
  replay(id: number, now: Date, expiresAt: Date): Promise<boolean>;
}
