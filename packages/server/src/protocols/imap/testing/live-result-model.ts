/**
 * Test-only model of a client's live search results (RFC 5267 §4.3), fed with every response line:
 * the first `* ESEARCH (TAG "t") UID ...` of a watched tag sets the result (from ALL, empty without),
 * later ADDTO / REMOVEFROM pairs are applied in order, as a client would. It reports pairs that
 * cannot be applied: REMOVEFROM of a message not in the result or not at the position given, ADDTO
 * of a message already in it, at a position past its end, or announced expunged. Not used by
 * production code.
 */
import { expandSet } from './session-view-model.ts';

interface LiveResult {
  readonly sorted: boolean;
  /** UIDs: ascending for SEARCH, in sort order for SORT; null until the command's own line. */
  list: number[] | null;
}

export class LiveResultModel {
  readonly #results = new Map<string, LiveResult>();
  /** ADDTO / REMOVEFROM lines applied, to show the run exercised them. */
  updates = 0;

  /** A UID SEARCH (sorted false) or UID SORT with RETURN (UPDATE ALL ...) tagged `tag` is sent. */
  watch(tag: string, sorted: boolean): void {
    this.#results.set(tag, { sorted, list: null });
  }

  /** Every result is dropped (SELECT, as the server does). */
  reset(): void {
    this.#results.clear();
  }

  /** The result as the client holds it. */
  result(tag: string): readonly number[] | null {
    return this.#results.get(tag)?.list ?? null;
  }

  /** Feeds one response line; `gone` are the UIDs announced expunged. */
  read(line: string, gone: ReadonlySet<number>, violation: (text: string) => void): void {
    const match = /^\* ESEARCH \(TAG "([^"]+)"\) UID(.*)$/.exec(line);
    if (match === null) return;
    const result = this.#results.get(match[1] ?? '');
    if (result === undefined) return;
    const data = match[2] ?? '';
    if (result.list === null) {
      const all = / ALL (\S+)/.exec(data)?.[1];
      result.list = all === undefined ? [] : expandSet(all);
      return;
    }
    const list = result.list;
    for (const item of data.matchAll(/ (ADDTO|REMOVEFROM) \(([^)]*)\)/g)) {
      this.updates++;
      const words = (item[2] ?? '').split(' ');
      for (let i = 0; i + 1 < words.length; i += 2) {
        const position = Number(words[i]);
        const uids = expandSet(words[i + 1] ?? '');
        for (const [offset, uid] of uids.entries()) {
          if (item[1] === 'ADDTO') this.#add(result, list, position, offset, uid, gone, violation);
          else this.#remove(result, list, position, uid, violation);
        }
      }
    }
  }

  #add(
    result: LiveResult,
    list: number[],
    position: number,
    offset: number,
    uid: number,
    gone: ReadonlySet<number>,
    violation: (text: string) => void,
  ): void {
    if (list.includes(uid)) violation(`ADDTO of UID ${uid}, already in the result`);
    else if (gone.has(uid)) violation(`ADDTO of UID ${uid}, announced expunged`);
    else if (!result.sorted) {
      if (position !== 0) violation(`SEARCH ADDTO at position ${position}`);
      list.push(uid);
      list.sort((a, b) => a - b);
    } else if (position < 1 || position - 1 + offset > list.length)
      violation(`ADDTO (${position} ${uid}) past the end of ${list.length}`);
    else list.splice(position - 1 + offset, 0, uid);
  }

  #remove(
    result: LiveResult,
    list: number[],
    position: number,
    uid: number,
    violation: (text: string) => void,
  ): void {
    const index = list.indexOf(uid);
    if (index < 0) violation(`REMOVEFROM of UID ${uid}, not in the result`);
    else if (result.sorted && index !== position - 1)
      violation(`REMOVEFROM (${position} ${uid}) but UID ${uid} is at ${index + 1}`);
    else list.splice(index, 1);
  }
}
