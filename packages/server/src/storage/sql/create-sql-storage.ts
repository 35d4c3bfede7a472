/**
 * Builds the Storage aggregate over one Kysely handle: the SQL stores bound to the root database,
 * and `transaction` handing out the same stores bound to one transaction, with nested calls as
 * savepoints. Shared by the SQLite and PostgreSQL adapters, which only open the connection.
 * Appends are announced to `watchAppends` listeners only once they are committed (after the
 * outermost transaction, and never for a rolled-back savepoint), so a listener that re-reads the
 * folder always finds the message (the IMAP IDLE push of deliveries relies on this).
 * On PostgreSQL a transaction aborted by a deadlock or a serialization failure runs again, so its
 * function must have no effect outside `tx` (blobs are content-addressed and may be put again).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../ports/clock.ts';
import type { LegalLog, NewLegalLogEntry } from '../../ports/legal-log.ts';
import type { AppendedMessage, Storage, StorageStores, StorageTransaction } from '../../ports/storage.ts';
import type { Database } from './schema.ts';
import { createSqlAccessLog } from './sql-access-log.ts';
import { createSqlAccountSecurityStore } from './sql-account-security-store.ts';
import { createSqlAccountStore } from './sql-account-store.ts';
import { createSqlWebSessionStore } from './sql-web-session-store.ts';
import { isTransientConflict, type SqlContext } from './sql-context.ts';
import { appendLegalLogEntries, createSqlLegalLog } from './sql-legal-log.ts';
import { createSqlLoginThrottleStore } from './sql-login-throttle-store.ts';
import { createSqlMaintenanceRunStore } from './sql-maintenance-run-store.ts';
import { createSqlMailboxStore } from './sql-mailbox-store.ts';
import { createSqlMessageTrackingStore } from './sql-message-tracking-store.ts';
import { createSqlQuarantineRecordStore } from './sql-quarantine-record-store.ts';
import { createSqlQueueStore } from './sql-queue-store.ts';
import { createSqlRouteStore } from './sql-route-store.ts';
import { createSqlLogTimestamps } from './sql-log-timestamps.ts';
import { createSqlBillingStore } from './sql-billing-store.ts';
import { createSqlBoxLifeStore } from './sql-box-life-store.ts';
import { createSqlPlanStore } from './sql-plan-store.ts';
import { createSqlApiTokenStore } from './sql-api-token-store.ts';
import { createSqlRecoveryTokenStore } from './sql-recovery-token-store.ts';
import { createSqlSignInNetworkStore } from './sql-sign-in-network-store.ts';
import { createSqlIncomingSettingsStore } from './sql-incoming-settings-store.ts';
import { createSqlHolderPreferenceStore } from './sql-holder-preference-store.ts';
import { createSqlContactStore } from './sql-contact-store.ts';
import { createSqlCalendarStore } from './sql-calendar-store.ts';
import { createSqlNoticeStore } from './sql-notice-store.ts';
import { createSqlSecurityArchiveStore } from './sql-security-archive-store.ts';
import { createSqlNoticePreferenceStore } from './sql-notice-preference-store.ts';
import { createSqlSmsOutboxStore } from './sql-sms-outbox-store.ts';
import { createSqlContactChangeStore } from './sql-contact-change-store.ts';
import { createSqlPasskeyStore } from './sql-passkey-store.ts';
import { createSqlWebPushStore } from './sql-web-push-store.ts';
import { createSqlWebhookStore } from './sql-webhook-store.ts';
import { createSqlAdminAccountStore } from './sql-admin-account-store.ts';
import { createSqlAdminTokenStore } from './sql-admin-token-store.ts';
import { createSqlAdminStore } from './sql-admin-store.ts';
import { createSqlAuditTrail } from './sql-audit-trail.ts';
import { createSqlMessageTextIndex } from './sql-message-text-index.ts';

export interface SqlStorageOptions {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  readonly clock: Clock;
  /** The dialect's way of running work without awaiting fsyncs (Storage.deferDurability). */
  readonly deferDurability?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** What a transaction leaves for its commit: appends to announce after it, legal log entries to chain before it. */
interface Pending {
  readonly appends: AppendedMessage[];
  readonly legalLog: NewLegalLogEntry[];
}

/** Runs of one transaction that PostgreSQL aborted for a deadlock or a serialization failure. */
const maxConflictAttempts = 12;

