/**
 * The ascending UIDs of a selected folder, by sequence number (RFC 9051 §2.3.1.2), kept as runs of
 * consecutive UIDs. A folder's UIDs are mostly consecutive (new messages take the next UID; holes come
 * from expunges), so a 10,000-message folder is a few runs instead of a 10,000-element array: the
 * array cost 80 KB per IMAP session, which dominated the memory of an idle connection (decision
 * 0047). Each run is a start UID, a count and the number of UIDs before it, in 32-bit typed arrays
 * (UIDs are non-zero 32-bit numbers, RFC 9051 §2.3.1.1), so even a folder with no two consecutive
 * UIDs costs less than the plain array did.
 */
export class UidList {
  #starts: Uint32Array;
  #counts: Uint32Array;
  /** UIDs before each run (its first sequence number minus one). */
  #before: Uint32Array;
  #runs = 0;
  #length = 0;

  constructor(ascending: Iterable<number> = []) {
    this.#starts = new Uint32Array(1);
    this.#counts = new Uint32Array(1);
    this.#before = new Uint32Array(1);
    for (const uid of ascending) this.#append(uid);
    this.#shrink();
  }

  get length(): number {
    return this.#length;
  }

  /** The largest UID, 0 when empty. */
  get last(): number {
    const run = this.#runs - 1;
    return run < 0 ? 0 : (this.#starts[run] ?? 0) + (this.#counts[run] ?? 1) - 1;
  }

  /** The UID at `index` (sequence number minus one), undefined outside the list. */
  at(index: number): number | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length) return undefined;
    const run = this.#runOfIndex(index);
    return (this.#starts[run] ?? 0) + index - (this.#before[run] ?? 0);
  }

  /** The index of `uid`, -1 when absent. */
  indexOf(uid: number): number {
    const run = this.#runOfUid(uid);
    if (run < 0) return -1;
    const offset = uid - (this.#starts[run] ?? 0);
    return offset < (this.#counts[run] ?? 0) ? (this.#before[run] ?? 0) + offset : -1;
  }

  /** The index of the first UID ≥ `uid` (the length when there is none). */
  lowerBound(uid: number): number {
    const run = this.#runOfUid(uid);
    if (run < 0) return 0;
    const offset = uid - (this.#starts[run] ?? 0);
    const count = this.#counts[run] ?? 0;
    return (this.#before[run] ?? 0) + Math.min(offset, count);
  }

  /** Adds `uid` in order (no effect when present). */
  insert(uid: number): void {
    if (uid > this.last) {
      this.#append(uid);
      return;
    }
    if (this.indexOf(uid) >= 0) return;
    this.#rebuild((uids) => {
      uids.splice(this.lowerBound(uid), 0, uid);
    });
  }

  /** Removes the UID at `index`. */
  removeAt(index: number): void {
    if (index < 0 || index >= this.#length) return;
    const run = this.#runOfIndex(index);
    const count = this.#counts[run] ?? 0;
    const offset = index - (this.#before[run] ?? 0);
    let shifted = run + 1;
    if (count === 1) {
      this.#removeRun(run);
      shifted = run;
    } else if (offset === count - 1) {
      this.#counts[run] = count - 1;
    } else if (offset === 0) {
      this.#starts[run] = (this.#starts[run] ?? 0) + 1;
      this.#counts[run] = count - 1;
    } else {
      this.#rebuild((uids) => {
        uids.splice(index, 1);
      });
      return;
    }
    this.#length--;
    for (let r = shifted; r < this.#runs; r++) this.#before[r] = (this.#before[r] ?? 0) - 1;
  }

  /** The UIDs as a new array. */
  toArray(): number[] {
    const out: number[] = new Array<number>(this.#length);
    let i = 0;
    for (let run = 0; run < this.#runs; run++) {
      const start = this.#starts[run] ?? 0;
      const count = this.#counts[run] ?? 0;
      for (let k = 0; k < count; k++) out[i++] = start + k;
    }
    return out;
  }

  #append(uid: number): void {
    const run = this.#runs - 1;
    if (run >= 0 && uid === this.last + 1) this.#counts[run] = (this.#counts[run] ?? 0) + 1;
    else {
      if (this.#runs === this.#starts.length) this.#resize(this.#runs * 2);
      this.#starts[this.#runs] = uid;
      this.#counts[this.#runs] = 1;
      this.#before[this.#runs] = this.#length;
      this.#runs++;
    }
    this.#length++;
  }

  #removeRun(run: number): void {
    this.#starts.copyWithin(run, run + 1, this.#runs);
    this.#counts.copyWithin(run, run + 1, this.#runs);
    this.#before.copyWithin(run, run + 1, this.#runs);
    this.#runs--;
  }

  /** Rare edits (an insertion below the last UID, a removal inside a run): through a plain array. */
  #rebuild(edit: (uids: number[]) => void): void {
    const uids = this.toArray();
    edit(uids);
    this.#runs = 0;
    this.#length = 0;
    for (const uid of uids) this.#append(uid);
  }

  #resize(capacity: number): void {
    const grow = (from: Uint32Array): Uint32Array => {
      const to = new Uint32Array(Math.max(capacity, 1));
      to.set(from.subarray(0, Math.min(this.#runs, capacity)));
      return to;
    };
    this.#starts = grow(this.#starts);
    this.#counts = grow(this.#counts);
    this.#before = grow(this.#before);
  }

  /** Drops the spare capacity left by growing (a selected folder is built once, then idles). */
  #shrink(): void {
    if (this.#starts.length > this.#runs) this.#resize(this.#runs);
  }

  /** The run holding `index` (0 ≤ index < length): the last run starting at or before it. */
  #runOfIndex(index: number): number {
    let low = 0;
    let high = this.#runs - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.#before[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The last run starting at or below `uid`, -1 when `uid` is below the first UID. */
  #runOfUid(uid: number): number {
    let low = 0;
    let high = this.#runs - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if ((this.#starts[mid] ?? 0) <= uid) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }
}
