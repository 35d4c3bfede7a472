/**
 * The live results of one session (RFC 5267 §4.3, CONTEXT=SEARCH and CONTEXT=SORT): searches run
 * with `RETURN (UPDATE)`, keyed by their tag, kept until CANCELUPDATE or until the folder is
 * deselected. Each keeps its criteria as frozen when it ran (sequence numbers already turned into
 * UIDs, RFC 5267 §4.3) and its result as the client knows it, by UID. The session's sync feeds it
 * expunges and re-evaluated messages; it answers the `* ESEARCH (TAG ...) ADDTO / REMOVEFROM` lines.
 *
 * Positions: 0 for SEARCH, whose results are ascending so the client places them itself (as
 * Dovecot sends); 1-based positions in sort order for SORT, one message per pair. REMOVEFROM pairs
 * come from the last position to the first, each position counted before its removal; ADDTO pairs
 * from the first final position to the last, so a client applying the pairs in order ends with the
 * server's result. Sort keys never change (they are envelope, size and dates), so a message only
 * enters or leaves the result, it never moves.
 */
import type { SearchCriteria } from '../../services/mailbox-access/search-criteria.ts';
import { compareSortValues, type SortCriterion } from '../../services/mailbox-access/sort-messages.ts';
import type { ImapResponse, ResultUpdate } from './grammar/index.ts';

export type SortValues = readonly (string | number)[];

/** What a SEARCH or SORT with UPDATE registers. */
export interface LiveSearchInput {
  readonly tag: string;
  /** UID SEARCH / UID SORT: UIDs on the wire, else sequence numbers. */
  readonly uid: boolean;
  readonly criteria: SearchCriteria;
  /** SORT's criteria; null for SEARCH. */
  readonly sort: readonly SortCriterion[] | null;
  /** The result sent, by UID, with each message's sort values (empty for SEARCH). */
  readonly result: readonly { readonly uid: number; readonly values: SortValues }[];
}

/** What re-evaluating a live search needs. */
export interface LiveSearchProgram {
  readonly tag: string;
  readonly criteria: SearchCriteria;
  readonly sort: readonly SortCriterion[] | null;
}

/** The matching messages among the re-evaluated ones, with their sort values (empty for SEARCH). */
export type LiveEvaluation = ReadonlyMap<string, ReadonlyMap<number, SortValues>>;

/** The folder view the numbers on the wire come from (SelectedFolder). */
export interface SequenceLookup {
  seqOf(uid: number): number | undefined;
}

interface LiveSearch {
  readonly tag: string;
  readonly uid: boolean;
  readonly criteria: SearchCriteria;
  readonly sort: readonly SortCriterion[] | null;
  readonly members: Set<number>;
  /** SORT: the result in sort order, and each member's sort values. */
  readonly ordered: number[];
  readonly values: Map<number, SortValues>;
}

/**
 * The empty collections every session without live searches shares (nearly all of them): never
 * written to, replaced by a collection of the session's own at the first write.
 */
const noSearches: Map<string, LiveSearch> = new Map();
const noUids: Set<number> = new Set();

export class LiveSearches {
  #searches = noSearches;
  /** Expunges the store reported and the client has not been told about yet. */
  #vanished = noUids;

  get size(): number {
    return this.#searches.size;
  }

  has(tag: string): boolean {
    return this.#searches.has(tag);
  }

