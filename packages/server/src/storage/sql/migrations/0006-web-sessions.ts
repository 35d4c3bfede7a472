/**
 * Migration 6: the webmail's sessions (ports/web-session-store.ts), keyed by the SHA-256 of the
 * token, so that every node sharing the storage serves every session.
 */
import type { Migration } from './migration.ts';

export const webSessions: Migration = {
  version: 6,
  name: 'web-sessions',
  statements: () => [
    `create table web_sessions (
       id_hash text primary key,
       mailbox_id bigint not null,
       address text not null,
       display_name text not null,
       stay_signed_in integer not null,
       created_at bigint not null,
       last_seen_at bigint not null,
       expires_at bigint not null,
       user_agent text,
       remote_address text not null)`,
    'create index web_sessions_expires_at on web_sessions (expires_at)',
  ],
};
