/**
 * Migration 20: the holder's self-service (decision 0027): the single-use password recovery
 * links, kept as the SHA-256 of their token with the box, issue and expiry times and when spent.
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
  ],
};
