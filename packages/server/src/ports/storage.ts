/**
 * The Storage aggregate: every metadata port of the provider behind one transactional handle.
 *
 * Layout. A data folder holds the SQLite database file (`pec.sqlite`, plus its `-wal` and `-shm`
 * files), which also keeps the raw messages of at most 64 KiB (decision 0048), and `blobs/`, the
 * content-addressed larger ones and those from before (`blobs/ab/cd/<sha256>`, see BlobStore).
 * With PostgreSQL the database lives on the server and the data folder keeps only `blobs/`, or
 * nothing when the blobs are in PostgreSQL too (`storage.blobs = postgres`, for several nodes).
 * Adapters: storage/sqlite (`openSqliteStorage`), storage/postgres (`openPostgresStorage`), sharing
 * the dialect-neutral queries and versioned migrations of storage/sql; storage/blobs-fs
 * (`openFsBlobStore`), storage/blobs-sqlite (`openSqliteStores`, rows and files) and
 * storage/blobs-postgres (`openPostgresBlobStore`). Migrations run when storage opens and are idempotent.
 *
 * Guarantees.
 * - `transaction(fn)` commits everything `fn` wrote through `tx` (accounts, mailbox rows, outbox
 *   jobs, tracking, legal log entries) or nothing, e.g. an acceptance with its stored envelope, its
 *   delivery jobs and its log entries. Nested `tx.transaction` calls are savepoints.
 * - Inside `fn`, use only `tx`: the SQLite adapter has one connection, so a call on the outer
 *   Storage waits for the transaction to end (a deadlock if awaited inside it).
 * - `fn` may run more than once: a PostgreSQL storage runs a transaction again when the database
 *   aborted it for a deadlock with another node's. It must therefore act only through `tx`.
 * - A commit is durable when it returns (SQLite: group commit, decision 0044), so a 250 reply may
 *   follow it. Blobs are not transactional: `put` them first (durable on return), then commit the
 *   rows that point at them; a crash in between leaves only an unreferenced blob.
 * - Times are stored as UTC milliseconds; ids are integers below 2^53.
 */
import type { AccessLog } from './access-log.ts';
import type { AccountSecurityStore } from './account-security-store.ts';
import type { AccountStore } from './account-store.ts';
import type { BillingStore } from './billing-store.ts';
import type { BoxLifeStore } from './box-life-store.ts';
import type { LegalLog, TransactionLegalLog } from './legal-log.ts';
import type { LoginThrottleStore } from './login-throttle-store.ts';
import type { MaintenanceRunStore } from './maintenance-run-store.ts';
import type { LogTimestampStore } from './log-timestamp-store.ts';
import type { MailboxStore } from './mailbox-store.ts';
import type { MessageTrackingStore } from './message-tracking-store.ts';
import type { PlanStore } from './plan-store.ts';
import type { QuarantineRecordStore } from './quarantine-store.ts';
import type { QueueStore } from './queue-store.ts';
import type { RouteStore } from './route-store.ts';
import type { WebSessionStore } from './web-session-store.ts';
import type { ApiTokenStore } from './api-token-store.ts';
import type { WebhookStore } from './webhook-store.ts';
import type { RecoveryTokenStore } from './recovery-token-store.ts';
import type { SignInNetworkStore } from './sign-in-network-store.ts';
import type { IncomingSettingsStore } from './incoming-settings-store.ts';
import type { HolderPreferenceStore } from './holder-preference-store.ts';
import type { ContactStore } from './contact-store.ts';
import type { AdminAccountStore } from './admin-account-store.ts';
import type { AdminTokenStore } from './admin-token-store.ts';
import type { CalendarStore } from './calendar-store.ts';
import type { AdminStore } from './admin-store.ts';
import type { AuditTrail } from './audit-trail.ts';
import type { NoticeStore } from './notice-store.ts';
import type { SecurityArchiveStore } from './security-archive-store.ts';
import type { NoticePreferenceStore } from './notice-preference-store.ts';
import type { SmsOutboxStore } from './sms-outbox-store.ts';
import type { ContactChangeStore } from './contact-change-store.ts';
import type { PasskeyStore } from './passkey-store.ts';
import type { WebPushStore } from './web-push-store.ts';
import type { MessageTextIndex } from './message-text-index.ts';

