/**
 * WebSessions over a WebSessionStore: 256-bit random tokens (OWASP Session Management: at least
 * 64 bits of entropy) kept only as their SHA-256, an idle timeout and an absolute lifetime for
 * ordinary sessions, a longer absolute lifetime with no idle timeout for "stay signed in".
 * Activity is written at most once a minute, so reading mail does not write on every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AccountStore } from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { WebSessionRecord, WebSessionStore } from '../../ports/web-session-store.ts';
import type { Authenticator } from '../accounts/authenticator.ts';
import type { WebSession, WebSessionSettings, WebSessions } from './web-sessions.ts';

export interface WebSessionDependencies {
  readonly authenticator: Authenticator;
  readonly accounts: Pick<AccountStore, 'getMailbox'>;
  readonly store: WebSessionStore;
  readonly clock?: Clock;
}

const minute = 60_000;
/** Tokens are 43 base64url characters; anything else is not ours. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createWebSessions(deps: WebSessionDependencies, settings: WebSessionSettings): WebSessions {
  const clock = deps.clock ?? systemClock;
  const idleMs = settings.idleMinutes * minute;

  function view(record: WebSessionRecord, lastSeen: Date): WebSession {
    const end = record.staySignedIn
      ? record.expiresAt.getTime()
      : Math.min(record.expiresAt.getTime(), lastSeen.getTime() + idleMs);
    return {
      mailboxId: record.mailboxId,
      address: record.address,
      displayName: record.displayName,
      staySignedIn: record.staySignedIn,
      expiresAt: new Date(end),
    };
  }

  return {
    async signIn(request) {
      const result = await deps.authenticator.authenticate({
        username: request.address,
        password: request.password,
        protocol: 'http',
        remoteAddress: request.remoteAddress,
        clientId: request.userAgent,
      });
      if (!result.ok) return result;
      const now = clock.now();
      const lifetimeMs = request.staySignedIn
        ? settings.staySignedInDays * 24 * 60 * minute
        : settings.lifetimeHours * 60 * minute;
      const token = randomBytes(32).toString('base64url');
      const mailbox = await deps.accounts.getMailbox(result.mailboxId);
      const record: WebSessionRecord = {
        idHash: hashToken(token),
        mailboxId: result.mailboxId,
        address: result.address,
        displayName: mailbox?.holderName ?? '',
        staySignedIn: request.staySignedIn,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + lifetimeMs),
        userAgent: request.userAgent ?? null,
        remoteAddress: request.remoteAddress,
      };
      await deps.store.insert(record);
      return {
        ok: true,
        token,
        session: view(record, now),
        keepSeconds: request.staySignedIn ? Math.floor(lifetimeMs / 1000) : undefined,
      };
    },

    async resolve(token) {
      if (!tokenPattern.test(token)) return undefined;
      const idHash = hashToken(token);
      const record = await deps.store.find(idHash);
      if (record === undefined) return undefined;
      const now = clock.now();
      if (view(record, record.lastSeenAt).expiresAt.getTime() <= now.getTime()) {
        await deps.store.remove(idHash);
        return undefined;
      }
      if (now.getTime() - record.lastSeenAt.getTime() >= minute) {
        await deps.store.touch(idHash, now);
        return view(record, now);
      }
      return view(record, record.lastSeenAt);
    },

    async signOut(token) {
      if (tokenPattern.test(token)) await deps.store.remove(hashToken(token));
    },
  };
}
