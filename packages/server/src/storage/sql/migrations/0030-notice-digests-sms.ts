/**
 * Migration 30: digests and SMS notices of new PEC (decision 0036): each box's notice
 * preferences (e-mail at once or as a digest at chosen times, the due time last claimed, the
 * mobile number with the hash of its one-time code, SMS wanted, quiet hours); the PEC waiting for
 * the next digest; the SMS waiting for the gateway, and one counter per box and day for the cap;
 * the holder's contact changes (e-mail, mobile) waiting for their code.
 */
import type { Migration } from './migration.ts';

export const noticeDigestsSms: Migration = {
  version: 30,
  name: 'notice-digests-sms',
  statements: () => [
    `create table notice_preferences (
       mailbox_id bigint primary key references mailboxes(id) on delete cascade,
       email_mode text not null,
       digest_times text not null,
       time_zone text not null,
       last_digest_at bigint,
       mobile text,
       mobile_code_hash text,
       mobile_failed_tries integer not null default 0,
       mobile_verified_at bigint,
       sms_enabled integer not null default 0,
       quiet_start text,
       quiet_end text,
       updated_at bigint not null)`,
    `create table notice_digest_items (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       item_id text not null,
       sender text,
       subject text,
       received_at bigint not null,
       primary key (mailbox_id, item_id))`,
    `create table sms_outbox (
       id text primary key,
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       recipient text not null,
       body text not null,
       not_before bigint not null,
       created_at bigint not null,
       claimed_at bigint,
       sent_at bigint,
       attempts integer not null default 0,
       problem text,
       given_up integer not null default 0)`,
    `create index sms_outbox_due on sms_outbox (not_before)`,
    `create table sms_days (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       day text not null,
       sent integer not null default 0,
       primary key (mailbox_id, day))`,
    `create table contact_changes (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       kind text not null,
       new_value text not null,
       code_hash text not null,
       failed_tries integer not null default 0,
       created_at bigint not null,
       primary key (mailbox_id, kind))`,
  ],
};
