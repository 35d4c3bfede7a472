/**
 * A customer domain's allowance (decisions 0021, 0030): how many boxes its postmasters may have and
 * which plans new boxes may take. Read and changed by `pec domain allowance` and the operator
 * console; the postmaster panel enforces it when a box is made or imported.
 */
import type { AccountStore } from '../../ports/account-store.ts';
import type { AdminStore } from '../../ports/admin-store.ts';
import type { PlanStore } from '../../ports/plan-store.ts';
import { AccountError } from '../accounts/account-error.ts';

export interface DomainAllowance {
  readonly domain: string;
  /** Boxes on the domain now, deleted ones not counted. */
  readonly boxes: number;
  /** Null: no limit. */
  readonly boxAllowance: number | null;
  /** Null: every plan. */
  readonly allowedPlans: readonly string[] | null;
}

export interface DomainAllowancePatch {
  readonly boxAllowance?: number | null;
  /** At least one plan, each one sold; null: every plan. */
  readonly allowedPlans?: readonly string[] | null;
}

export interface DomainAllowanceDependencies {
  readonly accounts: Pick<AccountStore, 'getDomain' | 'countMailboxes'>;
  readonly admin: Pick<AdminStore, 'getDomainSettings' | 'updateDomainSettings'>;
  readonly plans: Pick<PlanStore, 'get'>;
}

async function requireDomain(deps: DomainAllowanceDependencies, name: string): Promise<string> {
  const domain = name.trim().toLowerCase();
  if ((await deps.accounts.getDomain(domain)) === undefined)
    throw new AccountError('not-found', `${domain} is not a domain of this provider`);
  return domain;
}

async function describe(deps: DomainAllowanceDependencies, domain: string): Promise<DomainAllowance> {
  const settings = await deps.admin.getDomainSettings(domain);
  const all = await deps.accounts.countMailboxes({ domain });
  const deleted = await deps.accounts.countMailboxes({ domain, status: 'deleted' });
  return {
    domain,
    boxes: all - deleted,
    boxAllowance: settings.boxAllowance,
    allowedPlans: settings.allowedPlans,
  };
}

export async function domainAllowance(
  deps: DomainAllowanceDependencies,
  name: string,
): Promise<DomainAllowance> {
  return describe(deps, await requireDomain(deps, name));
}

/** Throws AccountError `not-found` (domain, plan) or `invalid` (a negative count, no plan). */
export async function setDomainAllowance(
  deps: DomainAllowanceDependencies,
  name: string,
  patch: DomainAllowancePatch,
  at: Date,
): Promise<DomainAllowance> {
  const domain = await requireDomain(deps, name);
  const { boxAllowance, allowedPlans } = patch;
  if (
    boxAllowance !== undefined &&
    boxAllowance !== null &&
    (!Number.isSafeInteger(boxAllowance) || boxAllowance < 0)
  )
    throw new AccountError('invalid', 'the allowance is a whole number of boxes, or none');
  if (allowedPlans !== undefined && allowedPlans !== null) {
    if (allowedPlans.length === 0)
      throw new AccountError('invalid', 'allow at least one plan, or every plan (null)');
    for (const plan of allowedPlans)
      if ((await deps.plans.get(plan)) === undefined) throw new AccountError('not-found', `no plan ${plan}`);
  }
  await deps.admin.updateDomainSettings(
    domain,
    {
      ...(boxAllowance === undefined ? {} : { boxAllowance }),
      ...(allowedPlans === undefined ? {} : { allowedPlans }),
    },
    at,
  );
  return describe(deps, domain);
}
