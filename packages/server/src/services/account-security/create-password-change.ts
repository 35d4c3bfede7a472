/**
 * The holder changes their own password: the current one first (throttled like a sign-in, under
 * its own key), the new one under the same rules as the operator's (length), hashed with
 * argon2id; app passwords revoked too when the holder asks. Ending the other web sessions is the
 * caller's, which knows the current one.
 */
import type { AccountSecurityStore } from '../../ports/account-security-store.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { LoginThrottleStore } from '../../ports/login-throttle-store.ts';
import { maximumPasswordLength, minimumPasswordLength } from '../accounts/create-account-service.ts';
import { hashPassword, verifyPassword } from '../accounts/hash-password.ts';
import type { PasswordChange } from './account-security.ts';
import { createCredentialThrottle, credentialKey } from './credential-throttle.ts';

export interface PasswordChangeDependencies {
  readonly accounts: Pick<AccountStore, 'getPasswordHash' | 'setPasswordHash'>;
  readonly store: Pick<AccountSecurityStore, 'removeAllAppPasswords'>;
  readonly throttleStore: LoginThrottleStore;
  readonly clock?: Clock;
}

export function createPasswordChange(deps: PasswordChangeDependencies): PasswordChange {
  const clock = deps.clock ?? systemClock;
  const throttle = createCredentialThrottle(deps.throttleStore);
  return {
    async change(request) {
      const key = credentialKey('password', request.address);
      const now = clock.now();
      if (await throttle.isThrottled(key, request.remoteAddress, now))
        return { ok: false, refusal: { reason: 'too-many-failures' } };
      const stored = await deps.accounts.getPasswordHash(request.mailboxId);
      if (
        stored === null ||
        stored === undefined ||
        !(await verifyPassword(stored, request.currentPassword))
      ) {
        await throttle.recordFailure(key, request.remoteAddress, now);
        return { ok: false, refusal: { reason: 'authentication-failed' } };
      }
      await throttle.recordSuccess(key, request.remoteAddress, now);
      const length = Array.from(request.newPassword).length;
      if (
        length < minimumPasswordLength ||
        length > maximumPasswordLength ||
        request.newPassword.trim() === ''
      )
        return {
          ok: false,
          conflict: `the new password must have ${String(minimumPasswordLength)} to ${String(maximumPasswordLength)} characters`,
        };
      if (request.newPassword === request.currentPassword)
        return { ok: false, conflict: 'the new password is the current one' };
      await deps.accounts.setPasswordHash(request.mailboxId, await hashPassword(request.newPassword));
      const appPasswordsRevoked = request.signOutAppPasswords
        ? await deps.store.removeAllAppPasswords(request.mailboxId)
        : 0;
      return { ok: true, appPasswordsRevoked };
    },
  };
}
