/**
 * Migration 7: subscriptions become a list of names per mailbox (RFC 3501 §6.3.6–6.3.7, RFC 5258
 * §3): a name stays subscribed when its folder is deleted and may name a folder that does not exist.
 * The per-folder mark of migration 1 is copied over and dropped.
 */
import type { Migration } from './migration.ts';

export const subscriptions: Migration = {
  version: 7,
  name: 'subscriptions',
  statements: () => [
    `create table subscriptions (
       mailbox_id bigint not null references mailboxes(id) on delete cascade,
       name text not null,
       primary key (mailbox_id, name))`,
    `insert into subscriptions (mailbox_id, name) select mailbox_id, name from folders where subscribed = 1`,
    `alter table folders drop column subscribed`,
  ],
};
