/**
 * Untagged updates of one session (RFC 9051 §7: EXISTS, EXPUNGE, FETCH FLAGS; RFC 2177 IDLE): the
 * change-feed subscription marks the selected folder dirty, `sync` re-reads the store since the known
 * modseq and sends what the rules allow now, `idle` pushes updates as they arrive until DONE.
 * Live search results (RFC 5267 §4.3) follow the same changes: REMOVEFROM for expunged members
 * before the EXPUNGE responses, ADDTO / REMOVEFROM for new and changed messages after EXISTS and
 * the flag FETCHes, as Dovecot orders them.
 */
import { isIdleDone, type ImapResponse } from './grammar/index.ts';
import { evaluateLiveSearches } from './live-search-evaluation.ts';
import type { LiveEvaluation } from './live-searches.ts';
import type { ImapLimits } from './imap-limits.ts';
import type { ImapServices } from './imap-services.ts';
import type { SessionState } from './session-state.ts';

/** The client's next raw line (SASL response, IDLE's DONE), a line over the limit, or a closed connection. */
export type ClientLine =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'closed' };

export interface SessionUpdatesDeps {
  readonly state: SessionState;
  readonly services: ImapServices;
  readonly limits: ImapLimits;
  readonly send: (response: ImapResponse) => void;
  readonly close: (bye?: string) => void;
  readonly log: { error(message: string, error: unknown): void };
  readonly readLine: () => Promise<ClientLine>;
}

export interface SessionUpdates {
  /** Subscribes to the mailbox's change feed (after login). */
  watch(mailboxId: number): void;
  /** Reads pending changes of the selected folder and sends the allowed updates. */
  sync(allowExpunge: boolean, force?: boolean): Promise<void>;
  /** Whether a `* VANISHED` (not EARLIER) went out since the last call; resets it. */
  takeVanishedSent(): boolean;
  /** RFC 2177: true after DONE, false after another line, null when the client left. */
  idle(): Promise<boolean | null>;
  stop(): void;
}

export function createSessionUpdates(deps: SessionUpdatesDeps): SessionUpdates {
  const { state, services, send } = deps;
  let unsubscribe: (() => void) | null = null;
  let selectedDeleted = false;
  let wake: (() => void) | null = null;
  let vanishedSent = false;

  async function sync(allowExpunge: boolean, force = false): Promise<void> {
    const selected = state.selectedOrNull;
    if (selected === null) return;
    if (selectedDeleted) {
      // Dovecot does the same: the client's view cannot be kept consistent.
      deps.close('Selected mailbox was deleted, have to disconnect.');
      return;
    }
    if (force) selected.dirty = true;
    let live: { readonly checked: number[]; readonly evaluation: LiveEvaluation } | null = null;
    if (selected.dirty) {
      selected.dirty = false;
      const changes = await services.mailboxes.folders.changesSince(
        selected.folderId,
        selected.highestModseq,
      );
      // The folder may have been unselected while the store answered.
      if (state.selectedOrNull !== selected) return;
      selected.absorb(changes);
      const { liveSearches } = state;
      if (liveSearches.size > 0) {
        liveSearches.noteVanished(changes.vanished);
        // Only the messages this change touched are searched again (RFC 5267 §4.3 results).
        const vanished = new Set(changes.vanished);
        const checked = [
          ...new Set(
            changes.states
              .map((change) => change.uid)
              .filter((uid) => !vanished.has(uid) && selected.seqOf(uid) !== undefined),
          ),
        ].sort((a, b) => a - b);
        const evaluation = await evaluateLiveSearches(
          services.mailboxes.reading,
          selected.folderId,
          liveSearches.searches,
          checked,
        );
        if (state.selectedOrNull !== selected) return;
        live = { checked, evaluation };
      }
      // New messages are `\Recent` for the first IMAP4rev1 session that sees them (RFC 3501 §2.3.2).
      if (selected.needsRecentClaim) {
        const claim = await services.mailboxes.folders.claimRecent(selected.folderId);
        if (state.selectedOrNull !== selected) return;
        selected.addRecent(claim);
      }
    }
    const removals = allowExpunge ? state.liveSearches.expungeUpdates(selected) : [];
    const updates = selected.takeUpdates({
      allowExpunge,
      condstore: state.condstore,
      qresync: state.enabled.has('QRESYNC'),
    });
    const liveUpdates =
      live === null ? [] : state.liveSearches.changeUpdates(live.checked, live.evaluation, selected);
    for (const response of [...removals, ...updates, ...liveUpdates]) {
      if (response.kind === 'vanished') vanishedSent = true;
      send(response);
    }
  }

  return {
    watch(mailboxId) {
      unsubscribe?.();
      unsubscribe = services.mailboxes.changes.subscribe(mailboxId, (change) => {
        const selected = state.selectedOrNull;
        if (selected === null || change.folderId !== selected.folderId) return;
        if (change.kind === 'folder-deleted') selectedDeleted = true;
        else if (change.kind === 'folder-renamed') selected.name = change.newName;
        else selected.dirty = true;
        wake?.();
      });
    },

    sync,

    takeVanishedSent() {
      const sent = vanishedSent;
      vanishedSent = false;
      return sent;
    },

    async idle() {
      send({ kind: 'continue', text: 'idling' });
      const received: { line?: ClientLine } = {};
      const answered = () => received.line !== undefined;
      void deps.readLine().then((value) => {
        received.line = value;
        wake?.();
      });
      const keepalive = setInterval(() => {
        send({ kind: 'untagged', status: 'OK', text: 'Still here' });
      }, deps.limits.idleKeepaliveMs);
      try {
        let force = true;
        while (!answered()) {
          try {
            await sync(true, force);
          } catch (error) {
            deps.log.error('imap idle sync failed', error);
          }
          force = false;
          if (answered()) break;
          if (state.selectedOrNull?.dirty === true || selectedDeleted) continue;
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        clearInterval(keepalive);
        wake = null;
      }
      const line = received.line ?? { kind: 'closed' };
      if (line.kind === 'closed') return null;
      return line.kind === 'line' && isIdleDone(line.text);
    },

    stop() {
      unsubscribe?.();
      unsubscribe = null;
      wake?.();
    },
  };
}
