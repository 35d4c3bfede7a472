/**
 * NoticePreferenceStore on SQL (SQLite or PostgreSQL), tables `notice_preferences` and
 * `notice_digest_items` of migrations/0030-notice-digests-sms.ts.
 */
import { sql } from 'kysely';
import type {
  EmailNoticeMode,
  NoticePreferences,
  NoticePreferenceStore,
} from '../../ports/notice-preference-store.ts';
import type { SqlContext } from './sql-context.ts';

interface NoticePreferenceTable {
  mailbox_id: number;
  email_mode: string;
  digest_times: string;
  time_zone: string;
  last_digest_at: number | null;
  mobile: string | null;
  mobile_code_hash: string | null;
  mobile_failed_tries: number;
  mobile_verified_at: number | null;
  sms_enabled: number;
  sms_box_life: number;
  quiet_start: string | null;
  quiet_end: string | null;
  updated_at: number;
}

interface DigestItemTable {
  mailbox_id: number;
  item_id: string;
  sender: string | null;
  subject: string | null;
  received_at: number;
}

export const defaultNoticeZone = 'Europe/Rome';

const defaults: NoticePreferences = {
  emailMode: 'immediate',
  digestTimes: [],
  timeZone: defaultNoticeZone,
  mobile: null,
  mobileVerifiedAt: null,
  smsEnabled: false,
  smsBoxLife: false,
  quietStart: null,
  quietEnd: null,
};

function fromRow(row: NoticePreferenceTable): NoticePreferences {
  const times: unknown = JSON.parse(row.digest_times);
  return {
    emailMode: row.email_mode === 'digest' ? 'digest' : 'immediate',
    digestTimes: Array.isArray(times) ? times.filter((t): t is string => typeof t === 'string') : [],
    timeZone: row.time_zone,
    mobile: row.mobile,
    mobileVerifiedAt: row.mobile_verified_at === null ? null : new Date(row.mobile_verified_at),
    smsEnabled: row.sms_enabled === 1,
    smsBoxLife: row.sms_box_life === 1,
    quietStart: row.quiet_start,
    quietEnd: row.quiet_end,
  };
}

