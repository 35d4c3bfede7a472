/**
 * What a new mailbox takes from its plan and from the addresses of deleted boxes (decision 0016):
 * with a plan given, its box quota and an expiry one term after activation (unless the request
 * sets them); without one, the `standard` plan's name when it exists and no expiry. The address of
 * a deleted box stays reserved to its holder's tax code: only the same holder registers it again.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { AddressReservation } from '../../ports/box-life-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { addCalendarMonths } from '../quarantine/add-calendar-months.ts';
import { AccountError } from './account-error.ts';

/** The plan of boxes created without one, when the operator has kept it (migration 13 makes it). */
export const defaultPlanName = 'standard';

export interface PlanTerm {
  readonly plan: string | null;
  /** The plan's box quota, when a plan was asked for and no quota given. */
  readonly quotaBytes: number | undefined;
  readonly activatedAt: Date;
  readonly expiresAt: Date | null;
}

export async function planTerm(
  storage: Pick<Storage, 'plans'>,
  now: Date,
  request: { readonly plan?: string; readonly quotaBytes?: number; readonly expiresAt?: Date },
  planName: string | null,
): Promise<PlanTerm> {
  if (planName === null || request.plan === undefined) {
    const standard = await storage.plans.get(defaultPlanName);
    return {
      plan: planName ?? standard?.name ?? null,
      quotaBytes: undefined,
      activatedAt: now,
      expiresAt: null,
    };
  }
  const plan = await storage.plans.get(planName);
  if (plan === undefined) {
    const known = (await storage.plans.list()).map((p) => p.name).join(', ');
    throw new AccountError('not-found', `no plan ${planName} (plans: ${known || 'none'}; pec plan add)`);
  }
  return {
    plan: plan.name,
    quotaBytes: request.quotaBytes === undefined ? plan.boxQuotaBytes : undefined,
    activatedAt: now,
    expiresAt: addCalendarMonths(now, plan.durationMonths),
  };
}

/**
 * Refuses an address reserved to another holder; returns the reservation the holder may reclaim.
 * `reuseReserved` is the operator's deliberate hand-over of the address to someone else.
 */
export async function checkReservation(
  storage: Pick<Storage, 'boxLife'>,
  address: Mailbox['address'],
  taxCode: string | null,
  reuseReserved = false,
): Promise<AddressReservation | undefined> {
  const reservation = await storage.boxLife.findReservation(address);
  if (reservation === undefined || reuseReserved) return reservation;
  const holder = reservation.holderTaxCode;
  if (holder === null || taxCode === null || holder.toUpperCase() !== taxCode.toUpperCase()) {
    throw new AccountError(
      'conflict',
      `${address} belonged to a deleted box and is reserved to its holder: only the same holder (the same tax ` +
        'code) may register it again, or the operator may hand it over deliberately with --reuse-reserved',
    );
  }
  return reservation;
}
