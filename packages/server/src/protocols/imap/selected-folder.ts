/**
 * The selected folder of one IMAP session (RFC 9051 §2.3.1, §7.4–7.5): the sequence-number ↔ UID
 * map, the known modseq and keywords, and the untagged updates owed to the client. Guarantees:
 * sequence numbers only shift when this session announces an EXPUNGE (RFC 9051 §7.5.1); EXISTS never
 * shrinks; a session's own flag writes are not echoed back as unsolicited FETCH.
 */
import type { Folder, MessageState, RecentClaim } from '../../ports/mailbox-store.ts';
import type { FolderChanges } from '../../services/mailbox-access/folder-access.ts';
import {
  isSequenceSetWithin,
  resolveSequenceSet,
  type ImapResponse,
  type SequenceSet,
} from './grammar/index.ts';
import { UidList } from './uid-list.ts';

/** A message of the selected folder addressed by a command. */
export interface SelectedMessage {
  readonly seq: number;
  readonly uid: number;
}

/** How much of the owed updates may be sent now (RFC 9051 §7.5.1: no EXPUNGE during FETCH/STORE/SEARCH). */
export interface SyncOptions {
  readonly allowExpunge: boolean;
  /** CONDSTORE active: unsolicited FETCH carries MODSEQ (RFC 7162 §3.1.4). */
  readonly condstore: boolean;
  /** QRESYNC enabled: expunges are announced as `* VANISHED uids` instead of EXPUNGE (RFC 7162 §3.2.10). */
  readonly qresync?: boolean;
}

const systemFlags = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

export class SelectedFolder {
  readonly folderId: number;
  readonly uidValidity: number;
  readonly readOnly: boolean;
  /** Unicode folder name as selected (follows a RENAME of the selected folder). */
  name: string;
  /** Highest modseq this session has reconciled. */
  highestModseq: number;
  /** Set by the change feed: the store has news for this folder. */
  dirty = false;
  /** UIDs by sequence number minus one, as runs (uid-list.ts: the largest per-session state). */
  readonly #uids: UidList;
  // The three collections below are made when first needed and dropped once empty: most sessions
  // (an idle IDLE above all) have nothing pending, and an empty Map or Set still costs 140–230 bytes.
  /** UIDs expunged by another session, not yet announced. */
  #expungedPending: Set<number> | null = null;
  /** UIDs whose flag change is owed as unsolicited FETCH, with their flags and modseq. */
  #flagsPending: Map<number, MessageState> | null = null;
  /** uid → modseq written by this session, not to be echoed. */
  #ownWrites: Map<number, number> | null = null;
  /** Keywords seen in the folder; made at the first one. */
  #keywords: Set<string> | null = null;
  #announcedExists: number;
  #flagsAnnounced = false;
  /** `\Recent` (RFC 3501 §2.3.2) is kept for IMAP4rev1 sessions only; RFC 9051 removed it. */
  #tracksRecent = false;
  /** UID ranges this session sees as `\Recent` (claimed, or for EXAMINE only looked at). */
  readonly #recent: RecentClaim[] = [];
  /** Highest UID a claim or look covered: newer UIDs need a new claim. */
  #recentThrough = 0;

  constructor(folder: Folder, states: readonly MessageState[], readOnly: boolean) {
    this.folderId = folder.id;
    this.uidValidity = folder.uidValidity;
    this.readOnly = readOnly;
    this.name = folder.name;
    this.highestModseq = folder.highestModseq;
    this.#uids = new UidList(states.map((state) => state.uid));
    for (const state of states) this.#learnKeywords(state.flags);
    this.#announcedExists = this.#uids.length;
  }

  /** Message count as the client knows it (includes expunged messages not yet announced). */
  get exists(): number {
    return this.#uids.length;
  }

  /** UIDs by sequence number minus one (a new array: for commands that walk the whole view). */
  get uids(): readonly number[] {
    return this.#uids.toArray();
  }

  /** The largest UID of the view, 0 when empty. */
  get lastUid(): number {
    return this.#uids.last;
  }

