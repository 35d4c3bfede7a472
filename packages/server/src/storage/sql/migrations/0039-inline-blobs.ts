/**
 * Migration 39, SQLite only: `inline_blobs`, the bytes of small blobs (up to 64 KiB) kept in the
 * embedded database itself (storage/blobs-sqlite, decision 0048), so that filing or reading a small
 * message costs one row instead of a file with its fsyncs. Larger blobs, and every blob written
 * before this migration, stay files under `blobs/`; nothing is moved. PostgreSQL keeps its blobs in
 * `blobs`/`blob_chunks` (migration 4) or in files, and gets no table here.
 */
import type { Migration } from './migration.ts';

export const inlineBlobs: Migration = {
  version: 39,
  name: 'inline-blobs',
  statements: (dialect) =>
    dialect === 'sqlite'
      ? [
          // A rowid table (not WITHOUT ROWID): its rows are large, and SQLite advises rowid tables
          // for rows bigger than a small fraction of a page (sqlite.org, "The WITHOUT ROWID Optimization").
          `create table inline_blobs (
             sha256 text primary key,
             size integer not null,
             data blob not null)`,
        ]
      : [],
};
