/**
 * The access history: records every login attempt on every protocol (time, protocol, remote
 * address, client ID, outcome) through the Authenticator's `onLogin` hook, and reads it back for
 * the holder's "Accessi" page, the operator and `pec mailbox access-log`. Recording never fails a
 * login: a storage error is handed to `onError` and the attempt goes on. Stored text is bounded and
 * free of control characters, since usernames and client IDs come straight from the network.
 * With an origin store, every successful login remembers its network (IPv4 /24, IPv6 /64) and
 * device (client family and system, protocol) and a login from one not seen before, on a box
 * that has signed in before, is flagged for the holder's page.
 */
import type { AccessLog, AccessLogEntry, AccessLogQuery, AccessOutcome } from '../../ports/access-log.ts';
import type { AccountSecurityStore } from '../../ports/account-security-store.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import { systemClock, type Clock } from '../../ports/clock.ts';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import type { LoginResult } from '../accounts/authenticator.ts';
import type { LoginEvent } from '../accounts/create-authenticator.ts';
import { remoteAddressKey } from '../accounts/create-login-throttle.ts';
import { deviceLabel } from '../web-sessions/describe-user-agent.ts';
import type { SignInNetworkStore } from '../../ports/sign-in-network-store.ts';

/** Longest address kept (RFC 5321 §4.5.3.1.3 path limit), client ID and remote address. */
export const accessHistoryLimits = { address: 256, clientId: 256, remoteAddress: 64 } as const;

export interface AccessHistory {
  /** The Authenticator's `onLogin` hook: stores one attempt. Never rejects. */
  readonly recordLogin: (event: LoginEvent) => Promise<void>;
  /** Newest first; see AccessLogQuery (default limit 100). */
  list(query?: AccessLogQuery): Promise<AccessLogEntry[]>;
  count(query?: Omit<AccessLogQuery, 'limit' | 'offset'>): Promise<number>;
  /** Deletes entries older than the retention period; returns how many. */
  purge(olderThanMonths: number): Promise<number>;
  /** One page of a holder's history, newest first, each entry with its "new origin" flag. */
  page(mailboxId: number, limit: number, offset: number): Promise<AccessHistoryPage>;
}

export interface HolderAccessEntry extends AccessLogEntry {
  /** A successful login from a network or device the box had not signed in from before. */
  readonly newOrigin: boolean;
  /** "Firefox on Linux", from the client ID; null when there was none. */
  readonly device: string | null;
  /** Refused although the credentials were right: the network is not on the box's allow-list. */
  readonly networkRefused: boolean;
}

export interface AccessHistoryPage {
  readonly entries: HolderAccessEntry[];
  readonly total: number;
}

export interface AccessHistoryOptions {
  readonly log: AccessLog;
  /**
   * Finds the mailbox of throttled attempts, which the Authenticator refuses before any lookup,
   * so they show in the holder's history too. Without it they are kept by address only.
   */
  readonly accounts?: Pick<AccountStore, 'findMailboxByAddress'>;
  /** Told when an attempt could not be stored; default: an `error.unexpected` event to `events`. */
  readonly onError?: (error: unknown, event: LoginEvent) => void;
  /** Where failures to record are reported when `onError` is not given. Default: nowhere. */
  readonly events?: EventLog;
  /** Remembers the networks and devices of successful logins and flags new ones. */
  readonly origins?: Pick<
    AccountSecurityStore,
    'rememberOrigin' | 'hasOrigins' | 'flagAccess' | 'flaggedAccesses'
  >;
  /** Marks the attempts refused for their network (decision 0027), for the holder's page. */
  readonly networkRefusals?: Pick<SignInNetworkStore, 'markRefused' | 'refusedAccesses'>;
  /**
   * The holder's page shows only this many calendar months back from `clock` (the operator's
   * views and the retention keep more); default: everything kept.
   */
  readonly holderMonths?: number;
  readonly clock?: Clock;
  /** Told of each flagged sign-in (the holder's notice, decision 0027); its failures go to `onError`. */
  readonly onNewOrigin?: (entry: AccessLogEntry) => Promise<void>;
}

/** The network a login came from: IPv4 by /24, IPv6 by /64 (one site). */
export function networkOf(remoteAddress: string): string {
  const key = remoteAddressKey(remoteAddress);
  const v4 = /^(\d+\.\d+\.\d+)\.\d+$/.exec(key);
  return v4?.[1] === undefined ? key : `${v4[1]}.0/24`;
}

