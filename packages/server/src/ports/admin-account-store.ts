/**
 * The state of an administrative principal's account beyond its record (decision 0042): whether
 * the operator disabled it, and the single-use links of its password recovery, kept as the
 * SHA-256 of the token like the holders' (recovery-token-store.ts).
 */

export interface AdminRecoveryTokenRecord {
  readonly tokenHash: string;
  readonly principalId: number;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

export interface AdminAccountStore {
  /** Sets (a date) or clears (null) `disabled_at`; false when there is no such principal. */
  setDisabled(principalId: number, at: Date | null): Promise<boolean>;
  insertRecoveryToken(record: Omit<AdminRecoveryTokenRecord, 'usedAt'>): Promise<void>;
  findRecoveryToken(tokenHash: string): Promise<AdminRecoveryTokenRecord | undefined>;
  /**
   * Spends an unspent, unexpired link and the principal's other live links with it; the
   * principal's id, or undefined when the link was spent, expired or unknown.
   */
  spendRecoveryToken(tokenHash: string, at: Date): Promise<number | undefined>;
  /** Deletes links that expired before `before`; returns how many. */
  purgeRecoveryTokens(before: Date): Promise<number>;
}
