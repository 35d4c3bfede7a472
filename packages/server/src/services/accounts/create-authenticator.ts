/**
 * The Authenticator for every protocol: the username is the full PEC address, the password is
 * checked against the stored argon2id hash, and repeated failures are throttled per remote
 * address and per box and address, with growing delays (createLoginThrottle). Unknown users cost one argon2 verification too, so
 * timing does not reveal which addresses exist. Suspended and deleted mailboxes are `disabled`
 * (told only to a caller who knows the password); expired ones may still log in to read their
 * mail: whether they may send is the access point's decision (Super Ricezione: an expired mailbox keeps receiving, not sending).
 * After the grace period an expired box is deactivated and refused like a suspended one (decision 0016).
 * App passwords (services/account-security) are accepted by IMAP, POP3 and SMTP, never by the web;
 * once the box has a second factor, those protocols take only app passwords, since they cannot
 * ask for a code (decision 0015). A box with an allow-list of sign-in networks refuses the right
 * credentials from anywhere else, on every protocol, and says so only to whoever knew them
 * (decision 0027).
 */
import { randomBytes } from 'node:crypto';
import type { AccountSecurityStore } from '../../ports/account-security-store.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { Authenticator, LoginAttempt, LoginResult } from './authenticator.ts';
import type { LoginThrottleStore } from '../../ports/login-throttle-store.ts';
import { createLoginThrottle, type LoginThrottleSettings } from './create-login-throttle.ts';
import { hashPassword, verifyPassword } from './hash-password.ts';
import type { SignInNetworkStore } from '../../ports/sign-in-network-store.ts';
import { isAllowedNetwork } from '../sign-in-networks/network-allow-list.ts';

/** One login attempt and its outcome, for the access history (never the password). */
export interface LoginEvent {
  readonly at: Date;
  /** The username as normalised (trimmed, lower-case). */
  readonly username: string;
  readonly protocol: LoginAttempt['protocol'];
  readonly remoteAddress: string;
  readonly clientId: string | undefined;
  /** The mailbox the username names, when it exists. */
  readonly mailboxId: number | null;
  readonly result: LoginResult;
}

export interface AuthenticatorOptions {
  readonly accounts: AccountStore;
  readonly clock?: Clock;
  readonly throttle?: LoginThrottleSettings;
  /**
   * Where failures are counted: storage's (`Storage.loginThrottle`) so that every node shares them,
   * or this process's memory (storage/memory) for a single node.
   */
  readonly throttleStore: LoginThrottleStore;
  /** The boxes' second factor and app passwords; without it, only passwords are checked. */
  readonly security?: Pick<AccountSecurityStore, 'getTotp' | 'listAppPasswords' | 'touchAppPassword'>;
  /** Called after every attempt, awaited; the access-history store plugs in here. */
  readonly onLogin?: (event: LoginEvent) => void | Promise<void>;
  /**
   * Days an expired box may still be signed in to (Super Ricezione); after them it is deactivated
   * and refused like a suspended one (decision 0016). Without it, expiry never blocks sign-in.
   */
  readonly graceDaysAfterExpiry?: number;
  /** The boxes' allow-lists of sign-in networks; without it, every network may sign in. */
  readonly networks?: Pick<SignInNetworkStore, 'list'>;
}

const dayMs = 24 * 60 * 60 * 1000;

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { accounts, onLogin } = options;
  const clock = options.clock ?? systemClock;
  const throttle = createLoginThrottle(options.throttleStore, options.throttle);
  let decoyHash: Promise<string> | undefined;

  async function check(
    attempt: LoginAttempt,
    username: string,
    at: Date,
  ): Promise<[LoginResult, number | null]> {
    if (await throttle.isThrottled(username, attempt.remoteAddress, at))
      return [{ ok: false, refusal: { reason: 'too-many-failures' } }, null];
    const mailbox = username.includes('@') ? await accounts.findMailboxByAddress(username) : undefined;
    const stored = mailbox === undefined ? null : ((await accounts.getPasswordHash(mailbox.id)) ?? null);
    let matches: boolean;
    if (stored === null) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await decoyHash, attempt.password);
      matches = false;
    } else if (mailbox === undefined) {
      matches = false;
    } else {
      matches = await checkCredentials(mailbox.id, stored, attempt, at);
    }
    const mailboxId = mailbox?.id ?? null;
    if (!matches || mailbox === undefined) {
      await throttle.recordFailure(username, attempt.remoteAddress, at);
      if (mailbox !== undefined) await accounts.recordLoginFailure(mailbox.id, at);
      return [{ ok: false, refusal: { reason: 'authentication-failed' } }, mailboxId];
    }
    const graceMs =
      options.graceDaysAfterExpiry === undefined ? undefined : options.graceDaysAfterExpiry * dayMs;
    const deactivated =
      graceMs !== undefined &&
      mailbox.expiresAt !== null &&
      at.getTime() >= mailbox.expiresAt.getTime() + graceMs;
    if (mailbox.status === 'suspended' || mailbox.status === 'deleted' || deactivated) {
      return [{ ok: false, refusal: { reason: 'mailbox-disabled' } }, mailboxId];
    }
    const allowed = (await options.networks?.list(mailbox.id)) ?? [];
    if (!isAllowedNetwork(attempt.remoteAddress, allowed))
      return [{ ok: false, refusal: { reason: 'network-not-allowed' } }, mailboxId];
    await throttle.recordSuccess(username, attempt.remoteAddress, at);
    await accounts.recordLoginSuccess(mailbox.id, at);
    return [{ ok: true, address: mailbox.address, mailboxId: mailbox.id }, mailboxId];
  }

  /** The password (unless a mail protocol and a second factor), else one of the app passwords. */
  async function checkCredentials(
    mailboxId: number,
    stored: string,
    attempt: LoginAttempt,
    at: Date,
  ): Promise<boolean> {
    const security = options.security;
    if (security === undefined) return verifyPassword(stored, attempt.password);
    if (attempt.protocol === 'http') return verifyPassword(stored, attempt.password);
    const secondFactor = ((await security.getTotp(mailboxId))?.enabledAt ?? null) !== null;
    if (!secondFactor && (await verifyPassword(stored, attempt.password))) return true;
    for (const appPassword of await security.listAppPasswords(mailboxId)) {
      if (await verifyPassword(appPassword.passwordHash, attempt.password)) {
        await security.touchAppPassword(appPassword.id, at);
        return true;
      }
    }
    return false;
  }

  return {
    async authenticate(attempt) {
      const at = clock.now();
      const username = attempt.username.trim().toLowerCase();
      const [result, mailboxId] = await check(attempt, username, at);
      await onLogin?.({
        at,
        username,
        protocol: attempt.protocol,
        remoteAddress: attempt.remoteAddress,
        clientId: attempt.clientId,
        mailboxId,
        result,
      });
      return result;
    },
  };
}
