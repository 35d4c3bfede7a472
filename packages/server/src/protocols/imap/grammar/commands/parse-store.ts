/**
 * STORE / UID STORE (RFC 9051 §6.4.6) with `+FLAGS`, `-FLAGS`, `.SILENT` and the UNCHANGEDSINCE
 * modifier (RFC 7162 §3.1.3). Flags may come as a list or as space-separated flags.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SequenceSet } from '../sequence-set.ts';

export type StoreOperation = 'set' | 'add' | 'remove';

export interface StoreCommand {
  readonly name: 'STORE';
  readonly uid: boolean;
  readonly sequenceSet: SequenceSet;
  readonly operation: StoreOperation;
  /** `.SILENT`: no untagged FETCH for the changed flags (except under CONDSTORE rules). */
  readonly silent: boolean;
  readonly flags: readonly string[];
  /** UNCHANGEDSINCE modifier; null when absent. */
  readonly unchangedSince: number | null;
}

export function parseStore(args: readonly ImapValue[], uid: boolean): StoreCommand {
  const cursor = new ArgCursor(args);
  const sequenceSet = cursor.sequenceSet('sequence set');
  let unchangedSince: number | null = null;
  if (cursor.peek()?.kind === 'list') {
    const modifiers = cursor.list('store modifiers');
    while (!modifiers.done) {
      const modifier = modifiers.keyword('store modifier');
      if (modifier !== 'UNCHANGEDSINCE') throw new ImapParseError(`unknown store modifier ${modifier}`);
      unchangedSince = modifiers.number64('UNCHANGEDSINCE value');
    }
  }
  const item = cursor.keyword('store item');
  const match = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
  if (match === null) throw new ImapParseError(`invalid store item ${item.slice(0, 40)}`);
  const operation: StoreOperation = match[1] === '+' ? 'add' : match[1] === '-' ? 'remove' : 'set';
  const flags: string[] = [];
  if (cursor.peek()?.kind === 'list') {
    flags.push(...cursor.flagList('flag list'));
  } else {
    while (!cursor.done) flags.push(cursor.flag('flag'));
    if (flags.length === 0) throw new ImapParseError('missing flags');
  }
  cursor.end();
  return {
    name: 'STORE',
    uid,
    sequenceSet,
    operation,
    silent: match[2] !== undefined,
    flags,
    unchangedSince,
  };
}
