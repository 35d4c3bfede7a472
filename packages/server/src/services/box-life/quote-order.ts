/**
 * What an order would buy and cost now, before the holder confirms it (decision 0041, on 0038):
 * the price (a renewal's whole terms, extra space prorated to the expiry, a plan change up paying
 * the prorated difference and down free), the expiry and the quota after it. The checks are the
 * ones the order itself makes, so a quote is refused exactly when the order would be.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { Plan } from '../../ports/plan-store.ts';
import { formatQuotaSize } from '../accounts/parse-quota-size.ts';
import { addCalendarMonths } from '../quarantine/add-calendar-months.ts';
import { boxCalendar } from './box-calendar.ts';
import type { BoxLifeDependencies } from './box-life-dependencies.ts';
import { BoxLifeError } from './box-life-error.ts';
import { requirePlan } from './manage-plans.ts';
import { extraSpacePrice, termPrice } from './renew-box.ts';

export type OrderQuoteRequest =
  | { readonly kind: 'renewal'; readonly years: number }
  | { readonly kind: 'extra-space'; readonly bytes: number }
  | { readonly kind: 'plan-change'; readonly plan: string };

export interface OrderQuote {
  readonly kind: OrderQuoteRequest['kind'];
  readonly priceCents: number;
  /** The expiry after the order (unchanged but for a renewal). */
  readonly expiresAt: Date | null;
  /** The box's quota after the order. */
  readonly quotaBytes: number;
}

/** Seed 000: a box renews while active or in its grace period, and only when its contents fit. */
export function assertRenewable(
  mailbox: Mailbox,
  now: Date,
  settings: BoxLifeDependencies['settings'],
): Date {
  const termEnd = mailbox.expiresAt;
  if (termEnd === null)
    throw new BoxLifeError('refused', `${mailbox.address} has no expiry date: nothing to renew`, {
      refusal: 'no-expiry',
    });
  const calendar = boxCalendar(termEnd, settings);
  if (now >= calendar.deactivatesAt) {
    throw new BoxLifeError(
      'refused',
      `${mailbox.address} was deactivated on ${calendar.deactivatesAt.toISOString().slice(0, 10)}: a box can be ` +
        `renewed only while active or within ${settings.graceDaysAfterExpiry} days of its expiry`,
      { refusal: 'deactivated' },
    );
  }
  if (mailbox.usedBytes > mailbox.quotaBytes) {
    throw new BoxLifeError(
      'refused',
      `${mailbox.address} holds ${formatQuotaSize(mailbox.usedBytes)} but its quota is ` +
        `${formatQuotaSize(mailbox.quotaBytes)}: the renewal needs the contents to fit. Buy space ` +
        '(pec mailbox add-space), move to a larger plan (pec mailbox plan) or free space, then renew',
      { refusal: 'needs-space' },
    );
  }
  return termEnd;
}

/** A plan change down only if the contents fit (issue "the box's life"); returns the new quota. */
export function assertPlanFits(mailbox: Mailbox, plan: Plan, extraQuotaBytes: number): number {
  const quotaBytes = plan.boxQuotaBytes + extraQuotaBytes;
  if (mailbox.usedBytes > quotaBytes) {
    throw new BoxLifeError(
      'refused',
      `${mailbox.address} holds ${formatQuotaSize(mailbox.usedBytes)}, more than the ${formatQuotaSize(quotaBytes)} ` +
        `of plan ${plan.name}: free space first, or buy space`,
      { refusal: 'contents-exceed-plan' },
    );
  }
  return quotaBytes;
}

/** Upgrades pay the yearly difference prorated to the expiry; downgrades are not refunded. */
export function planChangePrice(
  current: Plan | undefined,
  plan: Plan,
  now: Date,
  expiresAt: Date | null,
): number {
  const yearly = (p: Plan | undefined) =>
    p === undefined ? 0 : termPrice(p.priceCents, p.durationMonths, 12);
  const difference = yearly(plan) - yearly(current);
  return difference <= 0 ? 0 : extraSpacePrice(1024 ** 3, difference, now, expiresAt);
}

export async function quoteOrder(
  deps: BoxLifeDependencies,
  mailbox: Mailbox,
  request: OrderQuoteRequest,
): Promise<OrderQuote> {
  const { storage, settings } = deps;
  const now = deps.clock.now();
  const current = mailbox.plan === null ? undefined : await storage.plans.get(mailbox.plan);
  switch (request.kind) {
    case 'renewal': {
      if (!Number.isInteger(request.years) || request.years < 1 || request.years > 5)
        throw new BoxLifeError('invalid', 'a renewal is for 1 to 5 years');
      const termEnd = assertRenewable(mailbox, now, settings);
      const months = request.years * 12;
      return {
        kind: 'renewal',
        priceCents: current === undefined ? 0 : termPrice(current.priceCents, current.durationMonths, months),
        expiresAt: addCalendarMonths(termEnd, months),
        quotaBytes: mailbox.quotaBytes,
      };
    }
    case 'extra-space':
      if (!Number.isSafeInteger(request.bytes) || request.bytes <= 0)
        throw new BoxLifeError('invalid', 'the space to add must be positive');
      return {
        kind: 'extra-space',
        priceCents: extraSpacePrice(
          request.bytes,
          settings.extraSpaceCentsPerGiBYear,
          now,
          mailbox.expiresAt,
        ),
        expiresAt: mailbox.expiresAt,
        quotaBytes: mailbox.quotaBytes + request.bytes,
      };
    case 'plan-change': {
      const plan = await requirePlan(storage.plans, request.plan);
      const terms = await storage.boxLife.getTerms(mailbox.id);
      return {
        kind: 'plan-change',
        priceCents: planChangePrice(current, plan, now, mailbox.expiresAt),
        expiresAt: mailbox.expiresAt,
        quotaBytes: assertPlanFits(mailbox, plan, terms.extraQuotaBytes),
      };
    }
  }
}
