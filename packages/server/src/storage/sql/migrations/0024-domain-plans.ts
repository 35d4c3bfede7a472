/**
 * Migration 24: the plans a customer domain's postmasters may give new boxes (decision 0030), part of
 * the domain's allowance beside the number of boxes. A JSON array of plan names; null: every plan.
 */
import type { Migration } from './migration.ts';

export const domainPlans: Migration = {
  version: 24,
  name: 'domain-plans',
  statements: () => [`alter table domain_settings add column allowed_plans text`],
};
