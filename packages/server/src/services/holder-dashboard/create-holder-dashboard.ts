/**
 * What the holder's home screen says about the PEC they sent (decision 0025), from the provider's
 * own tracking (pec-spec §2.5, §3.2–§3.8): the messages still waiting for a delivery receipt some
 * hours after acceptance, and the recipients that ended in non-delivery, virus or the 24 h timeout
 * in the last days. Only the holder's own messages: tracking is looked up by sender.
 */
import type { Clock } from '../../ports/clock.ts';
import {
  finalDeliveryStatuses,
  type MessageTrackingStore,
  type TrackedMessage,
} from '../../ports/message-tracking-store.ts';

export interface DashboardMessage {
  readonly identifier: string;
  readonly subject: string | null;
  readonly acceptedAt: Date;
  /** Recipients concerned: without a final receipt (awaiting) or failed (problems). */
  readonly recipients: readonly { readonly address: string; readonly status: string }[];
}

export interface HolderDashboard {
  readonly awaiting: { readonly count: number; readonly messages: readonly DashboardMessage[] };
  readonly problems: { readonly count: number; readonly messages: readonly DashboardMessage[] };
  readonly awaitingAfterHours: number;
  readonly problemDays: number;
}

export interface HolderDashboardSettings {
  /** A sent message counts as awaiting receipts this long after acceptance. */
  readonly awaitingAfterHours: number;
  /** How far back non-delivery and timeouts are shown. */
  readonly problemDays: number;
  /** Most messages listed per item (the counts are complete). */
  readonly listed: number;
  /** Most tracked messages read per request. */
  readonly scanLimit: number;
}

export const defaultDashboardSettings: HolderDashboardSettings = {
  awaitingAfterHours: 24,
  problemDays: 30,
  listed: 5,
  scanLimit: 5000,
};

const failed = new Set(['error', 'timeout-24h']);

export function createHolderDashboard(
  deps: { readonly tracking: Pick<MessageTrackingStore, 'listBySender'>; readonly clock: Clock },
  settings: HolderDashboardSettings = defaultDashboardSettings,
): { summary(sender: string): Promise<HolderDashboard> } {
  return {
    async summary(sender) {
      const now = deps.clock.now().getTime();
      const since = new Date(now - settings.problemDays * 86_400_000);
      const before = now - settings.awaitingAfterHours * 3_600_000;
      const sent = await deps.tracking.listBySender(sender, { since, limit: settings.scanLimit });
      const pick = (m: TrackedMessage, keep: (status: string) => boolean): DashboardMessage | undefined => {
        const recipients = m.recipients
          .filter((r) => keep(r.status))
          .map((r) => ({ address: r.address, status: r.status }));
        return recipients.length === 0
          ? undefined
          : { identifier: m.identifier, subject: m.subject, acceptedAt: m.acceptedAt, recipients };
      };
      const awaiting = sent
        .filter((m) => m.acceptedAt.getTime() <= before)
        .map((m) => pick(m, (s) => !finalDeliveryStatuses.includes(s as never)))
        .filter((m) => m !== undefined);
      const problems = sent.map((m) => pick(m, (s) => failed.has(s))).filter((m) => m !== undefined);
      const newest = (a: DashboardMessage, b: DashboardMessage) =>
        b.acceptedAt.getTime() - a.acceptedAt.getTime();
      return {
        awaiting: { count: awaiting.length, messages: awaiting.sort(newest).slice(0, settings.listed) },
        problems: { count: problems.length, messages: problems.sort(newest).slice(0, settings.listed) },
        awaitingAfterHours: settings.awaitingAfterHours,
        problemDays: settings.problemDays,
      };
    },
  };
}
