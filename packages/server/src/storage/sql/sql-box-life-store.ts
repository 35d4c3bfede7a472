/**
 * BoxLifeStore on SQL (SQLite or PostgreSQL): tables `box_terms`, `box_life_steps` and
 * `reserved_addresses` of migrations/0013-box-life.ts. A step claim is an insert that does nothing
 * when the (box, term, step) row exists, so of any number of nodes claiming at once exactly one
 * inserts; inside a transaction the claim commits or rolls back with the step's effects.
 */
import type { Selectable } from 'kysely';
import type { AddressReservation, BoxLifeStep, BoxLifeStore, BoxTerms } from '../../ports/box-life-store.ts';
import type { SqlContext } from './sql-context.ts';

export interface BoxTermsTable {
  mailbox_id: number;
  extra_quota_bytes: number;
  auto_renew: number;
  updated_at: number;
}

export interface BoxLifeStepsTable {
  mailbox_id: number;
  term_end: number;
  step: string;
  node: string;
  claimed_at: number;
}

export interface ReservedAddressesTable {
  address: string;
  holder_tax_code: string | null;
  reserved_at: number;
}

interface WebSessionsByMailbox {
  mailbox_id: number;
}

export function createSqlBoxLifeStore(ctx: SqlContext): BoxLifeStore {
  const db = ctx.db.withTables<{
    box_terms: BoxTermsTable;
    box_life_steps: BoxLifeStepsTable;
    reserved_addresses: ReservedAddressesTable;
    web_sessions: WebSessionsByMailbox;
  }>();

  async function getTerms(mailboxId: number): Promise<BoxTerms> {
    const row = await db
      .selectFrom('box_terms')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .executeTakeFirst();
    return row === undefined
      ? { mailboxId, extraQuotaBytes: 0, autoRenew: false }
      : {
          mailboxId,
          extraQuotaBytes: row.extra_quota_bytes,
          autoRenew: row.auto_renew === 1,
        };
  }

  return {
    getTerms,

    async setTerms(mailboxId, patch) {
      const current = await getTerms(mailboxId);
      const next = { ...current, ...patch };
      const values = {
        mailbox_id: mailboxId,
        extra_quota_bytes: next.extraQuotaBytes,
        auto_renew: next.autoRenew ? 1 : 0,
        updated_at: ctx.clock.now().getTime(),
      };
      await db
        .insertInto('box_terms')
        .values(values)
        .onConflict((oc) =>
          oc.column('mailbox_id').doUpdateSet({
            extra_quota_bytes: values.extra_quota_bytes,
            auto_renew: values.auto_renew,
            updated_at: values.updated_at,
          }),
        )
        .execute();
      return next;
    },

    async claimStep(step) {
      const result = await db
        .insertInto('box_life_steps')
        .values({
          mailbox_id: step.mailboxId,
          term_end: step.termEnd.getTime(),
          step: step.step,
          node: step.node,
          claimed_at: step.claimedAt.getTime(),
        })
        .onConflict((oc) => oc.columns(['mailbox_id', 'term_end', 'step']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async listSteps(mailboxId) {
      const rows = await db
        .selectFrom('box_life_steps')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('claimed_at')
        .orderBy('step')
        .execute();
      return rows.map(toStep);
    },

    async endSessions(mailboxId) {
      const result = await db
        .deleteFrom('web_sessions')
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async forgetMailbox(mailboxId) {
      await db.deleteFrom('box_terms').where('mailbox_id', '=', mailboxId).execute();
      // A webmail session must not outlive its box (decision 0016).
      await db.deleteFrom('web_sessions').where('mailbox_id', '=', mailboxId).execute();
    },

    async reserveAddress(reservation) {
      const values = {
        address: reservation.address.trim().toLowerCase(),
        holder_tax_code: reservation.holderTaxCode,
        reserved_at: reservation.reservedAt.getTime(),
      };
      await db
        .insertInto('reserved_addresses')
        .values(values)
        .onConflict((oc) =>
          oc.column('address').doUpdateSet({
            holder_tax_code: values.holder_tax_code,
            reserved_at: values.reserved_at,
          }),
        )
        .execute();
    },

    async findReservation(address) {
      const row = await db
        .selectFrom('reserved_addresses')
        .selectAll()
        .where('address', '=', address.trim().toLowerCase())
        .executeTakeFirst();
      return row === undefined ? undefined : toReservation(row);
    },

    async releaseReservation(address) {
      const result = await db
        .deleteFrom('reserved_addresses')
        .where('address', '=', address.trim().toLowerCase())
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listReservations() {
      const rows = await db.selectFrom('reserved_addresses').selectAll().orderBy('address').execute();
      return rows.map(toReservation);
    },
  };
}

function toStep(row: Selectable<BoxLifeStepsTable>): BoxLifeStep {
  return {
    mailboxId: row.mailbox_id,
    termEnd: new Date(row.term_end),
    step: row.step,
    node: row.node,
    claimedAt: new Date(row.claimed_at),
  };
}

function toReservation(row: Selectable<ReservedAddressesTable>): AddressReservation {
  return {
    address: row.address,
    holderTaxCode: row.holder_tax_code,
    reservedAt: new Date(row.reserved_at),
  };
}
