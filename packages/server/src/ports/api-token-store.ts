/**
 * Where a holder's API tokens live: one record per token, keyed by the SHA-256 of the token, never
 * the token itself (it is shown once, at creation), so a leaked table authorises nothing. A
 * token belongs to one mailbox and carries its scopes, its end and its revocation.
 */

export interface ApiTokenRecord {
  readonly id: number;
  /** SHA-256 hex of the token. */
  readonly tokenHash: string;
  readonly mailboxId: number;
  readonly address: string;
  /** The holder's label for it ("ERP", "studio software"). */
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  /** Null: no end but revocation. */
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  /** The last request it authorised (written at most once a minute). */
  readonly lastUsedAt: Date | null;
}

export type NewApiToken = Omit<ApiTokenRecord, 'id' | 'revokedAt' | 'lastUsedAt'>;

export interface ApiTokenStore {
  insert(token: NewApiToken): Promise<ApiTokenRecord>;
  findByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  /** One mailbox's tokens (every mailbox's when undefined), newest first, revoked ones included. */
  list(mailboxId?: number): Promise<ApiTokenRecord[]>;
  /** Revokes token `id` (of `mailboxId` when given); false when there is no such live token. */
  revoke(id: number, at: Date, mailboxId?: number): Promise<boolean>;
  /** Records use; never moves back. */
  touch(id: number, at: Date): Promise<void>;
}