export function createSqlNoticePreferenceStore(ctx: SqlContext): NoticePreferenceStore {
  const db = ctx.db.withTables<{
    notice_preferences: NoticePreferenceTable;
    notice_digest_items: DigestItemTable;
  }>();
  async function ensureRow(mailboxId: number, at: Date): Promise<void> {
    await db
      .insertInto('notice_preferences')
      .values({
        mailbox_id: mailboxId,
        email_mode: defaults.emailMode,
        digest_times: '[]',
        time_zone: defaults.timeZone,
        last_digest_at: null,
        mobile: null,
        mobile_code_hash: null,
        mobile_failed_tries: 0,
        mobile_verified_at: null,
        sms_enabled: 0,
        sms_box_life: 0,
        quiet_start: null,
        quiet_end: null,
        updated_at: at.getTime(),
      })
      .onConflict((oc) => oc.column('mailbox_id').doNothing())
      .execute();
  }
  const row = (mailboxId: number) =>
    db.selectFrom('notice_preferences').selectAll().where('mailbox_id', '=', mailboxId).executeTakeFirst();
  const store: NoticePreferenceStore = {
    async get(mailboxId) {
      const found = await row(mailboxId);
      return found === undefined ? defaults : fromRow(found);
    },
    async update(mailboxId, patch, at) {
      await ensureRow(mailboxId, at);
      const before = await store.get(mailboxId);
      const columns: Partial<NoticePreferenceTable> = { updated_at: at.getTime() };
      if (patch.emailMode !== undefined) {
        columns.email_mode = patch.emailMode satisfies EmailNoticeMode;
        if (patch.emailMode === 'digest' && before.emailMode !== 'digest')
          columns.last_digest_at = at.getTime();
      }
      if (patch.digestTimes !== undefined) columns.digest_times = JSON.stringify(patch.digestTimes);
      if (patch.timeZone !== undefined) columns.time_zone = patch.timeZone;
      if (patch.smsEnabled !== undefined) columns.sms_enabled = patch.smsEnabled ? 1 : 0;
      if (patch.smsBoxLife !== undefined) columns.sms_box_life = patch.smsBoxLife ? 1 : 0;
      if (patch.quietStart !== undefined) columns.quiet_start = patch.quietStart;
      if (patch.quietEnd !== undefined) columns.quiet_end = patch.quietEnd;
      await db.updateTable('notice_preferences').set(columns).where('mailbox_id', '=', mailboxId).execute();
      return store.get(mailboxId);
    },
    async setMobile(mailboxId, mobile, codeHash, at) {
      await ensureRow(mailboxId, at);
      await db
        .updateTable('notice_preferences')
        .set({
          mobile,
          mobile_code_hash: codeHash,
          mobile_failed_tries: 0,
          mobile_verified_at: null,
          updated_at: at.getTime(),
        })
        .where('mailbox_id', '=', mailboxId)
        .execute();
    },
    async verifyMobile(mailboxId, codeHash, at, maxTries) {
      const found = await row(mailboxId);
      if (found?.mobile == null || found.mobile_code_hash === null) return 'unknown';
      if (found.mobile_verified_at !== null) return 'verified';
      if (found.mobile_failed_tries >= maxTries) return 'too-many-tries';
      const where = db
        .updateTable('notice_preferences')
        .where('mailbox_id', '=', mailboxId)
        .where('mobile_verified_at', 'is', null);
      if (found.mobile_code_hash !== codeHash) {
        await where.set({ mobile_failed_tries: sql`mobile_failed_tries + 1` }).execute();
        return 'wrong-code';
      }
      const done = await where
        .set({ mobile_verified_at: at.getTime(), updated_at: at.getTime() })
        .where('mobile_failed_tries', '<', maxTries)
        .where('mobile_code_hash', '=', codeHash)
        .executeTakeFirst();
      return done.numUpdatedRows > 0n ? 'verified' : 'too-many-tries';
    },
    async removeMobile(mailboxId, at) {
      await db
        .updateTable('notice_preferences')
        .set({
          mobile: null,
          mobile_code_hash: null,
          mobile_failed_tries: 0,
          mobile_verified_at: null,
          updated_at: at.getTime(),
        })
        .where('mailbox_id', '=', mailboxId)
        .execute();
    },
    async addDigestItem(mailboxId, item) {
      await db
        .insertInto('notice_digest_items')
        .values({
          mailbox_id: mailboxId,
          item_id: item.id,
          sender: item.from,
          subject: item.subject,
          received_at: item.receivedAt.getTime(),
        })
        .onConflict((oc) => oc.columns(['mailbox_id', 'item_id']).doNothing())
        .execute();
    },
    async digestBoxes() {
      const rows = await db
        .selectFrom('notice_preferences')
        .selectAll()
        .where('email_mode', '=', 'digest')
        .orderBy('mailbox_id')
        .execute();
      return rows.map((r) => ({
        mailboxId: r.mailbox_id,
        prefs: fromRow(r),
        lastDigestAt: r.last_digest_at === null ? null : new Date(r.last_digest_at),
      }));
    },
    async claimDigest(mailboxId, due) {
      const result = await db
        .updateTable('notice_preferences')
        .set({ last_digest_at: due.getTime() })
        .where('mailbox_id', '=', mailboxId)
        .where('email_mode', '=', 'digest')
        .where((eb) => eb.or([eb('last_digest_at', 'is', null), eb('last_digest_at', '<', due.getTime())]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async takeDigestItems(mailboxId, upTo) {
      const rows = await db
        .selectFrom('notice_digest_items')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .where('received_at', '<=', upTo.getTime())
        .orderBy('received_at')
        .orderBy('item_id')
        .execute();
      await db
        .deleteFrom('notice_digest_items')
        .where('mailbox_id', '=', mailboxId)
        .where('received_at', '<=', upTo.getTime())
        .execute();
      return rows.map((r) => ({
        id: r.item_id,
        from: r.sender,
        subject: r.subject,
        receivedAt: new Date(r.received_at),
      }));
    },
  };
  return store;
}
