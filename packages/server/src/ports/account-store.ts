/**
 * Port for the provider's customer data: the mail domains it serves and the PEC mailboxes
 * (caselle) on them, with holder identity, plan, quota, lifecycle status and ordinary-mail policy.
 * Addresses and domain names are stored lower-cased; lookups are case-insensitive.
 * The store keeps password hashes only; hashing and verification belong to a service.
 */

/** A mail domain the provider certifies (pec-spec §2.1, §7.1 `managedDomains`). */
export interface ProviderDomain {
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: Date;
}

export interface NewProviderDomain {
  readonly name: string;
  readonly description?: string | null;
}

/** Lifecycle of a mailbox: only `active` ones send and receive. */
export type MailboxStatus = 'active' | 'suspended' | 'expired' | 'deleted';
export const mailboxStatuses: readonly MailboxStatus[] = ['active', 'suspended', 'expired', 'deleted'];

/** What happens to ordinary (non-PEC) mail addressed to the mailbox (pec-spec §2.3 table, §3.9, §6.6). */
export type OrdinaryMailPolicy = 'reject' | 'accept' | 'forward';
export const ordinaryMailPolicies: readonly OrdinaryMailPolicy[] = ['reject', 'accept', 'forward'];

export interface Mailbox {
  readonly id: number;
  /** The full PEC address, lower-cased. */
  readonly address: string;
  /** The domain part of `address`; always an existing ProviderDomain. */
  readonly domain: string;
  readonly holderName: string;
  /** Codice fiscale or partita IVA of the holder. */
  readonly holderTaxCode: string | null;
  /** Ordinary e-mail address for service notices to the holder. */
  readonly contactEmail: string | null;
  readonly mobile: string | null;
  readonly plan: string | null;
  readonly quotaBytes: number;
  /** Sum of the sizes of the messages stored in the mailbox, kept by MailboxStore. */
  readonly usedBytes: number;
  readonly status: MailboxStatus;
  readonly activatedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly ordinaryMailPolicy: OrdinaryMailPolicy;
  /** Where ordinary mail goes when the policy is `forward`. */
  readonly forwardAddress: string | null;
  readonly failedLogins: number;
  readonly lastFailedLoginAt: Date | null;
  readonly lastLoginAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewMailbox {
  readonly address: string;
  readonly holderName: string;
  readonly holderTaxCode?: string | null;
  readonly contactEmail?: string | null;
  readonly mobile?: string | null;
  readonly plan?: string | null;
  readonly quotaBytes: number;
  /** Defaults to `active`. */
  readonly status?: MailboxStatus;
  readonly activatedAt?: Date | null;
  readonly expiresAt?: Date | null;
  /** Defaults to `reject`. */
  readonly ordinaryMailPolicy?: OrdinaryMailPolicy;
  readonly forwardAddress?: string | null;
  readonly passwordHash?: string | null;
}

/** Fields an update may change; omitted fields are left as they are. */
export interface MailboxPatch {
  readonly holderName?: string;
  readonly holderTaxCode?: string | null;
  readonly contactEmail?: string | null;
  readonly mobile?: string | null;
  readonly plan?: string | null;
  readonly quotaBytes?: number;
  readonly status?: MailboxStatus;
  readonly activatedAt?: Date | null;
  readonly expiresAt?: Date | null;
  readonly ordinaryMailPolicy?: OrdinaryMailPolicy;
  readonly forwardAddress?: string | null;
}

export interface MailboxQuery {
  readonly domain?: string;
  readonly status?: MailboxStatus;
  /** Case-insensitive substring of the address or holder name. */
  readonly search?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface AccountStore {
  /** Throws StorageError `conflict` when the domain exists. */
  addDomain(domain: NewProviderDomain): Promise<ProviderDomain>;
  getDomain(name: string): Promise<ProviderDomain | undefined>;
  listDomains(): Promise<ProviderDomain[]>;
  /** Throws StorageError `conflict` while mailboxes still use the domain; false when absent. */
  removeDomain(name: string): Promise<boolean>;

  /**
   * Throws StorageError `conflict` when the address exists and `not-found` when its domain is not
   * a provider domain.
   */
  createMailbox(mailbox: NewMailbox): Promise<Mailbox>;
  getMailbox(id: number): Promise<Mailbox | undefined>;
  findMailboxByAddress(address: string): Promise<Mailbox | undefined>;
  /** Ordered by address. */
  listMailboxes(query?: MailboxQuery): Promise<Mailbox[]>;
  countMailboxes(query?: Omit<MailboxQuery, 'limit' | 'offset'>): Promise<number>;
  /** Throws StorageError `not-found`. */
  updateMailbox(id: number, patch: MailboxPatch): Promise<Mailbox>;
  /** Removes the mailbox with its folders and messages (blobs stay; see BlobStore). False when absent. */
  deleteMailbox(id: number): Promise<boolean>;

  getPasswordHash(id: number): Promise<string | null | undefined>;
  /** Throws StorageError `not-found`. */
  setPasswordHash(id: number, passwordHash: string | null): Promise<void>;
  /** Counts a failed login and returns the new consecutive-failure count. */
  recordLoginFailure(id: number, at: Date): Promise<number>;
  /** Resets the failure count and stamps the last successful login. */
  recordLoginSuccess(id: number, at: Date): Promise<void>;
}
