/**
 * Port for the single-use links of password recovery (decision 0027): each link's token is kept
 * only as its SHA-256, with the box it resets, when it was issued and when it stops working.
 * Spending is one conditional write, so two requests (or two nodes) cannot both spend a link.
 */

export interface RecoveryTokenRecord {
  readonly tokenHash: string;
  readonly mailboxId: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface RecoveryTokenStore {
  insert(record: Omit<RecoveryTokenRecord, 'usedAt'>): Promise<void>;
  find(tokenHash: string): Promise<RecoveryTokenRecord | undefined>;
  /**
   * Spends the link if it is unused and not expired at `at`, and every other unused link of the
   * same box with it; answers the box, or undefined when the link cannot be spent.
   */
  spend(tokenHash: string, at: Date): Promise<number | undefined>;
  /** Deletes links that expired before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}
