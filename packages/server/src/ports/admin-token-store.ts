/**
 * Where the API tokens of operators and postmasters live (decision 0042): one record per token,
 * keyed by the SHA-256 of the token (shown once, at creation), owned by an administrative
 * principal rather than a mailbox, with its scopes, its end and its revocation.
 */

export interface AdminTokenRecord {
  readonly id: number;
  /** SHA-256 hex of the token. */
  readonly tokenHash: string;
  readonly principalId: number;
  /** The owner's label for it ("monitoring", "provisioning script"). */
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  /** Null: no end but revocation. */
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  /** The last request it authorised (written at most once a minute). */
  readonly lastUsedAt: Date | null;
}

export type NewAdminToken = Omit<AdminTokenRecord, 'id' | 'revokedAt' | 'lastUsedAt'>;

export interface AdminTokenStore {
  insert(token: NewAdminToken): Promise<AdminTokenRecord>;
  findByHash(tokenHash: string): Promise<AdminTokenRecord | undefined>;
  /** One principal's tokens, newest first, revoked ones included. */
  list(principalId: number): Promise<AdminTokenRecord[]>;
  /** Revokes token `id` of `principalId`; false when there is no such live token. */
  revoke(id: number, principalId: number, at: Date): Promise<boolean>;
  /** Revokes every live token of the principal; returns how many. */
  revokeAll(principalId: number, at: Date): Promise<number>;
  /** Records use; never moves back. */
  touch(id: number, at: Date): Promise<void>;
}
