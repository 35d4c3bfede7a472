/**
 * Managing the administrative principals (the operator's CLI, later the console): add an operator
 * with a sub-role or a postmaster of some customer domains, list, remove, reset a password, set or
 * clear the TOTP second factor. Passwords are hashed with the holders' argon2id (hash-password.ts)
 * and checked by the same strength rule.
 */
import { randomBytes } from 'node:crypto';
import type { AdminAccountStore } from '../../ports/admin-account-store.ts';
import type { AdminTokenStore } from '../../ports/admin-token-store.ts';
import { adminRoles, type AdminRole, type AdminStore } from '../../ports/admin-store.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { AccountError } from '../accounts/account-error.ts';
import { maximumPasswordLength, minimumPasswordLength } from '../accounts/create-account-service.ts';
import { hashPassword } from '../accounts/hash-password.ts';
import { isDomainName } from '../accounts/parse-mailbox-address.ts';
import { base32Encode } from '../account-security/totp.ts';
import { principalOf, type AdminPrincipal } from './admin-principal.ts';

export interface NewPrincipalRequest {
  readonly email: string;
  readonly role: AdminRole;
  readonly displayName?: string;
  /** Required (at least one) for a postmaster; refused for operators. */
  readonly domains?: readonly string[];
  /** Absent: a random one is made and returned once. */
  readonly password?: string;
}

export interface AdminPrincipals {
  /** Returns the principal and the password it signs in with (the given one or a generated one). */
  add(request: NewPrincipalRequest): Promise<{ principal: AdminPrincipal; password: string }>;
  list(role?: AdminRole): Promise<AdminPrincipal[]>;
  find(email: string): Promise<AdminPrincipal | undefined>;
  /** Removes the principal and ends its sessions. Throws AccountError `not-found`. */
  remove(email: string): Promise<AdminPrincipal>;
  /**
   * Replaces a postmaster's domains (at least one, each served here). Throws AccountError
   * `not-found` for an unknown postmaster or domain, `invalid` for an operator or an empty list.
   */
  setDomains(email: string, domains: readonly string[]): Promise<AdminPrincipal>;
  /** Sets a new password (given or generated), ends the principal's sessions; returns the password. */
  resetPassword(email: string, password?: string): Promise<string>;
  /** Makes a new TOTP secret (base32) and returns it with its otpauth URI material; null clears it. */
  setSecondFactor(email: string, enabled: boolean): Promise<string | null>;
  /**
   * Disables (true) or enables again (false) a postmaster (decision 0042): while disabled it cannot
   * sign in, its sessions are ended and its API tokens refused (kept: enabling restores them).
   * Throws AccountError `not-found`, `invalid` for an operator.
   */
  setDisabled(email: string, disabled: boolean): Promise<AdminPrincipal>;
}

export interface AdminPrincipalsDependencies {
  readonly store: AdminStore;
  readonly accounts: Pick<AccountStore, 'getDomain'>;
  readonly clock?: Clock;
  /** Disabling (setDisabled) and, on a password reset, revoking the API tokens (decision 0042). */
  readonly credentials?: {
    readonly accounts: Pick<AdminAccountStore, 'setDisabled'>;
    readonly tokens: Pick<AdminTokenStore, 'revokeAll'>;
  };
}

