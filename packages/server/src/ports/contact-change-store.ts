/**
 * Port for the holder's changes of contact data (decision 0036): a new contact e-mail or mobile
 * waits here with the hash of the code sent to it, and replaces the old one only once confirmed.
 */

export type ContactKind = 'email' | 'mobile';

export interface PendingContact {
  readonly kind: ContactKind;
  readonly value: string;
  readonly createdAt: Date;
}

export type ContactConfirmation =
  | { readonly outcome: 'confirmed'; readonly value: string }
  | { readonly outcome: 'wrong-code' | 'too-many-tries' | 'unknown' };

export interface ContactChangeStore {
  /** Pending changes of the box, e-mail first. */
  list(mailboxId: number): Promise<PendingContact[]>;
  /** Starts (or restarts, tries reset) the change of `kind` to `value`. */
  start(mailboxId: number, kind: ContactKind, value: string, codeHash: string, at: Date): Promise<void>;
  /**
   * Checks the code of a change started at or after `since`: confirmed (and removed) once;
   * `maxTries` wrong codes lock it until restarted.
   */
  confirm(
    mailboxId: number,
    kind: ContactKind,
    codeHash: string,
    since: Date,
    maxTries: number,
  ): Promise<ContactConfirmation>;
  cancel(mailboxId: number, kind: ContactKind): Promise<void>;
}
