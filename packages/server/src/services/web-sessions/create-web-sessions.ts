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
import type { TwoFactor } from '../account-security/account-security.ts';
import type { Authenticator, LoginRefusal } from '../accounts/authenticator.ts';
import type { LoginEvent } from '../accounts/create-authenticator.ts';
import { deviceLabel } from './describe-user-agent.ts';
import type { LoginResult } from '../accounts/authenticator.ts';
import type { Passkeys } from '../passkeys/passkeys.ts';
import type { SignInNetworkStore } from '../../ports/sign-in-network-store.ts';
import { isAllowedNetwork } from '../sign-in-networks/network-allow-list.ts';
import type { SignInResult, WebSession, WebSessionSettings, WebSessions } from './web-sessions.ts';

export interface WebSessionDependencies {
  readonly authenticator: Authenticator;
  readonly accounts: Pick<AccountStore, 'getMailbox' | 'recordLoginSuccess'>;
  readonly store: WebSessionStore;
  /** The boxes' second factor; without it, the password alone signs in. */
  readonly secondFactor?: Pick<TwoFactor, 'isEnabled' | 'verify'>;
  /** Told of every wrong or throttled second-factor code, for the access history. */
  readonly onSecondFactorFailure?: (event: LoginEvent) => Promise<void>;
  /** Passkeys (decision 0032); without them, no passkey sign-in is offered. */
  readonly passkeys?: Pick<Passkeys, 'signInOptions' | 'verifySignIn'>;
  /** Told of every passkey sign-in and failure, for the access history. */
  readonly onPasskeyLogin?: (event: LoginEvent) => Promise<void>;
  /** The boxes' allow-lists of sign-in networks, which a passwordless sign-in obeys too (decision 0027). */
  readonly networks?: Pick<SignInNetworkStore, 'list'>;
  readonly clock?: Clock;
}

/** How long a password-only session waits for the second factor. */
const secondFactorMs = 5 * 60_000;

