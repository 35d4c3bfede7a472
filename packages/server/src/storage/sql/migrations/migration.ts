/**
 * The shape of one versioned schema migration and the ordered list the runner applies.
 * A migration is a list of single SQL statements per dialect; versions only grow and an applied
 * migration is never edited (add a new one instead).
 */
import { initial } from './0001-initial.ts';
import { accessLog } from './0002-access-log.ts';
import { relayRoutes } from './0003-relay-routes.ts';
import { sharedState } from './0004-shared-state.ts';
import { logTimestamps } from './0005-log-timestamps.ts';
import { webSessions } from './0006-web-sessions.ts';
import { subscriptions } from './0007-subscriptions.ts';
import { recentClaims } from './0008-recent-claims.ts';
import { envelopeBlobKeys } from './0011-envelope-blob-keys.ts';
import { accountSecurity } from './0012-account-security.ts';
import { boxLife } from './0013-box-life.ts';
import { integration } from './0014-integration.ts';
import { selfService } from './0020-self-service.ts';
import { incomingSettings } from './0019-incoming-settings.ts';
import { holderPreferences } from './0018-holder-preferences.ts';
import { administration } from './0015-administration.ts';
import { newPecNotices } from './0023-new-pec-notices.ts';
import { saveDates } from './0021-save-dates.ts';
import { messageSentTimes } from './0031-message-sent-times.ts';
import { securityArchive } from './0029-security-archive.ts';
import { noticeDigestsSms } from './0030-notice-digests-sms.ts';
import { passkeysWebPush } from './0026-passkeys-web-push.ts';
import { domainAntispam } from './0028-domain-antispam.ts';
import { domainPlans } from './0024-domain-plans.ts';
import { webhookEndpointPause } from './0025-webhook-endpoint-pause.ts';
import { contacts } from './0032-contacts.ts';
import { messageStateIndex } from './0038-message-state-index.ts';
import { adminTokens } from './0035-admin-tokens.ts';
import { messageTexts } from './0036-message-texts.ts';
import { billingPayments } from './0034-billing-payments.ts';
import { calendarEvents } from './0033-calendar-events.ts';
import { boxLifeSms } from './0037-box-life-sms.ts';
import { inlineBlobs } from './0039-inline-blobs.ts';
import { messageTextPending } from './0040-message-text-pending.ts';
import { searchTexts } from './0041-search-texts.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: (dialect: 'sqlite' | 'postgres') => readonly string[];
}

export const migrations: readonly Migration[] = [
  initial,
  accessLog,
  relayRoutes,
  sharedState,
  logTimestamps,
  webSessions,
  subscriptions,
  recentClaims,
  envelopeBlobKeys,
  accountSecurity,
  boxLife,
  integration,
  administration,
  holderPreferences,
  incomingSettings,
  selfService,
  saveDates,
  newPecNotices,
  domainPlans,
  webhookEndpointPause,
  passkeysWebPush,
  domainAntispam,
  securityArchive,
  noticeDigestsSms,
  messageSentTimes,
  contacts,
  calendarEvents,
  billingPayments,
  adminTokens,
  messageTexts,
  boxLifeSms,
  messageStateIndex,
  inlineBlobs,
  messageTextPending,
  searchTexts,
];
