/**
 * Migration 25: a webhook endpoint can be disabled without losing its secret and delivery log
 * (decision 0031): `disabled_at` set, no new delivery is recorded for it and its pending ones wait
 * until it is enabled again.
 */
import type { Migration } from './migration.ts';

export const webhookEndpointPause: Migration = {
  version: 25,
  name: 'webhook-endpoint-pause',
  statements: () => ['alter table webhook_endpoints add column disabled_at bigint'],
};
