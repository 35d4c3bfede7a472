/**
 * Port for the administrative principals (decision 0021): operators of the provider with a
 * sub-role (admin, support, auditor) and postmasters of customer domains, their sign-in sessions
 * (keyed by the SHA-256 of the token, never the token), and per customer domain the allowance of
 * boxes and the defaults of new boxes. Emails are stored lower-cased; the store keeps password
 * hashes only.
 */
import type { OrdinaryMailPolicy } from './account-store.ts';
import type { SpamAction } from './incoming-settings-store.ts';

/** Operator sub-roles, then the postmaster of one or more customer domains. */
export type AdminRole = 'admin' | 'support' | 'auditor' | 'postmaster';
export const adminRoles: readonly AdminRole[] = ['admin', 'support', 'auditor', 'postmaster'];
export type OperatorRole = Exclude<AdminRole, 'postmaster'>;
export const operatorRoles: readonly OperatorRole[] = ['admin', 'support', 'auditor'];

export interface AdminPrincipalRecord {
  readonly id: number;
  readonly email: string;
  readonly role: AdminRole;
  readonly displayName: string;
  readonly passwordHash: string | null;
  /** Base32 TOTP secret (RFC 6238) when a second factor is set. */
  readonly totpSecret: string | null;
  /** The customer domains of a postmaster, sorted; empty for operators (they see every domain). */
  readonly domains: readonly string[];
  readonly createdAt: Date;
  readonly lastSignInAt: Date | null;
  /** Set while the operator has disabled the principal: no sign-in, no token (decision 0042). */
  readonly disabledAt: Date | null;
}

export interface NewAdminPrincipal {
  readonly email: string;
  readonly role: AdminRole;
  readonly displayName: string;
  readonly passwordHash: string | null;
  readonly domains: readonly string[];
  readonly createdAt: Date;
}

export interface AdminSessionRecord {
  /** SHA-256 hex of the token the browser holds. */
  readonly idHash: string;
  readonly principalId: number;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** The absolute end, whatever the activity. */
  readonly expiresAt: Date;
  readonly userAgent: string | null;
  readonly remoteAddress: string;
  /** The password was right, the TOTP code is still to come: serves nothing but the second step. */
  readonly secondFactorPending: boolean;
}

/** Per customer domain: how many boxes its postmasters may have, and what new boxes start with. */
export interface DomainSettings {
  readonly domain: string;
  /** Null: no limit. */
  readonly boxAllowance: number | null;
  /** Null: the provider's default (reject). */
  readonly ordinaryMailPolicy: OrdinaryMailPolicy | null;
  /** The plans new boxes may have, sorted; null: every plan. */
  readonly allowedPlans: readonly string[] | null;
  /**
   * The antispam choices of the domain's boxes whose holder never saved their own (decision 0039);
   * null: the provider's (defaultIncomingSettings).
   */
  readonly antispam: DomainAntispam | null;
}

/** The domain's default antispam choices (the holder's own, decision 0026, win once saved). */
export interface DomainAntispam {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly action: SpamAction;
}

export interface AdminStore {
  /** Throws StorageError `conflict` when the email exists, `not-found` when a domain does not. */
  createPrincipal(principal: NewAdminPrincipal): Promise<AdminPrincipalRecord>;
  findPrincipal(email: string): Promise<AdminPrincipalRecord | undefined>;
  getPrincipal(id: number): Promise<AdminPrincipalRecord | undefined>;
  /** Ordered by email; `role` filters. */
  listPrincipals(role?: AdminRole): Promise<AdminPrincipalRecord[]>;
  /** Removes the principal and its sessions; false when absent. */
  removePrincipal(id: number): Promise<boolean>;
  /**
   * Replaces a postmaster's domains with `domains`. Throws StorageError `not-found` for an unknown
   * principal or domain (and then changes nothing).
   */
  setPrincipalDomains(id: number, domains: readonly string[]): Promise<AdminPrincipalRecord>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
  setTotpSecret(id: number, secret: string | null): Promise<void>;
  recordSignIn(id: number, at: Date): Promise<void>;

  insertSession(session: AdminSessionRecord): Promise<void>;
  findSession(idHash: string): Promise<AdminSessionRecord | undefined>;
  touchSession(idHash: string, at: Date): Promise<void>;
  removeSession(idHash: string): Promise<void>;
  /** Ends every session of the principal; returns how many. */
  removeSessionsOf(principalId: number): Promise<number>;
  /** Deletes sessions past their end at `now`, or idle since before `idleBefore`; returns how many. */
  purgeSessions(now: Date, idleBefore: Date): Promise<number>;

  /** The domain's settings; every field null when none were set. */
  getDomainSettings(domain: string): Promise<DomainSettings>;
  /** Changes the given fields (undefined leaves one alone). Throws StorageError `not-found` for an unknown domain. */
  updateDomainSettings(
    domain: string,
    patch: {
      readonly boxAllowance?: number | null;
      readonly ordinaryMailPolicy?: OrdinaryMailPolicy | null;
      readonly allowedPlans?: readonly string[] | null;
      readonly antispam?: DomainAntispam | null;
    },
    at: Date,
  ): Promise<DomainSettings>;
}