  /** `FLAGS` for SELECT and after new keywords appear: system flags then known keywords. */
  get flags(): string[] {
    return this.#keywords === null ? [...systemFlags] : [...systemFlags, ...[...this.#keywords].sort()];
  }

  /** `PERMANENTFLAGS`: none when read-only (RFC 9051 §7.1), else the flags plus `\*`. */
  get permanentFlags(): string[] {
    return this.readOnly ? [] : [...this.flags, '\\*'];
  }

  uidAt(seq: number): number | undefined {
    return this.#uids.at(seq - 1);
  }

  seqOf(uid: number): number | undefined {
    const index = this.#uids.indexOf(uid);
    return index < 0 ? undefined : index + 1;
  }

  /** Expunged by another session but still addressable until announced (RFC 9051 §7.5.1). */
  isExpungedPending(uid: number): boolean {
    return this.#expungedPending?.has(uid) === true;
  }

  /** Whether every sequence number of `set` exists (else the command is BAD, RFC 9051 §9). */
  isValidSequenceSet(set: SequenceSet): boolean {
    return isSequenceSetWithin(set, this.#uids.length);
  }

  /**
   * The messages a sequence set names, ascending: by sequence number, or by UID with `*` the largest
   * UID and absent UIDs skipped (RFC 9051 §6.4.9). `saved` is the SEARCHRES `$` result (UIDs).
   */
  resolve(set: SequenceSet, byUid: boolean, saved: readonly number[] = []): SelectedMessage[] {
    const out: SelectedMessage[] = [];
    if (!byUid) {
      const savedSeqs = saved.flatMap((uid) => this.seqOf(uid) ?? []);
      for (const [low, high] of resolveSequenceSet(set, this.#uids.length, savedSeqs)) {
        for (let seq = low; seq <= high; seq++) out.push({ seq, uid: this.#uids.at(seq - 1) ?? 0 });
      }
      return out;
    }
    const maxUid = this.#uids.last;
    // A range ending at `*` beyond the last UID still contains the last UID (RFC 9051 §6.4.9).
    const intervals = resolveSequenceSet(set, Math.max(maxUid, 1), saved);
    for (const [low, high] of intervals) {
      let index = this.#lowerBound(low);
      while (index < this.#uids.length) {
        const uid = this.#uids.at(index) ?? 0;
        if (uid > high) break;
        out.push({ seq: index + 1, uid });
        index++;
      }
    }
    return out;
  }

  /**
   * Starts `\Recent` for an IMAP4rev1 session with what the store granted (SELECT's claim) or, for a
   * read-only folder, with what would be recent without claiming it (RFC 3501 §6.3.2).
   */
  trackRecent(claim: RecentClaim): void {
    this.#tracksRecent = true;
    this.addRecent(claim);
  }

  /** Another claim (new messages seen by a sync). */
  addRecent(claim: RecentClaim): void {
    if (claim.throughUid > claim.afterUid) this.#recent.push(claim);
    this.#recentThrough = Math.max(this.#recentThrough, claim.throughUid);
  }

  /** Whether this session tracks `\Recent` and has seen UIDs no claim covered yet. */
  get needsRecentClaim(): boolean {
    return this.#tracksRecent && this.#uids.last > this.#recentThrough;
  }

  isRecent(uid: number): boolean {
    // A loop, not `some`: a FETCH of a whole folder asks this for every message.
    for (const claim of this.#recent) if (uid > claim.afterUid && uid <= claim.throughUid) return true;
    return false;
  }

  /** Whether this session shows `uid` with `\Recent` (IMAP4rev1, RFC 3501 §2.3.2). */
  showsRecent(uid: number): boolean {
    return this.#tracksRecent && this.#recent.length > 0 && this.isRecent(uid);
  }

  /** UIDs of the view that are `\Recent` in this session, ascending. */
  get recentUids(): number[] {
    return this.#recent.length === 0 ? [] : this.#uids.toArray().filter((uid) => this.isRecent(uid));
  }

  get recentCount(): number {
    return this.recentUids.length;
  }

  /** `flags` as this session shows them: with `\Recent` for its recent messages (IMAP4rev1). */
  shownFlags(uid: number, flags: readonly string[]): readonly string[] {
    return this.showsRecent(uid) ? [...flags, '\\Recent'] : flags;
  }

  /**
   * Whether a FETCH showing flags of states at or below `modseq` may skip `noteShown`: nothing is
   * owed as unsolicited FETCH and nothing above the reconciled modseq needs remembering.
   */
  showsWithoutNotes(modseq: number): boolean {
    return modseq <= this.highestModseq && (this.#flagsPending === null || this.#flagsPending.size === 0);
  }

  /** Remember flag writes made by this session so the next sync does not echo them. */
  noteOwnFlagChanges(states: readonly MessageState[]): void {
    for (const state of states) {
      (this.#ownWrites ??= new Map<number, number>()).set(state.uid, state.modseq);
      this.#learnKeywords(state.flags);
    }
  }

  /** Records what the store reports (session sync); responses come from `takeUpdates`. */
  absorb(changes: FolderChanges): void {
    const lastUid = this.#uids.last;
    for (const state of changes.states) {
      if (state.uid > lastUid && this.#uids.indexOf(state.uid) < 0) {
        this.#insertUid(state.uid);
        this.#learnKeywords(state.flags);
        continue;
      }
      if (this.#uids.indexOf(state.uid) < 0) continue;
      if (this.#ownWrites?.get(state.uid) === state.modseq) continue;
      (this.#flagsPending ??= new Map<number, MessageState>()).set(state.uid, state);
      this.#learnKeywords(state.flags);
    }
    for (const uid of changes.vanished) {
      if (this.#uids.indexOf(uid) >= 0) (this.#expungedPending ??= new Set<number>()).add(uid);
    }
    if (changes.highestModseq > this.highestModseq) this.highestModseq = changes.highestModseq;
    this.#ownWrites = null;
  }

  /**
   * The untagged updates that may be sent now, with the map updated accordingly. As Dovecot: flag
   * changes of messages the client knows first (numbered before the expunges), then EXPUNGE or
   * VANISHED, then EXISTS, then flag changes of the messages EXISTS announced.
   */
  takeUpdates(options: SyncOptions): ImapResponse[] {
    const out: ImapResponse[] = [];
    const flagChanges = [...(this.#flagsPending ?? [])].sort((a, b) => a[0] - b[0]);
    this.#flagsPending = null;
    const later: [number, MessageState][] = [];
    const fetches: ImapResponse[] = [];
    for (const [uid, state] of flagChanges) {
      const seq = this.seqOf(uid);
      if (seq === undefined) continue;
      if (seq > this.#announcedExists) later.push([uid, state]);
      else fetches.push(this.#flagFetch(seq, uid, state, options));
    }
    // FLAGS naming a new keyword come before the first FETCH that shows it.
    out.push(...this.takeFlagsAnnouncement(), ...fetches);
    const expunged = this.#expungedPending;
    if (options.allowExpunge && expunged !== null) {
      const vanished: number[] = [];
      for (const uid of [...expunged].sort((a, b) => a - b)) {
        const index = this.#uids.indexOf(uid);
        if (index >= 0) {
          this.#uids.removeAt(index);
          // The client's count drops with each EXPUNGE (or VANISHED UID) it reads (RFC 9051 §7.5.1).
          this.#announcedExists--;
          if (options.qresync === true) vanished.push(uid);
          else out.push({ kind: 'expunge', sequence: index + 1 });
        }
      }
      this.#expungedPending = null;
      if (vanished.length > 0) out.push({ kind: 'vanished', earlier: false, uids: vanished });
    }
    if (this.#uids.length !== this.#announcedExists) {
      out.push({ kind: 'exists', count: this.#uids.length });
      this.#announcedExists = this.#uids.length;
      // RFC 3501 §7.3.2: IMAP4rev1 clients get RECENT with EXISTS, as Dovecot sends it.
      if (this.#tracksRecent) out.push({ kind: 'recent', count: this.recentCount });
    }
    for (const [uid, state] of later) {
      const seq = this.seqOf(uid);
      if (seq !== undefined) out.push(this.#flagFetch(seq, uid, state, options));
    }
    return out;
  }

  /** An unsolicited FETCH of changed flags: UID once QRESYNC is on, MODSEQ under CONDSTORE (RFC 7162 §3.1.4, §3.2.4). */
  #flagFetch(seq: number, uid: number, state: MessageState, options: SyncOptions): ImapResponse {
    return {
      kind: 'fetch',
      sequence: seq,
      items: [
        ...(options.qresync === true ? [{ kind: 'UID', uid } as const] : []),
        ...(options.condstore ? [{ kind: 'MODSEQ', modseq: state.modseq } as const] : []),
        { kind: 'FLAGS', flags: this.shownFlags(uid, state.flags) },
      ],
    };
  }

  /**
   * FLAGS and PERMANENTFLAGS when a keyword is new to the client: they must come before any FETCH that
   * shows it (RFC 3501 §7.2.6, RFC 9051 §7.3.5). Empty when nothing is owed.
   */
  takeFlagsAnnouncement(): ImapResponse[] {
    if (this.#flagsAnnounced) return [];
    this.#flagsAnnounced = true;
    const out: ImapResponse[] = [{ kind: 'flags', flags: this.flags }];
    // A read-only folder keeps the empty PERMANENTFLAGS it was selected with.
    if (!this.readOnly) {
      out.push({
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'PERMANENTFLAGS', flags: this.permanentFlags },
        text: 'Flags permitted.',
      });
    }
    return out;
  }

  /**
   * A FETCH about to show `state`'s flags: returns the FLAGS announcement it needs first, and keeps the
   * next sync from repeating the same flags as an unsolicited FETCH.
   */
  showFlags(state: MessageState): ImapResponse[] {
    this.noteShown(state);
    return this.announceFlagsOf(state.flags);
  }

  /**
   * The half of `showFlags` about one message: a pending unsolicited FETCH the shown state covers is
   * dropped, and a state newer than the reconciled modseq is remembered so that the next sync does
   * not echo it. A state at or below `highestModseq` needs no record: a sync reads only changes
   * above it (`changesSince`), and absorbing them forgets the records anyway. A FETCH of a whole
   * folder thus keeps no per-message map.
   */
  noteShown(state: MessageState): void {
    const pendingMap = this.#flagsPending;
    if (pendingMap !== null) {
      const pending = pendingMap.get(state.uid);
      if (pending !== undefined && pending.modseq <= state.modseq) pendingMap.delete(state.uid);
    }
    if (state.modseq <= this.highestModseq) return;
    const ownWrites = (this.#ownWrites ??= new Map<number, number>());
    ownWrites.set(state.uid, Math.max(state.modseq, ownWrites.get(state.uid) ?? 0));
  }

  /**
   * The half of `showFlags` about a flag list: learns its keywords and returns the FLAGS announcement
   * owed before a FETCH shows it (empty when nothing is owed). A FETCH showing many messages that
   * share one list (the same array) needs to ask once per list, as long as nothing else learns
   * keywords in between.
   */
  announceFlagsOf(flags: readonly string[]): ImapResponse[] {
    this.#learnKeywords(flags);
    return this.takeFlagsAnnouncement();
  }

  /** SELECT announced FLAGS already; a new keyword sets this back to false. */
  markFlagsAnnounced(): void {
    this.#flagsAnnounced = true;
  }

  #learnKeywords(flags: readonly string[]): void {
    for (const flag of flags) {
      if (flag.startsWith('\\') || this.#keywords?.has(flag) === true) continue;
      (this.#keywords ??= new Set<string>()).add(flag);
      this.#flagsAnnounced = false;
    }
  }

  #insertUid(uid: number): void {
    this.#uids.insert(uid);
  }

  #lowerBound(value: number): number {
    return this.#uids.lowerBound(value);
  }
}
