/**
 * The live change feed of mailbox contents (mox store/state.go style): writers publish what changed
 * in a mailbox after committing it, IMAP IDLE sessions, POP3 and the webmail subscribe per mailbox.
 * Delivery in this process is synchronous and best effort: a throwing listener is isolated from the
 * others and from the writer. Given a ChangeBus, changes also travel to the other nodes sharing the
 * storage (the `mailbox` channel, JSON payloads; a long UID list is split to fit the bus's limit),
 * and their changes arrive here. A change is a hint to re-read the store (RFC 9051 §7 untagged
 * updates, RFC 2177 IDLE), never the only source of truth.
 */
import { maxChangePayloadBytes, type ChangeBus } from '../../ports/change-bus.ts';

/** What changed in one mailbox (`mailboxId` of the account store). */
export type MailboxChange =
  /** Messages were added to the folder (append, delivery, copy or move target); `uid` is the highest new UID. */
  | { readonly kind: 'exists'; readonly folderId: number; readonly uid: number }
  /** Flags (and so the modseq) of these messages changed. */
  | { readonly kind: 'flags'; readonly folderId: number; readonly uids: readonly number[] }
  /** These messages were removed (expunge, move source). */
  | { readonly kind: 'expunge'; readonly folderId: number; readonly uids: readonly number[] }
  | { readonly kind: 'folder-created'; readonly folderId: number; readonly name: string }
  | { readonly kind: 'folder-deleted'; readonly folderId: number; readonly name: string }
  | {
      readonly kind: 'folder-renamed';
      readonly folderId: number;
      readonly oldName: string;
      readonly newName: string;
    };

export type ChangeListener = (change: MailboxChange) => void;

export interface ChangeFeed {
  /** Tells every current subscriber of `mailboxId`, synchronously, in subscription order. */
  publish(mailboxId: number, change: MailboxChange): void;
  /** Starts listening; call the returned function to stop (idempotent). */
  subscribe(mailboxId: number, listener: ChangeListener): () => void;
  /** Current subscribers of a mailbox (for tests and metrics). */
  subscriberCount(mailboxId: number): number;
}

export interface ChangeFeedOptions {
  /** Called when a listener throws; the default ignores the error. */
  readonly onListenerError?: (error: unknown) => void;
  /** Carries changes to and from the other nodes; without it the feed serves this process only. */
  readonly bus?: ChangeBus;
  /** A change could not be handed to the bus, or a malformed one arrived; default ignored. */
  readonly onBusError?: (error: unknown) => void;
}

/** The bus channel of mailbox changes. */
export const mailboxChangeChannel = 'mailbox';

export function createChangeFeed(options: ChangeFeedOptions = {}): ChangeFeed {
  const listeners = new Map<number, Set<ChangeListener>>();
  const { bus } = options;
  const busError = options.onBusError ?? (() => undefined);

  function deliver(mailboxId: number, change: MailboxChange): void {
    const set = listeners.get(mailboxId);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        listener(change);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  }

  // The bus tells this process's publishes back synchronously, so every change takes one path.
  bus?.subscribe(mailboxChangeChannel, (payload) => {
    const decoded = decodeChange(payload);
    if (decoded === undefined) busError(new Error(`malformed mailbox change: ${payload.slice(0, 200)}`));
    else deliver(decoded.mailboxId, decoded.change);
  });

  return {
    publish(mailboxId, change) {
      if (bus === undefined) {
        deliver(mailboxId, change);
        return;
      }
      for (const payload of encodeChange(mailboxId, change)) {
        bus.publish(mailboxChangeChannel, payload).catch(busError);
      }
    },
    subscribe(mailboxId, listener) {
      // Each subscription is its own entry, even for the same function.
      const entry: ChangeListener = (change) => {
        listener(change);
      };
      let set = listeners.get(mailboxId);
      if (set === undefined) {
        set = new Set();
        listeners.set(mailboxId, set);
      }
      set.add(entry);
      return () => {
        const current = listeners.get(mailboxId);
        if (current === undefined) return;
        current.delete(entry);
        if (current.size === 0) listeners.delete(mailboxId);
      };
    },
    subscriberCount(mailboxId) {
      return listeners.get(mailboxId)?.size ?? 0;
    },
  };
}

/** The change as bus payloads of at most `maxChangePayloadBytes`, splitting a long UID list. */
export function encodeChange(mailboxId: number, change: MailboxChange): string[] {
  const payload = JSON.stringify({ mailboxId, change });
  if (Buffer.byteLength(payload, 'utf8') <= maxChangePayloadBytes) return [payload];
  if ((change.kind === 'flags' || change.kind === 'expunge') && change.uids.length > 1) {
    const half = Math.ceil(change.uids.length / 2);
    return [
      ...encodeChange(mailboxId, { ...change, uids: change.uids.slice(0, half) }),
      ...encodeChange(mailboxId, { ...change, uids: change.uids.slice(half) }),
    ];
  }
  return [payload]; // the bus refuses it and the error is reported
}

/** A payload of `encodeChange`, or undefined when it is not one. */
export function decodeChange(payload: string): { mailboxId: number; change: MailboxChange } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { mailboxId, change } = value as { mailboxId?: unknown; change?: unknown };
  if (!Number.isSafeInteger(mailboxId) || typeof change !== 'object' || change === null) return undefined;
  const { kind, folderId } = change as { kind?: unknown; folderId?: unknown };
  if (!Number.isSafeInteger(folderId) || typeof kind !== 'string' || !changeKinds.has(kind)) return undefined;
  return { mailboxId: mailboxId as number, change: change as MailboxChange };
}

const changeKinds = new Set<string>([
  'exists',
  'flags',
  'expunge',
  'folder-created',
  'folder-deleted',
  'folder-renamed',
]);