const minute = 60_000;
/** Tokens are 43 base64url characters; anything else is not ours. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The session's id: the SHA-256 of its token (the token itself is never stored). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function createWebSessions(deps: WebSessionDependencies, settings: WebSessionSettings): WebSessions {
  const clock = deps.clock ?? systemClock;
  const idleMs = settings.idleMinutes * minute;

  /** A full session for a box, under a new token. */
  async function open(
    base: Pick<
      WebSessionRecord,
      'mailboxId' | 'address' | 'displayName' | 'staySignedIn' | 'remoteAddress' | 'userAgent'
    >,
    pending: boolean,
  ): Promise<SignInResult> {
    const now = clock.now();
    const lifetimeMs = pending
      ? secondFactorMs
      : base.staySignedIn
        ? settings.staySignedInDays * 24 * 60 * minute
        : settings.lifetimeHours * 60 * minute;
    const token = randomBytes(32).toString('base64url');
    const record: WebSessionRecord = {
      mailboxId: base.mailboxId,
      address: base.address,
      displayName: base.displayName,
      staySignedIn: base.staySignedIn,
      userAgent: base.userAgent,
      remoteAddress: base.remoteAddress,
      idHash: hashToken(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + lifetimeMs),
      ...(pending ? { secondFactorPending: true as const } : {}),
    };
    await deps.store.insert(record);
    return {
      ok: true,
      token,
      session: view(record, now),
      keepSeconds: base.staySignedIn && !pending ? Math.floor(lifetimeMs / 1000) : undefined,
      ...(pending ? { secondFactorRequired: true as const } : {}),
    };
  }

  /** The live, complete session `token` names. */
  async function live(token: string): Promise<WebSessionRecord | undefined> {
    if (!tokenPattern.test(token)) return undefined;
    const record = await deps.store.find(hashToken(token));
    if (record === undefined || record.secondFactorPending === true) return undefined;
    return view(record, record.lastSeenAt).expiresAt.getTime() > clock.now().getTime() ? record : undefined;
  }

  /** The half-open session `token` names while it waits for its second factor. */
  async function pendingRecord(token: string): Promise<WebSessionRecord | undefined> {
    if (!tokenPattern.test(token)) return undefined;
    const record = await deps.store.find(hashToken(token));
    if (record?.secondFactorPending !== true) return undefined;
    return record.expiresAt.getTime() > clock.now().getTime() ? record : undefined;
  }

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
      const mailbox = await deps.accounts.getMailbox(result.mailboxId);
      const pending =
        deps.secondFactor !== undefined && (await deps.secondFactor.isEnabled(result.mailboxId));
      return open(
        {
          mailboxId: result.mailboxId,
          address: result.address,
          displayName: mailbox?.holderName ?? '',
          staySignedIn: request.staySignedIn,
          userAgent: request.userAgent ?? null,
          remoteAddress: request.remoteAddress,
        },
        pending,
      );
    },

    async completeSecondFactor(request) {
      const refused = { ok: false, refusal: { reason: 'authentication-required' } } as const;
      if (!tokenPattern.test(request.token) || deps.secondFactor === undefined) return refused;
      const idHash = hashToken(request.token);
      const record = await deps.store.find(idHash);
      if (record?.secondFactorPending !== true) return refused;
      const now = clock.now();
      if (record.expiresAt.getTime() <= now.getTime()) {
        await deps.store.remove(idHash);
        return refused;
      }
      const checked = await deps.secondFactor.verify(
        record.mailboxId,
        record.address,
        request.code,
        request.remoteAddress,
      );
      if (!checked.ok) {
        const refusal =
          'refusal' in checked ? checked.refusal : ({ reason: 'authentication-failed' } as const);
        await deps.onSecondFactorFailure?.({
          at: now,
          username: record.address,
          protocol: 'http',
          remoteAddress: request.remoteAddress,
          clientId: request.userAgent,
          mailboxId: record.mailboxId,
          result: { ok: false, refusal },
        });
        return { ok: false, refusal };
      }
      await deps.store.remove(idHash);
      return open(
        { ...record, userAgent: request.userAgent ?? record.userAgent, remoteAddress: request.remoteAddress },
        false,
      );
    },

    async passkeyOptions(token) {
      if (deps.passkeys === undefined) return undefined;
      const pending = token === undefined ? undefined : await pendingRecord(token);
      return deps.passkeys.signInOptions(pending?.mailboxId ?? null);
    },

    async signInWithPasskey(request) {
      const refused = { ok: false, refusal: { reason: 'authentication-required' } } as const;
      if (deps.passkeys === undefined) return refused;
      const pending = request.token === undefined ? undefined : await pendingRecord(request.token);
      const now = clock.now();
      const checked = await deps.passkeys.verifySignIn(request.credential, pending?.mailboxId ?? null);
      const mailbox =
        checked.mailboxId === null ? undefined : await deps.accounts.getMailbox(checked.mailboxId);
      const tell = async (result: LoginResult) =>
        deps.onPasskeyLogin?.({
          at: now,
          username: mailbox?.address ?? 'passkey',
          protocol: 'http',
          remoteAddress: request.remoteAddress,
          clientId: request.userAgent,
          mailboxId: mailbox?.id ?? null,
          result,
        });
      const fail = async (refusal: LoginRefusal): Promise<SignInResult> => {
        await tell({ ok: false, refusal });
        return { ok: false, refusal };
      };
      if (!checked.ok || mailbox === undefined) return fail({ reason: 'authentication-failed' });
      if (pending !== undefined) {
        await deps.store.remove(pending.idHash);
        await tell({ ok: true, address: mailbox.address, mailboxId: mailbox.id });
        return open(
          {
            ...pending,
            userAgent: request.userAgent ?? pending.userAgent,
            remoteAddress: request.remoteAddress,
          },
          false,
        );
      }
      // Alone, the passkey stands for the password: the same refusals as the Authenticator's.
      if (mailbox.status === 'suspended' || mailbox.status === 'deleted')
        return fail({ reason: 'mailbox-disabled' });
      if (!isAllowedNetwork(request.remoteAddress, (await deps.networks?.list(mailbox.id)) ?? []))
        return fail({ reason: 'network-not-allowed' });
      await deps.accounts.recordLoginSuccess(mailbox.id, now);
      await tell({ ok: true, address: mailbox.address, mailboxId: mailbox.id });
      return open(
        {
          mailboxId: mailbox.id,
          address: mailbox.address,
          displayName: mailbox.holderName,
          staySignedIn: request.staySignedIn,
          userAgent: request.userAgent ?? null,
          remoteAddress: request.remoteAddress,
        },
        false,
      );
    },

    async list(token) {
      const current = await live(token);
      if (current === undefined) return [];
      const records = await deps.store.listForMailbox(current.mailboxId);
      const now = clock.now().getTime();
      return records
        .filter((record) => record.secondFactorPending !== true)
        .map((record) => ({ record, ends: view(record, record.lastSeenAt).expiresAt }))
        .filter(({ ends }) => ends.getTime() > now)
        .map(({ record, ends }) => ({
          id: record.idHash,
          current: record.idHash === current.idHash,
          staySignedIn: record.staySignedIn,
          createdAt: record.createdAt,
          lastSeenAt: record.lastSeenAt,
          expiresAt: ends,
          userAgent: record.userAgent,
          device: deviceLabel(record.userAgent),
          remoteAddress: record.remoteAddress,
        }));
    },

    async signOutSession(token, sessionId) {
      const current = await live(token);
      if (current === undefined || !/^[0-9a-f]{64}$/.test(sessionId)) return false;
      const target = await deps.store.find(sessionId);
      if (target === undefined || target.mailboxId !== current.mailboxId) return false;
      await deps.store.remove(sessionId);
      return true;
    },

    async signOutOthers(token) {
      const current = await live(token);
      if (current === undefined) return 0;
      return deps.store.removeForMailbox(current.mailboxId, current.idHash);
    },

    purgeExpired() {
      const now = clock.now();
      return deps.store.purgeExpired(now, new Date(now.getTime() - idleMs));
    },

    async resolve(token) {
      if (!tokenPattern.test(token)) return undefined;
      const idHash = hashToken(token);
      const record = await deps.store.find(idHash);
      if (record === undefined) return undefined;
      if (record.secondFactorPending === true) return undefined;
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
