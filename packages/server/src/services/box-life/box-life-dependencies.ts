/**
 * What the box-life service needs: storage (accounts, mailboxes, plans, steps, ledger, outbox),
 * the blob store (notices filed in the box, contents deleted), the clock, the billing port, and
 * plain settings read from `boxLife` and `superReception` by the composition root.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Billing } from '../../ports/billing.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';
import type { BoxLifeSmsSettings } from '../holder-notices/queue-box-life-sms.ts';
import type { BoxCalendarSettings } from './box-calendar.ts';

export interface BoxLifeSettings extends BoxCalendarSettings {
  readonly providerName: string;
  /** Sender of the notices to holders (ordinary mail through the relay). */
  readonly noticeFrom: string;
  /** How long the relay keeps trying to deliver a notice. */
  readonly noticeLifetimeMs: number;
  /** Names this node in the step claims. */
  readonly node: string;
  readonly extraSpaceCentsPerGiBYear: number;
  /** The SMS of these notices (decision 0045); absent: e-mail only. */
  readonly sms?: BoxLifeSmsSettings;
}

export interface BoxLifeDependencies {
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly billing: Billing;
  readonly settings: BoxLifeSettings;
}
