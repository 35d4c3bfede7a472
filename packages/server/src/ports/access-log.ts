/**
 * Port for the access history: one entry per login attempt on any protocol (time, protocol, remote
 * address, client ID, outcome), for the holder's "Accessi" page and for the operator. Entries are
 * never changed; only whole entries older than a retention period are purged. Addresses are stored
 * lower-cased; `mailboxId` survives as null when the mailbox is deleted, the address stays.
 */

export type AccessProtocol = 'smtp' | 'imap' | 'pop3' | 'http';
export const accessProtocols: readonly AccessProtocol[] = ['smtp', 'imap', 'pop3', 'http'];

/** `failure`: wrong credentials or unknown user; `throttled`: refused by the login throttle. */
export type AccessOutcome = 'success' | 'failure' | 'throttled' | 'disabled';
export const accessOutcomes: readonly AccessOutcome[] = ['success', 'failure', 'throttled', 'disabled'];

export interface NewAccessLogEntry {
  /** The mailbox the username names, or null when no mailbox has that address. */
  readonly mailboxId: number | null;
  /** The username as tried (normalised: trimmed, lower-case). */
  readonly address: string;
  readonly at: Date;
  readonly protocol: AccessProtocol;
  readonly remoteAddress: string;
  /** Client identification when the protocol gives one (IMAP ID, HTTP User-Agent). */
  readonly clientId: string | null;
  readonly outcome: AccessOutcome;
}

export interface AccessLogEntry extends NewAccessLogEntry {
  /** Grows with every append. */
  readonly id: number;
}

export interface AccessLogQuery {
  readonly mailboxId?: number;
  /** Case-insensitive exact match. */
  readonly address?: string;
  readonly protocol?: AccessProtocol;
  readonly outcome?: AccessOutcome;
  /** Inclusive lower bound on `at`. */
  readonly since?: Date;
  /** Exclusive upper bound on `at`. */
  readonly until?: Date;
  /** Newest first (by `at`, then `id`); default limit 100. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface AccessLog {
  /** Throws StorageError `invalid` for an unknown protocol or outcome, or a time that is not a date. */
  append(entry: NewAccessLogEntry): Promise<AccessLogEntry>;
  /** Entries matching every given filter; with no filter, every entry (the operator's view). */
  list(query?: AccessLogQuery): Promise<AccessLogEntry[]>;
  /** Number of entries matching the filters (limit and offset ignored). */
  count(query?: Omit<AccessLogQuery, 'limit' | 'offset'>): Promise<number>;
  /**
   * Deletes entries older than `olderThanMonths` calendar months before `now` (default the
   * storage clock) and returns how many were deleted.
   */
  purge(options: { readonly olderThanMonths: number; readonly now?: Date }): Promise<number>;
}
