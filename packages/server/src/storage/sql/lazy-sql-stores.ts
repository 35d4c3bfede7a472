/**
 * The SQL stores of one Storage or transaction handle, each made on first use: a transaction touches
 * two or three of the forty stores, and making all of them for every transaction (each a dozen
 * closures) cost about 95 µs of the event loop and its garbage per transaction, more than the
 * transaction itself (decision 0055). The properties are own, enumerable getters, so a spread copy
 * (`{ ...tx }`) still has every store; a store, once made, is the same object on every read.
 */
import type { MailboxStore } from '../../ports/mailbox-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import type { SqlContext } from './sql-context.ts';
import { createSqlAccessLog } from './sql-access-log.ts';
import { createSqlAccountSecurityStore } from './sql-account-security-store.ts';
import { createSqlAccountStore } from './sql-account-store.ts';
import { createSqlWebSessionStore } from './sql-web-session-store.ts';
import { createSqlLegalLog } from './sql-legal-log.ts';
import type { LegalLog } from '../../ports/legal-log.ts';
import { createSqlLoginThrottleStore } from './sql-login-throttle-store.ts';
import { createSqlMaintenanceRunStore } from './sql-maintenance-run-store.ts';
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

/** The stores bound to `ctx`, each made on first read; `mailboxes` is made by the caller's `makeMailboxes`. */
export function lazySqlStores(
  ctx: SqlContext,
  makeMailboxes: () => MailboxStore,
): StorageStores & { readonly legalLog: LegalLog } {
  // An object literal with getters: V8 makes it from one template, where defining forty properties
  // one by one on an empty object cost almost as much as making the stores.
  const made: Partial<{ -readonly [K in keyof StorageStores]: StorageStores[K] } & { legalLog: LegalLog }> =
    {};
  return {
    get mailboxes() {
      return (made.mailboxes ??= makeMailboxes());
    },
    get accounts() {
      return (made.accounts ??= createSqlAccountStore(ctx));
    },
    get queue() {
      return (made.queue ??= createSqlQueueStore(ctx));
    },
    get tracking() {
      return (made.tracking ??= createSqlMessageTrackingStore(ctx));
    },
    get legalLog() {
      return (made.legalLog ??= createSqlLegalLog(ctx));
    },
    get accessLog() {
      return (made.accessLog ??= createSqlAccessLog(ctx));
    },
    get routes() {
      return (made.routes ??= createSqlRouteStore(ctx));
    },
    get quarantine() {
      return (made.quarantine ??= createSqlQuarantineRecordStore(ctx));
    },
    get loginThrottle() {
      return (made.loginThrottle ??= createSqlLoginThrottleStore(ctx));
    },
    get maintenanceRuns() {
      return (made.maintenanceRuns ??= createSqlMaintenanceRunStore(ctx));
    },
    get logTimestamps() {
      return (made.logTimestamps ??= createSqlLogTimestamps(ctx));
    },
    get webSessions() {
      return (made.webSessions ??= createSqlWebSessionStore(ctx));
    },
    get plans() {
      return (made.plans ??= createSqlPlanStore(ctx));
    },
    get boxLife() {
      return (made.boxLife ??= createSqlBoxLifeStore(ctx));
    },
    get billing() {
      return (made.billing ??= createSqlBillingStore(ctx));
    },
    get accountSecurity() {
      return (made.accountSecurity ??= createSqlAccountSecurityStore(ctx));
    },
    get apiTokens() {
      return (made.apiTokens ??= createSqlApiTokenStore(ctx));
    },
    get webhooks() {
      return (made.webhooks ??= createSqlWebhookStore(ctx));
    },
    get recoveryTokens() {
      return (made.recoveryTokens ??= createSqlRecoveryTokenStore(ctx));
    },
    get signInNetworks() {
      return (made.signInNetworks ??= createSqlSignInNetworkStore(ctx));
    },
    get incoming() {
      return (made.incoming ??= createSqlIncomingSettingsStore(ctx));
    },
    get preferences() {
      return (made.preferences ??= createSqlHolderPreferenceStore(ctx));
    },
    get contacts() {
      return (made.contacts ??= createSqlContactStore(ctx));
    },
    get calendar() {
      return (made.calendar ??= createSqlCalendarStore(ctx));
    },
    get admin() {
      return (made.admin ??= createSqlAdminStore(ctx));
    },
    get adminTokens() {
      return (made.adminTokens ??= createSqlAdminTokenStore(ctx));
    },
    get adminAccounts() {
      return (made.adminAccounts ??= createSqlAdminAccountStore(ctx));
    },
    get auditTrail() {
      return (made.auditTrail ??= createSqlAuditTrail(ctx));
    },
    get notices() {
      return (made.notices ??= createSqlNoticeStore(ctx));
    },
    get securityArchive() {
      return (made.securityArchive ??= createSqlSecurityArchiveStore(ctx));
    },
    get noticePreferences() {
      return (made.noticePreferences ??= createSqlNoticePreferenceStore(ctx));
    },
    get smsOutbox() {
      return (made.smsOutbox ??= createSqlSmsOutboxStore(ctx));
    },
    get contactChanges() {
      return (made.contactChanges ??= createSqlContactChangeStore(ctx));
    },
    get passkeys() {
      return (made.passkeys ??= createSqlPasskeyStore(ctx));
    },
    get webPush() {
      return (made.webPush ??= createSqlWebPushStore(ctx));
    },
    get messageTexts() {
      return (made.messageTexts ??= createSqlMessageTextIndex(ctx));
    },
  };
}
