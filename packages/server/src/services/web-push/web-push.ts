/**
 * Web Push of new PEC (RFC 8030, decision 0032): the provider's VAPID key (RFC 8292), made on first
 * use; each holder's subscriptions, one per browser, on their own box only; and the push of a new
 * PEC, with its sender, subject and place but never its text, encrypted for the browser
 * (RFC 8291, aes128gcm), capped per box and hour like the e-mail notices (decision 0028), sent
 * from the outbox one subscription at a time (web-push-job.ts, decision 0045). A push service that
 * answers 404 or 410 has forgotten the browser: its subscription is removed.
 */
import webPush from 'web-push';
import type { Clock } from '../../ports/clock.ts';
import type { PushSubscriptionRecord, WebPushStore } from '../../ports/web-push-store.ts';

/** A PEC notification older than a day is no news (RFC 8030 §5.2 TTL). */
export const pushTtlSeconds = 86_400;
export const maximumSubscriptions = 20;

export interface WebPushSettings {
  /** The VAPID subject: `mailto:` the provider's notice sender (RFC 8292 §2.1). */
  readonly subject: string;
  /** Pushes a box gets in one hour; the rest are not sent (the e-mail notices tell them). */
  readonly perHour: number;
  /** Plain-HTTP endpoints on loopback are accepted (development and tests, public URL on localhost). */
  readonly allowLoopbackHttp: boolean;
}

/** What the push service answered; `post` is the HTTP client (tests reach a plain-HTTP fake). */
export type PushPost = (request: {
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}) => Promise<{ readonly status: number }>;

export interface WebPushDependencies {
  readonly store: WebPushStore;
  readonly clock: Clock;
  readonly post: PushPost;
  readonly settings: WebPushSettings;
  /** A push that failed other than 404/410 (logged by the caller). */
  readonly onFailure?: (endpoint: string, problem: string) => void;
}

export interface NewSubscription {
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
  readonly sessionId: string;
  readonly device: string | null;
}

export type SubscribeOutcome =
  | { readonly ok: true; readonly subscription: PushSubscriptionRecord }
  /** `problem` says why, in English. */
  | { readonly ok: false; readonly problem: string };

export interface NewPecPush {
  readonly mailboxId: number;
  readonly from: string | null;
  readonly subject: string | null;
  /** The folder's name and number (the webmail's /f/<number>/m/<uid> opens the message). */
  readonly folder: string;
  readonly folderId: number;
  readonly uid: number;
}

export interface WebPush {
  /** The hourly cap, which the settings screen tells. */
  readonly perHour: number;
  publicKey(): Promise<string>;
  subscribe(mailboxId: number, subscription: NewSubscription): Promise<SubscribeOutcome>;
  list(mailboxId: number): Promise<PushSubscriptionRecord[]>;
  remove(mailboxId: number, id: number): Promise<boolean>;
  /** Removes the subscriptions a session made, when it signs out (they end with it). */
  forgetSession(sessionId: string): Promise<number>;
  /**
   * Sends one queued push to its subscription: `sent`; `gone` when the subscription was removed
   * or the push service forgot it (404/410: removed now); `expired` past its day. Throws
   * PushNotTakenError when the push service did not take it (no answer, other status): retry later.
   */
  deliver(push: QueuedPush): Promise<'sent' | 'gone' | 'expired'>;
}

/** One push waiting in the outbox for one subscription (decision 0045). */
export interface QueuedPush {
  readonly subscriptionId: number;
  readonly pec: NewPecPush;
  /** When the PEC was filed; the push is news for a day after. */
  readonly queuedAt: Date;
}

export class PushNotTakenError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'PushNotTakenError';
  }
}

const base64url = /^[A-Za-z0-9_-]+$/;
const bytesOf = (value: string): number => Buffer.from(value, 'base64url').length;

function endpointProblem(endpoint: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'the endpoint is not a URL';
  }
  if (endpoint.length > 2048) return 'the endpoint is too long';
  if (url.protocol === 'https:') return undefined;
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol === 'http:' && loopback && allowLoopbackHttp) return undefined;
  return 'the endpoint must be an https: URL';
}

export function createWebPush(deps: WebPushDependencies): WebPush {
  const { store, settings } = deps;
  const keys = () => store.vapidKeys(() => webPush.generateVAPIDKeys());
  return {
    perHour: settings.perHour,
    publicKey: async () => (await keys()).publicKey,
    async subscribe(mailboxId, subscription) {
      const problem = endpointProblem(subscription.endpoint, settings.allowLoopbackHttp);
      if (problem !== undefined) return { ok: false, problem };
      // RFC 8291 §3.1: an uncompressed P-256 point (65 bytes); §3.2: a 16-byte secret.
      if (!base64url.test(subscription.p256dh) || bytesOf(subscription.p256dh) !== 65)
        return { ok: false, problem: 'keys.p256dh is not an uncompressed P-256 public key' };
      if (!base64url.test(subscription.auth) || bytesOf(subscription.auth) !== 16)
        return { ok: false, problem: 'keys.auth is not a 16-byte secret' };
      const existing = await store.list(mailboxId);
      if (
        !existing.some((s) => s.endpoint === subscription.endpoint) &&
        existing.length >= maximumSubscriptions
      )
        return { ok: false, problem: `at most ${String(maximumSubscriptions)} devices` };
      const record = await store.subscribe({ mailboxId, ...subscription, createdAt: deps.clock.now() });
      return { ok: true, subscription: record };
    },
    list: (mailboxId) => store.list(mailboxId),
    remove: (mailboxId, id) => store.remove(mailboxId, id),
    forgetSession: (sessionId) => store.removeForSession(sessionId),
    async deliver(push) {
      if (deps.clock.now().getTime() - push.queuedAt.getTime() > pushTtlSeconds * 1000) return 'expired';
      const subscription = (await store.list(push.pec.mailboxId)).find((s) => s.id === push.subscriptionId);
      if (subscription === undefined) return 'gone';
      const vapid = await keys();
      const payload = JSON.stringify({
        from: push.pec.from,
        subject: push.pec.subject,
        folder: push.pec.folder,
        folderId: push.pec.folderId,
        uid: push.pec.uid,
        url: `/f/${String(push.pec.folderId)}/m/${String(push.pec.uid)}`,
      });
      const request = webPush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        {
          vapidDetails: { subject: settings.subject, ...vapid },
          // What is left of the day the push is news for (RFC 8030 §5.2).
          TTL: Math.max(
            1,
            pushTtlSeconds - Math.floor((deps.clock.now().getTime() - push.queuedAt.getTime()) / 1000),
          ),
          urgency: 'normal',
          contentEncoding: 'aes128gcm',
        },
      );
      let status: number;
      try {
        status = (
          await deps.post({ endpoint: request.endpoint, headers: request.headers, body: request.body })
        ).status;
      } catch (error) {
        const problem = error instanceof Error ? error.message : String(error);
        deps.onFailure?.(subscription.endpoint, problem);
        throw new PushNotTakenError(problem);
      }
      if (status === 404 || status === 410) {
        await store.removeEndpoint(subscription.endpoint);
        return 'gone';
      }
      if (status >= 200 && status < 300) return 'sent';
      const problem = `the push service answered ${String(status)}`;
      deps.onFailure?.(subscription.endpoint, problem);
      throw new PushNotTakenError(problem);
    },
  };
}
