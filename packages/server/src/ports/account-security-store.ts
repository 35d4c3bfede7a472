/**
 * Port for what protects a holder's account beyond the password: the TOTP second factor (RFC 6238)
 * with its recovery codes, the app passwords that mail clients use once the second factor is on,
 * and the networks and devices a holder has signed in from (to flag the new ones in the access
 * history). Secrets that only need comparing are stored hashed (recovery codes by SHA-256, app
 * passwords by argon2id like passwords); the TOTP key must be read back to compute codes, so it is
 * stored as is (decision 0015).
 */

/** The TOTP key of a box: pending until the holder confirms it with a first code. */
export interface TotpRecord {
  readonly mailboxId: number;
  /** The shared key (RFC 4226 §4 R6: at least 128 bits; we use 160), raw bytes. */
  readonly secret: Uint8Array;
  /** When the holder confirmed it; null while enrolment is pending. */
  readonly enabledAt: Date | null;
  /** The last RFC 6238 time step accepted: a code of this step or earlier is a replay. */
  readonly lastStep: number;
}

export interface AppPasswordRecord {
  readonly id: number;
  readonly mailboxId: number;
  /** The holder's name for it (the client or device it is for). */
  readonly name: string;
  /** argon2id PHC string. */
  readonly passwordHash: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export interface AccountSecurityStore {
  getTotp(mailboxId: number): Promise<TotpRecord | undefined>;
  /** Starts (or restarts) an enrolment: a pending key replaces any pending one. Never touches an enabled key. */
  setPendingTotp(mailboxId: number, secret: Uint8Array): Promise<void>;
  /** Enables the pending key with its first accepted step; false when there is none pending. */
  enableTotp(mailboxId: number, at: Date, step: number): Promise<boolean>;
  /**
   * Records `step` as used, only if it is later than the last one (one statement, so two nodes
   * cannot both accept the same code, RFC 6238 §5.2); false when it is a replay.
   */
  useTotpStep(mailboxId: number, step: number): Promise<boolean>;
  /** Removes the key and every recovery code. */
  removeTotp(mailboxId: number): Promise<void>;

  /** Replaces the box's recovery codes with these SHA-256 hashes (hex). */
  replaceRecoveryCodes(mailboxId: number, codeHashes: readonly string[]): Promise<void>;
  /** Spends the unused code with this hash; false when there is none (unknown or already used). */
  useRecoveryCode(mailboxId: number, codeHash: string, at: Date): Promise<boolean>;
  /** How many recovery codes are still unused. */
  countRecoveryCodes(mailboxId: number): Promise<number>;

  addAppPassword(mailboxId: number, name: string, passwordHash: string, at: Date): Promise<AppPasswordRecord>;
  /** Oldest first. */
  listAppPasswords(mailboxId: number): Promise<AppPasswordRecord[]>;
  touchAppPassword(id: number, at: Date): Promise<void>;
  /** False when the box has no app password with this id. */
  removeAppPassword(mailboxId: number, id: number): Promise<boolean>;
  /** Returns how many were removed. */
  removeAllAppPasswords(mailboxId: number): Promise<number>;

  /**
   * Remembers that the box signed in from `key` (a network or a device, `kind` says which) at `at`;
   * true when the key was not known before.
   */
  rememberOrigin(mailboxId: number, kind: 'network' | 'device', key: string, at: Date): Promise<boolean>;
  /** Whether the box has any remembered origin (its very first sign-in is not "new"). */
  hasOrigins(mailboxId: number): Promise<boolean>;
  /** Marks access-history entries as a sign-in from a new network or device. */
  flagAccess(accessLogId: number): Promise<void>;
  /** Which of these access-history entries are flagged. */
  flaggedAccesses(accessLogIds: readonly number[]): Promise<Set<number>>;
}
