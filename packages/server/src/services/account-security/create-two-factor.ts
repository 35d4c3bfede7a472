/**
 * The TOTP second factor of a box (RFC 6238): a 160-bit key (RFC 4226 §4 R6) pending until the
 * holder proves their app computes it; each time step accepted once (RFC 6238 §5.2); ten recovery
 * codes, each spent once; every code check throttled per box and address (credential-throttle.ts).
 */
import { randomBytes } from 'node:crypto';
import type { AccountSecurityStore } from '../../ports/account-security-store.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { LoginThrottleStore } from '../../ports/login-throttle-store.ts';
import { verifyPassword } from '../accounts/hash-password.ts';
import type { Outcome, TwoFactor } from './account-security.ts';
import { createCredentialThrottle, credentialKey } from './credential-throttle.ts';
import { isRecoveryCodeShape, newRecoveryCode, recoveryCodeCount, recoveryCodeHash } from './secrets.ts';
import { base32Encode, matchTotp, otpauthUri } from './totp.ts';

export interface TwoFactorDependencies {
  readonly store: AccountSecurityStore;
  readonly accounts: Pick<AccountStore, 'getPasswordHash'>;
  readonly throttleStore: LoginThrottleStore;
  readonly clock?: Clock;
}

export interface TwoFactorSettings {
  /** The issuer authenticator apps show beside the code (the provider's name). */
  readonly issuer: string;
}

const wrong = { ok: false, refusal: { reason: 'authentication-failed' } } as const;
const throttled = { ok: false, refusal: { reason: 'too-many-failures' } } as const;

export function createTwoFactor(deps: TwoFactorDependencies, settings: TwoFactorSettings): TwoFactor {
  const { store } = deps;
  const clock = deps.clock ?? systemClock;
  const throttle = createCredentialThrottle(deps.throttleStore);

  async function newRecoveryCodes(mailboxId: number): Promise<string[]> {
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    await store.replaceRecoveryCodes(mailboxId, codes.map(recoveryCodeHash));
    return codes;
  }

  /** Checks a code under the throttle; `spend` says whether recovery codes count. */
  async function check(
    mailboxId: number,
    address: string,
    code: string,
    remoteAddress: string,
    recoveryCodes: boolean,
  ): Promise<Outcome<{ recoveryCodeUsed: boolean }>> {
    const key = credentialKey('code', address);
    const now = clock.now();
    if (await throttle.isThrottled(key, remoteAddress, now)) return throttled;
    const totp = await store.getTotp(mailboxId);
    if (totp?.enabledAt === null || totp === undefined)
      return { ok: false, conflict: 'two-factor is not enabled' };
    let accepted: boolean;
    let recoveryCodeUsed = false;
    if (recoveryCodes && isRecoveryCodeShape(code)) {
      accepted = await store.useRecoveryCode(mailboxId, recoveryCodeHash(code), now);
      recoveryCodeUsed = accepted;
    } else {
      const step = matchTotp(totp.secret, code, now);
      accepted = step !== undefined && (await store.useTotpStep(mailboxId, step));
    }
    if (!accepted) {
      await throttle.recordFailure(key, remoteAddress, now);
      return wrong;
    }
    await throttle.recordSuccess(key, remoteAddress, now);
    return { ok: true, recoveryCodeUsed };
  }

  return {
    async status(mailboxId) {
      const totp = await store.getTotp(mailboxId);
      const enabledAt = totp?.enabledAt ?? null;
      return {
        enabled: enabledAt !== null,
        enabledAt,
        recoveryCodesLeft: enabledAt === null ? 0 : await store.countRecoveryCodes(mailboxId),
      };
    },

    async isEnabled(mailboxId) {
      return ((await store.getTotp(mailboxId))?.enabledAt ?? null) !== null;
    },

    async beginEnrolment(mailboxId, address) {
      const existing = await store.getTotp(mailboxId);
      if (existing !== undefined && existing.enabledAt !== null)
        return { ok: false, conflict: 'two-factor is already enabled' };
      const secret = new Uint8Array(randomBytes(20));
      await store.setPendingTotp(mailboxId, secret);
      return { ok: true, uri: otpauthUri(settings.issuer, address, secret), secret: base32Encode(secret) };
    },

    async confirmEnrolment(mailboxId, address, code, remoteAddress) {
      const key = credentialKey('code', address);
      const now = clock.now();
      if (await throttle.isThrottled(key, remoteAddress, now)) return throttled;
      const pending = await store.getTotp(mailboxId);
      if (pending === undefined || pending.enabledAt !== null)
        return { ok: false, conflict: 'no enrolment is pending' };
      const step = matchTotp(pending.secret, code, now);
      if (step === undefined || !(await store.enableTotp(mailboxId, now, step))) {
        await throttle.recordFailure(key, remoteAddress, now);
        return wrong;
      }
      await throttle.recordSuccess(key, remoteAddress, now);
      return { ok: true, recoveryCodes: await newRecoveryCodes(mailboxId) };
    },

    verify: (mailboxId, address, code, remoteAddress) => check(mailboxId, address, code, remoteAddress, true),

    async disable(mailboxId, address, password, code, remoteAddress) {
      const key = credentialKey('password', address);
      const now = clock.now();
      if (await throttle.isThrottled(key, remoteAddress, now)) return throttled;
      const stored = await deps.accounts.getPasswordHash(mailboxId);
      if (stored === null || stored === undefined || !(await verifyPassword(stored, password))) {
        await throttle.recordFailure(key, remoteAddress, now);
        return wrong;
      }
      const checked = await check(mailboxId, address, code, remoteAddress, true);
      if (!checked.ok) return checked;
      await store.removeTotp(mailboxId);
      return { ok: true };
    },

    async renewRecoveryCodes(mailboxId, address, code, remoteAddress) {
      const checked = await check(mailboxId, address, code, remoteAddress, false);
      if (!checked.ok) return checked;
      return { ok: true, recoveryCodes: await newRecoveryCodes(mailboxId) };
    },
  };
}
