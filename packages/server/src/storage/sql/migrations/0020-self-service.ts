/**
 * Migration 20: the holder's self-service (decision 0027): the single-use password recovery
 * links, kept as the SHA-256 of their token with the box, issue and expiry times and when spent;
 * the networks (CIDR) a box accepts sign-ins from, and the access-history entries refused because
 * they came from elsewhere (beside access_log, whose outcome check predates the reason).
 */
import type { Migration } from './migration.ts';

export const selfService: Migration = {
  version: 20,
  name: 'self-service',
  statements: () => [
    `create table recovery_tokens (
       token_hash text primary key,
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       created_at bigint not null,
       expires_at bigint not null,
       used_at bigint)`,
    'create index recovery_tokens_mailbox on recovery_tokens (mailbox_id)',
    `create table sign_in_networks (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       cidr text not null,
       position integer not null,
       created_at bigint not null,
       primary key (mailbox_id, cidr))`,
    `create table access_network_refusals (
       access_log_id bigint primary key references access_log(id) on delete cascade)`,
  ],
};
