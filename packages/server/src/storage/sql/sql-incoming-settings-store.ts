/**
 * IncomingSettingsStore on SQL (SQLite or PostgreSQL), tables of
 * migrations/0019-incoming-settings.ts: settings one row per mailbox (absent: the defaults), the
 * sender lists, the rules with a position and their conditions/actions as JSON.
 */
import {
  defaultIncomingSettings,
  type IncomingSettings,
  type IncomingSettingsStore,
  type SenderListEntry,
  type SenderListKind,
  type SpamAction,
} from '../../ports/incoming-settings-store.ts';
import { antispamOf, type DomainSettingsTable } from './sql-admin-store.ts';
import type {
  IncomingRule,
  RuleAction,
  RuleCondition,
  RuleDefinition,
  RuleMatch,
} from '../../ports/incoming-rule.ts';
import { atomically, isUniqueViolation, parseJson, type SqlContext } from './sql-context.ts';

interface IncomingSettingsTable {
  mailbox_id: number;
  ordinary_folder: string;
  antispam_enabled: number;
  spam_threshold: number;
  spam_action: string;
  pec_spam_to_folder: number;
  updated_at: number;
}

interface SenderListTable {
  id: number;
  mailbox_id: number;
  list: string;
  value: string;
  created_at: number;
}

interface IncomingRuleTable {
  id: number;
  mailbox_id: number;
  position: number;
  name: string;
  enabled: number;
  match_mode: string;
  conditions: string;
  actions: string;
  created_at: number;
  updated_at: number;
}

function ruleOf(row: IncomingRuleTable): IncomingRule {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled === 1,
    match: row.match_mode as RuleMatch,
    conditions: parseJson<RuleCondition[]>(row.conditions),
    actions: parseJson<RuleAction[]>(row.actions),
  };
}

function entryOf(row: SenderListTable): SenderListEntry {
  return { id: row.id, list: row.list as SenderListKind, value: row.value };
}

function ruleColumns(rule: RuleDefinition) {
  return {
    name: rule.name,
    enabled: rule.enabled ? 1 : 0,
    match_mode: rule.match,
    conditions: JSON.stringify(rule.conditions),
    actions: JSON.stringify(rule.actions),
  };
}