  /** The registered searches, in registration order (the order their updates are sent in). */
  get searches(): readonly LiveSearchProgram[] {
    return [...this.#searches.values()];
  }

  /** Registers a live result; false when `limit` are already live (RFC 5267 §4.3.1 NOUPDATE). */
  add(input: LiveSearchInput, limit: number): boolean {
    if (this.#searches.size >= limit) return false;
    const search: LiveSearch = {
      tag: input.tag,
      uid: input.uid,
      criteria: input.criteria,
      sort: input.sort,
      members: new Set(input.result.map((entry) => entry.uid)),
      ordered: input.sort === null ? [] : input.result.map((entry) => entry.uid),
      values: new Map(input.sort === null ? [] : input.result.map((entry) => [entry.uid, entry.values])),
    };
    if (this.#searches === noSearches) this.#searches = new Map();
    this.#searches.set(input.tag, search);
    return true;
  }

  /** CANCELUPDATE: false when no live search has this tag. */
  cancel(tag: string): boolean {
    return this.#searches.delete(tag);
  }

  /** The folder was deselected (SELECT, EXAMINE, CLOSE, UNSELECT, LOGOUT): updates cease. */
  clear(): void {
    this.#searches = noSearches;
    this.#vanished = noUids;
  }

  /** Records expunges the store reported (sent later, when the session may announce them). */
  noteVanished(uids: readonly number[]): void {
    if (this.#searches.size === 0) return;
    if (uids.length === 0) return;
    if (this.#vanished === noUids) this.#vanished = new Set();
    for (const uid of uids) this.#vanished.add(uid);
  }

  /**
   * REMOVEFROM for the members about to be expunged, numbered as the client knows them before the
   * EXPUNGE / VANISHED responses that follow (Dovecot sends them first too).
   */
  expungeUpdates(view: SequenceLookup): ImapResponse[] {
    if (this.#vanished.size === 0) return [];
    const out: ImapResponse[] = [];
    for (const search of this.#searches.values()) {
      const gone = [...this.#vanished].filter((uid) => search.members.has(uid));
      const removal = this.#remove(search, gone, view);
      if (removal !== null) out.push(this.#line(search, [removal]));
    }
    this.#vanished = noUids;
    return out;
  }

  /**
   * ADDTO / REMOVEFROM for the re-evaluated messages `checked` (new ones and changed ones, already
   * announced by EXISTS): `evaluation` says which of them match each search now.
   */
  changeUpdates(
    checked: readonly number[],
    evaluation: LiveEvaluation,
    view: SequenceLookup,
  ): ImapResponse[] {
    const out: ImapResponse[] = [];
    for (const search of this.#searches.values()) {
      const matches = evaluation.get(search.tag);
      if (matches === undefined) continue;
      const leaving = checked.filter((uid) => search.members.has(uid) && !matches.has(uid));
      const entering = checked.filter((uid) => !search.members.has(uid) && matches.has(uid));
      const updates: ResultUpdate[] = [];
      const removal = this.#remove(search, leaving, view);
      if (removal !== null) updates.push(removal);
      const addition = this.#add(search, entering, matches, view);
      if (addition !== null) updates.push(addition);
      if (updates.length > 0) out.push(this.#line(search, updates));
    }
    return out;
  }

  #line(search: LiveSearch, updates: readonly ResultUpdate[]): ImapResponse {
    return { kind: 'esearch', tag: search.tag, uid: search.uid, updates };
  }

  #id(search: LiveSearch, uid: number, view: SequenceLookup): number {
    return search.uid ? uid : (view.seqOf(uid) ?? 0);
  }

  #remove(search: LiveSearch, uids: readonly number[], view: SequenceLookup): ResultUpdate | null {
    if (uids.length === 0) return null;
    if (search.sort === null) {
      const ids = uids.map((uid) => this.#id(search, uid, view)).sort((a, b) => a - b);
      for (const uid of uids) search.members.delete(uid);
      return { kind: 'REMOVEFROM', pairs: [{ position: 0, ids }] };
    }
    const positions = uids
      .map((uid) => ({ uid, index: this.#indexOf(search, uid) }))
      .sort((a, b) => b.index - a.index);
    // Ids are read before the removal: a sequence number must still name the message.
    const pairs = positions.map(({ uid, index }) => ({
      position: index + 1,
      ids: [this.#id(search, uid, view)],
    }));
    for (const { uid, index } of positions) {
      search.ordered.splice(index, 1);
      search.members.delete(uid);
      search.values.delete(uid);
    }
    return { kind: 'REMOVEFROM', pairs };
  }

  #add(
    search: LiveSearch,
    uids: readonly number[],
    matches: ReadonlyMap<number, SortValues>,
    view: SequenceLookup,
  ): ResultUpdate | null {
    if (uids.length === 0) return null;
    for (const uid of uids) search.members.add(uid);
    if (search.sort === null) {
      const ids = uids.map((uid) => this.#id(search, uid, view)).sort((a, b) => a - b);
      return { kind: 'ADDTO', pairs: [{ position: 0, ids }] };
    }
    for (const uid of uids) {
      search.values.set(uid, matches.get(uid) ?? []);
      search.ordered.splice(this.#indexOf(search, uid), 0, uid);
    }
    const pairs = uids
      .map((uid) => ({ uid, index: this.#indexOf(search, uid) }))
      .sort((a, b) => a.index - b.index)
      .map(({ uid, index }) => ({ position: index + 1, ids: [this.#id(search, uid, view)] }));
    return { kind: 'ADDTO', pairs };
  }

  /** Where `uid` is (or belongs) in a SORT result: ordered by sort values, then UID (mailbox order). */
  #indexOf(search: LiveSearch, uid: number): number {
    const sort = search.sort ?? [];
    const values = search.values.get(uid) ?? [];
    let low = 0;
    let high = search.ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = search.ordered[middle] ?? 0;
      const order = compareSortValues(search.values.get(other) ?? [], values, sort) || other - uid;
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
