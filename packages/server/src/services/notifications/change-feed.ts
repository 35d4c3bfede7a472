/**
 * The in-process live change feed of mailbox contents (mox store/state.go style): writers publish
 * what changed in a mailbox, IMAP IDLE sessions, POP3 and the webmail subscribe per mailbox. Delivery
 * is synchronous and best effort: a throwing listener is isolated from the others and from the writer.
 * A change is a hint to re-read the store (RFC 9051 §7 untagged updates, RFC 2177 IDLE), never the
 * only source of truth.
 */

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
}

export function createChangeFeed(options: ChangeFeedOptions = {}): ChangeFeed {
  const listeners = new Map<number, Set<ChangeListener>>();
  return {
    publish(mailboxId, change) {
      const set = listeners.get(mailboxId);
      if (set === undefined) return;
      for (const listener of [...set]) {
        try {
          listener(change);
        } catch (error) {
          options.onListenerError?.(error);
        }
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
