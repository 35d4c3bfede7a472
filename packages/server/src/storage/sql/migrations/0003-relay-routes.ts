/**
 * Migration 3: static relay routes (ports/route-store.ts), one row per destination domain or `*`.
 * `tls` is null when the policy follows the recipient kind (required for PEC, pec-spec §8.6).
 */
import type { Migration } from './migration.ts';

export const relayRoutes: Migration = {
  version: 3,
  name: 'relay-routes',
  statements: () => [
    `create table relay_routes (
       domain text primary key,
       host text not null,
       port integer not null check (port between 1 and 65535),
       tls text check (tls in ('required', 'opportunistic', 'none')),
       created_at bigint not null,
       updated_at bigint not null)`,
  ],
};