export function createSqlIncomingSettingsStore(ctx: SqlContext): IncomingSettingsStore {
  const db = ctx.db.withTables<{
    incoming_settings: IncomingSettingsTable;
    sender_lists: SenderListTable;
    incoming_rules: IncomingRuleTable;
    mailboxes: { id: number; domain: string };
    domain_settings: DomainSettingsTable;
  }>();
  const now = () => ctx.clock.now().getTime();
  const findRule = (mailboxId: number, id: number) =>
    db
      .selectFrom('incoming_rules')
      .selectAll()
      .where('mailbox_id', '=', mailboxId)
      .where('id', '=', id)
      .executeTakeFirst();
  return {
    async get(mailboxId) {
      const row = await db
        .selectFrom('incoming_settings')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .executeTakeFirst();
      if (row === undefined) {
        // Never saved: the domain's default antispam choices, if its postmaster set some (decision 0039).
        const domain = await db
          .selectFrom('mailboxes')
          .innerJoin('domain_settings', 'domain_settings.domain', 'mailboxes.domain')
          .select(['antispam_enabled', 'spam_threshold', 'spam_action'])
          .where('mailboxes.id', '=', mailboxId)
          .executeTakeFirst();
        const antispam = domain === undefined ? null : antispamOf(domain);
        return antispam === null
          ? defaultIncomingSettings
          : {
              ...defaultIncomingSettings,
              antispamEnabled: antispam.enabled,
              spamThreshold: antispam.threshold,
              spamAction: antispam.action,
            };
      }
      return {
        ordinaryFolder: row.ordinary_folder,
        antispamEnabled: row.antispam_enabled === 1,
        spamThreshold: row.spam_threshold,
        spamAction: row.spam_action as SpamAction,
        pecSpamToFolder: row.pec_spam_to_folder === 1,
      } satisfies IncomingSettings;
    },
    async put(mailboxId, settings) {
      const columns = {
        ordinary_folder: settings.ordinaryFolder,
        antispam_enabled: settings.antispamEnabled ? 1 : 0,
        spam_threshold: settings.spamThreshold,
        spam_action: settings.spamAction,
        pec_spam_to_folder: settings.pecSpamToFolder ? 1 : 0,
        updated_at: now(),
      };
      await db
        .insertInto('incoming_settings')
        .values({ mailbox_id: mailboxId, ...columns })
        .onConflict((oc) => oc.column('mailbox_id').doUpdateSet(columns))
        .execute();
    },
    async listSenders(mailboxId) {
      const rows = await db
        .selectFrom('sender_lists')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('list')
        .orderBy('value')
        .execute();
      return rows.map(entryOf);
    },
    async addSender(mailboxId, list, value) {
      const existing = () =>
        db
          .selectFrom('sender_lists')
          .selectAll()
          .where('mailbox_id', '=', mailboxId)
          .where('list', '=', list)
          .where('value', '=', value)
          .executeTakeFirst();
      const found = await existing();
      if (found !== undefined) return entryOf(found);
      try {
        const row = await db
          .insertInto('sender_lists')
          .values({ mailbox_id: mailboxId, list, value, created_at: now() } as Omit<
            SenderListTable,
            'id'
          > as SenderListTable)
          .returningAll()
          .executeTakeFirstOrThrow();
        return entryOf(row);
      } catch (error) {
        const raced = isUniqueViolation(error) ? await existing() : undefined;
        if (raced === undefined) throw error;
        return entryOf(raced);
      }
    },
    async removeSender(mailboxId, id) {
      const result = await db
        .deleteFrom('sender_lists')
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async listRules(mailboxId) {
      const rows = await db
        .selectFrom('incoming_rules')
        .selectAll()
        .where('mailbox_id', '=', mailboxId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(ruleOf);
    },
    async addRule(mailboxId, rule) {
      return atomically(ctx, async (trx) => {
        const tx = trx.withTables<{ incoming_rules: IncomingRuleTable }>();
        const last = await tx
          .selectFrom('incoming_rules')
          .select((eb) => eb.fn.max<number | null>('position').as('position'))
          .where('mailbox_id', '=', mailboxId)
          .executeTakeFirst();
        const position = last?.position === null || last?.position === undefined ? 0 : last.position + 1;
        const row = await tx
          .insertInto('incoming_rules')
          .values({
            mailbox_id: mailboxId,
            position,
            ...ruleColumns(rule),
            created_at: now(),
            updated_at: now(),
          } as Omit<IncomingRuleTable, 'id'> as IncomingRuleTable)
          .returningAll()
          .executeTakeFirstOrThrow();
        return ruleOf(row);
      });
    },
    async updateRule(mailboxId, id, rule) {
      const result = await db
        .updateTable('incoming_rules')
        .set({ ...ruleColumns(rule), updated_at: now() })
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      const row = await findRule(mailboxId, id);
      return row === undefined ? undefined : ruleOf(row);
    },
    async removeRule(mailboxId, id) {
      const result = await db
        .deleteFrom('incoming_rules')
        .where('mailbox_id', '=', mailboxId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async reorderRules(mailboxId, ids) {
      return atomically(ctx, async (trx) => {
        const tx = trx.withTables<{ incoming_rules: IncomingRuleTable }>();
        const rows = await tx
          .selectFrom('incoming_rules')
          .select('id')
          .where('mailbox_id', '=', mailboxId)
          .execute();
        const current = new Set(rows.map((r) => r.id));
        if (
          ids.length !== current.size ||
          new Set(ids).size !== ids.length ||
          !ids.every((i) => current.has(i))
        )
          return false;
        for (const [position, id] of ids.entries()) {
          await tx
            .updateTable('incoming_rules')
            .set({ position, updated_at: now() })
            .where('mailbox_id', '=', mailboxId)
            .where('id', '=', id)
            .execute();
        }
        return true;
      });
    },
  };
}