/** The stores, whether used directly (each call its own transaction) or inside a transaction. */
export interface StorageStores {
  readonly accounts: AccountStore;
  readonly mailboxes: MailboxStore;
  readonly queue: QueueStore;
  readonly tracking: MessageTrackingStore;
  /** Outside a transaction a `LegalLog`, inside one a `TransactionLegalLog` (entries chained at commit). */
  readonly legalLog: LegalLog | TransactionLegalLog;
  readonly accessLog: AccessLog;
  readonly routes: RouteStore;
  /** State every node shares: quarantine records, failed-login counters, daily run claims. */
  readonly quarantine: QuarantineRecordStore;
  readonly loginThrottle: LoginThrottleStore;
  readonly maintenanceRuns: MaintenanceRunStore;
  /** The daily RFC 3161 tokens of the legal log (pec-spec §6.4, §8.5). */
  readonly logTimestamps: LogTimestampStore;
  /** The webmail's sessions, so that any node serves any session. */
  readonly webSessions: WebSessionStore;
  /** The plans sold, the boxes' terms and lifecycle steps, reserved addresses (decision 0016). */
  readonly plans: PlanStore;
  readonly boxLife: BoxLifeStore;
  /** The built-in ledger: orders and prepaid credit (decision 0016). */
  readonly billing: BillingStore;
  /** The second factor, recovery codes, app passwords and known sign-in origins of each box. */
  readonly accountSecurity: AccountSecurityStore;
  /** Holders' scoped API tokens, stored hashed. */
  readonly apiTokens: ApiTokenStore;
  /** Webhook endpoints and the outbox of their signed deliveries. */
  readonly webhooks: WebhookStore;
  /** The single-use links of password recovery, stored hashed (decision 0027). */
  readonly recoveryTokens: RecoveryTokenStore;
  /** Each box's allow-list of sign-in networks (decision 0027). */
  readonly signInNetworks: SignInNetworkStore;
  /** The holder's incoming-mail settings: ordinary mail, sender lists, antispam, rules (decision 0026). */
  readonly incoming: IncomingSettingsStore;
  /** The webmail options of each box, kept server-side so they follow the holder (decision 0025). */
  readonly preferences: HolderPreferenceStore;
  /** The holder's address book (decision 0037). */
  readonly contacts: ContactStore;
  /** The holder's calendar events and their reminders (decision 0040). */
  readonly calendar: CalendarStore;
  /** Operators and postmasters, their sessions, and customer domains' allowances and defaults (decision 0021). */
  readonly admin: AdminStore;
  /** API tokens of operators and postmasters, stored hashed (decision 0042). */
  readonly adminTokens: AdminTokenStore;
  /** Operators' and postmasters' disabling and recovery links (decision 0042). */
  readonly adminAccounts: AdminAccountStore;
  /** The append-only audit trail of administrative actions and denials. */
  readonly auditTrail: AuditTrail;
  /** The addresses notified of new PEC and the hourly cap's counters (decision 0028). */
  readonly notices: NoticeStore;
  /** Each box's security-archive settings; the archived rows are its archive folder's (decision 0035). */
  readonly securityArchive: SecurityArchiveStore;
  /** E-mail at once or as digests, the verified mobile and quiet hours (decision 0036). */
  readonly noticePreferences: NoticePreferenceStore;
  /** SMS notices waiting for the gateway, and the per-day counters of the cap (decision 0036). */
  readonly smsOutbox: SmsOutboxStore;
  /** New contact e-mail or mobile waiting for its code (decision 0036). */
  readonly contactChanges: ContactChangeStore;
  /** The holders' passkeys and the single-use challenges of their ceremonies (decision 0032). */
  readonly passkeys: PasskeyStore;
  /** The VAPID key pair, push subscriptions and the hourly cap of pushes (decision 0032). */
  readonly webPush: WebPushStore;
  /** The searchable text of stored messages, once per blob, for indexed SEARCH TEXT/BODY (decision 0043). */
  readonly messageTexts: MessageTextIndex;
}

/** The stores bound to one open transaction; its legal log entries are chained at commit. */
export interface StorageTransaction extends StorageStores {
  readonly legalLog: TransactionLegalLog;
  /** A savepoint: if `fn` throws, only its writes are undone, and the error is rethrown. */
  transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T>;
}

/** A message that a committed write added to a folder (delivery, append, copy target). */
export interface AppendedMessage {
  readonly mailboxId: number;
  readonly folderId: number;
  readonly uid: number;
}

export interface Storage extends StorageStores {
  readonly dialect: 'sqlite' | 'postgres';
  readonly legalLog: LegalLog;
  /** Runs `fn` in one transaction: commit when it resolves, roll back and rethrow when it throws. */
  transaction<T>(fn: (tx: StorageTransaction) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` for every message appended by this process, once its write is committed
   * (never for rolled-back work). Returns the unsubscribe function. Other processes' appends are
   * not seen here: the composition root republishes these on the change feed, whose ChangeBus
   * carries them to the other nodes (LISTEN/NOTIFY on PostgreSQL); sessions also re-read on NOOP
   * and IDLE start.
   */
  watchAppends(listener: (message: AppendedMessage) => void): () => void;
  /**
   * Runs `fn` with a Storage whose units of work return once committed, without awaiting their
   * fsync (decisions 0053, 0065; the embedded store's group commit, decision 0044, makes every unit
   * wait for it otherwise). `fn` reaches storage only through the Storage it is given. Only for
   * lookups and writes whose outcome reaches nobody outside except through a later unit of work
   * that does wait, e.g. the access point's sender lookup before its acceptance transaction; never
   * a read whose result goes outside by itself (a reply, a job's SMTP transaction). Commits reach
   * the disk in order, so that later wait makes these durable too. Absent where every commit is
   * durable on return anyway (PostgreSQL); `withoutDurableWait` in services/ then passes the
   * Storage itself.
   */
  readonly deferDurability?: <T>(fn: (storage: Storage) => Promise<T>) => Promise<T>;
  /** Waits for running work, then releases the database. */
  close(): Promise<void>;
}
