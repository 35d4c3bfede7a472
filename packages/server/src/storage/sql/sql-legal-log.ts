/**
 * LegalLog on SQL: the hash-chained registro dei log (pec-spec §6.4). Appends take the single head
 * row with an UPDATE, so entries chain in commit order even with concurrent writers (the lock is
 * held until the surrounding transaction ends: append log entries last). Updates of entries are
 * refused by a trigger; purges delete only a prefix and move the verification anchor.
 */
import type { Kysely, Selectable } from 'kysely';
import type { LegalLog, LegalLogEntry, LegalLogPurge } from '../../ports/legal-log.ts';
import { StorageError } from '../../ports/storage-error.ts';
import { hashLegalLogEntry } from './hash-legal-log-entry.ts';
import type { Database, LegalLogPurgesTable, LegalLogTable } from './schema.ts';
import { atomically, parseJson, type SqlContext } from './sql-context.ts';

const verifyPage = 1000;

export function createSqlLegalLog(ctx: SqlContext): LegalLog {
  const { db } = ctx;

  async function readHead(executor: Kysely<Database>) {
    return executor.selectFrom('legal_log_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }

  return {
    async append(entry) {
      if (Number.isNaN(entry.at.getTime()))
        throw new StorageError('invalid', 'legal log entry without a time');
      return atomically(ctx, async (tx) => {
        const head = await tx
          .updateTable('legal_log_head')
          .set((eb) => ({ seq: eb('seq', '+', 1) }))
          .where('id', '=', 1)
          .returning(['seq', 'hash'])
          .executeTakeFirstOrThrow();
        const chained = {
          at: entry.at,
          eventType: entry.eventType,
          msgid: entry.msgid,
          sender: entry.sender,
          recipients: [...entry.recipients],
          subject: entry.subject,
          relatedMsgids: [...entry.relatedMsgids],
          sendingProvider: entry.sendingProvider,
          seq: head.seq,
          prevHash: head.hash,
        };
        const hash = hashLegalLogEntry(chained);
        await tx
          .insertInto('legal_log')
          .values({
            seq: head.seq,
            at: entry.at.getTime(),
            event_type: entry.eventType,
            msgid: entry.msgid,
            sender: entry.sender,
            recipients: JSON.stringify(chained.recipients),
            subject: entry.subject,
            related_msgids: JSON.stringify(chained.relatedMsgids),
            sending_provider: entry.sendingProvider,
            prev_hash: head.hash,
            hash,
          })
          .execute();
        const terms = new Set<string>();
        for (const msgid of [entry.msgid, ...entry.relatedMsgids]) terms.add(`msgid\n${msgid}`);
        terms.add(`sender\n${entry.sender.toLowerCase()}`);
        for (const recipient of entry.recipients) terms.add(`recipient\n${recipient.toLowerCase()}`);
        await tx
          .insertInto('legal_log_terms')
          .values(
            [...terms].map((term) => {
              const split = term.indexOf('\n');
              return { seq: head.seq, kind: term.slice(0, split), value: term.slice(split + 1) };
            }),
          )
          .execute();
        await tx.updateTable('legal_log_head').set({ hash }).where('id', '=', 1).execute();
        return { ...chained, hash };
      });
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
