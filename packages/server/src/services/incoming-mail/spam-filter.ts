/**
 * The spam filter at the reception and delivery points (decision 0034). One message is scored at
 * most once, and only when a recipient has the filter on; a filter that cannot answer lets the
 * message flow unscored (fail open for scoring only) and says so in the event log, which the
 * metrics count. What a score means is each holder's choice (`IncomingSettings`): ordinary mail at
 * or over the threshold goes to Spam or is refused; a signed PEC is never refused, only marked with
 * the `$Junk` keyword (its signed bytes stay untouched, pec-spec §3.5) and moved to Spam when the
 * holder asked for it. The holder's allow list wins over any score.
 */
import type { EventLog } from '../../ports/event-log.ts';
import type { IncomingSettings } from '../../ports/incoming-settings-store.ts';
import type { StorageStores } from '../../ports/storage.ts';
import type { SpamEnvelope, SpamScanner, SpamVerdict } from '../../ports/spam-scanner.ts';

/** The IMAP keyword of a message judged spam (the de-facto keyword of Thunderbird, Apple Mail, Gmail). */
export const junkKeyword = '$Junk';
/** Set when the holder says a message is not spam. */
export const notJunkKeyword = '$NotJunk';
/** The Spam folder's name when the box has no folder marked `\Junk` (services/accounts/standard-folders.ts). */
export const spamFolderName = 'Spam';

/** What was done with a scored message for one recipient, most severe last. */
export type SpamAction = 'filed' | 'labelled' | 'spam-folder' | 'refused';
const severity: readonly SpamAction[] = ['filed', 'labelled', 'spam-folder', 'refused'];

export type ScoredVerdict = Extract<SpamVerdict, { kind: 'scored' }>;

export interface SpamCheck {
  /** The score, once (the scanner is asked at the first call); undefined when not scanned. */
  verdict(): Promise<ScoredVerdict | undefined>;
  /** Records what was done for a recipient; `report` logs once for the message. */
  record(action: SpamAction): void;
  /** One `antispam.scored` event with the most severe action, when the message was scored. */
  report(): void;
}

/** A lazy, fail-open check of one message; `scanner` undefined means no filter is configured. */
export function createSpamCheck(
  scanner: SpamScanner | undefined,
  events: EventLog,
  raw: Uint8Array,
  envelope: SpamEnvelope,
): SpamCheck {
  let pending: Promise<ScoredVerdict | undefined> | undefined;
  let scored: ScoredVerdict | undefined;
  let worst: SpamAction | undefined;
  return {
    verdict() {
      if (scanner === undefined) return Promise.resolve(undefined);
      pending ??= scanner.check(raw, envelope).then((verdict) => {
        if (verdict.kind === 'unavailable') {
          events.emit({ event: 'antispam.unavailable', reason: verdict.reason });
          return undefined;
        }
        scored = verdict;
        return verdict;
      });
      return pending;
    },
    record(action) {
      if (worst === undefined || severity.indexOf(action) > severity.indexOf(worst)) worst = action;
    },
    report() {
      if (scored === undefined) return;
      events.emit({
        event: 'antispam.scored',
        score: scored.score,
        symbols: scored.symbols,
        action: worst ?? 'filed',
      });
    },
  };
}

/** Whether the holder's filter counts this verdict as spam. */
export function isSpamFor(settings: IncomingSettings, verdict: ScoredVerdict | undefined): boolean {
  return settings.antispamEnabled && verdict !== undefined && verdict.score >= settings.spamThreshold;
}

/** The holder's Spam folder: the one marked `\Junk` (RFC 6154), whatever its name; `Spam` otherwise. */
export async function spamFolderOf(stores: StorageStores, mailboxId: number): Promise<string> {
  const folders = await stores.mailboxes.listFolders(mailboxId);
  return folders.find((folder) => folder.specialUse === '\\Junk')?.name ?? spamFolderName;
}
