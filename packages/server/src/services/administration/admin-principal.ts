/**
 * An administrative principal as services and adapters see it (never its password hash or TOTP
 * secret), and the one rule of tenancy: operators see every customer domain, a postmaster only
 * the domains it administers (decision 0021).
 */
import type { AdminPrincipalRecord, AdminRole } from '../../ports/admin-store.ts';

export interface AdminPrincipal {
  readonly id: number;
  readonly email: string;
  readonly role: AdminRole;
  readonly displayName: string;
  /** A postmaster's domains; empty for operators. */
  readonly domains: readonly string[];
  readonly secondFactor: boolean;
  readonly createdAt: Date;
  readonly lastSignInAt: Date | null;
  /** Set while the operator has disabled it (decision 0042). */
  readonly disabledAt: Date | null;
}

export function principalOf(record: AdminPrincipalRecord): AdminPrincipal {
  return {
    id: record.id,
    email: record.email,
    role: record.role,
    displayName: record.displayName,
    domains: record.domains,
    secondFactor: record.totpSecret !== null,
    createdAt: record.createdAt,
    lastSignInAt: record.lastSignInAt,
    disabledAt: record.disabledAt,
  };
}

/** Whether the principal may act on the customer domain `domain` at all. */
export function administersDomain(
  principal: Pick<AdminPrincipal, 'role' | 'domains'>,
  domain: string,
): boolean {
  if (principal.role !== 'postmaster') return true;
  return principal.domains.includes(domain.trim().toLowerCase());
}

/** The domain part of an address, lower-cased; undefined without one. */
export function domainOfAddress(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return undefined;
  return address
    .slice(at + 1)
    .trim()
    .toLowerCase();
}
