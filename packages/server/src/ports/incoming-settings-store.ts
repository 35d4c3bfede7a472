/**
 * Where a holder's incoming-mail settings live (decision 0026): the folder ordinary mail is filed
 * in, the antispam choices, the allow and block lists of ordinary senders, and the ordered rules on
 * incoming messages (stored as data; their conditions and actions are JSON). The ordinary-mail
 * policy itself (reject / accept / forward and the forward address) stays on the mailbox row.
 */
import type { IncomingRule, RuleDefinition } from './incoming-rule.ts';

/** The allow and block lists of ordinary senders (services/incoming-mail/sender-lists.ts). */
export type SenderListKind = 'allow' | 'block';

export interface SenderListEntry {
  readonly id: number;
  readonly list: SenderListKind;
  /** Lower-case address or domain. */
  readonly value: string;
}

/** What happens to ordinary mail rspamd scores at or over the threshold. */
export type SpamAction = 'spam-folder' | 'refuse';

export interface IncomingSettings {
  /** Folder where accepted ordinary mail is filed (default INBOX). */
  readonly ordinaryFolder: string;
  readonly antispamEnabled: boolean;
  /** rspamd score from which a message counts as spam. */
  readonly spamThreshold: number;
  /** For ordinary mail: filed in Spam or refused at SMTP time. */
  readonly spamAction: SpamAction;
  /** A signed PEC envelope scored as spam is filed in Spam (only labelled otherwise; never refused). */
  readonly pecSpamToFolder: boolean;
}

export const defaultIncomingSettings: IncomingSettings = {
  ordinaryFolder: 'INBOX',
  antispamEnabled: true,
  spamThreshold: 6,
  spamAction: 'spam-folder',
  pecSpamToFolder: false,
};

export interface IncomingSettingsStore {
  /** The mailbox's settings, the defaults when it never saved any. */
  get(mailboxId: number): Promise<IncomingSettings>;
  put(mailboxId: number, settings: IncomingSettings): Promise<void>;
  /** Both lists, allow then block, each alphabetical. */
  listSenders(mailboxId: number): Promise<SenderListEntry[]>;
  /** Adds an entry (normalised by the caller); answers the existing one when already listed. */
  addSender(mailboxId: number, list: SenderListKind, value: string): Promise<SenderListEntry>;
  /** False when there was no such entry of this mailbox. */
  removeSender(mailboxId: number, id: number): Promise<boolean>;
  /** The rules in their order. */
  listRules(mailboxId: number): Promise<IncomingRule[]>;
  /** Appends a rule at the end. */
  addRule(mailboxId: number, rule: RuleDefinition): Promise<IncomingRule>;
  /** Undefined when the mailbox has no such rule. */
  updateRule(mailboxId: number, id: number, rule: RuleDefinition): Promise<IncomingRule | undefined>;
  removeRule(mailboxId: number, id: number): Promise<boolean>;
  /** Sets the order: `ids` must be exactly the mailbox's rule ids; false otherwise (nothing changed). */
  reorderRules(mailboxId: number, ids: readonly number[]): Promise<boolean>;
}
