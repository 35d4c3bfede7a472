/**
 * Migration 5: the daily RFC 3161 tokens of the log register (ports/log-timestamp-store.ts,
 * pec-spec §6.4, §8.5), one row per calendar day, beside the hash chain they seal.
 */
import type { Migration } from './migration.ts';

export const logTimestamps: Migration = {
  version: 5,
  name: 'log-timestamps',
  statements: (dialect) => [
    `create table legal_log_timestamps (
       day text primary key,
       through_seq bigint not null,
       head_hash text not null,
       token ${dialect === 'sqlite' ? 'blob' : 'bytea'} not null,
       gen_time bigint not null,
       stored_at bigint not null)`,
  ],
};
