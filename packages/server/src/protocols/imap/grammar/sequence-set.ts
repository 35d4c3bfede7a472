/**
 * IMAP sequence sets (RFC 9051 §9 `sequence-set`, RFC 3501 §9; `$` from SEARCHRES RFC 5182):
 * parse, render, resolve against the current maximum, test membership, and compress numbers back to
 * the shortest set text. `*` means "the largest number in use"; ranges may be written in either order.
 */

/** A bound of a range: a number, or `*` (the largest number in use). */
export type SequenceBound = number | '*';

export interface SequenceRange {
  readonly start: SequenceBound;
  /** Equal to `start` for a single number. */
  readonly end: SequenceBound;
}

export type SequenceSet =
  | { readonly kind: 'ranges'; readonly ranges: readonly SequenceRange[] }
  /** `$`: the result saved by the last `SEARCH RETURN (SAVE)` (RFC 5182). */
  | { readonly kind: 'saved' };

const MAX_NZ = 0xffffffff;

function parseBound(text: string): SequenceBound | null {
  if (text === '*') return '*';
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  const value = Number(text);
  return value <= MAX_NZ ? value : null;
}

/** Parses `1`, `2:4`, `*`, `5:*`, `4:2,7`, `$`; null when not a valid sequence set. */
export function parseSequenceSet(text: string): SequenceSet | null {
  if (text === '$') return { kind: 'saved' };
  if (text.length === 0) return null;
  const ranges: SequenceRange[] = [];
  for (const part of text.split(',')) {
    const colon = part.indexOf(':');
    const start = parseBound(colon < 0 ? part : part.slice(0, colon));
    const end = colon < 0 ? start : parseBound(part.slice(colon + 1));
    if (start === null || end === null) return null;
    ranges.push({ start, end });
  }
  return { kind: 'ranges', ranges };
}

/** Renders a parsed set back to its wire text (ranges as written). */
export function renderSequenceSet(set: SequenceSet): string {
  if (set.kind === 'saved') return '$';
  return set.ranges
    .map((r) => (r.start === r.end ? String(r.start) : `${String(r.start)}:${String(r.end)}`))
    .join(',');
}

/**
 * Resolves a set to sorted, merged, inclusive `[low, high]` intervals within `[1, max]`: `*` becomes
 * `max`, reversed ranges are reordered, numbers above `max` are dropped (a range `n:*` with n > max
 * still contains `max`, RFC 9051 §6.4.9). `$` resolves to `saved`.
 */
export function resolveSequenceSet(
  set: SequenceSet,
  max: number,
  saved: readonly number[] = [],
): Array<readonly [number, number]> {
  const raw: Array<[number, number]> =
    set.kind === 'saved'
      ? saved.map((n) => [n, n])
      : set.ranges.map((r) => {
          const a = r.start === '*' ? max : r.start;
          const b = r.end === '*' ? max : r.end;
          return a <= b ? [a, b] : [b, a];
        });
  const clipped = raw
    .map(([a, b]): [number, number] => [Math.max(a, 1), Math.min(b, max)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of clipped) {
    const last = merged[merged.length - 1];
    if (last !== undefined && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Yields the numbers of the set within `[1, max]`, ascending and without repeats. */
export function* iterateSequenceSet(
  set: SequenceSet,
  max: number,
  saved: readonly number[] = [],
): Generator<number, void, undefined> {
  for (const [low, high] of resolveSequenceSet(set, max, saved)) {
    for (let n = low; n <= high; n++) yield n;
  }
}

/** Whether `value` is in the set, with `*` meaning `max` (no clipping: UIDs above max may be asked about). */
export function sequenceSetContains(
  set: SequenceSet,
  value: number,
  max: number,
  saved: readonly number[] = [],
): boolean {
  if (set.kind === 'saved') return saved.includes(value);
  return set.ranges.some((r) => {
    const a = r.start === '*' ? max : r.start;
    const b = r.end === '*' ? max : r.end;
    return value >= Math.min(a, b) && value <= Math.max(a, b);
  });
}

/**
 * Whether every explicit number of the set is at most `max`: message sequence numbers above the
 * message count make the command invalid (RFC 9051 §9 `seq-number`), UIDs do not.
 */
export function isSequenceSetWithin(set: SequenceSet, max: number): boolean {
  if (set.kind === 'saved') return true;
  return set.ranges.every((r) => (r.start === '*' || r.start <= max) && (r.end === '*' || r.end <= max));
}

/**
 * Compresses numbers to the shortest set text, e.g. [1,2,3,5,7,8] → `1:3,5,7:8`. By default the
 * numbers are sorted and de-duplicated; with `preserveOrder` they keep their order and only ascending
 * consecutive runs are joined (COPYUID source/destination sets must pair up, RFC 4315 §3).
 * Returns '' for no numbers.
 */
export function compressSequenceSet(
  numbers: Iterable<number>,
  options: { preserveOrder?: boolean } = {},
): string {
  let list = [...numbers];
  if (options.preserveOrder !== true) {
    list.sort((a, b) => a - b);
    list = list.filter((n, i) => i === 0 || n !== list[i - 1]);
  }
  const parts: string[] = [];
  let i = 0;
  while (i < list.length) {
    const first = list[i] ?? 0;
    let last = first;
    while (list[i + 1] === last + 1) {
      last++;
      i++;
    }
    parts.push(first === last ? String(first) : `${first}:${last}`);
    i++;
  }
  return parts.join(',');
}
