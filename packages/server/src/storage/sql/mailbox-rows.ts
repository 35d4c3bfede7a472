/**
 * Row mapping and shared statements of the SQL MailboxStore: folder and message rows to port
 * values, the folder row lock that orders concurrent writers on PostgreSQL (SQLite has a single
 * writer already), UID-range filters and the mailbox usage counters kept beside every change.
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { sentTime, type MessageKind } from '@pec/core';
import {
  folderDelimiter,
  inboxName,
  type Folder,
  type MessageEnvelope,
  type MimeStructure,
  type NewMessage,
  type SpecialUse,
  type StoredMessage,
  type UidRange,
} from '../../ports/mailbox-store.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { deletedFlag, hasFlag, normalizeFlags, seenFlag } from './normalize-flags.ts';
import type { Database, FoldersTable, MessagesTable } from './schema.ts';
import { parseJson, type SqlContext } from './sql-context.ts';

/** Rows per multi-row statement: far below SQLite's 32766 and PostgreSQL's 65535 parameters. */
export const rowsPerStatement = 500;

export function inChunks<T>(items: readonly T[], size = rowsPerStatement): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function toFolder(row: Selectable<FoldersTable>): Folder {
  return {
    id: row.id,
    mailboxId: row.mailbox_id,
    name: row.name,
    uidValidity: row.uid_validity,
    uidNext: row.uid_next,
    highestModseq: row.highest_modseq,
    specialUse: row.special_use as SpecialUse | null,
    securityArchive: row.security_archive === 1,
    createdAt: new Date(row.created_at),
  };
}

/**
 * The port value of a message row. The envelope and MIME structure, the two large JSON texts, are
 * parsed when first read: listings that show neither (states, sorting keys, FETCH answers a client
 * already had rendered) skip the parse.
 */
export function toStoredMessage(row: Selectable<MessagesTable>): StoredMessage {
  let envelope: MessageEnvelope | undefined;
  let structure: MimeStructure | undefined;
  return {
    folderId: row.folder_id,
    uid: row.uid,
    modseq: row.modseq,
    blobKey: row.blob_key,
    size: row.size,
    internalDate: new Date(row.internal_date),
    saveDate: new Date(row.save_date),
    flags: parseJson<string[]>(row.flags),
    get envelope(): MessageEnvelope {
      return (envelope ??= parseJson<MessageEnvelope>(row.envelope));
    },
    get structure(): MimeStructure {
      return (structure ??= parseJson<MimeStructure>(row.structure));
    },
    pecType: row.pec_type as MessageKind | null,
    pecReference: row.pec_reference,
  };
}

/** The flag columns of a message row: the JSON list plus the two flags queries filter on. */
export function flagColumns(flags: readonly string[]): { flags: string; seen: number; deleted: number } {
  return {
    flags: JSON.stringify(flags),
    seen: hasFlag(flags, seenFlag) ? 1 : 0,
    deleted: hasFlag(flags, deletedFlag) ? 1 : 0,
  };
}

export function newMessageRow(
  folderId: number,
  uid: number,
  modseq: number,
  message: NewMessage,
  saveDate: Date,
): Selectable<MessagesTable> {
  return {
    folder_id: folderId,
    uid,
    modseq,
    blob_key: message.blobKey,
    size: message.size,
    internal_date: message.internalDate.getTime(),
    save_date: saveDate.getTime(),
    sent_at: sentTime(message.envelope.date, message.internalDate),
    ...flagColumns(normalizeFlags(message.flags ?? [])),
    envelope: JSON.stringify(message.envelope),
    structure: JSON.stringify(message.structure),
    pec_type: message.pecType ?? null,
    pec_reference: message.pecReference ?? null,
  };
}

/**
 * Reads a folder row and, on PostgreSQL, locks it until the transaction ends, so writers of one
 * folder queue up and UIDs and modseqs are handed out in commit order. Throws `not-found`.
 */
