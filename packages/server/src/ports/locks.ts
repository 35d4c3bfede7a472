/**
 * Port for named exclusive locks shared by the nodes of one storage: POP3's maildrop lock held for
 * a whole session (RFC 1939 §8 exclusive access), short critical sections such as IMAP EXPUNGE, and
 * a node's claim on its own identity. Locks are not re-entrant: a second `tryAcquire` of a held name
 * is refused, in this process as in any other. A lock dies with its holder's process (a `kill -9`
 * frees it), so nothing is ever left locked by a crash.
 *
 * Adapters: coordination/in-process-locks.ts (one process, the embedded default) and
 * coordination/postgres-locks.ts (session advisory locks on one dedicated connection per process).
 */

export interface HeldLock {
  readonly name: string;
  /** Gives the lock up; idempotent. */
  release(): Promise<void>;
}

export interface Locks {
  /** The lock, or undefined at once when another holder (here or on another node) has it. */
  tryAcquire(name: string): Promise<HeldLock | undefined>;
  /** Releases every lock this process holds and the connection behind them. Idempotent. */
  close(): Promise<void>;
}

/** The lock that serialises writes removing messages from a mailbox (POP3 sessions, IMAP EXPUNGE). */
export function mailboxLockName(mailboxId: number): string {
  return `mailbox:${mailboxId}`;
}
