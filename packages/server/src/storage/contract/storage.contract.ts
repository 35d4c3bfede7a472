/**
 * The whole metadata contract in one call, for adapter tests: every store's suite plus the
 * transaction suite, all against the same harness.
 */
import { describeAccountSecurityStore } from './account-security-store.contract.ts';
import { describeAdminStores } from './admin-stores.contract.ts';
import { describeAdminCredentialStores } from './admin-credentials.contract.ts';
import { describeAccountStore } from './account-store.contract.ts';
import { describeBoxLifeStores } from './box-life.contract.ts';
import { describeBillingPayments } from './billing-payments.contract.ts';
import { describeHolderPreferenceStore } from './holder-preference-store.contract.ts';
import { describeContactStore } from './contact-store.contract.ts';
import { describeCalendarStore } from './calendar-store.contract.ts';
import { describeIntegrationStores } from './integration-stores.contract.ts';
import { describeIncomingSettingsStore } from './incoming-settings.contract.ts';
import { describeLegalLog } from './legal-log.contract.ts';
import { describeMailboxSessionState } from './mailbox-session-state.contract.ts';
import { describeMailboxStore } from './mailbox-store.contract.ts';
import { describeMessageTextIndex } from './message-text-index.contract.ts';
import { describeMessageTextPieces } from './message-text-pieces.contract.ts';
import { describeSentTimeListing } from './sent-time-listing.contract.ts';
import { describeMessageTrackingStore } from './message-tracking-store.contract.ts';
import { describeNoticeStore } from './notice-store.contract.ts';
import { describeNoticePreferenceStore } from './notice-preference-store.contract.ts';
import { describePasskeyStore } from './passkey-store.contract.ts';
import { describeQueueStore } from './queue-store.contract.ts';
import { describeRecoveryTokenStore } from './recovery-token-store.contract.ts';
import { describeFlagRuns } from './flag-runs.contract.ts';
import { describeMessageHeads } from './message-heads.contract.ts';
import { describeSaveDates } from './save-date.contract.ts';
import { describeSecurityArchiveStore } from './security-archive.contract.ts';
import type { StorageHarness } from './storage-harness.ts';
import { describeStorageTransactions } from './storage-transaction.contract.ts';

export function describeStorage(name: string, harness: StorageHarness): void {
  describeAccountStore(name, harness);
  describeMailboxStore(name, harness);
  describeSentTimeListing(name, harness);
  describeSaveDates(name, harness);
  describeMessageHeads(name, harness);
  describeFlagRuns(name, harness);
  describeMailboxSessionState(name, harness);
  describeQueueStore(name, harness);
  describeMessageTrackingStore(name, harness);
  describeLegalLog(name, harness);
  describeStorageTransactions(name, harness);
  describeBoxLifeStores(name, harness);
  describeBillingPayments(name, harness);
  describeAccountSecurityStore(name, harness);
  describeIntegrationStores(name, harness);
  describeRecoveryTokenStore(name, harness);
  describeIncomingSettingsStore(name, harness);
  describeHolderPreferenceStore(name, harness);
  describeContactStore(name, harness);
  describeCalendarStore(name, harness);
  describeAdminStores(name, harness);
  describeAdminCredentialStores(name, harness);
  describeNoticeStore(name, harness);
  describeSecurityArchiveStore(name, harness);
  describeNoticePreferenceStore(name, harness);
  describePasskeyStore(name, harness);
  describeMessageTextIndex(name, harness);
  describeMessageTextPieces(name, harness);
}
