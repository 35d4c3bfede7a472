/**
 * Migration 23: e-mail notices of new PEC (decision 0028): the ordinary addresses a box notifies
 * (at most five, each verified by a code sent to it, kept as its SHA-256 with the failed tries),
 * and one counter per box and hour of the notices sent and of those folded into the hour's
 * "and N more" notice, with when that notice went out; the quota level (70, 90, 100 %) a box was
 * last told of, so that each crossing is told once.
 */
import type { Migration } from './migration.ts';

export const newPecNotices: Migration = {
  version: 23,
  name: 'new-pec-notices',
  statements: () => [
    `create table notice_addresses (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       address text not null,
       code_hash text not null,
       failed_tries integer not null default 0,
       created_at bigint not null,
       verified_at bigint,
       primary key (mailbox_id, address))`,
    `create table notice_hours (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       hour_start bigint not null,
       sent integer not null default 0,
       folded integer not null default 0,
       flushed_at bigint,
       primary key (mailbox_id, hour_start))`,
    `create table quota_notice_levels (
       mailbox_id bigint primary key references mailboxes(id) on delete cascade,
       level integer not null,
       changed_at bigint not null)`,
  ],
};
