/**
 * The holder's incoming-mail settings (decision 0026), spoken by the API, the webmail and the CLI:
 * what happens to ordinary mail (reject, accept into a folder, forward), the allow and block lists
 * of ordinary senders, the antispam choices, and the ordered rules with their Sieve export.
 * Every operation names the mailbox it acts on; the adapters pass the signed-in holder's.
 * Invalid input is refused with the shared vocabulary (`invalid-address`, `invalid-folder-name`),
 * thrown as a RefusalError; a rule or entry that is not the mailbox's answers undefined / false.
 */
import type { OrdinaryMailPolicy } from '../../ports/account-store.ts';
import type { IncomingRule, RuleDefinition } from '../../ports/incoming-rule.ts';
import type {
  IncomingSettings,
  SenderListEntry,
  SenderListKind,
  SpamAction,
} from '../../ports/incoming-settings-store.ts';

export interface OrdinaryMailSettings {
  readonly policy: OrdinaryMailPolicy;
  /** Where ordinary mail goes with `forward`; null when none was set. */
  readonly forwardAddress: string | null;
  /** Where accepted ordinary mail is filed. */
  readonly folder: string;
  readonly allow: readonly SenderListEntry[];
  readonly block: readonly SenderListEntry[];
}

export interface OrdinaryMailChange {
  readonly policy: OrdinaryMailPolicy;
  readonly forwardAddress?: string | null;
  readonly folder?: string;
}

export interface AntispamSettings {
  readonly enabled: boolean;
  readonly threshold: number;
  readonly action: SpamAction;
  readonly pecToSpamFolder: boolean;
}

/** The choices and whether this provider scores mail at all (`antispam.rspamd.url`, decision 0034). */
export interface AntispamState extends AntispamSettings {
  readonly filterActive: boolean;
}

export interface IncomingMailSettings {
  ordinaryMail(mailboxId: number): Promise<OrdinaryMailSettings>;
  /** Throws `invalid-address` (forward without a valid address) or `invalid-folder-name`. */
  setOrdinaryMail(mailboxId: number, change: OrdinaryMailChange): Promise<OrdinaryMailSettings>;
  /** Throws `invalid-address` when `value` is neither an address nor a domain. */
  addSender(mailboxId: number, list: SenderListKind, value: string): Promise<SenderListEntry>;
  removeSender(mailboxId: number, id: number): Promise<boolean>;
  antispam(mailboxId: number): Promise<AntispamState>;
  setAntispam(mailboxId: number, settings: AntispamSettings): Promise<AntispamState>;
  rules(mailboxId: number): Promise<IncomingRule[]>;
  /** Throws `invalid-folder-name` / `invalid-address` for a bad move or forward action. */
  addRule(mailboxId: number, rule: RuleDefinition): Promise<IncomingRule>;
  updateRule(mailboxId: number, id: number, rule: RuleDefinition): Promise<IncomingRule | undefined>;
  removeRule(mailboxId: number, id: number): Promise<boolean>;
  /** False unless `ids` are exactly the mailbox's rules. */
  reorderRules(mailboxId: number, ids: readonly number[]): Promise<boolean>;
  /** The rules as a Sieve script (RFC 5228). Undefined when there is no such mailbox. */
  sieve(mailboxId: number): Promise<string | undefined>;
}

export function antispamOf(settings: IncomingSettings): AntispamSettings {
  return {
    enabled: settings.antispamEnabled,
    threshold: settings.spamThreshold,
    action: settings.spamAction,
    pecToSpamFolder: settings.pecSpamToFolder,
  };
}
