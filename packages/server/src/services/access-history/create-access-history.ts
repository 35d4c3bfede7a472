/**
 * The access history: records every login attempt on every protocol (time, protocol, remote
 * address, client ID, outcome) through the Authenticator's `onLogin` hook, and reads it back for
 * the holder's "Accessi" page, the operator and `pec mailbox access-log`. Recording never fails a
 * login: a storage error is handed to `onError` and the attempt goes on. Stored text is bounded and
 * free of control characters, since usernames and client IDs come straight from the network.
 */
import type { AccessLog, AccessLogEntry, AccessLogQuery, AccessOutcome } from '../../ports/access-log.ts';
import type { AccountStore } from '../../ports/account-store.ts';
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import type { LoginResult } from '../accounts/authenticator.ts';
import type { LoginEvent } from '../accounts/create-authenticator.ts';

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
        await log.append({
          mailboxId: await mailboxOf(event),
          address: clean(event.username, accessHistoryLimits.address),
          at: event.at,
          protocol: event.protocol,
          remoteAddress: clean(event.remoteAddress, accessHistoryLimits.remoteAddress),
          clientId: event.clientId === undefined ? null : clean(event.clientId, accessHistoryLimits.clientId),
          outcome: outcomeOf(event.result),
        });
      } catch (error) {
        onError(error, event);
      }
    },
    list: (query) => log.list(query),
    count: (query) => log.count(query),
    purge: (olderThanMonths) => log.purge({ olderThanMonths }),
  };
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
