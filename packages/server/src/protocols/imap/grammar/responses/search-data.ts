/**
 * Untagged search results: SEARCH (RFC 9051 §7.3.5 / RFC 3501 §7.2.5, with CONDSTORE's `(MODSEQ n)`,
 * RFC 7162 §3.1.5), ESEARCH (RFC 4731 §3.1, RFC 9051 §7.3.4; PARTIAL RFC 5267 §4.4; ADDTO/REMOVEFROM RFC 5267 §4.3), SORT (RFC 5256 §4) and THREAD
 * (RFC 5256 §4, nested thread lists).
 */

import { compressSequenceSet } from '../sequence-set.ts';
import type { WireWriter } from './wire-writer.ts';

/** A thread tree node: `id` null is a missing (dummy) parent whose children are siblings. */
export interface ThreadNode {
  readonly id: number | null;
  readonly children: readonly ThreadNode[];
}

/**
 * One ADDTO or REMOVEFROM item of a live result (RFC 5267 §4.3): pairs of a position in the result
 * (1-based in sort order; 0 for an unsorted SEARCH, where the client can place them itself) and the
 * messages at it. A client applies the pairs in the order written.
 */
export interface ResultUpdate {
  readonly kind: 'ADDTO' | 'REMOVEFROM';
  readonly pairs: readonly { readonly position: number; readonly ids: readonly number[] }[];
}

export type SearchDataResponse =
  | { readonly kind: 'search' | 'sort'; readonly ids: readonly number[]; readonly modseq?: number }
  | {
      readonly kind: 'esearch';
      /** The command's tag, for `(TAG "...")`. */
      readonly tag?: string;
      readonly uid: boolean;
      readonly min?: number;
      readonly max?: number;
      readonly count?: number;
      /** Written as a compressed set; omitted when undefined or empty. */
      readonly all?: readonly number[];
      /** ESORT (RFC 5267 §3): `all` is in sort order, so only ascending runs are joined. */
      readonly ordered?: boolean;
      /** RFC 5267 §4.4 / RFC 9394: the range as asked and the results at those positions (NIL when none). */
      readonly partial?: { readonly first: number; readonly last: number; readonly ids: readonly number[] };
      readonly modseq?: number;
      /** RFC 5267 §4.3: changes of the live result of the search tagged `tag`. */
      readonly updates?: readonly ResultUpdate[];
    }
  | { readonly kind: 'thread'; readonly threads: readonly ThreadNode[] };

/** Renders one node's chain: `a b (c d)(e)` per RFC 5256 `thread-members` / `thread-nested`. */
function renderThreadChain(node: ThreadNode): string {
  const parts: string[] = [];
  let current: ThreadNode | undefined = node;
  while (current !== undefined) {
    if (current.id !== null) parts.push(String(current.id));
    if (current.children.length === 1) {
      current = current.children[0];
      continue;
    }
    if (current.children.length > 1)
      parts.push(current.children.map((c) => `(${renderThreadChain(c)})`).join(''));
    current = undefined;
  }
  return parts.join(' ');
}

export function renderThreads(threads: readonly ThreadNode[]): string {
  return threads.map((t) => `(${renderThreadChain(t)})`).join('');
}

export function writeSearchData(out: WireWriter, response: SearchDataResponse): void {
  switch (response.kind) {
    case 'search':
    case 'sort': {
      // One string for the whole list: no piece per id (10,000 ids are one join).
      out.text(
        `* ${response.kind.toUpperCase()}${response.ids.length > 0 ? ' ' : ''}${response.ids.join(' ')}`,
      );
      if (response.modseq !== undefined) out.text(` (MODSEQ ${response.modseq})`);
      out.text('\r\n');
      return;
    }
    case 'esearch': {
      out.text('* ESEARCH');
      if (response.tag !== undefined) out.text(' (TAG ').string(response.tag).text(')');
      if (response.uid) out.text(' UID');
      for (const update of response.updates ?? []) {
        const pairs = update.pairs.map(
          ({ position, ids }) => `${position} ${compressSequenceSet(ids, { preserveOrder: true })}`,
        );
        out.text(` ${update.kind} (${pairs.join(' ')})`);
      }
      if (response.min !== undefined) out.text(` MIN ${response.min}`);
      if (response.max !== undefined) out.text(` MAX ${response.max}`);
      if (response.all !== undefined && response.all.length > 0)
        out.text(` ALL ${compressSequenceSet(response.all, { preserveOrder: response.ordered === true })}`);
      if (response.partial !== undefined) {
        const { first, last, ids } = response.partial;
        const set =
          ids.length === 0 ? 'NIL' : compressSequenceSet(ids, { preserveOrder: response.ordered === true });
        out.text(` PARTIAL (${first}:${last} ${set})`);
      }
      // COUNT after ALL, as Dovecot writes it (RFC 4731 §3.1 allows any order).
      if (response.count !== undefined) out.text(` COUNT ${response.count}`);
      if (response.modseq !== undefined) out.text(` MODSEQ ${response.modseq}`);
      out.text('\r\n');
      return;
    }
    case 'thread':
      out.text(`* THREAD${response.threads.length > 0 ? ' ' : ''}${renderThreads(response.threads)}\r\n`);
      return;
  }
}
