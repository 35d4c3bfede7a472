/**
 * LegalLog on SQL: the hash-chained registro dei log (pec-spec §6.4). Appends take the single head
 * row with an UPDATE, so entries chain in commit order even with concurrent writers (the lock is
 * held until the surrounding transaction ends, which is why a transaction's entries are appended
 * only right before its commit, decision 0058). Updates of entries are
 * refused by a trigger; purges delete only a prefix and move the verification anchor.
 */
import type { Kysely, Selectable } from 'kysely';
import type { LegalLog, LegalLogEntry, LegalLogPurge, NewLegalLogEntry } from '../../ports/legal-log.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { hashLegalLogEntry } from './hash-legal-log-entry.ts';
import type { Database, LegalLogPurgesTable, LegalLogTable } from './schema.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

const verifyPage = 1000;

/**
 * Appends `entries` in order to the chain, inside the caller's transaction: one UPDATE takes the head
 * row (every writer of the cluster waits on it until this transaction ends) and reserves their
 * seqs, then the entries, their search terms and the new head hash (one statement on PostgreSQL). A
 * transaction's entries are appended together right before its commit (createSqlStorage), so
 * the head is held for these statements and the commit only.
 */
export async function appendLegalLogEntries(
  tx: Kysely<Database>,
  dialect: SqlContext['dialect'],
  entries: readonly NewLegalLogEntry[],
): Promise<LegalLogEntry[]> {
  if (entries.length === 0) return [];
  for (const entry of entries) {
    if (Number.isNaN(entry.at.getTime())) throw new StorageError('invalid', 'legal log entry without a time');
  }
  const head = await tx
    .updateTable('legal_log_head')
    .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = head.seq - entries.length;
  let prevHash = head.hash;
  const chainedEntries: LegalLogEntry[] = [];
  const terms: { seq: number; kind: string; value: string }[] = [];
  for (const entry of entries) {
    seq += 1;
    const chained = {
      at: entry.at,
      eventType: entry.eventType,
      msgid: entry.msgid,
      sender: entry.sender,
      recipients: [...entry.recipients],
      subject: entry.subject,
      relatedMsgids: [...entry.relatedMsgids],
      sendingProvider: entry.sendingProvider,
      seq,
      prevHash,
    };
    const hash = hashLegalLogEntry(chained);
    chainedEntries.push({ ...chained, hash });
    prevHash = hash;
    const keys = new Set<string>();
    for (const msgid of [entry.msgid, ...entry.relatedMsgids]) keys.add(`msgid\n${msgid}`);
    keys.add(`sender\n${entry.sender.toLowerCase()}`);
    for (const recipient of entry.recipients) keys.add(`recipient\n${recipient.toLowerCase()}`);
    for (const key of keys) {
      const split = key.indexOf('\n');
      terms.push({ seq, kind: key.slice(0, split), value: key.slice(split + 1) });
    }
  }
  const rows = chainedEntries.map((e) => ({
    seq: e.seq,
    at: e.at.getTime(),
    event_type: e.eventType,
    msgid: e.msgid,
    sender: e.sender,
    recipients: JSON.stringify(e.recipients),
    subject: e.subject,
    related_msgids: JSON.stringify(e.relatedMsgids),
    sending_provider: e.sendingProvider,
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  if (dialect === 'postgres') {
    // One statement, one round trip while the head is held: data-modifying WITH (PostgreSQL manual §7.8.4).
    await tx
      .with('entries', (db) => db.insertInto('legal_log').values(rows))
      .with('terms', (db) => db.insertInto('legal_log_terms').values(terms))
      .updateTable('legal_log_head')
      .set({ hash: prevHash })
      .where('id', '=', 1)
      .execute();
  } else {
    await tx.insertInto('legal_log').values(rows).execute();
    await tx.insertInto('legal_log_terms').values(terms).execute();
    await tx.updateTable('legal_log_head').set({ hash: prevHash }).where('id', '=', 1).execute();
  }
  return chainedEntries;
}

export function createSqlLegalLog(ctx: SqlContext): LegalLog {
  const { db } = ctx;

  async function readHead(executor: Kysely<Database>) {
    return executor.selectFrom('legal_log_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }

  return {
    async append(entry) {
      const [appended] = await atomically(ctx, (tx) => appendLegalLogEntries(tx, ctx.dialect, [entry]));
      if (appended === undefined) throw new StorageError('invalid', 'legal log entry not appended');
      return appended;
    },

    async get(seq) {
      const row = await db.selectFrom('legal_log').selectAll().where('seq', '=', seq).executeTakeFirst();
      return row === undefined ? undefined : toEntry(row);
    },

    async search(query) {
      let select = db.selectFrom('legal_log').selectAll().orderBy('seq');
      const terms: [string, string | undefined][] = [
        ['msgid', query.msgid],
        ['sender', query.sender?.toLowerCase()],
        ['recipient', query.recipient?.toLowerCase()],
      ];
      for (const [kind, value] of terms) {
        if (value === undefined) continue;
        select = select.where('seq', 'in', (eb) =>
          eb.selectFrom('legal_log_terms').select('seq').where('kind', '=', kind).where('value', '=', value),
        );
      }
      if (query.since !== undefined) select = select.where('at', '>=', query.since.getTime());
      if (query.until !== undefined) select = select.where('at', '<', query.until.getTime());
      select = select.limit(query.limit ?? 1000).offset(query.offset ?? 0);
      return (await select.execute()).map(toEntry);
    },

    async links(fromSeq, throughSeq) {
      const rows = await db
        .selectFrom('legal_log')
        .select(['seq', 'prev_hash', 'hash'])
        .where('seq', '>=', fromSeq)
        .where('seq', '<=', throughSeq)
        .orderBy('seq')
        .execute();
      return rows.map((row) => ({ seq: row.seq, prevHash: row.prev_hash, hash: row.hash }));
    },

    async head() {
      const head = await readHead(db);
      return { seq: head.seq, hash: head.hash };
    },

    async verifyChain() {
      const head = await readHead(db);
      let expectedSeq = head.anchor_seq + 1;
      let expectedPrev = head.anchor_hash;
      let checked = 0;
      for (;;) {
        const rows = await db
          .selectFrom('legal_log')
          .selectAll()
          .where('seq', '>=', expectedSeq)
          .where('seq', '<=', head.seq)
          .orderBy('seq')
          .limit(verifyPage)
          .execute();
        for (const row of rows) {
          if (row.seq !== expectedSeq) return { ok: false, checked, firstBadSeq: expectedSeq };
          if (row.prev_hash !== expectedPrev || recomputedHash(row) !== row.hash) {
            return { ok: false, checked, firstBadSeq: row.seq };
          }
          checked += 1;
          expectedSeq += 1;
          expectedPrev = row.hash;
        }
        if (rows.length < verifyPage) break;
      }
      if (expectedSeq - 1 !== head.seq || expectedPrev !== head.hash) {
        return { ok: false, checked, firstBadSeq: expectedSeq };
      }
      return { ok: true, checked };
    },

    async purge(options) {
      const now = options.now ?? ctx.clock.now();
      const before = monthsBefore(now, options.olderThanMonths);
      return atomically(ctx, async (tx) => {
        // Taking the head row first orders the purge with concurrent appends.
        const head = await tx
          .updateTable('legal_log_head')
          .set((eb) => ({ seq: eb.ref('seq') }))
          .where('id', '=', 1)
          .returningAll()
          .executeTakeFirstOrThrow();
        const firstYoung = await tx
          .selectFrom('legal_log')
          .select((eb) => eb.fn.min<number | null>('seq').as('seq'))
          .where('seq', '>', head.anchor_seq)
          .where('at', '>=', before.getTime())
          .executeTakeFirstOrThrow();
        const throughSeq = firstYoung.seq === null ? head.seq : firstYoung.seq - 1;
        if (throughSeq <= head.anchor_seq) return null;
        const last = await tx
          .selectFrom('legal_log')
          .select('hash')
          .where('seq', '=', throughSeq)
          .executeTakeFirst();
        if (last === undefined) throw new StorageError('invalid', `legal log entry ${throughSeq} is missing`);
        await tx.deleteFrom('legal_log_terms').where('seq', '<=', throughSeq).execute();
        const deleted = await tx.deleteFrom('legal_log').where('seq', '<=', throughSeq).executeTakeFirst();
        const purge = {
          purged_at: now.getTime(),
          before_at: before.getTime(),
          from_seq: head.anchor_seq + 1,
          through_seq: throughSeq,
          through_hash: last.hash,
          count: Number(deleted.numDeletedRows),
        };
        await tx.insertInto('legal_log_purges').values(purge).execute();
        await tx
          .updateTable('legal_log_head')
          .set({ anchor_seq: throughSeq, anchor_hash: last.hash })
          .where('id', '=', 1)
          .execute();
        return toPurge(purge);
      });
    },

    async listPurges() {
      const rows = await db.selectFrom('legal_log_purges').selectAll().orderBy('id').execute();
      return rows.map(toPurge);
    },
  };
}

/** The same wall-clock instant `months` calendar months earlier (UTC), clamped to the month's end. */
export function monthsBefore(now: Date, months: number): Date {
  const shifted = new Date(now.getTime());
  const day = shifted.getUTCDate();
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted;
}

/** The hash the row should carry; undefined when its stored fields no longer even parse. */
function recomputedHash(row: Selectable<LegalLogTable>): string | undefined {
  try {
    return hashLegalLogEntry(toEntry(row));
  } catch {
    return undefined;
  }
}

function toEntry(row: Selectable<LegalLogTable>): LegalLogEntry {
  return {
    seq: row.seq,
    at: new Date(row.at),
    eventType: row.event_type,
    msgid: row.msgid,
    sender: row.sender,
    recipients: parseJson<string[]>(row.recipients),
    subject: row.subject,
    relatedMsgids: parseJson<string[]>(row.related_msgids),
    sendingProvider: row.sending_provider,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toPurge(row: Omit<Selectable<LegalLogPurgesTable>, 'id'>): LegalLogPurge {
  return {
    purgedAt: new Date(row.purged_at),
    before: new Date(row.before_at),
    fromSeq: row.from_seq,
    throughSeq: row.through_seq,
    throughHash: row.through_hash,
    count: row.count,
  };
}
