/**
 * The administrative sessions (decision 0021), with the webmail sessions' properties
 * (create-web-sessions.ts): 256-bit random tokens kept only as their SHA-256, an idle timeout and
 * an absolute lifetime (no "stay signed in": administration never outlives its idle timeout), and
 * when the principal has a TOTP secret a half-open session that serves only the second step.
 * Failed passwords and codes go through the shared login throttle under keys of their own, and
 * every sign-in, failed or not, is recorded in the audit trail.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AdminSessionRecord, AdminStore } from '../../ports/admin-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { LoginThrottle } from '../accounts/create-login-throttle.ts';
import { verifyPassword } from '../accounts/hash-password.ts';
import { base32Decode, matchTotp } from '../account-security/totp.ts';
import { principalOf, type AdminPrincipal } from './admin-principal.ts';
import type { Audit, RequestOrigin } from './audit.ts';

export interface AdminSession {
  readonly principal: AdminPrincipal;
  /** The idle deadline or the absolute end, whichever is first. */
  readonly expiresAt: Date;
}

export type AdminSignInResult =
  | {
      readonly ok: true;
      readonly token: string;
      /** The password was right; a TOTP code must follow (completeSecondFactor). */
      readonly secondFactorRequired: boolean;
    }
  | {
      readonly ok: false;
      readonly reason: 'authentication-failed' | 'too-many-failures' | 'authentication-required';
    };

export interface AdminSessions {
  signIn(email: string, password: string, origin: RequestOrigin): Promise<AdminSignInResult>;
  completeSecondFactor(token: string, code: string, origin: RequestOrigin): Promise<AdminSignInResult>;
  /** The live, complete session `token` names (records activity), or undefined. */
  resolve(token: string): Promise<AdminSession | undefined>;
  signOut(token: string): Promise<void>;
  purgeExpired(): Promise<number>;
}

export interface AdminSessionSettings {
  readonly idleMinutes: number;
  readonly lifetimeHours: number;
}

export interface AdminSessionDependencies {
  readonly store: AdminStore;
  readonly throttle: LoginThrottle;
  readonly audit: Audit;
  readonly clock?: Clock;
}

