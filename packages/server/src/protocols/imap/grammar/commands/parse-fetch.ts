/**
 * FETCH / UID FETCH (RFC 9051 §6.4.5, RFC 3501 §6.4.5): macros ALL/FAST/FULL expanded, body
 * sections and partials, BINARY/BINARY.PEEK/BINARY.SIZE (RFC 3516), MODSEQ and the CHANGEDSINCE /
 * VANISHED modifiers (RFC 7162 §3.1.4, §3.2.6), PARTIAL (RFC 9394 §3.2), PREVIEW (RFC 8970) and SAVEDATE (RFC 8514). UID FETCH always implies the UID item (RFC 9051 §6.4.9).
 */

import { ArgCursor } from '../arg-cursor.ts';
import { parseSectionSpec, type BodySection } from '../body-section.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';
import type { SequenceSet } from '../sequence-set.ts';
import { readPartialRange, type PartialRange } from './parse-search.ts';

/** `<origin.length>` of a partial fetch. */
export interface FetchPartial {
  readonly offset: number;
  readonly length: number;
}

export type SimpleFetchAttributeName =
  | 'FLAGS'
  | 'INTERNALDATE'
  | 'RFC822.SIZE'
  | 'ENVELOPE'
  | 'BODY'
  | 'BODYSTRUCTURE'
  | 'UID'
  | 'MODSEQ'
  | 'RFC822'
  | 'RFC822.HEADER'
  | 'RFC822.TEXT'
  | 'PREVIEW'
  | 'EMAILID'
  | 'THREADID'
  | 'SAVEDATE';

export type FetchAttribute =
  | { readonly kind: SimpleFetchAttributeName }
  /** `BODY[section]<partial>` or, with `peek`, `BODY.PEEK[...]` (does not set \Seen). */
  | {
      readonly kind: 'BODY[]';
      readonly peek: boolean;
      readonly section: BodySection;
      readonly partial: FetchPartial | null;
    }
  /** `BINARY[part]<partial>` / `BINARY.PEEK[...]`: the part with its transfer encoding removed. */
  | {
      readonly kind: 'BINARY[]';
      readonly peek: boolean;
      readonly part: readonly number[];
      readonly partial: FetchPartial | null;
    }
  | { readonly kind: 'BINARY.SIZE'; readonly part: readonly number[] };

export interface FetchCommand {
  readonly name: 'FETCH';
  readonly uid: boolean;
  readonly sequenceSet: SequenceSet;
  /** Requested items in order, macros expanded, duplicates kept out. */
  readonly attributes: readonly FetchAttribute[];
  /** CHANGEDSINCE modifier (RFC 7162); null when absent. */
  readonly changedSince: number | null;
  /** VANISHED modifier (RFC 7162 §3.2.6, UID FETCH only). */
  readonly vanished: boolean;
  /** PARTIAL modifier (RFC 9394 §3.2): only the messages at these positions of the set; null when absent. */
  readonly partial: PartialRange | null;
}

const simpleNames: readonly SimpleFetchAttributeName[] = [
  'FLAGS',
  'INTERNALDATE',
  'RFC822.SIZE',
  'ENVELOPE',
  'BODY',
  'BODYSTRUCTURE',
  'UID',
  'MODSEQ',
  'RFC822',
  'RFC822.HEADER',
  'RFC822.TEXT',
  'PREVIEW',
  'EMAILID',
  'THREADID',
  'SAVEDATE',
];

const macros: Readonly<Record<string, readonly SimpleFetchAttributeName[]>> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

function parsePartial(text: string | undefined): FetchPartial | null {
  if (text === undefined) return null;
  const match = /^<([0-9]{1,10})\.([0-9]{1,10})>$/.exec(text);
  if (match === null) throw new ImapParseError('invalid partial');
  const offset = Number(match[1]);
  const length = Number(match[2]);
  if (length === 0 || offset > 0xffffffff || length > 0xffffffff) throw new ImapParseError('invalid partial');
  return { offset, length };
}

function parseBinaryPart(spec: string): number[] {
  if (spec === '') return [];
  if (!/^[1-9][0-9]{0,9}(\.[1-9][0-9]{0,9})*$/.test(spec)) throw new ImapParseError('invalid BINARY section');
  return spec.split('.').map(Number);
}

