/**
 * The operator's catalogue of plans (`pec plan add|list|set`): fields checked here, stored through
 * the PlanStore. Names are lower-case letters, digits and dashes.
 */
import type { NewPlan, Plan, PlanPatch, PlanStore } from '../../ports/plan-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { BoxLifeError } from './box-life-error.ts';

const namePattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

function checkFields(patch: PlanPatch): void {
  const whole = (value: number | undefined, what: string, min = 0) => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
      throw new BoxLifeError('invalid', `${what} must be a whole number of at least ${min}`);
    }
  };
  whole(patch.boxQuotaBytes, 'the box quota', 1);
  whole(patch.archiveQuotaBytes, 'the archive quota');
  whole(patch.durationMonths, 'the duration in months', 1);
  whole(patch.priceCents, 'the price in cents');
  if (patch.durationMonths !== undefined && patch.durationMonths > 120) {
    throw new BoxLifeError('invalid', 'a term lasts at most 120 months');
  }
}

export async function addPlan(plans: PlanStore, plan: NewPlan): Promise<Plan> {
  const name = plan.name.trim().toLowerCase();
  if (!namePattern.test(name)) {
    throw new BoxLifeError(
      'invalid',
      `plan names are lower-case letters, digits and dashes, not ${JSON.stringify(plan.name)}`,
    );
  }
  checkFields(plan);
  try {
    return await plans.add({ ...plan, name });
  } catch (error) {
    if (isStorageError(error, 'conflict'))
      throw new BoxLifeError('conflict', `plan ${name} exists: change it with pec plan set`);
    throw error;
  }
}

export async function changePlanFields(plans: PlanStore, name: string, patch: PlanPatch): Promise<Plan> {
  checkFields(patch);
  try {
    return await plans.update(name, patch);
  } catch (error) {
    if (isStorageError(error, 'not-found'))
      throw new BoxLifeError('not-found', `no plan ${name.trim().toLowerCase()}`);
    throw error;
  }
}

export async function requirePlan(plans: PlanStore, name: string): Promise<Plan> {
  const plan = await plans.get(name);
  if (plan === undefined) {
    const known = (await plans.list()).map((p) => p.name).join(', ');
    throw new BoxLifeError(
      'not-found',
      `no plan ${name.trim().toLowerCase()} (plans: ${known || 'none'}; pec plan add)`,
    );
  }
  return plan;
}
