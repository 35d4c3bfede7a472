/**
 * Where the webmail's sessions live: in this process's memory for one node, or in storage so that
 * any node serves any session. Records are keyed by the SHA-256 of the session token, never the
 * token itself, so a leaked table does not sign anyone in (OWASP Session Management, "session ID
 * storage").
 */

export interface WebSessionRecord {
  /** SHA-256 hex of the token the browser holds. */
  readonly idHash: string;
  readonly mailboxId: number;
  readonly address: string;
  /** The holder's name at sign-in, shown by the webmail. */
  readonly displayName: string;
  /** "Stay signed in": a longer session the cookie survives the browser for. */
  readonly staySignedIn: boolean;
  readonly createdAt: Date;
  /** The last request served in this session (written at most once a minute). */
  readonly lastSeenAt: Date;
  /** The absolute end, whatever the activity. */
  readonly expiresAt: Date;
  readonly userAgent: string | null;
  readonly remoteAddress: string;
  /**
   * The password was right but the box has a second factor not yet given: this session serves
   * nothing but the second step, and is replaced by a new one when that succeeds. Absent: false.
   */
  readonly secondFactorPending?: true;
}

export interface WebSessionStore {
  insert(record: WebSessionRecord): Promise<void>;
  find(idHash: string): Promise<WebSessionRecord | undefined>;
  /** Records activity; a missing session is ignored. */
  touch(idHash: string, at: Date): Promise<void>;
  /** Ends one session; a missing session is ignored. */
  remove(idHash: string): Promise<void>;
  /** The box's sessions, newest first. */
  listForMailbox(mailboxId: number): Promise<WebSessionRecord[]>;
  /** Ends every session of the box except `exceptIdHash`; returns how many ended. */
  removeForMailbox(mailboxId: number, exceptIdHash?: string): Promise<number>;
  /**
   * Deletes sessions past their absolute end at `now`, and ordinary (not "stay signed in")
   * sessions idle since before `idleBefore`; returns how many.
   */
  purgeExpired(now: Date, idleBefore: Date): Promise<number>;
}