export function createSqlStorage(options: SqlStorageOptions): Storage {
  const { db, dialect, clock } = options;
  let savepoints = 0;
  let closing: Promise<void> | undefined;

  const listeners = new Set<(event: AppendedMessage) => void>();
  function announce(events: readonly AppendedMessage[]): void {
    for (const event of events) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure must not undo or hide a committed write.
        }
      }
    }
  }

  /** `pending` collects the appends of a transaction; without it they are announced at once. */
  function stores(
    ctx: SqlContext,
    pending?: AppendedMessage[],
  ): StorageStores & { readonly legalLog: LegalLog } {
    const mailboxes = createSqlMailboxStore(ctx);
    return {
      accounts: createSqlAccountStore(ctx),
      mailboxes: {
        ...mailboxes,
        async append(folderId, message) {
          const result = await mailboxes.append(folderId, message);
          const folder = await mailboxes.getFolderById(folderId);
          if (folder !== undefined) {
            const event = { mailboxId: folder.mailboxId, folderId, uid: result.message.uid };
            if (pending === undefined) announce([event]);
            else pending.push(event);
          }
          return result;
        },
      },
      queue: createSqlQueueStore(ctx),
      tracking: createSqlMessageTrackingStore(ctx),
      legalLog: createSqlLegalLog(ctx),
      accessLog: createSqlAccessLog(ctx),
      routes: createSqlRouteStore(ctx),
      quarantine: createSqlQuarantineRecordStore(ctx),
      loginThrottle: createSqlLoginThrottleStore(ctx),
      maintenanceRuns: createSqlMaintenanceRunStore(ctx),
      logTimestamps: createSqlLogTimestamps(ctx),
      webSessions: createSqlWebSessionStore(ctx),
      plans: createSqlPlanStore(ctx),
      boxLife: createSqlBoxLifeStore(ctx),
      billing: createSqlBillingStore(ctx),
      accountSecurity: createSqlAccountSecurityStore(ctx),
      apiTokens: createSqlApiTokenStore(ctx),
      webhooks: createSqlWebhookStore(ctx),
      recoveryTokens: createSqlRecoveryTokenStore(ctx),
      signInNetworks: createSqlSignInNetworkStore(ctx),
      incoming: createSqlIncomingSettingsStore(ctx),
      preferences: createSqlHolderPreferenceStore(ctx),
      contacts: createSqlContactStore(ctx),
      calendar: createSqlCalendarStore(ctx),
      admin: createSqlAdminStore(ctx),
      adminTokens: createSqlAdminTokenStore(ctx),
      adminAccounts: createSqlAdminAccountStore(ctx),
      auditTrail: createSqlAuditTrail(ctx),
      notices: createSqlNoticeStore(ctx),
      securityArchive: createSqlSecurityArchiveStore(ctx),
      noticePreferences: createSqlNoticePreferenceStore(ctx),
      smsOutbox: createSqlSmsOutboxStore(ctx),
      contactChanges: createSqlContactChangeStore(ctx),
      passkeys: createSqlPasskeyStore(ctx),
      webPush: createSqlWebPushStore(ctx),
      messageTexts: createSqlMessageTextIndex(ctx),
    };
  }

  function bind(trx: Kysely<Database>, pending: Pending): StorageTransaction {
    const bound = stores({ db: trx, dialect, clock }, pending.appends);
    return {
      ...bound,
      legalLog: {
        ...bound.legalLog,
        // Chained right before the commit (decision 0058): the head row is locked only then.
        append(entry) {
          pending.legalLog.push(entry);
          return Promise.resolve();
        },
      },
      transaction: (fn) => withSavepoint(trx, pending, fn),
    };
  }

  async function withSavepoint<T>(
    trx: Kysely<Database>,
    pending: Pending,
    fn: (tx: StorageTransaction) => Promise<T>,
  ): Promise<T> {
    savepoints += 1;
    const name = sql.id(`pec_savepoint_${savepoints}`);
    const mark = pending.appends.length;
    const legalMark = pending.legalLog.length;
    await sql`savepoint ${name}`.execute(trx);
    let result: T;
    try {
      result = await fn(bind(trx, pending));
    } catch (error) {
      pending.appends.length = mark;
      pending.legalLog.length = legalMark;
      await sql`rollback to savepoint ${name}`.execute(trx);
      await sql`release savepoint ${name}`.execute(trx);
      throw error;
    }
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  }

  return {
    dialect,
    ...stores({ db, dialect, clock }),
    ...(options.deferDurability === undefined ? {} : { deferDurability: options.deferDurability }),
    async transaction(fn) {
      for (let attempt = 1; ; attempt += 1) {
        const pending: Pending = { appends: [], legalLog: [] };
        try {
          const result = await db.transaction().execute(async (trx) => {
            const value = await fn(bind(trx, pending));
            // Last, so that the legal log's head (one row for the whole cluster) is held only
            // from here to the commit.
            await appendLegalLogEntries(trx, dialect, pending.legalLog);
            return value;
          });
          announce(pending.appends);
          return result;
        } catch (error) {
          // Nodes that write the same rows in different orders (folders, the legal-log head) can
          // deadlock; PostgreSQL aborts one of them, which is safe to run again from the start
          // (PostgreSQL manual §13.3.4, §13.4). `fn` writes only through `tx`, so nothing of it remains.
          if (dialect !== 'postgres' || attempt >= maxConflictAttempts || !isTransientConflict(error)) {
            throw error;
          }
          await sleep(Math.random() * 25 * attempt);
        }
      }
    },
    watchAppends(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      // Taking a connection waits for the work that holds one (SQLite has exactly one).
      closing ??= db
        .connection()
        .execute(() => Promise.resolve())
        .then(() => db.destroy());
      return closing;
    },
  };
}
