/**
 * Migration 28: the domain's default antispam choices (decision 0039), used by its boxes whose
 * holder never saved their own. All NULL: the provider's defaults.
 */
import type { Migration } from './migration.ts';

export const domainAntispam: Migration = {
  version: 28,
  name: 'domain-antispam',
  statements: () => [
    `alter table domain_settings add column antispam_enabled integer`,
    `alter table domain_settings add column spam_threshold double precision`,
    `alter table domain_settings add column spam_action text`,
  ],
};