const minute = 60_000;
const secondFactorMs = 5 * minute;
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
/** An argon2id hash of a random password: failed look-ups cost as much as wrong passwords. */
const decoyHash =
  '$argon2id$v=19$m=19456,t=2,p=1$4MotwqPJd8rS11JYwz32BQ$vqUQZFTUuiS9oO1LRbZ8PPMrSvCm/k3W7RvsrKxiKdU';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createAdminSessions(
  deps: AdminSessionDependencies,
  settings: AdminSessionSettings,
): AdminSessions {
  const clock = deps.clock ?? systemClock;
  const idleMs = settings.idleMinutes * minute;

  async function open(principalId: number, origin: RequestOrigin, pending: boolean): Promise<string> {
    const now = clock.now();
    const token = randomBytes(32).toString('base64url');
    const record: AdminSessionRecord = {
      idHash: hashToken(token),
      principalId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + (pending ? secondFactorMs : settings.lifetimeHours * 60 * minute)),
      userAgent: origin.userAgent,
      remoteAddress: origin.remoteAddress ?? '',
      secondFactorPending: pending,
    };
    await deps.store.insertSession(record);
    return token;
  }

  function endOf(record: AdminSessionRecord, lastSeen: Date): number {
    return Math.min(record.expiresAt.getTime(), lastSeen.getTime() + idleMs);
  }

  return {
    async signIn(email, password, origin) {
      const now = clock.now();
      const key = `admin:${email.trim().toLowerCase()}`;
      const remote = origin.remoteAddress ?? '';
      const audit = (outcome: 'done' | 'refused', detail: string, who?: AdminPrincipal) =>
        deps.audit.record({
          principal: who ?? { email: email.trim().toLowerCase().slice(0, 320), role: 'none' },
          action: 'session.sign-in',
          target: email.trim().toLowerCase().slice(0, 320),
          outcome,
          detail,
          origin,
        });
      if (await deps.throttle.isThrottled(key, remote, now)) {
        await audit('refused', 'too many failures');
        return { ok: false, reason: 'too-many-failures' };
      }
      const record = await deps.store.findPrincipal(email);
      const right = await verifyPassword(record?.passwordHash ?? decoyHash, password);
      if (record === undefined || record.passwordHash === null || !right) {
        await deps.throttle.recordFailure(key, remote, now);
        await audit('refused', 'wrong email or password');
        return { ok: false, reason: 'authentication-failed' };
      }
      // A disabled principal gets the answer of a wrong password (decision 0042); the trail says why.
      if (record.disabledAt !== null) {
        await audit('refused', 'disabled', principalOf(record));
        return { ok: false, reason: 'authentication-failed' };
      }
      await deps.throttle.recordSuccess(key, remote, now);
      const pending = record.totpSecret !== null;
      const token = await open(record.id, origin, pending);
      if (!pending) await deps.store.recordSignIn(record.id, now);
      await audit(
        'done',
        pending ? 'password right, second factor awaited' : 'signed in',
        principalOf(record),
      );
      return { ok: true, token, secondFactorRequired: pending };
    },

    async completeSecondFactor(token, code, origin) {
      if (!tokenPattern.test(token)) return { ok: false, reason: 'authentication-required' };
      const idHash = hashToken(token);
      const session = await deps.store.findSession(idHash);
      const now = clock.now();
      if (session?.secondFactorPending !== true || session.expiresAt.getTime() <= now.getTime())
        return { ok: false, reason: 'authentication-required' };
      const record = await deps.store.getPrincipal(session.principalId);
      if (record === undefined || record.disabledAt !== null)
        return { ok: false, reason: 'authentication-required' };
      const key = `admin-code:${record.email}`;
      const remote = origin.remoteAddress ?? '';
      const who = principalOf(record);
      if (await deps.throttle.isThrottled(key, remote, now)) {
        await deps.audit.record({
          principal: who,
          action: 'session.second-factor',
          target: record.email,
          outcome: 'refused',
          detail: 'too many failures',
          origin,
        });
        return { ok: false, reason: 'too-many-failures' };
      }
      const secret = record.totpSecret === null ? undefined : base32Decode(record.totpSecret);
      if (secret === undefined || matchTotp(secret, code.trim(), now) === undefined) {
        await deps.throttle.recordFailure(key, remote, now);
        await deps.audit.record({
          principal: who,
          action: 'session.second-factor',
          target: record.email,
          outcome: 'refused',
          detail: 'wrong code',
          origin,
        });
        return { ok: false, reason: 'authentication-failed' };
      }
      await deps.throttle.recordSuccess(key, remote, now);
      await deps.store.removeSession(idHash);
      const full = await open(record.id, origin, false);
      await deps.store.recordSignIn(record.id, now);
      await deps.audit.record({
        principal: who,
        action: 'session.second-factor',
        target: record.email,
        outcome: 'done',
        detail: 'signed in',
        origin,
      });
      return { ok: true, token: full, secondFactorRequired: false };
    },

    async resolve(token) {
      if (!tokenPattern.test(token)) return undefined;
      const idHash = hashToken(token);
      const session = await deps.store.findSession(idHash);
      if (session === undefined || session.secondFactorPending) return undefined;
      const now = clock.now();
      if (endOf(session, session.lastSeenAt) <= now.getTime()) {
        await deps.store.removeSession(idHash);
        return undefined;
      }
      const record = await deps.store.getPrincipal(session.principalId);
      if (record === undefined || record.disabledAt !== null) return undefined;
      let lastSeen = session.lastSeenAt;
      if (now.getTime() - lastSeen.getTime() >= minute) {
        await deps.store.touchSession(idHash, now);
        lastSeen = now;
      }
      return { principal: principalOf(record), expiresAt: new Date(endOf(session, lastSeen)) };
    },

    async signOut(token) {
      if (tokenPattern.test(token)) await deps.store.removeSession(hashToken(token));
    },

    purgeExpired() {
      const now = clock.now();
      return deps.store.purgeSessions(now, new Date(now.getTime() - idleMs));
    },
  };
}
