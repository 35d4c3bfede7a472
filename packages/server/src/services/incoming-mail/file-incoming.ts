/**
 * Files an incoming message for a holder after running the holder's rules on it (decision 0026):
 * the folder and flags the rules choose, INBOX (or the given default) otherwise. Called by the
 * delivery and reception points inside their transaction, AFTER the delivery receipt or notice is
 * built: the rules decide only where the message is filed and how it is marked, never what a
 * receipt proves (pec-spec §3.5: the receipt attests delivery into the mailbox, whichever folder).
 * A folder that does not exist is created (store-message.ts), so a message is never lost to a rule.
 */
import type { MimeStructure } from '../../ports/mailbox-store.ts';
import { inboxName } from '../../ports/mailbox-store.ts';
import type { PecCategory } from '../../ports/incoming-rule.ts';
import { pecCategories } from '../../ports/incoming-rule.ts';
import type { StorageStores } from '../../ports/storage.ts';
import { appendPrepared, type PreparedMessage } from '../mailboxes/store-message.ts';
import { evaluateIncomingRules, type RulesOutcome } from './evaluate-incoming-rules.ts';
import type { IncomingFacts } from './incoming-facts.ts';

/** The signature and the certification data are parts of every PEC, not attachments. */
function isPecPart(part: MimeStructure): boolean {
  const name = (part.params['name'] ?? part.disposition?.params['filename'] ?? '').toLowerCase();
  return (
    (part.type === 'application' && /^(x-)?pkcs7-signature$/.test(part.subtype)) ||
    name === 'daticert.xml' ||
    name === 'smime.p7s'
  );
}

/** Whether the message (or the original inside a PEC envelope, postacert.eml) has attachments. */
export function hasAttachments(structure: MimeStructure): boolean {
  if (structure.message !== null) {
    const name = (structure.params['name'] ?? structure.disposition?.params['filename'] ?? '').toLowerCase();
    // postacert.eml is the original, not an attachment: look inside it (pec-spec §3.1).
    if (name === 'postacert.eml') return hasAttachments(structure.message.structure);
    return true;
  }
  if (structure.parts.length > 0) return structure.parts.some(hasAttachments);
  if (isPecPart(structure)) return false;
  return structure.disposition?.type.toLowerCase() === 'attachment';
}

const isCategory = (value: string): value is PecCategory =>
  (pecCategories as readonly string[]).includes(value);

/** Facts from the stored description; `overrides` give what the caller knows better (daticert). */
export function factsOf(prepared: PreparedMessage, overrides: Partial<IncomingFacts> = {}): IncomingFacts {
  const { envelope } = prepared;
  const type = prepared.pecType ?? 'ordinaria';
  return {
    // A PEC's From names the provider ("Per conto di"); its Reply-To is the original sender.
    sender: envelope.replyTo[0]?.address ?? envelope.from[0]?.address ?? '',
    recipients: [...envelope.to, ...envelope.cc].map((a) => a.address),
    subject: envelope.subject ?? '',
    pecType: isCategory(type) ? type : 'ordinaria',
    hasAttachments: hasAttachments(prepared.structure),
    size: prepared.size,
    ...overrides,
  };
}

export interface FileIncomingTarget {
  readonly mailboxId: number;
  readonly internalDate: Date;
  readonly facts: IncomingFacts;
  /** Where the message goes when no rule moves it. Default INBOX. */
  readonly defaultFolder?: string;
  /** Flags set whatever the rules say (e.g. the spam keyword). */
  readonly flags?: readonly string[];
  /** A folder that wins over the rules' (e.g. Spam when the holder asked for it). */
  readonly forcedFolder?: string;
}

export async function fileIncoming(
  tx: StorageStores,
  prepared: PreparedMessage,
  target: FileIncomingTarget,
): Promise<RulesOutcome> {
  const outcome = evaluateIncomingRules(await tx.incoming.listRules(target.mailboxId), target.facts);
  const flags = [...new Set([...(target.flags ?? []), ...outcome.flags])];
  await appendPrepared(tx, prepared, {
    mailboxId: target.mailboxId,
    folderName: target.forcedFolder ?? outcome.folder ?? target.defaultFolder ?? inboxName,
    internalDate: target.internalDate,
    ...(flags.length === 0 ? {} : { flags }),
  });
  return outcome;
}
