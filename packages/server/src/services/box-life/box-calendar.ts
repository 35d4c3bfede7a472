/**
 * The calendar of a box (seed 000, Aruba's FAQ; decision 0016), pure: active until its expiry
 * date; then `expired` for `graceDaysAfterExpiry` days (Super Ricezione: it receives and can be
 * read and renewed, but cannot send); then `deactivated` for `deletionDaysAfterDeactivation` days
 * (no receiving, no sign-in); then its contents are deleted. A box without an expiry date never
 * expires. The steps due at a time are computed here; the job (create-box-life.ts) claims and
 * applies them once each.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { BoxTerms } from '../../ports/box-life-store.ts';

export const dayMs = 24 * 60 * 60 * 1000;

export interface BoxCalendarSettings {
  readonly graceDaysAfterExpiry: number;
  readonly deletionDaysAfterDeactivation: number;
  readonly noticeDaysBeforeExpiry: readonly number[];
  readonly autoRenewDaysBeforeExpiry: number;
}

export type BoxState = 'active' | 'expired' | 'deactivated';

export interface BoxCalendar {
  readonly expiresAt: Date;
  /** End of Super Ricezione: no receiving, no sign-in from here. */
  readonly deactivatesAt: Date;
  /** The contents are deleted for good from here. */
  readonly deletesAt: Date;
}

export function boxCalendar(expiresAt: Date, settings: BoxCalendarSettings): BoxCalendar {
  const deactivatesAt = new Date(expiresAt.getTime() + settings.graceDaysAfterExpiry * dayMs);
  return {
    expiresAt,
    deactivatesAt,
    deletesAt: new Date(deactivatesAt.getTime() + settings.deletionDaysAfterDeactivation * dayMs),
  };
}

/** The state of a box at `now`, from its dates (a box marked expired without a date is closed). */
export function boxStateAt(
  mailbox: Pick<Mailbox, 'status' | 'expiresAt'>,
  now: Date,
  settings: Pick<BoxCalendarSettings, 'graceDaysAfterExpiry' | 'deletionDaysAfterDeactivation'>,
): BoxState {
  if (mailbox.expiresAt === null) return mailbox.status === 'expired' ? 'deactivated' : 'active';
  const calendar = boxCalendar(mailbox.expiresAt, {
    ...settings,
    noticeDaysBeforeExpiry: [],
    autoRenewDaysBeforeExpiry: 0,
  });
  if (now < calendar.expiresAt) return 'active';
  return now < calendar.deactivatesAt ? 'expired' : 'deactivated';
}

/** One step of the calendar, claimed once per (box, term, step). */
export type BoxStep =
  | { readonly step: `notice-${number}`; readonly kind: 'notice-before'; readonly daysBefore: number }
  | { readonly step: `charge-${string}`; readonly kind: 'charge' }
  | {
      readonly step: 'expire' | 'deactivate' | 'delete';
      readonly kind: 'expire' | 'deactivate' | 'delete';
      readonly notify: boolean;
    };

/**
 * The steps due at `now` for the box's current term, in the order they apply. Of the notices
 * before expiry only the nearest one due is listed (a job that ran late sends one notice, not
 * five); a transition's notice is skipped when the next transition is due too. Charges of an
 * automatic renewal are one per UTC day, from `autoRenewDaysBeforeExpiry` before expiry until
 * deactivation.
 */
export function dueBoxSteps(
  mailbox: Pick<Mailbox, 'expiresAt'>,
  terms: Pick<BoxTerms, 'autoRenew'>,
  now: Date,
  settings: BoxCalendarSettings,
): BoxStep[] {
  if (mailbox.expiresAt === null) return [];
  const calendar = boxCalendar(mailbox.expiresAt, settings);
  const expiry = calendar.expiresAt.getTime();
  const at = now.getTime();
  const steps: BoxStep[] = [];
  if (at < expiry) {
    const due = settings.noticeDaysBeforeExpiry.filter((days) => at >= expiry - days * dayMs);
    if (due.length > 0) {
      const daysBefore = Math.min(...due);
      steps.push({ step: `notice-${daysBefore}`, kind: 'notice-before', daysBefore });
    }
  }
  if (
    terms.autoRenew &&
    at >= expiry - settings.autoRenewDaysBeforeExpiry * dayMs &&
    now < calendar.deactivatesAt
  ) {
    steps.push({ step: `charge-${now.toISOString().slice(0, 10)}`, kind: 'charge' });
  }
  const deactivated = now >= calendar.deactivatesAt;
  const deleted = now >= calendar.deletesAt;
  if (at >= expiry) steps.push({ step: 'expire', kind: 'expire', notify: !deactivated });
  if (deactivated) steps.push({ step: 'deactivate', kind: 'deactivate', notify: !deleted });
  if (deleted) steps.push({ step: 'delete', kind: 'delete', notify: true });
  return steps;
}