/** Parses one fetch-att atom. */
export function parseFetchAttribute(text: string): FetchAttribute {
  const upper = text.toUpperCase();
  const simple = simpleNames.find((n) => n === upper);
  if (simple !== undefined) return { kind: simple };
  const match = /^(BODY|BODY\.PEEK|BINARY|BINARY\.PEEK|BINARY\.SIZE)\[(.*)\](<[^>]*>)?$/is.exec(text);
  if (match === null) throw new ImapParseError(`unknown fetch attribute ${text.slice(0, 40)}`);
  const item = (match[1] ?? '').toUpperCase();
  const spec = match[2] ?? '';
  const partial = parsePartial(match[3]);
  if (item === 'BODY' || item === 'BODY.PEEK') {
    const section = parseSectionSpec(spec);
    if (section === null) throw new ImapParseError(`invalid section [${spec.slice(0, 40)}]`);
    return { kind: 'BODY[]', peek: item === 'BODY.PEEK', section, partial };
  }
  const part = parseBinaryPart(spec);
  if (item === 'BINARY.SIZE') {
    if (partial !== null) throw new ImapParseError('BINARY.SIZE takes no partial');
    return { kind: 'BINARY.SIZE', part };
  }
  return { kind: 'BINARY[]', peek: item === 'BINARY.PEEK', part, partial };
}

function sameAttribute(a: FetchAttribute, b: FetchAttribute): boolean {
  return a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b);
}

interface FetchModifiers {
  readonly changedSince: number | null;
  readonly vanished: boolean;
  readonly partial: PartialRange | null;
}

function readModifiers(cursor: ArgCursor, uid: boolean): FetchModifiers {
  let changedSince: number | null = null;
  let vanished = false;
  let partial: PartialRange | null = null;
  if (!cursor.done) {
    const list = cursor.list('fetch modifiers');
    while (!list.done) {
      const modifier = list.keyword('fetch modifier');
      if (modifier === 'CHANGEDSINCE') changedSince = list.number64('CHANGEDSINCE value');
      else if (modifier === 'VANISHED') vanished = true;
      else if (modifier === 'PARTIAL') partial = readPartialRange(list.atom('partial range'));
      else throw new ImapParseError(`unknown fetch modifier ${modifier}`);
    }
  }
  cursor.end();
  // RFC 7162 §3.2.6: VANISHED needs UID FETCH and CHANGEDSINCE.
  if (vanished && (!uid || changedSince === null))
    throw new ImapParseError('VANISHED needs UID FETCH and CHANGEDSINCE');
  return { changedSince, vanished, partial };
}

export function parseFetch(args: readonly ImapValue[], uid: boolean): FetchCommand {
  const cursor = new ArgCursor(args);
  const sequenceSet = cursor.sequenceSet('sequence set');
  const items = cursor.next('fetch attributes');
  const attributes: FetchAttribute[] = [];
  const add = (attribute: FetchAttribute): void => {
    if (!attributes.some((a) => sameAttribute(a, attribute))) attributes.push(attribute);
  };
  if (items.kind === 'list') {
    const list = new ArgCursor(items.items);
    while (!list.done) {
      const attribute = parseFetchAttribute(list.atom('fetch attribute'));
      add(attribute);
      // RFC 8970 §4: `PREVIEW (LAZY)`; the preview is always computed, so LAZY changes nothing.
      if (attribute.kind === 'PREVIEW' && list.peek()?.kind === 'list') {
        const modifiers = list.list('preview modifiers');
        while (!modifiers.done) {
          const modifier = modifiers.keyword('preview modifier');
          if (modifier !== 'LAZY') throw new ImapParseError(`unknown preview modifier ${modifier}`);
        }
      }
    }
    if (attributes.length === 0) throw new ImapParseError('empty fetch attribute list');
  } else if (items.kind === 'atom') {
    const macro = macros[items.value.toUpperCase()];
    if (macro !== undefined) for (const kind of macro) add({ kind });
    else add(parseFetchAttribute(items.value));
  } else {
    throw new ImapParseError('fetch attributes: expected an atom or a list');
  }
  if (uid) add({ kind: 'UID' });
  const { changedSince, vanished, partial } = readModifiers(cursor, uid);
  // RFC 7162 §3.1.4.1: CHANGEDSINCE implies MODSEQ in the response.
  if (changedSince !== null) add({ kind: 'MODSEQ' });
  return { name: 'FETCH', uid, sequenceSet, attributes, changedSince, vanished, partial };
}
