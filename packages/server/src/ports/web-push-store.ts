/**
 * Port for Web Push (RFC 8030) of new PEC (decision 0032): the provider's VAPID key pair
 * (RFC 8292), made once and shared by every node; the push subscriptions of each box, one per
 * browser (its endpoint), with the web session that made it; and one counter per box and hour that
 * caps how many pushes a box gets, like the e-mail notices (decision 0028).
 */

export interface VapidKeys {
  /** The uncompressed P-256 public key, base64url (the browser's applicationServerKey). */
  readonly publicKey: string;
  /** The private scalar, base64url. */
  readonly privateKey: string;
}

export interface PushSubscriptionRecord {
  readonly id: number;
  readonly mailboxId: number;
  /** The push service's URL for this browser (a capability: whoever has it may push). */
  readonly endpoint: string;
  /** The browser's P-256 public key (RFC 8291 §3.1), base64url. */
  readonly p256dh: string;
  /** The 16-byte authentication secret (RFC 8291 §3.2), base64url. */
  readonly auth: string;
  /** The SHA-256 of the session that subscribed (it ends with that session's sign-out). */
  readonly sessionId: string;
  /** "Firefox on Linux", from the User-Agent; null when there was none. */
  readonly device: string | null;
  readonly createdAt: Date;
}

export type NewPushSubscription = Omit<PushSubscriptionRecord, 'id'>;

export interface WebPushStore {
  /** The stored key pair; `candidate` is stored first when there is none (the first caller wins). */
  vapidKeys(candidate: () => VapidKeys): Promise<VapidKeys>;
  /** Adds the subscription, or moves an existing endpoint to this box and session. */
  subscribe(subscription: NewPushSubscription): Promise<PushSubscriptionRecord>;
  /** Oldest first. */
  list(mailboxId: number): Promise<PushSubscriptionRecord[]>;
  /** False when the box has no subscription with this id. */
  remove(mailboxId: number, id: number): Promise<boolean>;
  /** Removes the subscription at `endpoint` (the push service said it is gone). */
  removeEndpoint(endpoint: string): Promise<boolean>;
  /** Removes the subscriptions a session made (it signed out); returns how many. */
  removeForSession(sessionId: string): Promise<number>;
  /**
   * Counts one push in the box's hour: true while fewer than `cap` were counted this hour (one
   * statement, so concurrent deliveries never exceed the cap).
   */
  countPush(mailboxId: number, hourStart: Date, cap: number): Promise<boolean>;
}