export async function lockFolder(
  ctx: SqlContext,
  db: Kysely<Database>,
  folderId: number,
): Promise<Selectable<FoldersTable>> {
  let query = db.selectFrom('folders').selectAll().where('id', '=', folderId);
  if (ctx.dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) throw new StorageError('not-found', `no folder ${folderId}`);
  return row;
}

/** Locks two folders in id order, so opposite copies or moves cannot deadlock. */
export async function lockFolderPair(
  ctx: SqlContext,
  db: Kysely<Database>,
  firstId: number,
  secondId: number,
): Promise<[Selectable<FoldersTable>, Selectable<FoldersTable>]> {
  if (firstId === secondId) {
    const row = await lockFolder(ctx, db, firstId);
    return [row, row];
  }
  const [low, high] = firstId < secondId ? [firstId, secondId] : [secondId, firstId];
  const lowRow = await lockFolder(ctx, db, low);
  const highRow = await lockFolder(ctx, db, high);
  return firstId === low ? [lowRow, highRow] : [highRow, lowRow];
}

/** Bumps a folder's UIDNEXT by `uids` and its HIGHESTMODSEQ by one; returns the new values. */
export async function advanceFolder(
  db: Kysely<Database>,
  folderId: number,
  uids: number,
): Promise<{ uidNext: number; modseq: number; uidValidity: number; mailboxId: number; inBoxUsage: boolean }> {
  const row = await db
    .updateTable('folders')
    .set((eb) => ({ uid_next: eb('uid_next', '+', uids), highest_modseq: eb('highest_modseq', '+', 1) }))
    .where('id', '=', folderId)
    .returning(['uid_next', 'highest_modseq', 'uid_validity', 'mailbox_id', 'security_archive'])
    .executeTakeFirst();
  if (row === undefined) throw new StorageError('not-found', `no folder ${folderId}`);
  return {
    uidNext: row.uid_next,
    modseq: row.highest_modseq,
    uidValidity: row.uid_validity,
    mailboxId: row.mailbox_id,
    // The security archive has its own quota (decision 0035): its rows leave the box usage alone.
    inBoxUsage: row.security_archive !== 1,
  };
}

/** Adds (or with negative values removes) bytes and messages to a mailbox's usage counters. */
export async function adjustUsage(
  db: Kysely<Database>,
  mailboxId: number,
  bytes: number,
  messages: number,
): Promise<void> {
  if (bytes === 0 && messages === 0) return;
  await db
    .updateTable('mailboxes')
    .set((eb) => ({
      used_bytes: eb('used_bytes', '+', bytes),
      message_count: eb('message_count', '+', messages),
    }))
    .where('id', '=', mailboxId)
    .execute();
}

/** Ascending UIDs as ranges of consecutive runs, so a statement over `1:*` names one range. */
export function uidRuns(uids: readonly number[]): UidRange[] {
  const runs: { from: number; to: number }[] = [];
  for (const uid of uids) {
    const last = runs[runs.length - 1];
    if (last !== undefined && uid === last.to + 1) last.to = uid;
    else runs.push({ from: uid, to: uid });
  }
  return runs;
}

/** `uid` within any of the ranges; true when `ranges` is undefined. */
export function uidFilter(
  eb: ExpressionBuilder<Database, 'messages'>,
  ranges: readonly UidRange[] | undefined,
): Expression<SqlBool> {
  if (ranges === undefined) return sql<SqlBool>`1 = 1`;
  if (ranges.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.or(
    ranges.map((range) => {
      const from = Math.min(range.from, range.to ?? Number.MAX_SAFE_INTEGER);
      const to = Math.max(range.from, range.to ?? Number.MAX_SAFE_INTEGER);
      return eb.and([eb('uid', '>=', from), eb('uid', '<=', to)]);
    }),
  );
}

/** The folder name as stored: `INBOX` in capitals, and no empty hierarchy levels. */
export function canonicalFolderName(name: string): string {
  if (name.toUpperCase() === inboxName) return inboxName;
  if (name === '' || name.split(folderDelimiter).some((level) => level === '')) {
    throw new StorageError('invalid', `bad folder name: ${JSON.stringify(name)}`);
  }
  return name;
}