export function createAccessHistory(options: AccessHistoryOptions): AccessHistory {
  const { log, accounts } = options;

  async function mailboxOf(event: LoginEvent): Promise<number | null> {
    if (event.mailboxId !== null || accounts === undefined) return event.mailboxId;
    if (
      event.result.ok ||
      event.result.refusal.reason !== 'too-many-failures' ||
      !event.username.includes('@')
    )
      return null;
    return (await accounts.findMailboxByAddress(event.username))?.id ?? null;
  }
  const onError =
    options.onError ??
    ((error: unknown) => {
      (options.events ?? nullEventLog).emit({ event: 'error.unexpected', where: 'access history', error });
    });

  return {
    recordLogin: async (event) => {
      try {
        const entry = await log.append({
          mailboxId: await mailboxOf(event),
          address: clean(event.username, accessHistoryLimits.address),
          at: event.at,
          protocol: event.protocol,
          remoteAddress: clean(event.remoteAddress, accessHistoryLimits.remoteAddress),
          clientId: event.clientId === undefined ? null : clean(event.clientId, accessHistoryLimits.clientId),
          outcome: outcomeOf(event.result),
        });
        if (!event.result.ok && event.result.refusal.reason === 'network-not-allowed')
          await options.networkRefusals?.markRefused(entry.id);
        const origins = options.origins;
        if (origins !== undefined && entry.outcome === 'success' && entry.mailboxId !== null) {
          const seenBefore = await origins.hasOrigins(entry.mailboxId);
          const device = `${entry.protocol} ${deviceLabel(entry.clientId) ?? '-'}`;
          const newNetwork = await origins.rememberOrigin(
            entry.mailboxId,
            'network',
            networkOf(entry.remoteAddress),
            entry.at,
          );
          const newDevice = await origins.rememberOrigin(entry.mailboxId, 'device', device, entry.at);
          if (seenBefore && (newNetwork || newDevice)) {
            await origins.flagAccess(entry.id);
            await options.onNewOrigin?.(entry);
          }
        }
      } catch (error) {
        onError(error, event);
      }
    },
    list: (query) => log.list(query),
    count: (query) => log.count(query),
    purge: (olderThanMonths) => log.purge({ olderThanMonths }),
    async page(mailboxId, limit, offset) {
      const since = holderSince(options);
      const window = since === undefined ? {} : { since };
      const [entries, total] = await Promise.all([
        log.list({ mailboxId, limit, offset, ...window }),
        log.count({ mailboxId, ...window }),
      ]);
      const flagged =
        options.origins === undefined
          ? new Set<number>()
          : await options.origins.flaggedAccesses(entries.map((entry) => entry.id));
      const refused =
        options.networkRefusals === undefined
          ? new Set<number>()
          : await options.networkRefusals.refusedAccesses(entries.map((entry) => entry.id));
      return {
        entries: entries.map((entry) => ({
          ...entry,
          newOrigin: flagged.has(entry.id),
          device: deviceLabel(entry.clientId),
          networkRefused: refused.has(entry.id),
        })),
        total,
      };
    },
  };
}

/** The oldest moment the holder's page shows: `holderMonths` calendar months before now. */
function holderSince(options: AccessHistoryOptions): Date | undefined {
  if (options.holderMonths === undefined) return undefined;
  const since = new Date((options.clock ?? systemClock).now());
  since.setUTCMonth(since.getUTCMonth() - options.holderMonths);
  return since;
}

/** The outcome stored for an authentication result. */
export function outcomeOf(result: LoginResult): AccessOutcome {
  if (result.ok) return 'success';
  switch (result.refusal.reason) {
    case 'authentication-failed':
      return 'failure';
    case 'too-many-failures':
      return 'throttled';
    case 'mailbox-disabled':
    case 'network-not-allowed':
      // Refused although the credentials were right; the network refusal is marked beside it.
      return 'disabled';
  }
}

/** Control characters become `?`; text beyond `max` code points is cut and marked with `…`. */
function clean(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const chars = Array.from(printable);
  return chars.length <= max ? printable : `${chars.slice(0, max - 1).join('')}…`;
}
