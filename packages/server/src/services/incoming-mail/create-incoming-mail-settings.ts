/**
 * IncomingMailSettings over storage (decision 0026): the ordinary-mail policy on the mailbox row,
 * everything else in the incoming-settings store. See incoming-settings.ts.
 */
import type { RuleDefinition } from '../../ports/incoming-rule.ts';
import type { Storage } from '../../ports/storage.ts';
import { parseMailboxAddress } from '../accounts/parse-mailbox-address.ts';
import { checkFolderName } from '../mailbox-access/check-folder-name.ts';
import { RefusalError } from '../refusal/refusal-error.ts';
import { antispamOf, type IncomingMailSettings, type OrdinaryMailSettings } from './incoming-settings.ts';
import { renderSieveScript } from './render-sieve-script.ts';
import { normalizeSenderEntry } from './sender-lists.ts';

export interface IncomingMailSettingsDependencies {
  readonly storage: Pick<Storage, 'accounts' | 'incoming'>;
  /** The provider has a spam filter (decision 0034); without one the choices are only kept. */
  readonly filterActive?: boolean;
}

function checkAddress(value: string): string {
  const parsed = parseMailboxAddress(value);
  if (parsed === undefined) throw new RefusalError({ reason: 'invalid-address', address: value });
  return parsed.address;
}

/** The rule with its folder names canonical and its addresses checked. */
function checkRule(rule: RuleDefinition): RuleDefinition {
  return {
    ...rule,
    name: rule.name.trim(),
    actions: rule.actions.map((action) => {
      if (action.kind === 'move') return { kind: 'move', folder: checkFolderName(action.folder) };
      if (action.kind === 'forward') return { kind: 'forward', to: checkAddress(action.to) };
      return action;
    }),
  };
}

export function createIncomingMailSettings(deps: IncomingMailSettingsDependencies): IncomingMailSettings {
  const { storage } = deps;
  const filterActive = deps.filterActive ?? false;
  const mailboxOf = async (mailboxId: number) => {
    const mailbox = await storage.accounts.getMailbox(mailboxId);
    if (mailbox === undefined) throw new Error(`no mailbox ${String(mailboxId)}`);
    return mailbox;
  };
  const ordinaryMail = async (mailboxId: number): Promise<OrdinaryMailSettings> => {
    const mailbox = await mailboxOf(mailboxId);
    const settings = await storage.incoming.get(mailboxId);
    const senders = await storage.incoming.listSenders(mailboxId);
    return {
      policy: mailbox.ordinaryMailPolicy,
      forwardAddress: mailbox.forwardAddress,
      folder: settings.ordinaryFolder,
      allow: senders.filter((e) => e.list === 'allow'),
      block: senders.filter((e) => e.list === 'block'),
    };
  };
  return {
    ordinaryMail,
    async setOrdinaryMail(mailboxId, change) {
      const mailbox = await mailboxOf(mailboxId);
      const forward =
        change.forwardAddress === undefined
          ? mailbox.forwardAddress
          : change.forwardAddress === null || change.forwardAddress.trim() === ''
            ? null
            : checkAddress(change.forwardAddress);
      if (change.policy === 'forward' && forward === null)
        throw new RefusalError({ reason: 'invalid-address', address: '' });
      if (forward !== null && forward === mailbox.address.toLowerCase())
        throw new RefusalError({ reason: 'invalid-address', address: forward });
      const folder = change.folder === undefined ? undefined : checkFolderName(change.folder.trim());
      await storage.accounts.updateMailbox(mailboxId, {
        ordinaryMailPolicy: change.policy,
        forwardAddress: forward,
      });
      if (folder !== undefined) {
        const settings = await storage.incoming.get(mailboxId);
        await storage.incoming.put(mailboxId, { ...settings, ordinaryFolder: folder });
      }
      return ordinaryMail(mailboxId);
    },
    async addSender(mailboxId, list, value) {
      const normalized = normalizeSenderEntry(value);
      if (normalized === undefined) throw new RefusalError({ reason: 'invalid-address', address: value });
      return storage.incoming.addSender(mailboxId, list, normalized);
    },
    removeSender: (mailboxId, id) => storage.incoming.removeSender(mailboxId, id),
    async antispam(mailboxId) {
      return { ...antispamOf(await storage.incoming.get(mailboxId)), filterActive };
    },
    async setAntispam(mailboxId, antispam) {
      const settings = await storage.incoming.get(mailboxId);
      await storage.incoming.put(mailboxId, {
        ...settings,
        antispamEnabled: antispam.enabled,
        spamThreshold: antispam.threshold,
        spamAction: antispam.action,
        pecSpamToFolder: antispam.pecToSpamFolder,
      });
      return { ...antispamOf(await storage.incoming.get(mailboxId)), filterActive };
    },
    rules: (mailboxId) => storage.incoming.listRules(mailboxId),
    addRule: (mailboxId, rule) => storage.incoming.addRule(mailboxId, checkRule(rule)),
    updateRule: (mailboxId, id, rule) => storage.incoming.updateRule(mailboxId, id, checkRule(rule)),
    removeRule: (mailboxId, id) => storage.incoming.removeRule(mailboxId, id),
    reorderRules: (mailboxId, ids) => storage.incoming.reorderRules(mailboxId, ids),
    async sieve(mailboxId) {
      const mailbox = await storage.accounts.getMailbox(mailboxId);
      if (mailbox === undefined) return undefined;
      return renderSieveScript(mailbox.address, await storage.incoming.listRules(mailboxId));
    },
  };
}