const emailPattern = /^[^\s@<>()",;:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

export function checkAdminPassword(password: string): void {
  if (password.length < minimumPasswordLength)
    throw new AccountError('invalid', `the password must have at least ${minimumPasswordLength} characters`);
  if (password.length > maximumPasswordLength)
    throw new AccountError('invalid', `the password must have at most ${maximumPasswordLength} characters`);
  if (password.trim().length === 0) throw new AccountError('invalid', 'the password is blank');
}

/** 18 random bytes in base64url: 24 characters, 144 bits. */
export function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function createAdminPrincipals(deps: AdminPrincipalsDependencies): AdminPrincipals {
  const clock = deps.clock ?? systemClock;

  async function requirePrincipal(email: string) {
    const record = await deps.store.findPrincipal(email);
    if (record === undefined)
      throw new AccountError('not-found', `no administrator ${email.trim().toLowerCase()}`);
    return record;
  }

  async function checkedDomains(role: AdminRole, given: readonly string[]): Promise<string[]> {
    const domains = [...new Set(given.map((d) => d.trim().toLowerCase()))];
    if (role === 'postmaster' && domains.length === 0)
      throw new AccountError('invalid', 'a postmaster needs at least one domain (--domain)');
    if (role !== 'postmaster' && domains.length > 0)
      throw new AccountError('invalid', 'operators see every domain: --domain is for postmasters');
    for (const domain of domains) {
      if (!isDomainName(domain))
        throw new AccountError('invalid', `${JSON.stringify(domain)} is not a domain name`);
      if ((await deps.accounts.getDomain(domain)) === undefined)
        throw new AccountError('not-found', `domain ${domain} is not served by this provider`);
    }
    return domains;
  }

  return {
    async add(request) {
      const email = request.email.trim().toLowerCase();
      if (!emailPattern.test(email))
        throw new AccountError('invalid', `${JSON.stringify(request.email)} is not an e-mail address`);
      if (!adminRoles.includes(request.role))
        throw new AccountError('invalid', `the role must be one of ${adminRoles.join(', ')}`);
      const domains = await checkedDomains(request.role, request.domains ?? []);
      const password = request.password ?? generatedPassword();
      checkAdminPassword(password);
      try {
        const record = await deps.store.createPrincipal({
          email,
          role: request.role,
          displayName: (request.displayName ?? '').trim(),
          passwordHash: await hashPassword(password),
          domains,
          createdAt: clock.now(),
        });
        return { principal: principalOf(record), password };
      } catch (error) {
        if (isStorageError(error, 'conflict'))
          throw new AccountError('conflict', `administrator ${email} exists`, { cause: error });
        if (isStorageError(error, 'not-found'))
          throw new AccountError('not-found', error.message, { cause: error });
        throw error;
      }
    },

    async list(role) {
      return (await deps.store.listPrincipals(role)).map(principalOf);
    },

    async find(email) {
      const record = await deps.store.findPrincipal(email);
      return record === undefined ? undefined : principalOf(record);
    },

    async remove(email) {
      const record = await requirePrincipal(email);
      await deps.store.removePrincipal(record.id);
      return principalOf(record);
    },

    async setDomains(email, given) {
      const record = await requirePrincipal(email);
      if (record.role !== 'postmaster')
        throw new AccountError('invalid', 'operators see every domain: domains are for postmasters');
      const domains = await checkedDomains(record.role, given);
      return principalOf(await deps.store.setPrincipalDomains(record.id, domains));
    },

    async resetPassword(email, given) {
      const record = await requirePrincipal(email);
      const password = given ?? generatedPassword();
      checkAdminPassword(password);
      await deps.store.setPasswordHash(record.id, await hashPassword(password));
      await deps.store.removeSessionsOf(record.id);
      await deps.credentials?.tokens.revokeAll(record.id, clock.now());
      return password;
    },

    async setSecondFactor(email, enabled) {
      const record = await requirePrincipal(email);
      const secret = enabled ? base32Encode(randomBytes(20)) : null;
      await deps.store.setTotpSecret(record.id, secret);
      await deps.store.removeSessionsOf(record.id);
      return secret;
    },

    async setDisabled(email, disabled) {
      const record = await requirePrincipal(email);
      if (record.role !== 'postmaster')
        throw new AccountError('invalid', 'only a postmaster is disabled; an operator is removed');
      if (deps.credentials === undefined) throw new Error('setDisabled needs the credential stores');
      await deps.credentials.accounts.setDisabled(record.id, disabled ? clock.now() : null);
      if (disabled) await deps.store.removeSessionsOf(record.id);
      const changed = await deps.store.getPrincipal(record.id);
      if (changed === undefined) throw new AccountError('not-found', `no administrator ${record.email}`);
      return principalOf(changed);
    },
  };
}
