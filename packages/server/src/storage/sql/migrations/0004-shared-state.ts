/**
 * Migration 4: state that every node of a cluster shares through the database.
 * - `quarantine_records`: one row per virus detection (pec-spec §2.1, DPR 68/2005 art. 12); the
 *   bytes are in the blob store under `sha256`, and the row says until when they are kept.
 * - `login_throttle`: failed-login counters per key (remote address, box and address, box) and the
 *   addresses that logged in to a box, so that a failure on one node counts on every node.
 * - `maintenance_runs`: one row per daily task and day; its primary key lets exactly one node
 *   claim a day's run.
 * - PostgreSQL only, `blobs` and `blob_chunks`: the blob store on PostgreSQL, each blob's bytes in
 *   ordered chunks (storage/blobs-postgres). SQLite keeps blobs in files.
 */
import type { Migration } from './migration.ts';

export const sharedState: Migration = {
  version: 4,
  name: 'shared-state',
  statements: (dialect) => [
    `create table quarantine_records (
       id text primary key,
       sha256 text not null,
       size bigint not null,
       detected_at bigint not null,
       point text not null check (point in ('access', 'reception')),
       signature text not null,
       sender text not null,
       recipients text not null,
       identifier text,
       retain_until bigint not null)`,
    `create index quarantine_records_sha256 on quarantine_records (sha256)`,
    `create index quarantine_records_retain_until on quarantine_records (retain_until)`,
    `create table login_throttle (
       key text primary key,
       failures integer not null,
       last_at bigint not null)`,
    `create index login_throttle_last_at on login_throttle (last_at)`,
    `create table maintenance_runs (
       task text not null,
       day text not null,
       node text not null,
       claimed_at bigint not null,
       finished_at bigint,
       outcome text,
       primary key (task, day))`,
    ...(dialect === 'postgres'
      ? [
          `create table blobs (
             sha256 text primary key,
             size bigint not null,
             chunks integer not null,
             created_at bigint not null)`,
          `create table blob_chunks (
             sha256 text not null references blobs(sha256) on delete cascade,
             seq integer not null,
             data bytea not null,
             primary key (sha256, seq))`,
          // Chunks are written once and read whole: no compression, which would cost CPU for nothing
          // on messages that are mostly base64 already.
          `alter table blob_chunks alter column data set storage external`,
        ]
      : []),
  ],
};
